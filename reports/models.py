"""The yearly reporting cycle: the secretariat opens a cycle, invited entities report, the secretariat reviews.

A report's content (text sections, repeatable items, progress values) is read and written as one dict
by `reports.content`; every submission, resubmission and acceptance freezes that dict in a ReportVersion.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actionlines.models import ActionLine, MeasurableTarget
from stakeholders.models import Organisation

LANGUAGE_CHOICES = [
    ("ar", _("Arabic")),
    ("zh", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]

DEFAULT_REMINDER_DAYS = [-21, -7, -1, 7, 14]  # negative: days before the deadline; positive: after it


def default_reminder_days() -> list[int]:
    return list(DEFAULT_REMINDER_DAYS)


class ReportingCycle(models.Model):
    """One year's call for reports, for the Secretary-General's annual report to the CSTD."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    year = models.PositiveSmallIntegerField(
        _("reporting year"), unique=True, help_text=_("The calendar year whose activities are reported.")
    )
    session = models.CharField(
        _("CSTD session"), max_length=120, help_text=_("For example “twenty-ninth session, 2026”.")
    )
    deadline = models.DateField(_("deadline"))
    reminder_days = ArrayField(
        models.SmallIntegerField(),
        verbose_name=_("reminder schedule"),
        default=default_reminder_days,
        blank=True,
        size=12,
        help_text=_("Days relative to the deadline: -7 is a week before, 7 a week after."),
    )
    symbol_ga = models.CharField(_("General Assembly symbol"), max_length=40, blank=True)
    symbol_ecosoc = models.CharField(_("ECOSOC symbol"), max_length=40, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("opened by")
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")
        constraints = [
            models.CheckConstraint(condition=Q(year__gte=2005, year__lte=2100), name="reportingcycle_year_range"),
            models.CheckConstraint(
                condition=Q(state="open") | Q(closed_at__isnull=False), name="reportingcycle_closed_has_date"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Reporting cycle %(year)s") % {"year": self.year})

    def get_absolute_url(self) -> str:
        return reverse("reports:cycle-dashboard", kwargs={"year": self.year})

    @property
    def symbols(self) -> str:
        return "–".join(s for s in (self.symbol_ga, self.symbol_ecosoc) if s)

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    def is_past_deadline(self, at: datetime.datetime | None = None) -> bool:
        """True once the deadline day has ended (in the portal's time zone)."""
        local = timezone.localtime(at or timezone.now())
        return local.date() > self.deadline


class Invitation(models.Model):
    """An entity invited to report in a cycle, and the action lines it reports on."""

    class Kind(models.TextChoices):
        FACILITATOR = "facilitator", _("Action line facilitator")
        REGIONAL_COMMISSION = "regional_commission", _("Regional commission")
        OTHER_UN_ENTITY = "other_un_entity", _("Other UN entity")
        STAKEHOLDER = "stakeholder", _("Stakeholder")

    cycle = models.ForeignKey(
        ReportingCycle, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("cycle")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="report_invitations", verbose_name=_("organisation")
    )
    kind = models.CharField(_("invited as"), max_length=30, choices=Kind.choices)
    action_lines = models.ManyToManyField(
        ActionLine, blank=True, related_name="report_invitations", verbose_name=_("action lines reported on")
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("invited by")
    )
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)

    history = HistoricalRecords(m2m_fields=[action_lines])

    class Meta:
        ordering = ["cycle", "kind", "organisation__name_en"]
        verbose_name = _("invitation to report")
        verbose_name_plural = _("invitations to report")
        constraints = [models.UniqueConstraint(fields=["cycle", "organisation"], name="invitation_cycle_org_unique")]

    def __str__(self) -> str:
        return f"{self.cycle.year} {self.organisation.acronym or self.organisation.name_en} ({self.kind})"


class ActivityReport(models.Model):
    """One invited entity's report for one cycle: drafted by its focal points, reviewed by the secretariat."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        RESUBMITTED = "resubmitted", _("Resubmitted")
        ACCEPTED = "accepted", _("Accepted")

    EDITABLE_STATES = (State.DRAFT, State.CHANGES_REQUESTED)
    REVIEWABLE_STATES = (State.SUBMITTED, State.RESUBMITTED)

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.PROTECT, related_name="reports", verbose_name=_("cycle"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="activity_reports", verbose_name=_("organisation")
    )
    invitation = models.OneToOneField(
        Invitation, on_delete=models.PROTECT, related_name="report", verbose_name=_("invitation")
    )
    language = models.CharField(_("language of submission"), max_length=2, choices=LANGUAGE_CHOICES, default="en")
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)

    executive_summary = models.TextField(_("executive summary"), blank=True)
    igf = models.TextField(_("contribution to the Internet Governance Forum"), blank=True)
    enhanced_cooperation = models.TextField(_("contribution to enhanced cooperation"), blank=True)
    ict_measurement = models.TextField(_("contribution to measuring ICT for development"), blank=True)
    effective_practices = models.TextField(_("effective practices"), blank=True)
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    obstacles = models.TextField(_("obstacles"), blank=True)
    proposals = models.TextField(_("proposals to the Commission"), blank=True)

    started_at = models.DateTimeField(_("first saved"), null=True, blank=True)
    last_saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("last saved by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    late = models.BooleanField(_("submitted after the deadline"), default=False)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    locked = models.BooleanField(_("locked"), default=False)
    unlock_reason = models.TextField(_("reason of the last unlock"), blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["cycle", "organisation__name_en"]
        verbose_name = _("activity report")
        verbose_name_plural = _("activity reports")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "organisation"], name="activityreport_cycle_org_unique"),
            models.CheckConstraint(
                condition=~Q(state="accepted") | Q(locked=True, accepted_at__isnull=False),
                name="activityreport_accepted_is_locked",
            ),
            models.CheckConstraint(
                condition=Q(late=False) | Q(submitted_at__isnull=False), name="activityreport_late_when_submitted"
            ),
        ]
        indexes = [models.Index(fields=["cycle", "state"], name="activityreport_cycle_state")]

    def __str__(self) -> str:
        return f"{self.cycle.year} {self.organisation.acronym or self.organisation.name_en}"

    def get_absolute_url(self) -> str:
        return reverse("reports:report-detail", kwargs={"pk": self.pk})

    @property
    def kind(self) -> str:
        return self.invitation.kind

    @property
    def is_editable(self) -> bool:
        return self.state in self.EDITABLE_STATES and not self.locked and self.cycle.is_open

    @property
    def progress_state(self) -> str:
        """What the dashboard shows: not started, draft, submitted, changes requested, accepted, overdue."""
        return progress_state(self)


class ProgressState(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    ACCEPTED = "accepted", _("Accepted")
    OVERDUE = "overdue", _("Overdue")


def progress_state(report: ActivityReport, now: datetime.datetime | None = None) -> str:
    if report.state == ActivityReport.State.ACCEPTED:
        return ProgressState.ACCEPTED
    if report.state in ActivityReport.REVIEWABLE_STATES:
        return ProgressState.SUBMITTED
    if report.state == ActivityReport.State.CHANGES_REQUESTED:
        return ProgressState.CHANGES_REQUESTED
    if report.submitted_at is None and report.cycle.is_past_deadline(now):
        return ProgressState.OVERDUE
    return ProgressState.DRAFT if report.started_at else ProgressState.NOT_STARTED


class ReportItem(models.Model):
    """A repeatable item of a report: an activity under an action line, a regional activity or a
    regional review meeting."""

    class Section(models.TextChoices):
        ACTIVITY = "activity", _("Activity under an action line")
        REGIONAL_ACTIVITY = "regional_activity", _("Regional activity")
        REGIONAL_MEETING = "regional_meeting", _("Regional review meeting")

    report = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, related_name="items")
    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    action_line = models.ForeignKey(
        ActionLine,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="report_items",
        verbose_name=_("action line"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    countries = ArrayField(models.CharField(max_length=3), verbose_name=_("countries"), default=list, blank=True)
    partners = models.TextField(_("partners"), max_length=2000, blank=True)
    sdg_targets = ArrayField(models.CharField(max_length=6), verbose_name=_("SDG targets"), default=list, blank=True)
    links = ArrayField(models.URLField(max_length=500), verbose_name=_("links"), default=list, blank=True)
    held_on = models.DateField(_("date of the meeting"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "section", "action_line__sort", "position"]
        verbose_name = _("report item")
        verbose_name_plural = _("report items")
        constraints = [
            models.CheckConstraint(
                condition=~Q(section="activity") | Q(action_line__isnull=False), name="reportitem_activity_has_line"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ReportProgress(models.Model):
    """A value reached on one of the report's action lines' measurable targets, in the cycle's year;
    recorded into the roadmap (actionlines.TargetProgress) when the report is accepted."""

    report = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, related_name="progress_values")
    target = models.ForeignKey(
        MeasurableTarget, on_delete=models.PROTECT, related_name="report_values", verbose_name=_("target")
    )
    value = models.DecimalField(_("value reached"), max_digits=20, decimal_places=4)
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress value in a report")
        constraints = [models.UniqueConstraint(fields=["report", "target"], name="reportprogress_unique")]

    def __str__(self) -> str:
        return f"{self.report_id} target {self.target_id}: {self.value}"


def attachment_path(instance: ReportAttachment, filename: str) -> str:
    return f"reports/{instance.report_id}/{filename}"


class ReportAttachment(models.Model):
    report = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("report attachment")

    def __str__(self) -> str:
        return self.name


class ReportVersion(models.Model):
    """The whole report frozen (as content JSON) at a submission, a resubmission or an acceptance."""

    class Event(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        RESUBMITTED = "resubmitted", _("Resubmitted")
        ACCEPTED = "accepted", _("Accepted")

    report = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("number"))
    event = models.CharField(_("event"), max_length=20, choices=Event.choices)
    data = models.JSONField(_("content"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "number"]
        verbose_name = _("report version")
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="reportversion_number_unique")]

    def __str__(self) -> str:
        return f"{self.report_id} v{self.number} ({self.event})"


class ReviewComment(models.Model):
    """The secretariat's comment on one section of a report; focal points mark it resolved."""

    report = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(_("section"), max_length=40)
    text = models.TextField(_("comment"), max_length=4000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    version_number = models.PositiveSmallIntegerField(_("on version"), null=True, blank=True)
    resolved = models.BooleanField(_("resolved"), default=False)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "created_at", "pk"]
        verbose_name = _("review comment")
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="reviewcomment_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.section}: {self.text[:40]}"
