"""A compilation run of a report (the Secretary-General's annual report of a cycle, or the stocktaking
report of a year) and the files it produced.

The run row is created by the web request that starts it and only updated by the worker afterwards:
a redelivered task (the worker process was killed) finds the same row, so a job never has two
records. Progress columns are written with queryset updates (no history row per step); the start
and the cancellation are saved through services with an action code (audit trail).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reports.document.model import LANGUAGES
from reports.models import ReportingCycle

LANGUAGE_CHOICES = [(code, code) for code in LANGUAGES]


class AnnualReportRun(models.Model):
    """One compilation of a report: what was asked, how it went, what it produced."""

    class Kind(models.TextChoices):
        ANNUAL_REPORT = "annual_report", _("Annual report of the Secretary-General")
        STOCKTAKING_REPORT = "stocktaking_report", _("WSIS stocktaking report")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("document"), max_length=30, choices=Kind.choices)
    cycle = models.ForeignKey(
        ReportingCycle,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="compilation_runs",
        verbose_name=_("reporting cycle"),
    )
    year = models.PositiveSmallIntegerField(_("year"))  # the cycle's year, or the stocktaking report's
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    # Progress: the steps reached so far, in order: [{"label", "finished"}]; step_count is the number
    # of steps expected (0 until the content builder said how many it has).
    steps = models.JSONField(_("steps"), default=list, blank=True)
    step_number = models.PositiveSmallIntegerField(_("current step"), default=0)
    step_count = models.PositiveSmallIntegerField(_("steps expected"), default=0)
    log = models.TextField(_("log"), blank=True)
    inputs_fingerprint = models.CharField(_("inputs fingerprint"), max_length=64, blank=True)
    document_fingerprint = models.CharField(_("document fingerprint"), max_length=64, blank=True)
    reused_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reused_by",
        verbose_name=_("result reused from"),
    )
    # The document's paragraphs by section (compilation.outline), for the comparison of two drafts.
    outline = models.JSONField(_("outline"), default=list, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("started by")
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    cancel_requested = models.BooleanField(_("cancellation requested"), default=False)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("runs of the task"), default=0)
    peak_memory_kb = models.PositiveIntegerField(_("peak memory of the worker (KiB)"), null=True, blank=True)

    history = HistoricalRecords(
        excluded_fields=[
            "steps",
            "step_number",
            "step_count",
            "log",
            "outline",
            "peak_memory_kb",
            "document_fingerprint",
        ]
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report compilation")
        verbose_name_plural = _("report compilations")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="annual_report", cycle__isnull=False)
                | Q(kind="stocktaking_report", cycle__isnull=True),
                name="compilationrun_cycle_iff_annual",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "year", "language", "inputs_fingerprint"], name="compilationrun_reuse"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} ({self.language}) #{self.pk}"

    @property
    def active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def result_run_id(self) -> int:
        """The run whose files this run offers (itself, or the earlier run it reused)."""
        return self.reused_from_id or self.pk


class RunOutput(models.Model):
    """One file of a run: DOCX, HTML, PDF, and the HTML article shown inside the portal."""

    class Format(models.TextChoices):
        DOCX = "docx", "DOCX"
        HTML = "html", "HTML"
        PDF = "pdf", "PDF"
        ARTICLE = "article", _("HTML for the portal page")

    run = models.ForeignKey(AnnualReportRun, on_delete=models.CASCADE, related_name="outputs")
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    file = models.FileField(_("file"), upload_to="compilation/", max_length=300)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(_("size (bytes)"))
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)

    class Meta:
        ordering = ["run", "format"]
        constraints = [models.UniqueConstraint(fields=["run", "format"], name="runoutput_one_per_format")]

    def __str__(self) -> str:
        return f"{self.file.name} ({self.size} bytes)"
