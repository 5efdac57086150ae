"""The secretariat's inputs to the annual report of a cycle: the front matter (symbols, sessions and agenda
items of both organs, date, title, summary) and chapter VIII, "Findings and suggestions".

Kept apart from reports/models.py (and imported by the app's ready()) so that the compiler ships as its
own part. Edited by the secretariat only (reports.compile.settings_services), versioned and audited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class AnnualReportSettings(models.Model):
    """One per cycle. Empty texts mean "the usual wording" (translated into the language compiled);
    typed texts are printed as typed, in every language version."""

    cycle = models.OneToOneField(
        "reports.ReportingCycle", on_delete=models.CASCADE, related_name="report_settings", verbose_name=_("cycle")
    )
    symbol_ga = models.CharField(_("General Assembly symbol"), max_length=40, help_text=_("For example A/81/65."))
    symbol_ecosoc = models.CharField(_("ECOSOC symbol"), max_length=40, help_text=_("For example E/2026/52."))
    ga_session = models.PositiveSmallIntegerField(_("General Assembly session"), help_text=_("For example 81."))
    ga_item = models.CharField(
        _("General Assembly agenda item"), max_length=20, help_text=_("The item's number, for example 16.")
    )
    ga_item_title = models.CharField(
        _("title of the General Assembly item"),
        max_length=300,
        blank=True,
        help_text=_("Empty: “Information and communications technologies for sustainable development”."),
    )
    ga_preliminary_list = models.CharField(
        _("symbol of the preliminary list"), max_length=40, blank=True, help_text=_("For example A/81/50.")
    )
    ecosoc_session = models.PositiveSmallIntegerField(
        _("ECOSOC session (year)"), help_text=_("The year of the Council's session, for example 2026.")
    )
    ecosoc_dates_and_place = models.CharField(
        _("dates and place of the ECOSOC session"),
        max_length=120,
        blank=True,
        help_text=_("As printed, for example “New York, 24 July 2026”."),
    )
    ecosoc_item = models.CharField(
        _("ECOSOC agenda item"), max_length=20, help_text=_("The item's number, for example 18 (b).")
    )
    ecosoc_item_title = models.CharField(
        _("title of the ECOSOC item"),
        max_length=300,
        blank=True,
        help_text=_("Empty: “Economic and environmental questions: science and technology for development”."),
    )
    ecosoc_agenda = models.CharField(
        _("symbol of the provisional agenda"), max_length=40, blank=True, help_text=_("For example E/2026/1.")
    )
    document_date = models.DateField(_("date of the document"))
    title = models.CharField(
        _("title"),
        max_length=400,
        blank=True,
        help_text=_("Empty: the usual title of the report, translated."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=6000,
        blank=True,
        help_text=_("Plain paragraphs separated by a blank line. Empty: the usual summary, translated."),
    )
    findings = models.TextField(
        _("findings and suggestions"),
        max_length=30000,
        blank=True,
        help_text=_("Chapter VIII: plain paragraphs separated by a blank line."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        app_label = "reports"
        verbose_name = _("annual report settings")
        verbose_name_plural = _("annual report settings")

    def __str__(self) -> str:
        return f"{self.cycle_id}: {self.symbol_ga}–{self.symbol_ecosoc}"
