"""Every write of the reporting cycle: opening cycles, drafting, the review workflow, attachments.

Workflow of a report: draft -> submitted -> (changes_requested -> resubmitted)* -> accepted; the
secretariat may unlock an accepted report (with a reason), which returns it to changes_requested.
Every transition is audited ("reports.activity_report.<event>"), freezes a ReportVersion where the
content is handed over, and e-mails the people concerned after commit (reports.notifications).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from actionlines import services as actionline_services
from actionlines.models import ActionLine, Facilitation, MeasurableTarget
from reports import content as report_content
from reports import notifications
from reports.models import (
    ActivityReport,
    Invitation,
    ReportAttachment,
    ReportingCycle,
    ReportVersion,
    ReviewComment,
)
from stakeholders.models import Organisation
from wsis_portal import audit, files, permissions
from wsis_portal.errors import ApplicationError

REPORTING_ROLES = (Facilitation.Role.LEAD, Facilitation.Role.CO_FACILITATOR)


class ConflictError(ApplicationError):
    """Someone saved the report in between: the caller shows both versions; nothing was overwritten."""

    def __init__(self, *, theirs: dict[str, Any], version: int, saved_by: Any = None) -> None:
        super().__init__(
            _("Someone saved this report while you were editing it. Compare both versions below, then choose.")
        )
        self.theirs = theirs
        self.version = version
        self.saved_by = saved_by


# ---------------------------------------------------------------------------------------------- cycles


def default_invitees(*, year: int) -> list[dict[str, Any]]:
    """Who is invited by default for `year`: every organisation leading or co-facilitating an action
    line (or C7 sub-line) at some time in that year, and the five regional commissions, each with
    the lines it facilitated that year. [{"organisation", "kind", "action_lines": [codes]}]"""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    facilitations = (
        Facilitation.objects.filter(role__in=REPORTING_ROLES, valid_from__lte=end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        .select_related("organisation", "action_line")
        .order_by("action_line__sort")
    )
    lines: dict[int, list[str]] = {}
    organisations: dict[int, Organisation] = {}
    for facilitation in facilitations:
        organisations[facilitation.organisation_id] = facilitation.organisation
        codes = lines.setdefault(facilitation.organisation_id, [])
        if facilitation.action_line.code not in codes:
            codes.append(facilitation.action_line.code)
    for commission in Organisation.objects.filter(is_regional_commission=True):
        organisations.setdefault(commission.pk, commission)
    invitees: list[dict[str, Any]] = [
        {
            "organisation": organisation,
            "kind": Invitation.Kind.REGIONAL_COMMISSION
            if organisation.is_regional_commission
            else Invitation.Kind.FACILITATOR,
            "action_lines": lines.get(organisation.pk, []),
        }
        for organisation in organisations.values()
    ]
    kind_order = {Invitation.Kind.FACILITATOR: 0, Invitation.Kind.REGIONAL_COMMISSION: 1}
    invitees.sort(key=lambda i: (kind_order.get(i["kind"], 2), i["organisation"].acronym or i["organisation"].name_en))
    return invitees


@transaction.atomic
def cycle_open(
    *,
    year: int,
    session: str,
    deadline: datetime.date,
    by: Any,
    reminder_days: Iterable[int] | None = None,
    symbol_ga: str = "",
    symbol_ecosoc: str = "",
    invitees: list[dict[str, Any]] | None = None,
) -> ReportingCycle:
    """Open the cycle for `year`: invite the entities (by default those of default_invitees) and create
    an empty draft report for each; their focal points are told by e-mail after commit."""
    permissions.require(by, "reports.cycle.manage")
    if ReportingCycle.objects.filter(year=year).exists():
        raise ApplicationError(_("A cycle for %(year)s is already open.") % {"year": year}, field="year")
    if not 2005 <= int(year) <= timezone.localdate().year:
        raise ApplicationError(
            _("Choose a year from 2005 to the current year: reports cover activities that took place."), field="year"
        )
    if not session.strip():
        raise ApplicationError(_("Name the CSTD session, e.g. “twenty-ninth session, 2026”."), field="session")
    if deadline < timezone.localdate():
        raise ApplicationError(_("The deadline cannot be in the past."), field="deadline")
    days = sorted({int(d) for d in (reminder_days if reminder_days is not None else [-21, -7, -1, 7, 14])})
    if any(abs(d) > 120 for d in days) or len(days) > 12:
        raise ApplicationError(
            _("Give at most 12 reminders, each within 120 days of the deadline."), field="reminder_days"
        )
    cycle = ReportingCycle(
        year=year,
        session=session.strip(),
        deadline=deadline,
        reminder_days=days,
        symbol_ga=symbol_ga.strip(),
        symbol_ecosoc=symbol_ecosoc.strip(),
        opened_by=by,
    )
    cycle.full_clean()
    audit.record_as(cycle, by, "reports.cycle.opened")
    cycle.save()
    chosen = default_invitees(year=year) if invitees is None else invitees
    if not chosen:
        raise ApplicationError(_("Invite at least one entity."), field="invitees")
    for invitee in chosen:
        _invite(cycle, invitee["organisation"], invitee["kind"], invitee.get("action_lines") or [], by)
    transaction.on_commit(partial(notifications.notify_invited.delay, cycle_id=cycle.pk))
    return cycle


def _invite(cycle: ReportingCycle, organisation: Organisation, kind: str, codes: list[str], by: Any) -> ActivityReport:
    if kind not in Invitation.Kind.values:
        raise ApplicationError(_("Choose how the entity is invited."), field="kind")
    if Invitation.objects.filter(cycle=cycle, organisation=organisation).exists():
        raise ApplicationError(
            _("%(org)s is already invited to this cycle.") % {"org": organisation.name}, field="organisation"
        )
    lines = list(ActionLine.objects.filter(code__in=codes).exclude(code="C7"))
    unknown = set(codes) - {line.code for line in lines}
    if unknown:
        raise ApplicationError(
            _("Unknown action lines: %(codes)s (use C1..C11 and C7.1..C7.8).") % {"codes": ", ".join(sorted(unknown))},
            field="action_lines",
        )
    invitation = Invitation(cycle=cycle, organisation=organisation, kind=kind, invited_by=by)
    audit.record_as(invitation, by, "reports.invitation.created")
    invitation.save()
    invitation.action_lines.set(lines)
    report = ActivityReport(cycle=cycle, organisation=organisation, invitation=invitation)
    audit.record_as(report, by, "reports.activity_report.created")
    report.save()
    return report


@transaction.atomic
def cycle_invite(
    *, cycle: ReportingCycle, organisation: Organisation, kind: str, action_lines: list[str], by: Any
) -> ActivityReport:
    """Invite one more entity to an open cycle (another UN entity or a stakeholder, say)."""
    permissions.require(by, "reports.cycle.manage", cycle)
    cycle = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    if not cycle.is_open:
        raise ApplicationError(_("The cycle is closed."))
    report = _invite(cycle, organisation, kind, action_lines, by)
    transaction.on_commit(
        partial(notifications.notify_invited.delay, cycle_id=cycle.pk, organisation_ids=[organisation.pk])
    )
    return report


@transaction.atomic
def cycle_close(*, cycle: ReportingCycle, by: Any) -> ReportingCycle:
    """Close the cycle: no more drafting or submitting; reviews may go on."""
    permissions.require(by, "reports.cycle.manage", cycle)
    cycle = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    if not cycle.is_open:
        raise ApplicationError(_("The cycle is already closed."))
    cycle.state = ReportingCycle.State.CLOSED
    cycle.closed_at = timezone.now()
    audit.record_as(cycle, by, "reports.cycle.closed")
    cycle.save()
    return cycle


@transaction.atomic
def cycle_reopen(*, cycle: ReportingCycle, by: Any, deadline: datetime.date | None = None) -> ReportingCycle:
    """Open a closed cycle again, optionally with a new deadline."""
    permissions.require(by, "reports.cycle.manage", cycle)
    cycle = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.is_open:
        raise ApplicationError(_("The cycle is already open."))
    cycle.state = ReportingCycle.State.OPEN
    cycle.closed_at = None
    if deadline is not None:
        cycle.deadline = deadline
    audit.record_as(cycle, by, "reports.cycle.reopened")
    cycle.save()
    return cycle


# --------------------------------------------------------------------------------------------- drafting


def _lock(report: ActivityReport) -> ActivityReport:
    return (
        ActivityReport.objects.select_for_update(of=("self",))
        .select_related("cycle", "organisation", "invitation")
        .get(pk=report.pk)
    )


def _require_editable(report: ActivityReport) -> None:
    if not report.cycle.is_open:
        raise ApplicationError(_("The reporting cycle is closed; the report can no longer be changed."))
    if report.locked:
        raise ApplicationError(_("The report was accepted and is locked; only the secretariat can unlock it."))
    if report.state not in ActivityReport.EDITABLE_STATES:
        raise ApplicationError(
            _("The report is waiting for the secretariat's review; it can be edited again if changes are requested.")
        )


def _check_version(report: ActivityReport, version: int | None) -> None:
    if version is not None and int(version) != report.version:
        raise ConflictError(theirs=report_content.read(report), version=report.version, saved_by=report.last_saved_by)


def target_lines(codes: Iterable[str]) -> dict[int, str]:
    """{measurable target id: action line code} for the targets of these lines' roadmaps (1 query)."""
    return dict(
        MeasurableTarget.objects.filter(objective__action_line__code__in=list(codes)).values_list(
            "pk", "objective__action_line__code"
        )
    )


def _validated(report: ActivityReport, data: dict[str, Any]) -> dict[str, Any]:
    content = report_content.normalise(data)
    codes = report_content.line_codes(report)
    for code in codes:
        content["activities"].setdefault(code, [])
        content["progress"].setdefault(code, [])
    problems = report_content.validate(report, content, target_lines=target_lines(codes))
    if problems:
        field, message = next(iter(problems.items()))
        error = ApplicationError(message, field=field)
        error.problems = problems  # type: ignore[attr-defined]
        raise error
    return content


def _store(report: ActivityReport, content: dict[str, Any], by: Any, action: str) -> None:
    report_content.write(report, content)
    report.version += 1
    report.started_at = report.started_at or timezone.now()
    report.last_saved_by = by
    report.full_clean()
    audit.record_as(report, by, action)
    report.save()
    report_content.write_items(report, content, by=by, reason=action)
    report_content.write_progress(report, content, by=by, reason=action)


@transaction.atomic
def report_save(*, report: ActivityReport, by: Any, data: dict[str, Any], version: int) -> ActivityReport:
    """Save the draft as edited from `version`; a newer saved version raises ConflictError (nothing is
    overwritten), invalid content raises ApplicationError naming the field (with all `problems`)."""
    report = _lock(report)
    permissions.require(by, "reports.report.edit", report)
    _require_editable(report)
    content = _validated(report, data)
    saved = report_content.read(report)
    if report.started_at and _same(saved, content):
        # Nothing new (an autosave, or a form posted just after its own autosave): no new version, no
        # audit noise, and no conflict to show even if `version` is behind.
        return report
    if int(version) != report.version:
        raise ConflictError(theirs=saved, version=report.version, saved_by=report.last_saved_by)
    _store(report, content, by, "reports.activity_report.saved")
    return report


def _same(saved: dict[str, Any], content: dict[str, Any]) -> bool:
    saved = report_content.normalise(saved)
    return all(saved[key] == content[key] for key in content if key != "attachments")


def previous_accepted(report: ActivityReport) -> ActivityReport | None:
    """The organisation's most recent accepted report of an earlier cycle."""
    return (
        ActivityReport.objects.filter(
            organisation_id=report.organisation_id,
            state=ActivityReport.State.ACCEPTED,
            cycle__year__lt=report.cycle.year,
        )
        .select_related("cycle", "invitation")
        .order_by("-cycle__year")
        .first()
    )


@transaction.atomic
def report_copy_from_last_year(*, report: ActivityReport, by: Any, version: int) -> ActivityReport:
    """Start from the organisation's last accepted report: its text sections and items are copied into
    this draft (items only under lines this report covers; last year's progress values are not)."""
    report = _lock(report)
    permissions.require(by, "reports.report.edit", report)
    _require_editable(report)
    _check_version(report, version)
    previous = previous_accepted(report)
    if previous is None:
        raise ApplicationError(_("There is no accepted report of an earlier year to start from."))
    source = previous.versions.filter(event=ReportVersion.Event.ACCEPTED).order_by("-number").first()
    old = report_content.normalise(source.data if source else report_content.read(previous))
    codes = report_content.line_codes(report)
    content = report_content.normalise(report_content.read(report))
    content["language"] = old["language"]
    for key in report_content.TEXT_KEYS:
        content[key] = old[key]
    content["activities"] = {code: old["activities"].get(code, []) for code in codes}
    if report.invitation.kind == Invitation.Kind.REGIONAL_COMMISSION:
        for key in report_content.REGIONAL_LISTS:
            content[key] = old[key]
    content = _validated(report, content)
    _store(report, content, by, "reports.activity_report.copied_forward")
    return report


# ----------------------------------------------------------------------------------------- the workflow


def _snapshot(report: ActivityReport, event: str, by: Any) -> ReportVersion:
    last = report.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = ReportVersion(
        report=report, number=last + 1, event=event, data=report_content.read(report), created_by=by
    )
    audit.record_as(version, by, f"reports.report_version.{event}")
    version.save()
    return version


def _notify(report: ActivityReport, action: str) -> None:
    transaction.on_commit(partial(notifications.notify_report.delay, report_id=report.pk, action=action))


def _require_complete(report: ActivityReport) -> None:
    problems = report_content.missing_for_submission(report, report_content.read(report))
    if problems:
        field, message = next(iter(problems.items()))
        error = ApplicationError(
            _("Complete the report before submitting it: %(what)s") % {"what": message}, field=field
        )
        error.problems = problems  # type: ignore[attr-defined]
        raise error


@transaction.atomic
def report_submit(*, report: ActivityReport, by: Any, version: int | None = None) -> ActivityReport:
    """Hand a draft to the secretariat. Allowed after the deadline, and then marked late."""
    report = _lock(report)
    permissions.require(by, "reports.report.edit", report)
    _check_version(report, version)
    if report.state != ActivityReport.State.DRAFT:
        if report.state == ActivityReport.State.CHANGES_REQUESTED:
            raise ApplicationError(_("Changes were requested: resubmit the report instead."))
        raise ApplicationError(_("Only a draft can be submitted."))
    _require_editable(report)
    _require_complete(report)
    now = timezone.now()
    report.state = ActivityReport.State.SUBMITTED
    report.submitted_at = now
    report.late = report.cycle.is_past_deadline(now)
    report.version += 1
    audit.record_as(report, by, "reports.activity_report.submitted")
    report.save()
    _snapshot(report, ReportVersion.Event.SUBMITTED, by)
    _notify(report, "submitted")
    return report


@transaction.atomic
def report_resubmit(*, report: ActivityReport, by: Any, version: int | None = None) -> ActivityReport:
    """Hand the report back to the secretariat after the changes it requested."""
    report = _lock(report)
    permissions.require(by, "reports.report.edit", report)
    _check_version(report, version)
    if report.state != ActivityReport.State.CHANGES_REQUESTED:
        raise ApplicationError(_("Only a report returned with requested changes can be resubmitted."))
    _require_editable(report)
    _require_complete(report)
    report.state = ActivityReport.State.RESUBMITTED
    report.version += 1
    audit.record_as(report, by, "reports.activity_report.resubmitted")
    report.save()
    _snapshot(report, ReportVersion.Event.RESUBMITTED, by)
    _notify(report, "resubmitted")
    return report


def _clean_comments(comments: Iterable[dict[str, Any]], report: ActivityReport) -> list[dict[str, str]]:
    allowed = set(report_content.section_labels(report_content.line_codes(report)))
    cleaned = []
    for comment in comments:
        section, text = str(comment.get("section") or "general"), str(comment.get("text") or "").strip()
        if not text:
            continue
        if section not in allowed:
            raise ApplicationError(_("Unknown section “%(s)s”.") % {"s": section[:40]}, field="section")
        if len(text) > 4000:
            raise ApplicationError(_("Keep each comment under 4,000 characters."), field=f"comment-{section}")
        if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in text):
            raise ApplicationError(_("Remove the control characters from this text."), field=f"comment-{section}")
        cleaned.append({"section": section, "text": text})
    return cleaned


def _add_comments(report: ActivityReport, comments: list[dict[str, str]], by: Any) -> list[ReviewComment]:
    number = report.versions.order_by("-number").values_list("number", flat=True).first()
    added = []
    for comment in comments:
        row = ReviewComment(report=report, author=by, version_number=number, **comment)
        audit.record_as(row, by, "reports.review_comment.added")
        row.save()
        added.append(row)
    return added


@transaction.atomic
def review_comment_add(*, report: ActivityReport, by: Any, section: str, text: str) -> ReviewComment:
    """A secretariat's note on one section, without changing the report's state."""
    report = _lock(report)
    permissions.require(by, "reports.report.review", report)
    cleaned = _clean_comments([{"section": section, "text": text}], report)
    if not cleaned:
        raise ApplicationError(_("Write the comment."), field="text")
    return _add_comments(report, cleaned, by)[0]


@transaction.atomic
def review_comment_resolve(*, comment: ReviewComment, by: Any, resolved: bool = True) -> ReviewComment:
    """Mark a comment resolved (or open again)."""
    comment = ReviewComment.objects.select_for_update().select_related("report__organisation").get(pk=comment.pk)
    permissions.require(by, "reports.comment.resolve", comment)
    comment.resolved = resolved
    comment.resolved_by = by if resolved else None
    comment.resolved_at = timezone.now() if resolved else None
    audit.record_as(comment, by, "reports.review_comment.resolved" if resolved else "reports.review_comment.reopened")
    comment.save()
    return comment


@transaction.atomic
def report_request_changes(
    *, report: ActivityReport, by: Any, comments: Iterable[dict[str, Any]], version: int | None = None
) -> ActivityReport:
    """Return a submitted report to its focal points with comments on specific sections
    (`comments`: [{"section": "executive_summary" | "line:C2" | ..., "text": "..."}], at least one)."""
    report = _lock(report)
    permissions.require(by, "reports.report.review", report)
    _check_version(report, version)
    if report.state not in ActivityReport.REVIEWABLE_STATES:
        raise ApplicationError(_("Only a submitted or resubmitted report can be returned for changes."))
    cleaned = _clean_comments(comments, report)
    if not cleaned:
        raise ApplicationError(_("Say what should change: write at least one comment."), field="comments")
    _add_comments(report, cleaned, by)
    report.state = ActivityReport.State.CHANGES_REQUESTED
    report.version += 1
    audit.record_as(report, by, "reports.activity_report.changes_requested")
    report.save()
    _notify(report, "changes_requested")
    return report


@transaction.atomic
def report_accept(*, report: ActivityReport, by: Any, version: int | None = None) -> ActivityReport:
    """Accept a submitted report: it is locked, stamped with who and when, frozen as a version, and
    its progress values are recorded into the action lines' roadmaps for the cycle's year."""
    report = _lock(report)
    permissions.require(by, "reports.report.review", report)
    _check_version(report, version)
    if report.state not in ActivityReport.REVIEWABLE_STATES:
        raise ApplicationError(_("Only a submitted or resubmitted report can be accepted."))
    now = timezone.now()
    report.state = ActivityReport.State.ACCEPTED
    report.locked = True
    report.accepted_by, report.accepted_at = by, now
    report.version += 1
    audit.record_as(report, by, "reports.activity_report.accepted")
    report.save()
    cycle = report.cycle
    source = _("Activity report of %(org)s for %(year)s") % {
        "org": report.organisation.acronym or report.organisation.name_en,
        "year": cycle.year,
    }
    for row in report.progress_values.select_related("target"):
        actionline_services.target_progress_record(
            target=row.target,
            year=cycle.year,
            value=row.value,
            organisation=report.organisation,
            note=row.note,
            source=source,
            by=by,
        )
    _snapshot(report, ReportVersion.Event.ACCEPTED, by)
    _notify(report, "accepted")
    return report


@transaction.atomic
def report_unlock(*, report: ActivityReport, by: Any, reason: str) -> ActivityReport:
    """Unlock an accepted report so that its focal points can correct it (secretariat only, with the
    reason, which is audited and sent to them); it returns to "changes requested"."""
    report = _lock(report)
    permissions.require(by, "reports.report.unlock", report)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(
            _("Give the reason for unlocking: it is recorded and sent to the focal points."), field="reason"
        )
    if len(reason) > 2000:
        raise ApplicationError(_("Keep the reason under 2,000 characters."), field="reason")
    if report.state != ActivityReport.State.ACCEPTED:
        raise ApplicationError(_("Only an accepted report can be unlocked."))
    _add_comments(report, [{"section": "general", "text": reason}], by)
    report.state = ActivityReport.State.CHANGES_REQUESTED
    report.locked = False
    report.accepted_by, report.accepted_at = None, None
    report.unlock_reason = reason
    report.version += 1
    audit.record_as(report, by, "reports.activity_report.unlocked")
    report.save()
    _notify(report, "unlocked")
    return report


# ------------------------------------------------------------------------------------------ attachments

ATTACHMENTS_PER_REPORT = 10


@transaction.atomic
def attachment_add(*, report: ActivityReport, by: Any, upload: Any) -> ReportAttachment:
    """Attach a document to a draft, checked by extension, first bytes and size."""
    report = _lock(report)
    permissions.require(by, "reports.report.edit", report)
    _require_editable(report)
    name, kind = files.check_document(upload)
    if report.attachments.count() >= ATTACHMENTS_PER_REPORT:
        raise ApplicationError(_("A report has at most 10 attachments."), field="file")
    attachment = ReportAttachment(report=report, name=name, content_type=kind, size=upload.size, uploaded_by=by)
    attachment.file.save(name, upload, save=False)
    audit.record_as(attachment, by, "reports.attachment.added")
    attachment.save()
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: ReportAttachment, by: Any) -> None:
    """Remove an attachment of a draft, and its file."""
    report = _lock(attachment.report)
    permissions.require(by, "reports.report.edit", report)
    _require_editable(report)
    audit.record_as(attachment, by, "reports.attachment.removed")
    stored = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(stored))
