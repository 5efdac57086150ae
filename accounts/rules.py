from __future__ import annotations

from typing import Any

from accounts import roles
from wsis_portal.permissions import rule


@rule("portal.admin.access")
def admin_access(user: Any, obj: Any) -> bool:
    return roles.is_secretariat(user)


@rule("accounts.user.manage")
def user_manage(user: Any, obj: Any) -> bool:
    return roles.is_administrator(user)


@rule("accounts.profile.edit")
def profile_edit(user: Any, obj: Any) -> bool:
    return user.is_authenticated and (obj is None or obj.pk == user.pk)


@rule("reference.change")
def reference_change(user: Any, obj: Any) -> bool:
    """Action lines, facilitation roles, countries, regions, SDGs: kept by the secretariat."""
    return roles.is_secretariat(user)


@rule("audit.view")
def audit_view(user: Any, obj: Any) -> bool:
    """The full audit trail of any object; organisations widen this in stakeholders.rules."""
    return roles.is_secretariat(user)
