"""E-mails at each transition: enqueued after commit, written by the Celery task to the right people."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from reports import notifications, services
from reports.models import ActivityReport, ReportingCycle
from tests.reports.conftest import itu_content

pytestmark = pytest.mark.django_db


def _run(callbacks: list[Any]) -> list[dict[str, Any]]:
    """Run the tasks the transaction enqueued, in this process, as the worker would; return their kwargs."""
    ran = []
    for callback in callbacks:
        task = callback.func.__self__  # partial(task.delay, **kwargs)
        task.apply(kwargs=callback.keywords).get()
        ran.append({"task": task.name, **callback.keywords})
    return ran


def test_opening_a_cycle_mails_each_focal_point_once(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any, cycle_kwargs: dict[str, Any]
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        cycle = services.cycle_open(by=people["secretariat"], **cycle_kwargs)
    ran = _run(callbacks)
    assert ran == [{"task": "reports.notify_invited", "cycle_id": cycle.pk}]
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([people["facilitator"].email, people["commission"].email])
    itu_mail = next(m for m in mail.outbox if m.to == [people["facilitator"].email])
    report = cycle.reports.get(organisation__code="ITU")
    assert f"/reports/{report.pk}/edit/" in itu_mail.body and str(cycle.year) in itu_mail.subject


def test_each_transition_mails_the_people_concerned(
    cycle: ReportingCycle, people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    report = cycle.reports.get(organisation__code="ITU")
    reviewers = sorted(
        [people["secretariat"].email, people["administrator"].email, people["secretariat_without_2fa"].email]
    )
    services.report_save(report=report, by=people["facilitator"], data=itu_content(), version=report.version)

    def step(action: Any) -> list[Any]:
        mail.outbox.clear()
        with django_capture_on_commit_callbacks() as callbacks:
            action()
        _run(callbacks)
        return list(mail.outbox)

    sent = step(lambda: services.report_submit(report=report, by=people["facilitator"]))
    assert sorted(m.to[0] for m in sent) == reviewers
    assert f"/reports/{report.pk}/review/" in sent[0].body and "waits for your review" in sent[0].body

    sent = step(
        lambda: services.report_request_changes(
            report=report, by=people["secretariat"], comments=[{"section": "line:C2", "text": "Count the pledges."}]
        )
    )
    assert [m.to for m in sent] == [[people["facilitator"].email]]
    assert "Action line C2: Count the pledges." in sent[0].body and f"/reports/{report.pk}/" in sent[0].body

    sent = step(lambda: services.report_resubmit(report=report, by=people["facilitator"]))
    assert sorted(m.to[0] for m in sent) == reviewers and "resubmitted" in sent[0].body

    sent = step(lambda: services.report_accept(report=report, by=people["secretariat"]))
    assert [m.to for m in sent] == [[people["facilitator"].email]]
    assert f"accepted by {people['secretariat']}" in sent[0].body

    sent = step(lambda: services.report_unlock(report=report, by=people["secretariat"], reason="Typo in C2."))
    assert [m.to for m in sent] == [[people["facilitator"].email]] and "Typo in C2." in sent[0].body


def test_nothing_is_sent_when_the_transition_fails(
    cycle: ReportingCycle, people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    from wsis_portal.errors import ApplicationError

    report = cycle.reports.get(organisation__code="ITU")
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ApplicationError):
        services.report_submit(report=report, by=people["facilitator"])  # incomplete
    assert callbacks == []


def test_late_submission_is_said_in_the_mail(cycle: ReportingCycle, people: dict[str, Any]) -> None:
    import datetime

    from django.utils import timezone

    ReportingCycle.objects.filter(pk=cycle.pk).update(deadline=timezone.localdate() - datetime.timedelta(days=3))
    report = ActivityReport.objects.get(cycle=cycle, organisation__code="ITU")
    services.report_save(report=report, by=people["facilitator"], data=itu_content(), version=report.version)
    services.report_submit(report=report, by=people["facilitator"])
    notifications.notify_report(report_id=report.pk, action="submitted")
    assert "after the deadline" in mail.outbox[-1].body
    with pytest.raises(ValueError, match="Unknown report action"):
        notifications.notify_report(report_id=report.pk, action="bogus")
