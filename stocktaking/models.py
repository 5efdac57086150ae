"""The WSIS stocktaking database: projects, programmes, events and resources of all stakeholders."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actionlines.models import ActionLine, SdgTarget, WsisTarget
from stakeholders.models import Country, Organisation, Region, StakeholderType

LANGUAGE_CHOICES = [
    ("ar", _("Arabic")),
    ("zh", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]


class Entry(models.Model):
    """One activity in the stocktaking database. Its columns hold the published version (or the
    draft, before first publication); later edits wait in an EntryRevision until approved."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")
        RETURNED = "returned", _("Returned for revision")
        REJECTED = "rejected", _("Rejected")

    class ActivityType(models.TextChoices):
        PROJECT = "project", _("Project")
        PROGRAMME = "programme", _("Programme or policy")
        CAPACITY_BUILDING = "capacity_building", _("Training and capacity building")
        EVENT = "event", _("Conference or event")
        WEBSITE = "website", _("Website or online platform")
        PUBLICATION = "publication", _("Publication, guidelines or toolkit")
        INFRASTRUCTURE = "infrastructure", _("Infrastructure")
        OTHER = "other", _("Other")

    class Coverage(models.TextChoices):
        NATIONAL = "national", _("National")
        REGIONAL = "regional", _("Regional")
        INTERNATIONAL = "international", _("International")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")

    external_id = models.CharField(_("external id"), max_length=100, unique=True, null=True, blank=True)
    # A draft may be incomplete (save, leave, resume): completeness is checked when it is submitted.
    title = models.CharField(_("title"), max_length=300, blank=True)
    short_description = models.TextField(
        _("short description"), max_length=1600, blank=True, help_text=_("150 to 200 words: what, where, for whom.")
    )
    description = models.TextField(_("full description"), blank=True, help_text=_("Formatted text."))
    activity_type = models.CharField(_("type of activity"), max_length=30, choices=ActivityType.choices, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="entries", verbose_name=_("organisation")
    )
    stakeholder_type = models.ForeignKey(
        StakeholderType, on_delete=models.PROTECT, related_name="entries", verbose_name=_("type of entity")
    )
    action_lines: models.ManyToManyField[ActionLine, EntryActionLine] = models.ManyToManyField(
        ActionLine, through="EntryActionLine", related_name="entries", verbose_name=_("action lines")
    )
    sdg_targets: models.ManyToManyField[SdgTarget, EntrySdgTarget] = models.ManyToManyField(
        SdgTarget, through="EntrySdgTarget", related_name="entries", verbose_name=_("SDG targets")
    )
    wsis_targets = models.ManyToManyField(
        WsisTarget, blank=True, related_name="entries", verbose_name=_("WSIS targets")
    )
    coverage = models.CharField(_("coverage"), max_length=20, choices=Coverage.choices, blank=True)
    countries = models.ManyToManyField(Country, blank=True, related_name="entries", verbose_name=_("countries"))
    regions = models.ManyToManyField(Region, blank=True, related_name="entries", verbose_name=_("regions"))
    status = models.CharField(_("status of the activity"), max_length=20, choices=Status.choices, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    links = models.JSONField(_("other links"), default=list, blank=True)
    partners = models.TextField(_("partners"), max_length=2000, blank=True)
    impact = models.TextField(_("impact"), max_length=4000, blank=True)
    challenges = models.TextField(_("challenges"), max_length=4000, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    original_language = models.CharField(_("language of the entry"), max_length=2, choices=LANGUAGE_CHOICES)

    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    state_reason = models.TextField(_("reason given by the secretariat"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="entries", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    content_updated_at = models.DateTimeField(_("content last published"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    update_requested_at = models.DateTimeField(_("call for update sent"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    # Denormalised for facets, exports and labels (kept by search.reindex_entries, never edited by
    # hand). The search vector of a published entry lives in its EntrySearch row.
    facet_action_lines = ArrayField(models.IntegerField(), default=list, editable=False)
    facet_sdg_goals = ArrayField(models.IntegerField(), default=list, editable=False)
    facet_countries = ArrayField(models.IntegerField(), default=list, editable=False)
    facet_regions = ArrayField(models.IntegerField(), default=list, editable=False)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=[
            "facet_action_lines",
            "facet_sdg_goals",
            "facet_countries",
            "facet_regions",
            "updated_at",
        ]
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("stocktaking entry")
        verbose_name_plural = _("stocktaking entries")
        indexes = [
            GinIndex(fields=["facet_action_lines"], name="entry_facet_lines_gin"),
            GinIndex(fields=["facet_sdg_goals"], name="entry_facet_goals_gin"),
            GinIndex(fields=["facet_countries"], name="entry_facet_countries_gin"),
            GinIndex(fields=["facet_regions"], name="entry_facet_regions_gin"),
            models.Index(fields=["state", "-published_at", "-id"], name="entry_state_published"),
            models.Index(fields=["state", "title"], name="entry_state_title"),
            models.Index(fields=["organisation", "state"], name="entry_org_state"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="entry_dates_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["returned", "rejected"]) | ~Q(state_reason=""),
                name="entry_return_or_reject_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("stocktaking:entry-detail", kwargs={"pk": self.pk})


class EntrySearch(models.Model):
    """The search row of a published entry: its search vector and facet keys, nothing else.

    Derived data kept by `search.reindex_entries` (never edited by hand, hence no history): a row
    exists exactly for each published entry. Search and exact facet counts read only this table,
    not the entry table with its texts. Vectors over ~2 kB are stored out of line (lz4); smaller
    ones stay in the row, since PostgreSQL toasts no row under TOAST_TUPLE_THRESHOLD whatever
    toast_tuple_target says: about 6 rows a page with the bench's texts (158,500 pages for
    1,000,000 entries; see README, Benchmarks). Every vector also holds the lexeme "~ all", which no
    text produces, so that the rows not matching a query are a GIN search (migration 0011).
    """

    entry = models.OneToOneField(Entry, on_delete=models.CASCADE, primary_key=True, related_name="search_row")
    published_at = models.DateTimeField(null=True)
    search_vector = SearchVectorField()
    facet_action_lines = ArrayField(models.IntegerField(), default=list)
    facet_sdg_goals = ArrayField(models.IntegerField(), default=list)
    facet_countries = ArrayField(models.IntegerField(), default=list)
    facet_regions = ArrayField(models.IntegerField(), default=list)
    stakeholder_type_id = models.BigIntegerField(null=True)
    activity_type = models.CharField(max_length=30, blank=True)
    status = models.CharField(max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(null=True)

    class Meta:
        indexes = [
            # One GIN index over the vector and the facet arrays: a text query and filters are
            # intersected inside it (one Bitmap Index Scan), whatever the planner thinks of each part.
            GinIndex(
                fields=["search_vector", "facet_action_lines", "facet_sdg_goals", "facet_countries", "facet_regions"],
                name="entrysearch_keys_gin",
            ),
            models.Index(F("published_at").desc(), F("entry").desc(), name="entrysearch_newest"),
        ]

    def __str__(self) -> str:
        return f"search row of {self.entry_id}"


class RelatedKey(models.Model):
    """One (action line, country) pair of a published entry, with its publication date: how an
    entry page finds the newest entries sharing a line and a country (`selectors.related_entries`).

    Derived data kept by `search.reindex_entries`, like the search rows. `country` 0 stands for
    international coverage. Each pair's newest entries are the head of one B-tree range, so the
    related entries cost a few index probes whatever the number of entries (see README, Benchmarks).
    """

    INTERNATIONAL = 0

    pk = models.CompositePrimaryKey("entry", "line", "country")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="related_keys", db_index=False)
    line = models.IntegerField()  # an action line id (C7 sub-lines also give their parent C7)
    country = models.IntegerField()  # a country id, or INTERNATIONAL
    published_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index("line", "country", F("published_at").desc(), F("entry").desc(), name="relatedkey_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}: line {self.line}, country {self.country}"


class EntryActionLine(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="action_line_links")
    action_line = models.ForeignKey(ActionLine, on_delete=models.PROTECT, related_name="entry_links")
    rationale = models.CharField(_("why this action line"), max_length=500, blank=True)

    class Meta:
        ordering = ["action_line__sort"]
        constraints = [models.UniqueConstraint(fields=["entry", "action_line"], name="entry_actionline_unique")]

    def __str__(self) -> str:
        return f"{self.entry_id} -> {self.action_line_id}"


class EntrySdgTarget(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="sdg_target_links")
    target = models.ForeignKey(SdgTarget, on_delete=models.PROTECT, related_name="entry_links")
    rationale = models.CharField(_("why this SDG target"), max_length=500, blank=True)

    class Meta:
        ordering = ["target__goal__number", "target__sort"]
        constraints = [models.UniqueConstraint(fields=["entry", "target"], name="entry_sdgtarget_unique")]

    def __str__(self) -> str:
        return f"{self.entry_id} -> {self.target_id}"


class EntryTranslation(models.Model):
    """The title and descriptions in another UN language, marked as given by the owner or not."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    title = models.CharField(_("title"), max_length=300)
    short_description = models.TextField(_("short description"), max_length=1600)
    description = models.TextField(_("full description"), blank=True)
    provided_by_owner = models.BooleanField(_("provided by the owner"), default=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "language"], name="entry_translation_unique")]
        verbose_name = _("translation")

    def __str__(self) -> str:
        return f"{self.entry_id} [{self.language}] {self.title}"


class EntryRevision(models.Model):
    """A proposed change to a published entry; the published version stays visible until approval."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned for revision")
        REJECTED = "rejected", _("Rejected")
        APPROVED = "approved", _("Approved")

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="revisions")
    data = models.JSONField(_("proposed content"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    reason = models.TextField(_("reason given by the secretariat"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry"],
                condition=Q(state__in=["draft", "submitted", "returned"]),
                name="entry_one_open_revision",
            ),
        ]

    def __str__(self) -> str:
        return f"revision of {self.entry_id} ({self.state})"


def attachment_path(instance: EntryAttachment, filename: str) -> str:
    return f"stocktaking/{instance.entry_id}/{filename}"


class EntryAttachment(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.name


class ExportJob(models.Model):
    """A large export (over EXPORT_SYNC_LIMIT rows) written by a worker; the page polls its progress."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"
        JSON = "json", "JSON"

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    token = models.UUIDField(_("token"), unique=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    query = models.JSONField(_("search"), default=dict)  # filters.Query as q / filters / sort
    language = models.CharField(_("language"), max_length=10, default="en")
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    total_rows = models.PositiveIntegerField(_("rows to write"), default=0)
    done_rows = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(_("file"), upload_to="exports/", max_length=300, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("runs"), default=0)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("export")

    def __str__(self) -> str:
        return f"export {self.token} ({self.format}, {self.state})"


class LinkCheck(models.Model):
    """The last check of one link of an entry (its website or one of its other links)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="link_checks")
    url = models.URLField(_("address"), max_length=500)
    checked_at = models.DateTimeField(_("checked"))
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    ok = models.BooleanField(_("working"), default=True)
    error = models.CharField(_("problem"), max_length=300, blank=True)
    consecutive_failures = models.PositiveSmallIntegerField(_("failures in a row"), default=0)
    reported_at = models.DateTimeField(_("reported to the owner"), null=True, blank=True)

    class Meta:
        ordering = ["entry", "url"]
        verbose_name = _("link check")
        constraints = [models.UniqueConstraint(fields=["entry", "url"], name="linkcheck_entry_url_unique")]
        indexes = [models.Index(fields=["ok", "checked_at"], name="linkcheck_ok_checked")]

    def __str__(self) -> str:
        return f"{self.url} ({'ok' if self.ok else 'broken'})"


class ImportBatch(models.Model):
    """A spreadsheet of entries uploaded by the secretariat: checked in a dry run, then imported."""

    class State(models.TextChoices):
        CHECKED = "checked", _("Checked (dry run)")
        QUEUED = "queued", _("Being imported")
        IMPORTED = "imported", _("Imported")
        FAILED = "failed", _("Failed")

    class Failure(models.TextChoices):
        CHANGED = "changed", _("The file no longer passes the checks (entries or codes changed since the dry run).")
        CONFLICT = "conflict", _("Another change to the same entries happened meanwhile.")
        FILE_MISSING = "file_missing", _("The uploaded file is no longer available.")
        STOPPED = "stopped", _("The import was interrupted several times.")

    file = models.FileField(_("file"), upload_to="imports/", max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    publish = models.BooleanField(_("publish at once"), default=False)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.CHECKED)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    errors = models.JSONField(_("errors per row"), default=list)
    created_count = models.PositiveIntegerField(_("entries created"), default=0)
    updated_count = models.PositiveIntegerField(_("entries updated"), default=0)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    queued_at = models.DateTimeField(_("import asked"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("runs"), default=0)
    failure = models.CharField(_("failure"), max_length=20, choices=Failure.choices, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("spreadsheet import")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.state})"
