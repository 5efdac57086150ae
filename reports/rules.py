"""Who may do what in the reporting cycle. State rules (what can be done to a report in its state)
live in the services; these rules answer who may act at all."""

from __future__ import annotations

from typing import Any

from accounts import roles as portal_roles
from stakeholders import roles
from wsis_portal.permissions import rule


@rule("reports.cycle.manage")
def cycle_manage(user: Any, obj: Any) -> bool:
    """Open and close cycles, invite entities, see the dashboard: the secretariat only."""
    return portal_roles.is_secretariat(user)


@rule("reports.report.list_mine")
def report_list_mine(user: Any, obj: Any) -> bool:
    """The "my reports" page: anyone who belongs to an organisation."""
    return bool(user.is_authenticated and roles.organisation_roles(user))


@rule("reports.report.view")
def report_view(user: Any, obj: Any) -> bool:
    """An unpublished report: the secretariat and the members of the reporting organisation."""
    if portal_roles.is_secretariat(user):
        return True
    return obj is not None and roles.is_member(user, obj.organisation)


@rule("reports.report.edit")
def report_edit(user: Any, obj: Any) -> bool:
    """Draft, save, copy forward, submit, resubmit, attach: the organisation's focal points and admins."""
    return obj is not None and roles.is_focal_point(user, obj.organisation)


@rule("reports.report.review")
def report_review(user: Any, obj: Any) -> bool:
    """Comment, request changes, accept: the secretariat."""
    return portal_roles.is_secretariat(user)


@rule("reports.report.unlock")
def report_unlock(user: Any, obj: Any) -> bool:
    return portal_roles.is_secretariat(user)


@rule("reports.comment.resolve")
def comment_resolve(user: Any, obj: Any) -> bool:
    """obj: a ReviewComment. The secretariat, or a focal point of the report's organisation."""
    if portal_roles.is_secretariat(user):
        return True
    return obj is not None and roles.is_focal_point(user, obj.report.organisation)
