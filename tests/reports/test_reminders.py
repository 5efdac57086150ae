"""Deadline reminders: the step due, only entities that have not submitted, one e-mail per person
listing all their pending reports, each sending recorded and never repeated; and a real worker."""

from __future__ import annotations

import datetime
import time
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from reports import reminders, services
from reports.models import ActivityReport, ReportingCycle
from reports.reminder_models import ReminderSent
from stakeholders.models import Membership, Organisation
from tests.factories import MembershipFactory
from tests.reports.conftest import LAST_YEAR, itu_content

pytestmark = pytest.mark.django_db


def _day(cycle: ReportingCycle, step: int) -> datetime.date:
    return cycle.deadline + datetime.timedelta(days=step)


def test_due_step_is_the_latest_step_whose_day_has_come(cycle: ReportingCycle) -> None:
    assert cycle.reminder_days == [-21, -7, -1, 7, 14]
    assert reminders.due_step(cycle, _day(cycle, -22)) is None
    assert reminders.due_step(cycle, _day(cycle, -21)) == -21
    assert reminders.due_step(cycle, _day(cycle, -8)) == -21
    assert reminders.due_step(cycle, _day(cycle, 0)) == -1
    assert reminders.due_step(cycle, _day(cycle, 30)) == 14


def test_nothing_is_sent_before_the_first_step(cycle: ReportingCycle, people: dict[str, Any]) -> None:
    assert reminders.send_cycle_reminders(cycle, today=_day(cycle, -30)) == 0
    assert mail.outbox == [] and not ReminderSent.objects.exists()


def test_one_email_per_focal_point_listing_all_their_pending_reports(
    cycle: ReportingCycle, people: dict[str, Any]
) -> None:
    # The ITU focal point is also focal point of WHO: one e-mail lists both reports.
    MembershipFactory(
        user=people["facilitator"], organisation=Organisation.objects.get(code="WHO"), role=Membership.Role.FOCAL_POINT
    )
    mail.outbox.clear()
    sent = reminders.send_cycle_reminders(cycle, today=_day(cycle, -7))
    assert sent == 2  # the ITU/WHO focal point and the ESCWA focal point
    to_itu = next(m for m in mail.outbox if m.to == [people["facilitator"].email])
    assert "is due on" in to_itu.subject and str(LAST_YEAR) in to_itu.subject
    itu, who = (cycle.reports.get(organisation__code=code) for code in ("ITU", "WHO"))
    assert f"/reports/{itu.pk}/edit/" in to_itu.body and f"/reports/{who.pk}/edit/" in to_itu.body
    assert "due in 7 days" in to_itu.body
    record = ReminderSent.objects.get(recipient=people["facilitator"])
    assert record.step == -7 and sorted(record.report_ids) == sorted([itu.pk, who.pk])
    # contributors and people of organisations without a pending report get nothing
    assert people["contributor"].email not in {address for m in mail.outbox for address in m.to}


def test_nobody_is_reminded_twice_for_the_same_step(cycle: ReportingCycle, people: dict[str, Any]) -> None:
    assert reminders.send_cycle_reminders(cycle, today=_day(cycle, -7)) == 2
    mail.outbox.clear()
    assert reminders.send_cycle_reminders(cycle, today=_day(cycle, -6)) == 0  # same step, next day
    assert mail.outbox == []
    assert reminders.send_cycle_reminders(cycle, today=_day(cycle, -1)) == 2  # the next step
    assert ReminderSent.objects.filter(cycle=cycle).count() == 4


def test_entities_that_submitted_are_not_reminded(
    cycle: ReportingCycle, itu_report: ActivityReport, people: dict[str, Any]
) -> None:
    services.report_save(report=itu_report, by=people["facilitator"], data=itu_content(), version=1)
    services.report_submit(report=itu_report, by=people["facilitator"])
    mail.outbox.clear()
    assert reminders.send_cycle_reminders(cycle, today=_day(cycle, 7)) == 1
    [message] = mail.outbox
    assert message.to == [people["commission"].email]
    assert message.subject.startswith("Overdue") and "marked late" in message.body


def test_reminders_speak_the_persons_language(cycle: ReportingCycle, people: dict[str, Any]) -> None:
    people["commission"].preferred_language = "fr"
    people["commission"].save()
    reminders.send_cycle_reminders(cycle, today=_day(cycle, -7))
    to_escwa = next(m for m in mail.outbox if m.to == [people["commission"].email])
    assert "/fr/reports/" in to_escwa.body


def test_closed_cycles_send_nothing(cycle: ReportingCycle, people: dict[str, Any]) -> None:
    services.cycle_close(cycle=cycle, by=people["secretariat"])
    mail.outbox.clear()
    assert reminders.send_reminders.apply().get() == 0
    assert mail.outbox == []


def test_the_task_is_on_beats_daily_schedule(settings: Any) -> None:
    entry = settings.CELERY_BEAT_SCHEDULE["reports-send-reminders"]
    assert entry["task"] == reminders.send_reminders.name == "reports.send_reminders"
    assert "reports.reminders" in settings.CELERY_IMPORTS


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_real_worker_sends_the_reminders(worker: Any, live_reference_data: None, people: dict[str, Any]) -> None:
    deadline = timezone.localdate() + datetime.timedelta(days=5)  # today is past step -7
    cycle = services.cycle_open(
        year=LAST_YEAR, session="twenty-ninth session, 2026", deadline=deadline, by=people["secretariat"]
    )
    reminders.send_reminders.delay()
    limit = time.monotonic() + 60
    while ReminderSent.objects.filter(cycle=cycle).count() < 2:
        assert worker.poll() is None, "the worker exited"
        assert time.monotonic() < limit, "the worker sent no reminders within 60 s"
        time.sleep(0.3)
    recipients = set(ReminderSent.objects.filter(cycle=cycle, step=-7).values_list("email", flat=True))
    assert recipients == {people["facilitator"].email, people["commission"].email}


def test_the_secretariat_sees_the_reminders_sent_through_the_api(
    cycle: ReportingCycle, client_for: Any, people: dict[str, Any], django_assert_num_queries: Any
) -> None:
    reminders.send_cycle_reminders(cycle, today=_day(cycle, -7))
    client = client_for("secretariat")
    url = f"/api/v1/reporting-cycles/{LAST_YEAR}/reminders/"
    client.get(url)
    # session, user, OTP device; the cycle; the reminders
    with django_assert_num_queries(5):
        rows = client.get(url).json()
    assert {(row["step"], row["email"]) for row in rows} == {
        (-7, people["facilitator"].email),
        (-7, people["commission"].email),
    }
    assert client_for("facilitator").get(url).status_code == 403
