from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wsis_portal.i18n import localized


class Region(models.Model):
    """A UN M49 area (world, region, sub-region, intermediate region) or grouping (LDC, LLDC, SIDS)."""

    class Kind(models.TextChoices):
        WORLD = "world", _("World")
        REGION = "region", _("Region")
        SUBREGION = "subregion", _("Sub-region")
        INTERMEDIATE = "intermediate", _("Intermediate region")
        GROUPING = "grouping", _("Grouping")

    code = models.CharField(_("M49 code"), max_length=3, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=120, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=120, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=120, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [models.CheckConstraint(condition=Q(code__regex=r"^[0-9]{3}$"), name="region_code_m49")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class Country(models.Model):
    """A country or area of the UN M49 standard, keyed by its ISO 3166 alpha-3 code."""

    iso3 = models.CharField(_("ISO alpha-3 code"), max_length=3, unique=True)
    iso2 = models.CharField(_("ISO alpha-2 code"), max_length=2, unique=True)
    m49 = models.CharField(_("M49 code"), max_length=3, unique=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subregion = models.ForeignKey(
        Region, verbose_name=_("sub-region"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    intermediate_region = models.ForeignKey(
        Region,
        verbose_name=_("intermediate region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    groupings = models.ManyToManyField(
        Region, verbose_name=_("groupings"), blank=True, related_name="grouped_countries"
    )
    un_member = models.BooleanField(_("UN member state"), default=False)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=120, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=120, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=120, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120, blank=True)

    history = HistoricalRecords(m2m_fields=[groupings])

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("country or area")
        verbose_name_plural = _("countries and areas")
        constraints = [
            models.CheckConstraint(condition=Q(iso3__regex=r"^[A-Z]{3}$"), name="country_iso3_format"),
            models.CheckConstraint(condition=Q(iso2__regex=r"^[A-Z]{2}$"), name="country_iso2_format"),
            models.CheckConstraint(condition=Q(m49__regex=r"^[0-9]{3}$"), name="country_m49_format"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class StakeholderType(models.Model):
    """Government, international organisation, civil society, private sector, academia, technical community."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    sort = models.PositiveSmallIntegerField(_("order"), default=0)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=120, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=120, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=120, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort", "code"]
        verbose_name = _("stakeholder type")
        verbose_name_plural = _("stakeholder types")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class Organisation(models.Model):
    """A government body, agency, company, NGO or university that reports or records entries."""

    code = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Stable key for UN entities, e.g. ITU."),
    )
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255)
    name_fr = models.CharField(_("name (French)"), max_length=255, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=255, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=255, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=255, blank=True)
    stakeholder_type = models.ForeignKey(
        StakeholderType, verbose_name=_("stakeholder type"), on_delete=models.PROTECT, related_name="organisations"
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    website = models.URLField(_("website"), blank=True)
    verified = models.BooleanField(_("verified"), default=False)
    is_regional_commission = models.BooleanField(_("UN regional commission"), default=False)
    is_ungis_member = models.BooleanField(_("UNGIS member"), default=False)
    member_countries: models.ManyToManyField[Country, CommissionMembership] = models.ManyToManyField(
        Country, through="CommissionMembership", blank=True, related_name="commissions", verbose_name=_("member states")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["stakeholder_type", "country"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class CommissionMembership(models.Model):
    """A state's membership of one of the five UN regional commissions."""

    class Status(models.TextChoices):
        MEMBER = "member", _("Member")
        ASSOCIATE = "associate", _("Associate member")

    commission = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="commission_memberships", verbose_name=_("commission")
    )
    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="commission_memberships", verbose_name=_("country")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.MEMBER)

    class Meta:
        verbose_name = _("regional commission membership")
        verbose_name_plural = _("regional commission memberships")
        constraints = [models.UniqueConstraint(fields=["commission", "country"], name="commission_country_unique")]

    def __str__(self) -> str:
        return f"{self.country} - {self.commission.acronym}"


class Membership(models.Model):
    """A person's role in an organisation."""

    class Role(models.TextChoices):
        CONTRIBUTOR = "contributor", _("Contributor")
        FOCAL_POINT = "focal_point", _("Focal point")
        ADMIN = "admin", _("Organisation administrator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CONTRIBUTOR)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name_en"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="membership_user_org_unique")]

    def __str__(self) -> str:
        return f"{self.user} - {self.organisation} ({self.get_role_display()})"


class JoinRequest(models.Model):
    """A user's request to join an organisation (or to register a new one), screened by the secretariat."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("organisation"),
    )
    proposed_name = models.CharField(_("name of the new organisation"), max_length=255, blank=True)
    proposed_type = models.ForeignKey(
        StakeholderType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("type of the new organisation"),
    )
    proposed_country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("its country")
    )
    proposed_website = models.URLField(_("its website"), blank=True)
    role = models.CharField(_("role asked for"), max_length=20, choices=Membership.Role.choices)
    message = models.TextField(_("message to the secretariat"), max_length=2000, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(proposed_name=""),
                name="joinrequest_names_an_organisation",
            ),
            models.CheckConstraint(
                condition=~Q(state="refused") | ~Q(reason=""), name="joinrequest_refusal_has_reason"
            ),
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=Q(state="pending"),
                name="joinrequest_one_pending_per_org",
            ),
        ]

    def __str__(self) -> str:
        target = self.organisation or self.proposed_name
        return f"{self.user} -> {target}"

    @property
    def organisation_label(self) -> str:
        return str(self.organisation) if self.organisation else self.proposed_name
