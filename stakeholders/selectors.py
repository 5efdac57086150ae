from __future__ import annotations

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


def similar_organisations(*, name: str, limit: int = 5) -> list[Organisation]:
    """Registered organisations whose name shares a word with `name` (to spot duplicates)."""
    words = [word for word in name.split() if len(word) > 3][:4]
    if not words:
        return []
    condition = Q()
    for word in words:
        condition |= Q(name_en__icontains=word)
    return list(Organisation.objects.filter(condition).order_by("name_en")[:limit])


def my_organisations(*, user: Any) -> dict[str, Any]:
    """The user's memberships and join requests; 2 queries."""
    return {
        "memberships": list(user.memberships.select_related("organisation__stakeholder_type", "organisation__country")),
        "join_requests": list(user.join_requests.select_related("organisation", "decided_by").order_by("-created_at")),
    }
