from __future__ import annotations

from typing import Any

from accounts import roles as portal_roles
from stakeholders import roles
from stakeholders.models import JoinRequest
from wsis_portal.permissions import rule


@rule("stakeholders.organisation.view")
def organisation_view(user: Any, obj: Any) -> bool:
    return True  # the register of organisations is public


@rule("stakeholders.organisation.change")
def organisation_change(user: Any, obj: Any) -> bool:
    return portal_roles.is_secretariat(user) or roles.is_organisation_admin(user, obj)


@rule("stakeholders.membership.view")
def membership_view(user: Any, obj: Any) -> bool:
    """Who belongs to an organisation: its members and the secretariat, not the public."""
    return portal_roles.is_secretariat(user) or roles.is_member(user, obj)


@rule("stakeholders.membership.manage")
def membership_manage(user: Any, obj: Any) -> bool:
    return portal_roles.is_secretariat(user) or roles.is_organisation_admin(user, obj)


@rule("stakeholders.organisation.history")
def organisation_history(user: Any, obj: Any) -> bool:
    return portal_roles.is_secretariat(user) or roles.is_focal_point(user, obj)


@rule("stakeholders.joinrequest.create")
def joinrequest_create(user: Any, obj: Any) -> bool:
    return user.is_authenticated


@rule("stakeholders.joinrequest.withdraw")
def joinrequest_withdraw(user: Any, obj: Any) -> bool:
    return (
        user.is_authenticated and obj is not None and obj.user_id == user.pk and obj.state == JoinRequest.State.PENDING
    )


@rule("stakeholders.joinrequest.decide")
def joinrequest_decide(user: Any, obj: Any) -> bool:
    return portal_roles.is_secretariat(user)
