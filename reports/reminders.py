"""Deadline reminders of the reporting cycle, sent by Celery beat (settings.CELERY_BEAT_SCHEDULE).

Each open cycle has a reminder schedule in days relative to its deadline (-21, -7, -1, 7, 14 by
default). Once a day the task finds, per cycle, the latest step that has come (a worker that was down
on the day catches up with that step only, never with a burst of old ones) and e-mails every focal
point of an organisation whose report is not yet submitted: one e-mail per person, listing all their
pending reports with links to the forms. Each e-mail is recorded (ReminderSent), and a person already
recorded for a cycle's step is not reminded again for it.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reports import notifications
from reports.models import ActivityReport, ReportingCycle
from reports.reminder_models import ReminderSent
from stakeholders import roles

logger = logging.getLogger(__name__)


def due_step(cycle: ReportingCycle, today: datetime.date) -> int | None:
    """The latest step of the cycle's schedule whose day has come, or None before the first one."""
    due = [step for step in cycle.reminder_days if cycle.deadline + datetime.timedelta(days=step) <= today]
    return max(due) if due else None


def pending_reports(cycle: ReportingCycle) -> list[ActivityReport]:
    """The cycle's reports not yet submitted (never handed to the secretariat). 1 query."""
    return list(
        ActivityReport.objects.filter(cycle=cycle, state=ActivityReport.State.DRAFT, submitted_at__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name_en")
    )


def _link(name: str, **kwargs: Any) -> str:
    return settings.SITE_URL + reverse(name, kwargs=kwargs)


def send_cycle_reminders(cycle: ReportingCycle, *, today: datetime.date | None = None) -> int:
    """Send this cycle's due reminders; returns the number of e-mails sent."""
    today = today or timezone.localdate()
    step = due_step(cycle, today)
    if step is None or not cycle.is_open:
        return 0
    reports = pending_reports(cycle)
    by_organisation: dict[int, list[ActivityReport]] = {}
    for report in reports:
        by_organisation.setdefault(report.organisation_id, []).append(report)
    already = set(ReminderSent.objects.filter(cycle=cycle, step=step).values_list("recipient_id", flat=True))
    sent = 0
    for person in notifications.focal_points(list(by_organisation)):
        if person.pk in already:
            continue
        focal_in = {org for org, role in roles.organisation_roles(person).items() if role in roles.FOCAL_ROLES}
        mine = [report for org in sorted(focal_in) for report in by_organisation.get(org, [])]
        if mine and _remind(cycle, step, person, mine, today):
            sent += 1
    return sent


def _remind(cycle: ReportingCycle, step: int, person: Any, reports: list[ActivityReport], today: datetime.date) -> bool:
    """Record, then send, one person's reminder; the unique record makes a concurrent run skip it."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                cycle=cycle, step=step, recipient=person, email=person.email, report_ids=[r.pk for r in reports]
            )
            with translation.override(person.preferred_language):
                days_left = (cycle.deadline - today).days
                context = {
                    "person": person,
                    "cycle": cycle,
                    "days_left": days_left,
                    "days_late": -days_left,
                    "reports": [{"report": r, "link": _link("reports:report-edit", pk=r.pk)} for r in reports],
                    "mine_link": _link("reports:mine"),
                }
                body = render_to_string("reports/email/reminder.txt", context)
                if days_left >= 0:
                    subject = _("Reminder: your WSIS activity report %(year)s is due on %(deadline)s")
                else:
                    subject = _("Overdue: your WSIS activity report %(year)s was due on %(deadline)s")
                subject %= {"year": cycle.year, "deadline": cycle.deadline.isoformat()}
                # Inside the transaction: if the mail server refuses, the record is rolled back and
                # the next run tries again.
                send_mail(subject, body, None, [person.email])
    except IntegrityError:
        return False  # another run recorded this person for this step meanwhile
    return True


@shared_task(name="reports.send_reminders", ignore_result=True)
def send_reminders() -> int:
    """Beat's daily task: the due reminders of every open cycle. Idempotent: run it as often as you like."""
    sent = 0
    for cycle in ReportingCycle.objects.filter(state=ReportingCycle.State.OPEN).order_by("year"):
        sent += send_cycle_reminders(cycle)
    logger.info("reports.send_reminders: %d e-mails sent", sent)
    return sent
