"""Rules of the public side of the reporting cycle (publication, the list of cycles); the rules of
drafting and review are in reports/rules.py."""

from __future__ import annotations

from typing import Any

from accounts import roles as portal_roles
from stakeholders import roles
from wsis_portal.permissions import rule


@rule("reports.cycle.view")
def cycle_view(user: Any, obj: Any) -> bool:
    """A cycle's year, session, deadline and symbols are public, as the CSTD's call for inputs is."""
    return True


@rule("reports.published.view")
def published_view(user: Any, obj: Any) -> bool:
    """Published (accepted) reports are public; which reports are published is the selector's filter
    (reports.publication.published_reports), so that a list never leaks an unpublished one."""
    return True


@rule("reports.report.list")
def report_list(user: Any, obj: Any) -> bool:
    """The API's list of reports: the secretariat (all of them) and members of an organisation (theirs)."""
    return portal_roles.is_secretariat(user) or bool(user.is_authenticated and roles.organisation_roles(user))
