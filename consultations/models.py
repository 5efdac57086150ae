"""Consultations and events: the meetings and calls for input that the Secretary-General's report cites.

A `Consultation` (e.g. the open consultations on enhanced cooperation held under ECOSOC resolution
2010/2) receives `Contribution`s, each from a stakeholder group through a channel; its tally by group
and channel is the table the report prints. An `Event` (WSIS Forum, IGF meeting, a Summit phase,
World Telecommunication and Information Society Day...) has `Participation` figures by category.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from stakeholders.models import Country, Organisation


class StakeholderGroup(models.TextChoices):
    """The rows of the tally tables in UN reports (seed 002: Gouvernements, Organisations
    internationales, Société civile, Secteur privé), plus the technical and academic community."""

    GOVERNMENT = "government", _("Governments")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisations")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    TECHNICAL_ACADEMIC = "technical_academic", _("Technical and academic community")


# An organisation's stakeholder type (stakeholders.StakeholderType.code) -> its group in a tally.
GROUP_OF_STAKEHOLDER_TYPE = {
    "government": StakeholderGroup.GOVERNMENT,
    "international_organisation": StakeholderGroup.INTERNATIONAL_ORGANISATION,
    "civil_society": StakeholderGroup.CIVIL_SOCIETY,
    "private_sector": StakeholderGroup.PRIVATE_SECTOR,
    "academia": StakeholderGroup.TECHNICAL_ACADEMIC,
    "technical_community": StakeholderGroup.TECHNICAL_ACADEMIC,
}


class Channel(models.TextChoices):
    """How a contribution reached the consultation (the columns of the tally)."""

    WRITTEN = "written", _("Written comments")
    PRESENTATION = "presentation", _("Presentation at the meeting")
    OPEN_DEBATE = "open_debate", _("Intervention in the open debate")


class Consultation(models.Model):
    slug = models.SlugField(_("short name in the address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    mandate_symbol = models.CharField(
        _("mandate (document symbol)"), max_length=60, blank=True, help_text=_("For example E/RES/2010/2.")
    )
    mandate_text = models.TextField(_("text of the mandate"), max_length=4000, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Formatted text."))
    organiser = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("organised by"),
    )
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"), help_text=_("Contributions are accepted until the end of this day."))
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    meeting_place = models.CharField(_("meeting place"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-opens_on", "title"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="consultation_period_ordered"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:consultation-detail", kwargs={"slug": self.slug})

    def is_open(self, today: datetime.date) -> bool:
        return self.opens_on <= today <= self.closes_on

    def status(self, today: datetime.date) -> str:
        if today < self.opens_on:
            return "upcoming"
        return "open" if today <= self.closes_on else "closed"


def contribution_path(instance: Contribution, filename: str) -> str:
    return f"consultations/{instance.consultation_id}/{filename}"


class Contribution(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("consultation")
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("organisation"),
    )
    contributor_name = models.CharField(_("contributor (if not a registered organisation)"), max_length=255, blank=True)
    stakeholder_group = models.CharField(_("stakeholder group"), max_length=40, choices=StakeholderGroup.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    date = models.DateField(_("date"))
    text = models.TextField(_("text"), blank=True, help_text=_("Formatted text."))
    file = models.FileField(_("document"), upload_to=contribution_path, max_length=300, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    file_type = models.CharField(_("file type"), max_length=100, blank=True)
    file_size = models.PositiveIntegerField(_("file size"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    recorded_by_secretariat = models.BooleanField(_("recorded by the secretariat"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        indexes = [models.Index(fields=["consultation", "stakeholder_group", "channel"], name="contribution_tally")]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(contributor_name=""),
                name="contribution_names_its_contributor",
            ),
            models.CheckConstraint(
                condition=~Q(channel="written") | ~Q(text="") | ~Q(file=""),
                name="contribution_written_has_text_or_file",
            ),
            models.CheckConstraint(
                condition=Q(stakeholder_group__in=StakeholderGroup.values), name="contribution_group_known"
            ),
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="contribution_channel_known"),
        ]

    def __str__(self) -> str:
        return f"{self.contributor} — {self.get_channel_display()}"

    def get_absolute_url(self) -> str:
        return reverse("consultations:contribution-detail", kwargs={"pk": self.pk})

    @property
    def contributor(self) -> str:
        return self.organisation.name if self.organisation_id and self.organisation else self.contributor_name


class EventKind(models.TextChoices):
    SUMMIT = "summit", _("Summit phase")
    WSIS_FORUM = "wsis_forum", _("WSIS Forum")
    IGF = "igf", _("Internet Governance Forum")
    REGIONAL_REVIEW = "regional_review", _("Regional review meeting")
    WTISD = "wtisd", _("World Telecommunication and Information Society Day")
    OTHER = "other", _("Other meeting")


class Event(models.Model):
    Kind = EventKind

    class Recurrence(models.TextChoices):
        NONE = "", _("Does not repeat")
        YEARLY = "yearly", _("Every year on the same dates")

    slug = models.SlugField(_("short name in the address"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    recurrence = models.CharField(_("repeats"), max_length=10, choices=Recurrence.choices, blank=True, default="")
    repeats_until = models.DateField(
        _("repeats until"), null=True, blank=True, help_text=_("Leave empty for an occurrence every year.")
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="events", verbose_name=_("country")
    )
    online = models.BooleanField(_("held online"), default=False)
    organisers = models.ManyToManyField(
        Organisation, blank=True, related_name="organised_events", verbose_name=_("organisers")
    )
    url = models.URLField(_("website"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Formatted text."))
    side_events = models.PositiveIntegerField(_("side events"), null=True, blank=True)
    to_verify = models.BooleanField(
        _("dates or place to be verified"),
        default=False,
        help_text=_("Shown with a warning until checked against an official source."),
    )
    source = models.CharField(_("source"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[organisers])

    class Meta:
        ordering = ["starts_on", "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["kind", "starts_on"], name="event_kind_start")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="event_dates_ordered"),
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="event_kind_known"),
            models.CheckConstraint(
                condition=Q(repeats_until__isnull=True) | Q(recurrence="yearly"),
                name="event_until_only_when_repeating",
            ),
            models.CheckConstraint(
                condition=Q(repeats_until__isnull=True) | Q(repeats_until__gte=F("starts_on")),
                name="event_until_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:event-detail", kwargs={"slug": self.slug})

    @property
    def place(self) -> str:
        parts = [self.venue, self.city, self.country.name if self.country_id and self.country else ""]
        return ", ".join(part for part in parts if part)


class ParticipationCategory(models.TextChoices):
    HEADS_OF_STATE = "heads_of_state", _("Heads of State or Government and Vice-Presidents")
    GOVERNMENT_DELEGATES = "government_delegates", _("Government delegates")
    INTERNATIONAL_ORGANISATIONS = "international_organisations", _("International organisations")
    CIVIL_SOCIETY = "civil_society", _("Civil society representatives")
    BUSINESS = "business", _("Business representatives")
    TECHNICAL_ACADEMIC = "technical_academic", _("Technical and academic community")
    MEDIA = "media", _("Journalists")
    OTHER = "other", _("Other participants")


class Participation(models.Model):
    """How many took part in an event, by category, as the source gives it ("more than 11,000")."""

    Category = ParticipationCategory

    class Qualifier(models.TextChoices):
        EXACT = "exact", _("exactly")
        ABOUT = "about", _("about")
        MORE_THAN = "more_than", _("more than")

    class Unit(models.TextChoices):
        PEOPLE = "people", _("people")
        ORGANISATIONS = "organisations", _("organisations")

    class Represented(models.TextChoices):
        NONE = "", "—"
        STATES = "states", _("States")
        COMPANIES = "companies", _("companies")
        ORGANISATIONS = "organisations", _("organisations")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participation", verbose_name=_("event"))
    category = models.CharField(_("category"), max_length=40, choices=Category.choices)
    count = models.PositiveIntegerField(_("number"))
    qualifier = models.CharField(_("precision"), max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT)
    unit = models.CharField(_("counted as"), max_length=20, choices=Unit.choices, default=Unit.PEOPLE)
    represented_count = models.PositiveIntegerField(_("representing how many"), null=True, blank=True)
    represented_kind = models.CharField(
        _("representing what"), max_length=20, choices=Represented.choices, blank=True, default=""
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participation figure")
        verbose_name_plural = _("participation figures")
        constraints = [
            models.UniqueConstraint(fields=["event", "category"], name="participation_one_per_category"),
            models.CheckConstraint(
                condition=Q(category__in=ParticipationCategory.values), name="participation_category_known"
            ),
            models.CheckConstraint(
                condition=Q(represented_count__isnull=True) | ~Q(represented_kind=""),
                name="participation_represented_has_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} {self.category}: {self.count}"

    @property
    def sort_key(self) -> int:
        return list(self.Category.values).index(self.category)
