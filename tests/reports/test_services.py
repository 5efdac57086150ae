"""The reporting cycle's services: opening, drafting, every transition allowed and denied, late
submission, locking, unlocking with a reason, copying forward, stale saves, progress into roadmaps."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from actionlines.models import MeasurableTarget, TargetProgress
from reports import content as report_content
from reports import services
from reports.models import ActivityReport, Invitation, ReportingCycle, ReportVersion, ReviewComment
from tests.reports.conftest import LAST_YEAR, escwa_content, itu_content
from wsis_portal.errors import ApplicationError

pytestmark = pytest.mark.django_db

EVERYONE = [
    "anonymous",
    "registered",
    "contributor",
    "organisation_admin",
    "facilitator",
    "commission",
    "secretariat",
    "administrator",
    "secretariat_without_2fa",
]


def _save(report: ActivityReport, by: Any, data: dict[str, Any]) -> ActivityReport:
    report.refresh_from_db()
    return services.report_save(report=report, by=by, data=data, version=report.version)


def _submitted(report: ActivityReport, people: dict[str, Any], role: str = "facilitator") -> ActivityReport:
    _save(report, people[role], itu_content() if role == "facilitator" else escwa_content())
    return services.report_submit(report=report, by=people[role])


# ------------------------------------------------------------------------------------------------ cycles


def test_opening_a_cycle_invites_the_years_facilitators_and_the_five_commissions(cycle: ReportingCycle) -> None:
    invitations = {i.organisation.code: i for i in cycle.invitations.select_related("organisation")}
    commissions = {"ECA", "ECE", "ECLAC", "ESCAP", "ESCWA"}
    assert commissions <= set(invitations)
    assert {"ITU", "UNESCO", "UNDESA", "UNCTAD", "UNDP", "WHO", "ILO", "WMO", "UNEP", "FAO", "ITC", "UPU"} <= set(
        invitations
    )
    assert all(invitations[c].kind == Invitation.Kind.REGIONAL_COMMISSION for c in commissions)
    assert invitations["WHO"].kind == Invitation.Kind.FACILITATOR
    assert sorted(invitations["WHO"].action_lines.values_list("code", flat=True)) == ["C7.4"]
    # ITU leads or co-facilitates these; it is only a partner of C8 and C9, which it does not report on.
    itu_lines = set(invitations["ITU"].action_lines.values_list("code", flat=True))
    assert {"C2", "C4", "C5", "C6", "C7.1"} <= itu_lines and not {"C8", "C9"} & itu_lines
    assert set(invitations["ESCWA"].action_lines.values_list("code", flat=True)) == {"C1", "C6", "C11"}
    assert cycle.reports.count() == len(invitations)
    assert set(cycle.reports.values_list("state", flat=True)) == {"draft"}
    assert cycle.history.first().history_change_reason == "reports.cycle.opened"


def test_default_invitees_follow_facilitation_dates() -> None:
    # UNDP led C4 and C6 until May 2008; in 2007 it reported on them, and ITU only co-facilitated.
    invitees = {i["organisation"].code: i for i in services.default_invitees(year=2007)}
    assert {"C4", "C6"} <= set(invitees["UNDP"]["action_lines"])
    later = {i["organisation"].code: i for i in services.default_invitees(year=2020)}
    assert {"C4", "C6"} <= set(later["UNDP"]["action_lines"])  # co-facilitator from 2008 on
    assert {"C4", "C6"} <= set(later["ITU"]["action_lines"])


@pytest.mark.parametrize("role", [r for r in EVERYONE if r not in ("secretariat", "administrator")])
def test_only_the_secretariat_opens_cycles(people: dict[str, Any], role: str) -> None:
    with pytest.raises(PermissionDenied):
        services.cycle_open(year=LAST_YEAR, session="x", deadline=timezone.localdate(), by=people[role], invitees=[])
    assert not ReportingCycle.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"year": timezone.localdate().year + 1}, "year"),
        ({"year": 1999}, "year"),
        ({"session": "  "}, "session"),
        ({"deadline": timezone.localdate() - datetime.timedelta(days=1)}, "deadline"),
        ({"reminder_days": [-200]}, "reminder_days"),
        ({"invitees": []}, "invitees"),
    ],
)
def test_bad_cycle_input_names_the_field(people: dict[str, Any], changes: dict[str, Any], field: str) -> None:
    values: dict[str, Any] = {
        "year": LAST_YEAR,
        "session": "twenty-ninth session, 2026",
        "deadline": timezone.localdate() + datetime.timedelta(days=10),
    }
    values.update(changes)
    with pytest.raises(ApplicationError) as error:
        services.cycle_open(by=people["secretariat"], **values)
    assert error.value.field == field
    assert not ReportingCycle.objects.exists()


def test_one_cycle_per_year(cycle: ReportingCycle, people: dict[str, Any]) -> None:
    with pytest.raises(ApplicationError, match="already open") as error:
        services.cycle_open(
            year=LAST_YEAR, session="again", deadline=cycle.deadline, by=people["secretariat"], invitees=[]
        )
    assert error.value.field == "year"


def test_inviting_another_entity_creates_its_draft(cycle: ReportingCycle, people: dict[str, Any]) -> None:
    report = services.cycle_invite(
        cycle=cycle,
        organisation=people["ngo"],
        kind=Invitation.Kind.STAKEHOLDER,
        action_lines=["C4"],
        by=people["secretariat"],
    )
    assert report.state == "draft" and report.invitation.kind == "stakeholder"
    with pytest.raises(ApplicationError, match="already invited"):
        services.cycle_invite(
            cycle=cycle, organisation=people["ngo"], kind="stakeholder", action_lines=[], by=people["secretariat"]
        )
    with pytest.raises(PermissionDenied):
        services.cycle_invite(
            cycle=cycle, organisation=people["ngo"], kind="stakeholder", action_lines=[], by=people["facilitator"]
        )


def test_unknown_action_lines_are_refused_when_inviting(cycle: ReportingCycle, people: dict[str, Any]) -> None:
    with pytest.raises(ApplicationError, match="C99") as error:
        services.cycle_invite(
            cycle=cycle, organisation=people["ngo"], kind="stakeholder", action_lines=["C99"], by=people["secretariat"]
        )
    assert error.value.field == "action_lines"


def test_closed_cycle_refuses_drafting(
    cycle: ReportingCycle, itu_report: ActivityReport, people: dict[str, Any]
) -> None:
    services.cycle_close(cycle=cycle, by=people["secretariat"])
    with pytest.raises(ApplicationError, match="closed"):
        _save(itu_report, people["facilitator"], itu_content())
    services.cycle_reopen(cycle=cycle, by=people["secretariat"])
    assert _save(itu_report, people["facilitator"], itu_content()).executive_summary


# ---------------------------------------------------------------------------------------------- drafting


@pytest.mark.parametrize("role", ["facilitator"])
def test_focal_points_save_their_draft(itu_report: ActivityReport, people: dict[str, Any], role: str) -> None:
    report = _save(itu_report, people[role], itu_content())
    assert report.version == 2 and report.started_at and report.last_saved_by == people[role]
    content = report_content.read(report)
    assert content["activities"]["C2"][0]["title"] == "Partner2Connect Digital Coalition"
    assert content["activities"]["C2"][0]["sdg_targets"] == ["9.c", "17.8"]
    assert content["igf"].startswith("ITU took part")
    assert report.history.first().history_change_reason == "reports.activity_report.saved"


@pytest.mark.parametrize(
    "role",
    [
        "anonymous",
        "registered",
        "contributor",
        "organisation_admin",
        "commission",
        "secretariat",
        "secretariat_without_2fa",
    ],
)
def test_others_cannot_edit_an_organisations_report(
    itu_report: ActivityReport, people: dict[str, Any], role: str
) -> None:
    with pytest.raises(PermissionDenied):
        _save(itu_report, people[role], itu_content())
    itu_report.refresh_from_db()
    assert itu_report.version == 1 and itu_report.executive_summary == ""


def test_an_organisation_admin_edits_its_own_report(cycle: ReportingCycle, people: dict[str, Any]) -> None:
    report = services.cycle_invite(
        cycle=cycle, organisation=people["ngo"], kind="stakeholder", action_lines=["C4"], by=people["secretariat"]
    )
    saved = _save(report, people["organisation_admin"], {"executive_summary": "Community networks in 2025."})
    assert saved.executive_summary == "Community networks in 2025."
    with pytest.raises(PermissionDenied):  # a contributor of the same organisation does not
        _save(report, people["contributor"], {"executive_summary": "x"})


def test_stale_save_raises_a_conflict_with_both_versions(
    itu_report: ActivityReport, people: dict[str, Any], django_user_model: Any
) -> None:
    from stakeholders.models import Membership
    from tests.factories import MembershipFactory

    colleague = MembershipFactory(organisation=itu_report.organisation, role=Membership.Role.FOCAL_POINT).user
    opened_at = itu_report.version
    services.report_save(report=itu_report, by=colleague, data=itu_content(obstacles="Spectrum."), version=opened_at)
    with pytest.raises(services.ConflictError) as conflict:
        services.report_save(
            report=itu_report, by=people["facilitator"], data=itu_content(obstacles="Cost."), version=opened_at
        )
    assert conflict.value.theirs["obstacles"] == "Spectrum." and conflict.value.version == opened_at + 1
    assert conflict.value.saved_by == colleague
    itu_report.refresh_from_db()
    assert itu_report.obstacles == "Spectrum."  # nothing overwritten
    # Having seen theirs, saving with the version the conflict gave keeps mine.
    services.report_save(
        report=itu_report, by=people["facilitator"], data=itu_content(obstacles="Cost."), version=conflict.value.version
    )
    itu_report.refresh_from_db()
    assert itu_report.obstacles == "Cost."


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"executive_summary": "word " * 401}, "executive_summary"),
        ({"obstacles": "bad\x00byte"}, "obstacles"),
        ({"language": "de"}, "language"),
        ({"activities": {"C2": [{"title": "", "description": "no title"}]}}, "activities-C2-0-title"),
        ({"activities": {"C2": [{"title": "T", "description": "w " * 251}]}}, "activities-C2-0-description"),
        ({"activities": {"C2": [{"title": "T", "countries": ["XXX"]}]}}, "activities-C2-0-countries"),
        ({"activities": {"C2": [{"title": "T", "sdg_targets": ["99.z"]}]}}, "activities-C2-0-sdg_targets"),
        ({"activities": {"C2": [{"title": "T", "links": ["javascript:alert(1)"]}]}}, "activities-C2-0-links"),
        ({"activities": {"C10": [{"title": "Not ITU's line"}]}}, "activities-C10"),
        ({"regional_activities": [{"title": "Only for commissions"}]}, "regional_activities"),
    ],
)
def test_bad_content_is_refused_naming_the_field(
    itu_report: ActivityReport, people: dict[str, Any], data: dict[str, Any], field: str
) -> None:
    with pytest.raises(ApplicationError) as error:
        _save(itu_report, people["facilitator"], itu_content(**data))
    assert field in error.value.problems  # type: ignore[attr-defined]
    itu_report.refresh_from_db()
    assert itu_report.version == 1


def test_a_commission_reports_regional_activities_and_meetings(
    escwa_report: ActivityReport, people: dict[str, Any]
) -> None:
    report = _save(escwa_report, people["commission"], escwa_content())
    content = report_content.read(report)
    assert content["language"] == "ar"
    assert content["regional_meetings"][0]["held_on"] == f"{LAST_YEAR}-05-12"
    assert content["regional_activities"][0]["countries"] == ["JOR", "TUN"]
    with pytest.raises(ApplicationError) as error:
        _save(escwa_report, people["commission"], escwa_content(regional_meetings=[{"title": "M", "held_on": "12/05"}]))
    assert "regional_meetings-0-held_on" in error.value.problems  # type: ignore[attr-defined]


def test_progress_values_are_checked_and_kept(
    c2_target: MeasurableTarget, itu_report: ActivityReport, people: dict[str, Any]
) -> None:
    bad = itu_content(progress={"C2": [{"target": c2_target.pk, "value": "a lot"}]})
    with pytest.raises(ApplicationError) as error:
        _save(itu_report, people["facilitator"], bad)
    assert error.value.field == f"progress-{c2_target.pk}-value"
    wrong_line = itu_content(progress={"C5": [{"target": c2_target.pk, "value": "3"}]})
    with pytest.raises(ApplicationError):
        _save(itu_report, people["facilitator"], wrong_line)
    report = _save(
        itu_report,
        people["facilitator"],
        itu_content(progress={"C2": [{"target": c2_target.pk, "value": "95,5", "note": "ITU estimate"}]}),
    )
    assert report_content.read(report)["progress"]["C2"] == [
        {"target": c2_target.pk, "value": "95.5", "note": "ITU estimate"}
    ]


# ----------------------------------------------------------------------------------------- the workflow


def test_submit_needs_a_complete_report(itu_report: ActivityReport, people: dict[str, Any]) -> None:
    with pytest.raises(ApplicationError) as error:
        services.report_submit(report=itu_report, by=people["facilitator"])
    assert "executive_summary" in error.value.problems  # type: ignore[attr-defined]
    _save(itu_report, people["facilitator"], itu_content(activities={}))
    with pytest.raises(ApplicationError, match="at least one activity"):
        services.report_submit(report=itu_report, by=people["facilitator"])


def test_submission_before_the_deadline_is_on_time_and_frozen(
    itu_report: ActivityReport, people: dict[str, Any]
) -> None:
    report = _submitted(itu_report, people)
    assert report.state == "submitted" and report.submitted_at and report.late is False
    version = report.versions.get()
    assert version.number == 1 and version.event == "submitted" and version.created_by == people["facilitator"]
    assert version.data["activities"]["C2"][0]["title"] == "Partner2Connect Digital Coalition"
    assert report.history.first().history_change_reason == "reports.activity_report.submitted"


def test_submission_after_the_deadline_is_allowed_and_marked_late(
    cycle: ReportingCycle, itu_report: ActivityReport, people: dict[str, Any]
) -> None:
    ReportingCycle.objects.filter(pk=cycle.pk).update(deadline=timezone.localdate() - datetime.timedelta(days=1))
    itu_report.refresh_from_db()
    assert itu_report.progress_state == "overdue"
    report = _submitted(itu_report, people)
    assert report.state == "submitted" and report.late is True


def test_a_submitted_report_cannot_be_edited_or_submitted_again(
    itu_report: ActivityReport, people: dict[str, Any]
) -> None:
    _submitted(itu_report, people)
    with pytest.raises(ApplicationError, match="waiting for the secretariat"):
        _save(itu_report, people["facilitator"], itu_content(obstacles="late change"))
    with pytest.raises(ApplicationError, match="Only a draft"):
        services.report_submit(report=itu_report, by=people["facilitator"])
    with pytest.raises(ApplicationError, match="Only a report returned"):
        services.report_resubmit(report=itu_report, by=people["facilitator"])


@pytest.mark.parametrize("role", ["registered", "contributor", "commission", "secretariat", "secretariat_without_2fa"])
def test_only_focal_points_submit(itu_report: ActivityReport, people: dict[str, Any], role: str) -> None:
    _save(itu_report, people["facilitator"], itu_content())
    with pytest.raises(PermissionDenied):
        services.report_submit(report=itu_report, by=people[role])


@pytest.mark.parametrize("role", ["facilitator", "commission", "contributor", "secretariat_without_2fa", "registered"])
def test_only_the_secretariat_reviews(itu_report: ActivityReport, people: dict[str, Any], role: str) -> None:
    _submitted(itu_report, people)
    with pytest.raises(PermissionDenied):
        services.report_accept(report=itu_report, by=people[role])
    with pytest.raises(PermissionDenied):
        services.report_request_changes(
            report=itu_report, by=people[role], comments=[{"section": "general", "text": "x"}]
        )
    itu_report.refresh_from_db()
    assert itu_report.state == "submitted"


def test_request_changes_needs_comments_on_known_sections(itu_report: ActivityReport, people: dict[str, Any]) -> None:
    _submitted(itu_report, people)
    with pytest.raises(ApplicationError, match="at least one comment"):
        services.report_request_changes(
            report=itu_report, by=people["secretariat"], comments=[{"section": "igf", "text": "   "}]
        )
    with pytest.raises(ApplicationError, match="Unknown section"):
        services.report_request_changes(
            report=itu_report, by=people["secretariat"], comments=[{"section": "line:C10", "text": "x"}]
        )
    report = services.report_request_changes(
        report=itu_report,
        by=people["secretariat"],
        comments=[
            {"section": "line:C2", "text": "Give the number of pledges."},
            {"section": "executive_summary", "text": "Mention WSIS+20."},
        ],
    )
    assert report.state == "changes_requested"
    assert list(report.comments.values_list("section", "version_number")) == [
        ("line:C2", 1),
        ("executive_summary", 1),
    ]


def test_whole_cycle_draft_submit_changes_resubmit_accept(
    itu_report: ActivityReport, people: dict[str, Any], c2_target: MeasurableTarget
) -> None:
    _save(itu_report, people["facilitator"], itu_content(progress={"C2": [{"target": c2_target.pk, "value": "95.5"}]}))
    services.report_submit(report=itu_report, by=people["facilitator"])
    services.report_request_changes(
        report=itu_report, by=people["secretariat"], comments=[{"section": "line:C2", "text": "Give the number."}]
    )
    _save(
        itu_report,
        people["facilitator"],
        itu_content(obstacles="Cost.", progress={"C2": [{"target": c2_target.pk, "value": "96"}]}),
    )
    comment = itu_report.comments.get()
    services.review_comment_resolve(comment=comment, by=people["facilitator"])
    report = services.report_resubmit(report=itu_report, by=people["facilitator"])
    assert report.state == "resubmitted"
    report = services.report_accept(report=itu_report, by=people["secretariat"])
    assert report.state == "accepted" and report.locked
    assert report.accepted_by == people["secretariat"] and report.accepted_at
    assert list(report.versions.values_list("number", "event")) == [
        (1, "submitted"),
        (2, "resubmitted"),
        (3, "accepted"),
    ]
    progress = TargetProgress.objects.get(target=c2_target)
    assert (progress.year, progress.value, progress.organisation.code) == (LAST_YEAR, Decimal("96"), "ITU")
    assert "Activity report of ITU" in progress.source
    actions = list(report.history.order_by("history_date").values_list("history_change_reason", flat=True))
    for action in ("saved", "submitted", "changes_requested", "resubmitted", "accepted"):
        assert f"reports.activity_report.{action}" in actions
    assert ReviewComment.objects.get().resolved_by == people["facilitator"]


def test_accepted_report_is_locked_until_the_secretariat_unlocks_it_with_a_reason(
    itu_report: ActivityReport, people: dict[str, Any]
) -> None:
    _submitted(itu_report, people)
    services.report_accept(report=itu_report, by=people["secretariat"])
    with pytest.raises(ApplicationError, match="locked"):
        _save(itu_report, people["facilitator"], itu_content(obstacles="after acceptance"))
    with pytest.raises(ApplicationError, match="Only a submitted"):
        services.report_accept(report=itu_report, by=people["secretariat"])
    for role in ("facilitator", "secretariat_without_2fa", "commission"):
        with pytest.raises(PermissionDenied):
            services.report_unlock(report=itu_report, by=people[role], reason="Typo")
    with pytest.raises(ApplicationError, match="reason") as error:
        services.report_unlock(report=itu_report, by=people["secretariat"], reason="  ")
    assert error.value.field == "reason"
    report = services.report_unlock(report=itu_report, by=people["secretariat"], reason="The C2 figures are for 2024.")
    assert report.state == "changes_requested" and not report.locked and report.accepted_by is None
    row = report.history.first()
    assert row.history_change_reason == "reports.activity_report.unlocked" and row.history_user == people["secretariat"]
    assert row.unlock_reason == "The C2 figures are for 2024."
    assert report.comments.get(section="general").text == "The C2 figures are for 2024."
    assert _save(report, people["facilitator"], itu_content(obstacles="corrected")).obstacles == "corrected"


def test_unlock_only_applies_to_accepted_reports(itu_report: ActivityReport, people: dict[str, Any]) -> None:
    with pytest.raises(ApplicationError, match="Only an accepted"):
        services.report_unlock(report=itu_report, by=people["secretariat"], reason="why")


def test_transitions_with_a_stale_version_conflict(itu_report: ActivityReport, people: dict[str, Any]) -> None:
    _save(itu_report, people["facilitator"], itu_content())
    with pytest.raises(services.ConflictError):
        services.report_submit(report=itu_report, by=people["facilitator"], version=1)


def test_review_comment_resolution_is_for_the_organisation_and_secretariat(
    itu_report: ActivityReport, people: dict[str, Any]
) -> None:
    _submitted(itu_report, people)
    comment = services.review_comment_add(
        report=itu_report, by=people["secretariat"], section="igf", text="Which IGF sessions?"
    )
    itu_report.refresh_from_db()
    assert itu_report.state == "submitted"  # a comment alone changes no state
    for role in ("commission", "contributor", "registered"):
        with pytest.raises(PermissionDenied):
            services.review_comment_resolve(comment=comment, by=people[role])
    assert services.review_comment_resolve(comment=comment, by=people["secretariat"]).resolved


# ------------------------------------------------------------------------------------------ copy forward


def test_copy_from_last_years_accepted_report(
    itu_report: ActivityReport, people: dict[str, Any], c2_target: MeasurableTarget
) -> None:
    with pytest.raises(ApplicationError, match="no accepted report"):
        services.report_copy_from_last_year(report=itu_report, by=people["facilitator"], version=itu_report.version)
    old_cycle = services.cycle_open(
        year=LAST_YEAR - 1,
        session="twenty-eighth session, 2025",
        deadline=timezone.localdate(),
        by=people["secretariat"],
    )
    old = old_cycle.reports.get(organisation__code="ITU")
    _save(old, people["facilitator"], itu_content(progress={"C2": [{"target": c2_target.pk, "value": "94"}]}))
    services.report_submit(report=old, by=people["facilitator"])
    services.report_accept(report=old, by=people["secretariat"])
    itu_report.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.report_copy_from_last_year(report=itu_report, by=people["commission"], version=itu_report.version)
    report = services.report_copy_from_last_year(
        report=itu_report, by=people["facilitator"], version=itu_report.version
    )
    content = report_content.read(report)
    assert content["executive_summary"].startswith("ITU continued")
    assert content["activities"]["C2"][0]["title"] == "Partner2Connect Digital Coalition"
    assert content["progress"]["C2"] == []  # last year's values are not this year's
    assert report.state == "draft" and report.history.first().history_change_reason == (
        "reports.activity_report.copied_forward"
    )


# ------------------------------------------------------------------------------------------- attachments


def test_attachments_are_checked(
    itu_report: ActivityReport, people: dict[str, Any], settings: Any, tmp_path: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = str(tmp_path)
    with pytest.raises(ApplicationError, match="PDF, Word"):
        services.attachment_add(report=itu_report, by=people["facilitator"], upload=SimpleUploadedFile("x.exe", b"MZ"))
    with pytest.raises(ApplicationError, match="does not match"):
        services.attachment_add(
            report=itu_report, by=people["facilitator"], upload=SimpleUploadedFile("x.pdf", b"<html>")
        )
    with pytest.raises(PermissionDenied):
        services.attachment_add(
            report=itu_report, by=people["commission"], upload=SimpleUploadedFile("x.pdf", b"%PDF-1.4")
        )
    attachment = services.attachment_add(
        report=itu_report, by=people["facilitator"], upload=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan")
    )
    assert report_content.read(itu_report)["attachments"] == ["plan.pdf"]
    services.attachment_remove(attachment=attachment, by=people["facilitator"])
    assert not itu_report.attachments.exists()


def test_versions_differ_field_by_field(itu_report: ActivityReport, people: dict[str, Any]) -> None:
    _submitted(itu_report, people)
    services.report_request_changes(
        report=itu_report, by=people["secretariat"], comments=[{"section": "obstacles", "text": "More."}]
    )
    _save(itu_report, people["facilitator"], itu_content(obstacles="Affordability and skills."))
    services.report_resubmit(report=itu_report, by=people["facilitator"])
    first, second = ReportVersion.objects.filter(report=itu_report).order_by("number")
    changes = report_content.diff(first.data, second.data)
    assert [(c["field"], c["before"], c["after"]) for c in changes] == [
        ("obstacles", "Affordability of broadband remains the main obstacle.", "Affordability and skills.")
    ]


def test_saving_the_same_content_again_makes_no_new_version(itu_report: ActivityReport, people: dict[str, Any]) -> None:
    report = _save(itu_report, people["facilitator"], itu_content())
    items_history = report.items.model.history.count()
    again = services.report_save(report=report, by=people["facilitator"], data=itu_content(), version=report.version)
    assert again.version == report.version == 2
    assert report.items.model.history.count() == items_history
    changed = services.report_save(
        report=report, by=people["facilitator"], data=itu_content(igf="Changed."), version=report.version
    )
    assert changed.version == 3
    assert report.items.model.history.count() == items_history  # the items did not change
    # The same content posted from an older version (a form posted right after its own autosave) is no
    # conflict; different content is.
    assert services.report_save(report=report, by=people["facilitator"], data=itu_content(igf="Changed."), version=2)
    with pytest.raises(services.ConflictError):
        services.report_save(report=report, by=people["facilitator"], data=itu_content(igf="Other."), version=2)
