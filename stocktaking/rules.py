from __future__ import annotations

from typing import Any

from accounts import roles as portal_roles
from stakeholders import roles
from stocktaking.models import Entry
from wsis_portal.permissions import rule


def _edits_for_organisation(user: Any, entry: Entry) -> bool:
    """The owner while a member, and the organisation's focal points and administrators."""
    role = roles.role_in(user, entry.organisation)
    return role in roles.FOCAL_ROLES or (role is not None and entry.owner_id == user.pk)


@rule("stocktaking.entry.view")
def entry_view(user: Any, obj: Any) -> bool:
    if obj is None or obj.state == Entry.State.PUBLISHED:
        return True
    return portal_roles.is_secretariat(user) or roles.is_member(user, obj.organisation)


@rule("stocktaking.entry.create")
def entry_create(user: Any, obj: Any) -> bool:
    """obj is the organisation the entry is for; None asks "for any organisation at all"."""
    if not user.is_authenticated:
        return False
    if obj is None:
        return bool(roles.organisation_roles(user))
    return roles.is_member(user, obj)


@rule("stocktaking.entry.edit")
def entry_edit(user: Any, obj: Any) -> bool:
    if obj is None or obj.state == Entry.State.REJECTED:
        return False
    return portal_roles.is_secretariat(user) or _edits_for_organisation(user, obj)


@rule("stocktaking.entry.moderate")
def entry_moderate(user: Any, obj: Any) -> bool:
    return portal_roles.is_secretariat(user)


@rule("stocktaking.entry.audit")
def entry_audit(user: Any, obj: Any) -> bool:
    """The full audit trail (drafts, reasons, who did what); published versions are public."""
    return portal_roles.is_secretariat(user) or (obj is not None and roles.is_member(user, obj.organisation))
