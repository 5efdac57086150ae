"""Who may do what with consultations, contributions and events.

Reading is public. The secretariat (with its second factor) manages consultations and events and
records any contribution at any time. Members of an organisation submit their organisation's written
comments while a consultation is open, and may correct or withdraw them while it stays open; whether
it is open is checked by the services, which say so clearly rather than answering "forbidden".
"""

from __future__ import annotations

from typing import Any

from accounts import roles as portal_roles
from consultations.models import Contribution
from stakeholders import roles
from wsis_portal.permissions import rule


@rule("consultations.consultation.view")
def consultation_view(user: Any, obj: Any) -> bool:
    return True


@rule("consultations.consultation.manage")
def consultation_manage(user: Any, obj: Any) -> bool:
    return portal_roles.is_secretariat(user)


@rule("consultations.contribution.submit")
def contribution_submit(user: Any, obj: Any) -> bool:
    """obj is the organisation it is submitted for; None asks "for any organisation at all"."""
    if not user.is_authenticated:
        return False
    if obj is None:
        return bool(roles.organisation_roles(user))
    return roles.is_member(user, obj)


@rule("consultations.contribution.record")
def contribution_record(user: Any, obj: Any) -> bool:
    """Recording for anyone, with any group, channel and date, also after closing."""
    return portal_roles.is_secretariat(user)


@rule("consultations.contribution.change")
def contribution_change(user: Any, obj: Any) -> bool:
    """The secretariat; or, for a web submission, its author while a member and the organisation's
    focal points and administrators (the services add: only while the consultation is open)."""
    if portal_roles.is_secretariat(user):
        return True
    if not isinstance(obj, Contribution) or obj.recorded_by_secretariat or obj.organisation_id is None:
        return False
    role = roles.role_in(user, obj.organisation)
    return role in roles.FOCAL_ROLES or (role is not None and obj.submitted_by_id == user.pk)


@rule("consultations.audit")
def audit_view(user: Any, obj: Any) -> bool:
    """The audit trail (who changed what) of consultations, contributions and events."""
    return portal_roles.is_secretariat(user)


@rule("consultations.event.view")
def event_view(user: Any, obj: Any) -> bool:
    return True


@rule("consultations.event.manage")
def event_manage(user: Any, obj: Any) -> bool:
    return portal_roles.is_secretariat(user)
