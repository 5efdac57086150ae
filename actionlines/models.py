from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from stakeholders.models import Organisation
from wsis_portal.i18n import localized


class ActionLine(models.Model):
    """A WSIS action line (C1..C11) or one of the eight C7 e-applications (C7.1..C7.8)."""

    code = models.CharField(_("code"), max_length=5, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="sublines", verbose_name=_("part of")
    )
    prize_category = models.PositiveSmallIntegerField(_("WSIS Prizes category"), null=True, blank=True, unique=True)
    sort = models.PositiveSmallIntegerField(_("order"), default=0)
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_fr = models.CharField(_("name (French)"), max_length=300, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=300, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=300, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=300, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_ar = models.TextField(_("description (Arabic)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort", "code"]
        verbose_name = _("action line")
        verbose_name_plural = _("action lines")
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^C([1-9]|1[01])(\.[1-9])?$"), name="actionline_code"),
            models.CheckConstraint(
                condition=Q(prize_category__isnull=True) | Q(prize_category__gte=1, prize_category__lte=18),
                name="actionline_prize_category_1_18",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("actionlines:detail", kwargs={"code": self.code})

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")


class Facilitation(models.Model):
    """An organisation's facilitation role for an action line over a period: roles change over time."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead facilitator")
        CO_FACILITATOR = "co_facilitator", _("Co-facilitator")
        PARTNER = "partner", _("Partner")

    action_line = models.ForeignKey(
        ActionLine, on_delete=models.CASCADE, related_name="facilitations", verbose_name=_("action line")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="facilitations", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty while the role lasts."))
    source = models.CharField(_("source"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["action_line__sort", "role", "valid_from"]
        verbose_name = _("facilitation role")
        verbose_name_plural = _("facilitation roles")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")), name="facilitation_dates_ordered"
            ),
            models.UniqueConstraint(
                fields=["action_line", "organisation", "role", "valid_from"], name="facilitation_unique_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action_line.code} {self.organisation.acronym} {self.get_role_display()}"

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or datetime.date.today()
        return self.valid_from <= on and (self.valid_to is None or self.valid_to >= on)


class SdgGoal(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    short_en = models.CharField(_("short name (English)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_fr = models.CharField(_("name (French)"), max_length=300, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=300, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=300, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1, number__lte=17), name="sdggoal_number_1_17"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        return localized(self, "name")


class SdgTarget(models.Model):
    """One of the 169 SDG targets, coded as the UN writes it (9.c, 17.8)."""

    code = models.CharField(_("code"), max_length=6, unique=True)
    goal = models.ForeignKey(SdgGoal, on_delete=models.PROTECT, related_name="targets", verbose_name=_("goal"))
    sort = models.PositiveSmallIntegerField(_("order"), default=0)
    text_en = models.TextField(_("text (English)"))
    text_fr = models.TextField(_("text (French)"), blank=True)
    text_es = models.TextField(_("text (Spanish)"), blank=True)
    text_ru = models.TextField(_("text (Russian)"), blank=True)
    text_ar = models.TextField(_("text (Arabic)"), blank=True)
    text_zh = models.TextField(_("text (Chinese)"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["goal__number", "sort"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^([1-9]|1[0-7])\.([0-9]{1,2}|[a-z])$"), name="sdgtarget_code"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def text(self) -> str:
        """The target's wording in the active language (English when that version is missing)."""
        return localized(self, "text")


class MatrixLink(models.Model):
    """A row of the WSIS-SDG matrix: an action line serves an SDG target, for a stated reason."""

    action_line = models.ForeignKey(
        ActionLine, on_delete=models.CASCADE, related_name="sdg_links", verbose_name=_("action line")
    )
    target = models.ForeignKey(
        SdgTarget, on_delete=models.CASCADE, related_name="action_line_links", verbose_name=_("SDG target")
    )
    rationale = models.TextField(_("rationale"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["action_line__sort", "target__goal__number", "target__sort"]
        verbose_name = _("WSIS-SDG matrix link")
        verbose_name_plural = _("WSIS-SDG matrix")
        constraints = [models.UniqueConstraint(fields=["action_line", "target"], name="matrixlink_unique")]

    def __str__(self) -> str:
        return f"{self.action_line.code} -> {self.target.code}"


class WsisTarget(models.Model):
    """One of the WSIS targets (Geneva Plan of Action para 6; the 11th added by the 2014 review)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    text_en = models.TextField(_("text (English)"))
    text_fr = models.TextField(_("text (French)"), blank=True)
    text_es = models.TextField(_("text (Spanish)"), blank=True)
    text_ru = models.TextField(_("text (Russian)"), blank=True)
    text_ar = models.TextField(_("text (Arabic)"), blank=True)
    text_zh = models.TextField(_("text (Chinese)"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("WSIS target")
        verbose_name_plural = _("WSIS targets")

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"

    @property
    def text(self) -> str:
        return localized(self, "text")


def plain_number(value: Decimal | None) -> str:
    """A decimal as people write it: 100, 40.7 (not 100.0000 or 1E+2)."""
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# Years a roadmap can speak of: the summit's Plan of Action (2003) to well past the WSIS+20 horizon.
ROADMAP_FIRST_YEAR = 2000
ROADMAP_LAST_YEAR = 2100


class RoadmapObjective(models.Model):
    """An objective of an action line's roadmap, in the short, medium or long term (ITU Council
    working group on WSIS, seed 004). Its targets are edited with it, under one version number."""

    class Period(models.TextChoices):
        SHORT = "short", _("Short term")
        MEDIUM = "medium", _("Medium term")
        LONG = "long", _("Long term")

    action_line = models.ForeignKey(
        ActionLine, on_delete=models.CASCADE, related_name="roadmap_objectives", verbose_name=_("action line")
    )
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    title = models.CharField(_("objective"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1)
    # The key of a row loaded from actionlines/data/roadmap_objectives.csv; empty for objectives
    # written on the site. The file seeds the roadmap once; the site owns it afterwards.
    reference = models.CharField(_("reference key"), max_length=40, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["action_line__sort", "position", "pk"]
        verbose_name = _("roadmap objective")
        verbose_name_plural = _("roadmap objectives")
        constraints = [
            models.CheckConstraint(condition=Q(period__in=["short", "medium", "long"]), name="roadmapobjective_period"),
            models.CheckConstraint(condition=~Q(title=""), name="roadmapobjective_title_not_empty"),
            models.UniqueConstraint(
                fields=["reference"], condition=~Q(reference=""), name="roadmapobjective_reference_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title  # not the line's code: history lists name many objectives at once


def _year_in_range(field: str) -> Q:
    return Q(**{f"{field}__gte": ROADMAP_FIRST_YEAR, f"{field}__lte": ROADMAP_LAST_YEAR})


class MeasurableTarget(models.Model):
    """A measurable target of a roadmap objective: an indicator, from a baseline to a target value."""

    objective = models.ForeignKey(
        RoadmapObjective, on_delete=models.CASCADE, related_name="targets", verbose_name=_("objective")
    )
    indicator = models.TextField(_("indicator"))
    unit = models.CharField(_("unit"), max_length=100, blank=True, help_text=_("e.g. %, countries, villages"))
    baseline_value = models.DecimalField(_("baseline value"), max_digits=20, decimal_places=4, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target_value = models.DecimalField(_("target value"), max_digits=20, decimal_places=4)
    target_year = models.PositiveSmallIntegerField(_("target year"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    reference = models.CharField(_("reference key"), max_length=40, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["objective__position", "position", "pk"]
        verbose_name = _("measurable target")
        verbose_name_plural = _("measurable targets")
        constraints = [
            models.CheckConstraint(condition=~Q(indicator=""), name="measurabletarget_indicator_not_empty"),
            models.UniqueConstraint(
                fields=["reference"], condition=~Q(reference=""), name="measurabletarget_reference_unique"
            ),
            models.CheckConstraint(condition=_year_in_range("target_year"), name="measurabletarget_target_year_range"),
            models.CheckConstraint(
                condition=Q(baseline_year__isnull=True) | _year_in_range("baseline_year"),
                name="measurabletarget_baseline_year_range",
            ),
            models.CheckConstraint(
                condition=Q(baseline_year__isnull=True) | Q(target_year__gte=F("baseline_year")),
                name="measurabletarget_target_after_baseline",
            ),
            # A baseline is a value at a year: both or neither.
            models.CheckConstraint(
                condition=Q(baseline_value__isnull=True, baseline_year__isnull=True)
                | Q(baseline_value__isnull=False, baseline_year__isnull=False),
                name="measurabletarget_baseline_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.target_display} {self.unit} by {self.target_year}"

    @property
    def target_display(self) -> str:
        return plain_number(self.target_value)

    @property
    def baseline_display(self) -> str:
        return plain_number(self.baseline_value)


class TargetProgress(models.Model):
    """A value of a target's indicator reached in a year, as an organisation reported it."""

    target = models.ForeignKey(
        MeasurableTarget, on_delete=models.CASCADE, related_name="progress", verbose_name=_("target")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="target_progress", verbose_name=_("reported by")
    )
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["target", "year", "organisation__acronym"]
        verbose_name = _("progress on a target")
        verbose_name_plural = _("progress on targets")
        constraints = [
            models.UniqueConstraint(fields=["target", "year", "organisation"], name="targetprogress_unique"),
            models.CheckConstraint(condition=_year_in_range("year"), name="targetprogress_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.target_id} {self.year}: {self.value_display}"

    @property
    def value_display(self) -> str:
        return plain_number(self.value)
