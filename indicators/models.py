"""ICT indicators, their observations by country or region, year, sex and area, the WSIS targets they
measure, national ICT strategies, and the spreadsheet imports that bring observations in."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actionlines.models import WsisTarget
from stakeholders.models import Country, Organisation, Region
from wsis_portal.i18n import localized

SDG_INDICATOR_PATTERN = r"^[0-9]{1,2}\.[0-9a-z]{1,2}\.[0-9]{1,2}$"  # 17.8.1, 9.c.1, 5.b.1


class Indicator(models.Model):
    """A statistical series such as "Individuals using the Internet" (SDG 17.8.1)."""

    class Unit(models.TextChoices):
        PERCENT = "percent", _("per cent")
        PER_100 = "per_100", _("per 100 inhabitants")
        NUMBER = "number", _("number")
        INDEX = "index", _("index (0 to 1)")

    code = models.SlugField(_("code"), max_length=60, unique=True, help_text=_("The portal's stable key."))
    sort = models.PositiveSmallIntegerField(_("order"), default=0)
    name_en = models.CharField(_("name (English)"), max_length=255)
    name_fr = models.CharField(_("name (French)"), max_length=255, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=255, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=255, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=255, blank=True)
    definition = models.TextField(_("definition (English)"), blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    sdg_indicator = models.CharField(
        _("SDG indicator"), max_length=10, blank=True, help_text=_("As the UN writes it, e.g. 17.8.1.")
    )
    custodian = models.ForeignKey(
        Organisation,
        verbose_name=_("custodian agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="custodian_of",
    )
    source = models.CharField(_("source"), max_length=500, blank=True)
    source_url = models.URLField(_("source web address"), max_length=500, blank=True)
    itu_code = models.CharField(
        _("ITU series code"), max_length=40, blank=True, help_text=_("seriesCode in ITU DataHub files, e.g. i99H.")
    )
    wb_code = models.CharField(
        _("World Bank indicator code"),
        max_length=40,
        blank=True,
        help_text=_("Indicator Code in World Bank files, e.g. IT.NET.USER.ZS."),
    )
    gender_gap = models.ForeignKey(
        "self",
        verbose_name=_("published gender gap"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gap_of",
        help_text=_("The indicator that publishes this one's gender gap (ITU publishes the Internet user gap)."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    targets: models.ManyToManyField[WsisTarget, TargetIndicator] = models.ManyToManyField(
        WsisTarget, through="TargetIndicator", blank=True, related_name="indicators", verbose_name=_("WSIS targets")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(sdg_indicator="") | Q(sdg_indicator__regex=SDG_INDICATOR_PATTERN),
                name="indicator_sdg_code_format",
            ),
            models.UniqueConstraint(fields=["itu_code"], condition=~Q(itu_code=""), name="indicator_itu_code_unique"),
            models.UniqueConstraint(fields=["wb_code"], condition=~Q(wb_code=""), name="indicator_wb_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:indicator-detail", kwargs={"code": self.code})

    @property
    def name(self) -> str:
        return localized(self, "name")


class TargetIndicator(models.Model):
    """An indicator that measures a WSIS target (mapping of the 2014 Final WSIS Targets Review)."""

    target = models.ForeignKey(
        WsisTarget, on_delete=models.CASCADE, related_name="indicator_links", verbose_name=_("WSIS target")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="target_links", verbose_name=_("indicator")
    )
    note = models.CharField(_("how it measures the target"), max_length=500, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["target__number", "indicator__sort"]
        verbose_name = _("indicator of a WSIS target")
        verbose_name_plural = _("indicators of WSIS targets")
        constraints = [models.UniqueConstraint(fields=["target", "indicator"], name="target_indicator_unique")]

    def __str__(self) -> str:
        return f"{self.target.number} - {self.indicator.code}"


class Observation(models.Model):
    """One value of an indicator for one country or one region, year, sex and area."""

    class Sex(models.TextChoices):
        TOTAL = "total", _("Total")
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")

    class Area(models.TextChoices):
        TOTAL = "total", _("Total")
        URBAN = "urban", _("Urban")
        RURAL = "rural", _("Rural")

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="observations", verbose_name=_("indicator")
    )
    country = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("country or area"),
    )
    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("region or grouping"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices, default=Sex.TOTAL)
    area = models.CharField(_("area"), max_length=5, choices=Area.choices, default=Area.TOTAL)
    source_note = models.CharField(_("source note"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator__sort", "year"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.CheckConstraint(
                condition=(Q(country__isnull=False) & Q(region__isnull=True))
                | (Q(country__isnull=True) & Q(region__isnull=False)),
                name="observation_country_xor_region",
            ),
            models.CheckConstraint(condition=Q(year__gte=1950) & Q(year__lte=2100), name="observation_year_range"),
            models.UniqueConstraint(
                fields=["indicator", "country", "year", "sex", "area"],
                condition=Q(country__isnull=False),
                name="observation_country_key",
            ),
            models.UniqueConstraint(
                fields=["indicator", "region", "year", "sex", "area"],
                condition=Q(region__isnull=False),
                name="observation_region_key",
            ),
        ]
        indexes = [models.Index(fields=["country", "indicator", "year"], name="observation_country_idx")]

    def __str__(self) -> str:
        where = self.country if self.country_id else self.region
        return f"{self.indicator.code} {where} {self.year}: {self.value}"


class NationalStrategy(models.Model):
    """The status of a country's national ICT strategy (C2 plan, element 1: national ICT strategies)."""

    class Status(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        IN_PREPARATION = "in_preparation", _("In preparation")
        NONE = "none", _("None")

    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="ict_strategies", verbose_name=_("country")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    year = models.PositiveSmallIntegerField(_("year of the status"))
    title = models.CharField(_("title of the strategy"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=500)

    history = HistoricalRecords()

    class Meta:
        ordering = ["country__name_en", "-year"]
        verbose_name = _("national ICT strategy")
        verbose_name_plural = _("national ICT strategies")
        constraints = [
            models.UniqueConstraint(fields=["country", "year"], name="national_strategy_country_year"),
            models.CheckConstraint(condition=Q(year__gte=1990) & Q(year__lte=2100), name="national_strategy_year"),
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.year}: {self.get_status_display()}"


class StrategyReview(models.Model):
    """A published review of national ICT strategies over a region, as a source cites it (seed 004:
    ITU's 2008 update on 51 African countries), kept even when it gives no per-country status."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    countries_covered = models.PositiveSmallIntegerField(_("countries covered"), null=True, blank=True)
    summary_en = models.TextField(_("summary (English)"))
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    summary_es = models.TextField(_("summary (Spanish)"), blank=True)
    summary_ru = models.TextField(_("summary (Russian)"), blank=True)
    summary_ar = models.TextField(_("summary (Arabic)"), blank=True)
    summary_zh = models.TextField(_("summary (Chinese)"), blank=True)
    source = models.CharField(_("source"), max_length=500)
    source_url = models.URLField(_("source web address"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "code"]
        verbose_name = _("review of national ICT strategies")
        verbose_name_plural = _("reviews of national ICT strategies")

    def __str__(self) -> str:
        return f"{self.code} ({self.year})"

    @property
    def summary(self) -> str:
        return localized(self, "summary")


class ObservationImport(models.Model):
    """A World Bank or ITU file of observations uploaded by the secretariat: dry run, then import."""

    class Layout(models.TextChoices):
        WORLD_BANK = "worldbank", _("World Bank (WDI / API download: one column per year)")
        ITU = "itu", _("ITU DataHub (one row per value)")

    class State(models.TextChoices):
        CHECKED = "checked", _("Checked (dry run)")
        QUEUED = "queued", _("Importing in the background")
        IMPORTED = "imported", _("Imported")
        FAILED = "failed", _("Failed")

    file = models.FileField(_("file"), upload_to="indicator-imports/", max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    layout = models.CharField(_("layout"), max_length=10, choices=Layout.choices)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.CHECKED)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    observation_count = models.PositiveIntegerField(_("values"), default=0)
    errors = models.JSONField(_("errors per row"), default=list)
    notes = models.JSONField(_("rows skipped, with the reason"), default=list)
    created_count = models.PositiveIntegerField(_("values created"), default=0)
    updated_count = models.PositiveIntegerField(_("values updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("values unchanged"), default=0)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("indicator import")
        verbose_name_plural = _("indicator imports")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.state})"
