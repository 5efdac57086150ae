"""A user's roles inside organisations, read once per request and kept on the user object."""

from __future__ import annotations

from typing import Any

from stakeholders.models import Membership, Organisation

FOCAL_ROLES = (Membership.Role.FOCAL_POINT, Membership.Role.ADMIN)


def organisation_roles(user: Any) -> dict[int, str]:
    """{organisation id: role} for the user's memberships (1 query, then cached on the user)."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_organisation_roles", None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        user._organisation_roles = cached
    return cached


def forget(user: Any) -> None:
    """Drop the cached roles after memberships change within the same request."""
    if hasattr(user, "_organisation_roles"):
        del user._organisation_roles


def role_in(user: Any, organisation: Organisation | None) -> str | None:
    if organisation is None:
        return None
    return organisation_roles(user).get(organisation.pk)


def is_member(user: Any, organisation: Organisation | None) -> bool:
    return role_in(user, organisation) is not None


def is_focal_point(user: Any, organisation: Organisation | None) -> bool:
    return role_in(user, organisation) in FOCAL_ROLES


def is_organisation_admin(user: Any, organisation: Organisation | None) -> bool:
    return role_in(user, organisation) == Membership.Role.ADMIN


def is_commission_focal_point(user: Any) -> bool:
    """Focal point of one of the five UN regional commissions."""
    focal_ids = [org_id for org_id, role in organisation_roles(user).items() if role in FOCAL_ROLES]
    return bool(focal_ids) and Organisation.objects.filter(pk__in=focal_ids, is_regional_commission=True).exists()
