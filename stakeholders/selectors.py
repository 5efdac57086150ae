from __future__ import annotations

import re
from typing import Any

from django.db.models import Count, Q, QuerySet

from stakeholders.models import JoinRequest, Membership, Organisation


def organisation_list(*, query: str = "", stakeholder_type: str = "", country: str = "") -> QuerySet[Organisation]:
    """Public register of organisations, filtered; 1 query per page (type and country joined)."""
    organisations = Organisation.objects.select_related("stakeholder_type", "country")
    if query:
        organisations = organisations.filter(
            Q(name_en__icontains=query)
            | Q(acronym__iexact=query)
            | Q(name_fr__icontains=query)
            | Q(name_es__icontains=query)
            | Q(name_ru__icontains=query)
            | Q(name_ar__icontains=query)
            | Q(name_zh__icontains=query)
        )
    if stakeholder_type:
        organisations = organisations.filter(stakeholder_type__code=stakeholder_type)
    if country:
        organisations = organisations.filter(country__iso3=country)
    return organisations.order_by("name_en")


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    """Members with their accounts; 1 query."""
    return organisation.memberships.select_related("user").order_by("role", "user__full_name")


def joinrequest_queue(*, state: str = JoinRequest.State.PENDING) -> QuerySet[JoinRequest]:
    """The screening queue, oldest first, with what the reviewer needs on one line; 1 query."""
    return (
        JoinRequest.objects.filter(state=state)
        .select_related(
            "user",
            "organisation__stakeholder_type",
            "organisation__country",
            "proposed_type",
            "proposed_country",
            "decided_by",
        )
        .annotate(
            organisation_members=Count("organisation__memberships", distinct=True),
            user_memberships=Count("user__memberships", distinct=True),
        )
        .order_by("created_at" if state == JoinRequest.State.PENDING else "-decided_at")
    )


def _name_words(name: str) -> list[str]:
    return [word for word in name.split() if len(word) > 3][:4]


def similar_organisations(*, name: str, limit: int = 5) -> list[Organisation]:
    """Registered organisations whose name shares a word with `name` (to spot duplicates); 1 query."""
    return similar_organisations_for(names=[name], limit=limit)[0]


def similar_organisations_for(*, names: list[str], limit: int = 5) -> list[list[Organisation]]:
    """For each name, up to `limit` registered organisations whose English name shares a word of more
    than three letters with it, by name. One query for all the names (none if no name has such a word)."""
    patterns = ["|".join(re.escape(word) for word in _name_words(name)) for name in names]
    wanted = [(index, pattern) for index, pattern in enumerate(patterns) if pattern]
    found: list[list[Organisation]] = [[] for _name in names]
    if not wanted:
        return found
    table = Organisation._meta.db_table
    rows = Organisation.objects.raw(
        f"""
        SELECT ranked.* FROM (
            SELECT o.*, wanted.position AS similar_to,
                   row_number() OVER (PARTITION BY wanted.position ORDER BY o.name_en, o.id) AS rank
            FROM unnest(%s::int[], %s::text[]) AS wanted(position, pattern)
            JOIN {table} o ON o.name_en ~* wanted.pattern
        ) ranked
        WHERE ranked.rank <= %s
        ORDER BY ranked.similar_to, ranked.rank
        """,  # noqa: S608 - the table name is the model's own; values are parameters
        [[index for index, _p in wanted], [pattern for _i, pattern in wanted], limit],
    )
    for organisation in rows:
        found[getattr(organisation, "similar_to")].append(organisation)  # noqa: B009 - a column of the SQL above
    return found


def my_organisations(*, user: Any) -> dict[str, Any]:
    """The user's memberships and join requests; 2 queries."""
    return {
        "memberships": list(user.memberships.select_related("organisation__stakeholder_type", "organisation__country")),
        "join_requests": list(user.join_requests.select_related("organisation", "decided_by").order_by("-created_at")),
    }
