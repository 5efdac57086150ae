"""E-mails of the reporting cycle, sent by the Celery worker after the transaction that caused them.

Focal points (and administrators) of the reporting organisation hear of invitations, requested changes,
acceptance and unlocking; the secretariat hears of submissions and resubmissions. One e-mail per
person, in that person's language, with a link to the page where they act.
"""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from stakeholders import roles

TO_SECRETARIAT = ("submitted", "resubmitted")
TO_FOCAL_POINTS = ("changes_requested", "accepted", "unlocked")


def focal_points(organisation_ids: list[int]) -> list[User]:
    """Active focal points and administrators of these organisations (1 query)."""
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation_id__in=organisation_ids,
            memberships__role__in=roles.FOCAL_ROLES,
        )
        .distinct()
        .order_by("email")
    )


def reviewers() -> list[User]:
    return list(
        User.objects.filter(role__in=[User.Role.SECRETARIAT, User.Role.ADMINISTRATOR], is_active=True).order_by("email")
    )


def _link(name: str, **kwargs: Any) -> str:
    return settings.SITE_URL + reverse(name, kwargs=kwargs)


@shared_task(name="reports.notify_invited", ignore_result=True)
def notify_invited(*, cycle_id: int, organisation_ids: list[int] | None = None) -> int:
    """Tell the focal points of invited organisations that the cycle is open: one e-mail per person,
    listing every report they are asked for. Returns the number of e-mails sent."""
    from reports.models import ActivityReport, ReportingCycle

    cycle = ReportingCycle.objects.get(pk=cycle_id)
    reports = ActivityReport.objects.filter(cycle=cycle).select_related("organisation")
    if organisation_ids is not None:
        reports = reports.filter(organisation_id__in=organisation_ids)
    by_organisation = {report.organisation_id: report for report in reports}
    sent = 0
    for person in focal_points(list(by_organisation)):
        person_orgs = set(
            person.memberships.filter(role__in=roles.FOCAL_ROLES).values_list("organisation_id", flat=True)
        )
        mine = [report for org_id, report in by_organisation.items() if org_id in person_orgs]
        with translation.override(person.preferred_language):
            context = {
                "person": person,
                "cycle": cycle,
                "reports": [{"report": r, "link": _link("reports:report-edit", pk=r.pk)} for r in mine],
                "mine_link": _link("reports:mine"),
            }
            body = render_to_string("reports/email/invitation.txt", context)
            subject = _("WSIS reporting cycle %(year)s: your report is requested by %(deadline)s") % {
                "year": cycle.year,
                "deadline": cycle.deadline.isoformat(),
            }
            send_mail(subject, body, None, [person.email])
        sent += 1
    return sent


@shared_task(name="reports.notify_report", ignore_result=True)
def notify_report(*, report_id: int, action: str) -> int:
    """Tell the people concerned that a report changed state. Returns the number of e-mails sent."""
    from reports.models import ActivityReport

    report = ActivityReport.objects.select_related("organisation", "cycle", "accepted_by").get(pk=report_id)
    if action in TO_SECRETARIAT:
        recipients, link = reviewers(), _link("reports:report-review", pk=report.pk)
    elif action in TO_FOCAL_POINTS:
        recipients, link = focal_points([report.organisation_id]), _link("reports:report-detail", pk=report.pk)
    else:
        raise ValueError(f"Unknown report action {action!r}")
    from reports import content as report_content

    comments = list(report.comments.filter(resolved=False).order_by("created_at")) if action in TO_FOCAL_POINTS else []
    labels = report_content.section_labels(report_content.line_codes(report))
    for person in recipients:
        with translation.override(person.preferred_language):
            named = [{"section": labels.get(c.section, c.section), "text": c.text} for c in comments]
            context = {"report": report, "action": action, "link": link, "comments": named}
            body = render_to_string("reports/email/report_event.txt", context)
            subject = _("WSIS activity report %(year)s of %(org)s: %(state)s") % {
                "year": report.cycle.year,
                "org": report.organisation.acronym or report.organisation.name_en,
                "state": report.get_state_display(),
            }
            send_mail(subject, body, None, [person.email])
    return len(recipients)
