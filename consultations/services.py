"""Writes to consultations and their contributions: permission checks, rules of the open period,
version checks and the audit trail. Events have theirs in `consultations.events`."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from consultations import content
from consultations.models import (
    GROUP_OF_STAKEHOLDER_TYPE,
    Channel,
    Consultation,
    Contribution,
    StakeholderGroup,
)
from stakeholders.models import Organisation
from wsis_portal import audit, permissions
from wsis_portal.errors import ApplicationError

CONSULTATION_FIELDS = [
    "slug",
    "title",
    "mandate_symbol",
    "mandate_text",
    "description",
    "organiser",
    "opens_on",
    "closes_on",
    "meeting_date",
    "meeting_place",
]
RESERVED_SLUGS = {"new", "calendar-ics"}  # addresses of pages beside /consultations/<slug>/ and /events/<slug>/
CONTRIBUTION_FIELDS = ["organisation", "contributor_name", "stakeholder_group", "channel", "date", "text"]


class ConflictError(ApplicationError):
    """Someone saved in between: the caller shows both versions; nothing was overwritten."""

    def __init__(self, *, theirs: dict[str, Any], version: int) -> None:
        super().__init__(
            _("Someone saved this while you were editing it. Compare both versions below, then save again."),
            field="version",
        )
        self.theirs = theirs
        self.version = version


def today() -> datetime.date:
    return timezone.localdate()


def group_of(organisation: Organisation) -> str:
    """The tally row of an organisation, from its stakeholder type."""
    return GROUP_OF_STAKEHOLDER_TYPE.get(organisation.stakeholder_type.code, StakeholderGroup.CIVIL_SOCIETY)


# ---------------------------------------------------------------------------------------------
# Consultations


def consultation_read(consultation: Consultation) -> dict[str, Any]:
    """The editable content of a consultation (what a conflict compares). 0 queries with organiser loaded."""
    data = {name: getattr(consultation, name) for name in CONSULTATION_FIELDS}
    data["organiser"] = consultation.organiser
    return data


def _check_consultation(data: dict[str, Any], *, exclude: int | None = None) -> None:
    if not (data.get("title") or "").strip():
        raise ApplicationError(_("Give the consultation a title."), field="title")
    if not data.get("slug"):
        raise ApplicationError(_("Give a short name for the address (letters, digits, hyphens)."), field="slug")
    if data["slug"] in RESERVED_SLUGS:
        raise ApplicationError(_("This short name is reserved; choose another."), field="slug")
    if Consultation.objects.filter(slug=data["slug"]).exclude(pk=exclude or 0).exists():
        raise ApplicationError(_("Another consultation already uses this short name."), field="slug")
    opens, closes = data.get("opens_on"), data.get("closes_on")
    if opens is None:
        raise ApplicationError(_("Give the day the consultation opens."), field="opens_on")
    if closes is None:
        raise ApplicationError(_("Give the last day of the consultation."), field="closes_on")
    if closes < opens:
        raise ApplicationError(_("The consultation cannot close before it opens."), field="closes_on")
    meeting = data.get("meeting_date")
    if meeting is not None and meeting < opens:
        raise ApplicationError(_("The meeting cannot be held before the consultation opens."), field="meeting_date")


def _write_consultation(consultation: Consultation, data: dict[str, Any]) -> None:
    for name in CONSULTATION_FIELDS:
        if name in data:
            value = data[name]
            if name == "description":
                value = content.sanitise_html(value)
            elif isinstance(value, str):
                value = value.strip()
            setattr(consultation, name, value if value is not None or name in ("meeting_date", "organiser") else "")


@transaction.atomic
def consultation_create(*, by: Any, data: dict[str, Any]) -> Consultation:
    """Open a new consultation (the secretariat)."""
    permissions.require(by, "consultations.consultation.manage")
    _check_consultation(data)
    consultation = Consultation()
    _write_consultation(consultation, data)
    consultation.full_clean(validate_unique=False)
    audit.record_as(consultation, by, "consultations.consultation.created")
    try:
        with transaction.atomic():
            consultation.save()
    except IntegrityError:  # the same short name saved by someone else a moment ago
        raise ApplicationError(_("Another consultation already uses this short name."), field="slug") from None
    return consultation


@transaction.atomic
def consultation_update(*, consultation: Consultation, by: Any, data: dict[str, Any], version: int) -> Consultation:
    """Save the consultation's form; a stale `version` raises ConflictError and changes nothing."""
    consultation = (
        Consultation.objects.select_for_update(of=("self",)).select_related("organiser").get(pk=consultation.pk)
    )
    permissions.require(by, "consultations.consultation.manage", consultation)
    if version != consultation.version:
        raise ConflictError(theirs=consultation_read(consultation), version=consultation.version)
    _check_consultation({**consultation_read(consultation), **data}, exclude=consultation.pk)
    _write_consultation(consultation, data)
    consultation.version += 1
    consultation.full_clean()
    audit.record_as(consultation, by, "consultations.consultation.changed")
    consultation.save()
    return consultation


# ---------------------------------------------------------------------------------------------
# Contributions


def contribution_read(contribution: Contribution) -> dict[str, Any]:
    """The editable content of a contribution (what a conflict compares)."""
    data = {name: getattr(contribution, name) for name in CONTRIBUTION_FIELDS}
    data["file_name"] = contribution.file_name
    return data


def _require_open(consultation: Consultation) -> None:
    now = today()
    if now < consultation.opens_on:
        raise ApplicationError(
            _("This consultation opens on %(date)s; contributions are accepted from then.")
            % {"date": date_format(consultation.opens_on, "DATE_FORMAT")},
            field="consultation",
        )
    if now > consultation.closes_on:
        raise ApplicationError(
            _("This consultation closed on %(date)s; contributions are no longer accepted.")
            % {"date": date_format(consultation.closes_on, "DATE_FORMAT")},
            field="consultation",
        )


def _attach(contribution: Contribution, upload: Any) -> None:
    name, content_type = content.check_upload(upload)
    contribution.file.save(name, upload, save=False)
    contribution.file_name, contribution.file_type, contribution.file_size = name, content_type, upload.size


def _require_substance(contribution: Contribution, *, required: bool) -> None:
    if required and not content.has_words(contribution.text) and not contribution.file:
        raise ApplicationError(_("Write your comments or attach them as a document."), field="text")


@transaction.atomic
def contribution_submit(
    *, consultation: Consultation, by: Any, organisation: Organisation, text: str = "", upload: Any = None
) -> Contribution:
    """A member's written comments in the name of their organisation, while the consultation is open.

    The stakeholder group follows from the organisation's type, the channel is written comments and
    the date is today: presentations and interventions at the meeting are recorded by the secretariat.
    """
    permissions.require(by, "consultations.contribution.submit", organisation)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _require_open(consultation)
    contribution = Contribution(
        consultation=consultation,
        organisation=organisation,
        stakeholder_group=group_of(organisation),
        channel=Channel.WRITTEN,
        date=today(),
        text=content.sanitise_html(text),
        submitted_by=by,
    )
    if upload is not None:
        _attach(contribution, upload)
    _require_substance(contribution, required=True)
    contribution.full_clean(exclude=["file"])
    audit.record_as(contribution, by, "consultations.contribution.submitted")
    contribution.save()
    return contribution


def _check_record(consultation: Consultation, data: dict[str, Any]) -> None:
    organisation, name = data.get("organisation"), (data.get("contributor_name") or "").strip()
    if organisation is None and not name:
        raise ApplicationError(
            _("Choose a registered organisation, or give the contributor's name."), field="organisation"
        )
    if organisation is not None and name:
        raise ApplicationError(
            _("Give either a registered organisation or a name, not both."), field="contributor_name"
        )
    if data.get("stakeholder_group") not in StakeholderGroup.values:
        raise ApplicationError(_("Choose the stakeholder group."), field="stakeholder_group")
    if data.get("channel") not in Channel.values:
        raise ApplicationError(_("Choose the channel."), field="channel")
    date = data.get("date")
    if date is None:
        raise ApplicationError(_("Give the date of the contribution."), field="date")
    if date > today():
        raise ApplicationError(_("A contribution cannot be dated in the future."), field="date")
    if date < consultation.opens_on:
        raise ApplicationError(
            _("The consultation opened on %(date)s: a contribution cannot be earlier.")
            % {"date": date_format(consultation.opens_on, "DATE_FORMAT")},
            field="date",
        )


@transaction.atomic
def contribution_record(
    *, consultation: Consultation, by: Any, data: dict[str, Any], upload: Any = None
) -> Contribution:
    """The secretariat records a contribution: any organisation (or a name), group, channel and date,
    also after the consultation closed (a statement made at the meeting, a late letter)."""
    permissions.require(by, "consultations.contribution.record", consultation)
    data = {**data}
    if data.get("organisation") is not None and not data.get("stakeholder_group"):
        data["stakeholder_group"] = group_of(data["organisation"])
    _check_record(consultation, data)
    contribution = Contribution(consultation=consultation, submitted_by=by, recorded_by_secretariat=True)
    _write_contribution(contribution, data)
    if upload is not None:
        _attach(contribution, upload)
    _require_substance(contribution, required=contribution.channel == Channel.WRITTEN)
    contribution.full_clean(exclude=["file"])
    audit.record_as(contribution, by, "consultations.contribution.recorded")
    contribution.save()
    return contribution


def _write_contribution(contribution: Contribution, data: dict[str, Any]) -> None:
    for name in CONTRIBUTION_FIELDS:
        if name in data:
            value = data[name]
            if name == "text":
                value = content.sanitise_html(value or "")
            elif name == "contributor_name":
                value = (value or "").strip()
            setattr(contribution, name, value)


@transaction.atomic
def contribution_update(
    *,
    contribution: Contribution,
    by: Any,
    data: dict[str, Any],
    version: int,
    upload: Any = None,
    remove_file: bool = False,
) -> Contribution:
    """Correct a contribution. Its authors change the text and document while the consultation is
    open; the secretariat changes anything at any time. A stale `version` raises ConflictError."""
    contribution = (
        Contribution.objects.select_for_update(of=("self",))
        .select_related("consultation", "organisation__stakeholder_type")
        .get(pk=contribution.pk)
    )
    permissions.require(by, "consultations.contribution.change", contribution)
    secretariat = permissions.can(by, "consultations.contribution.record", contribution.consultation)
    if not secretariat:
        _require_open(contribution.consultation)
        data = {"text": data.get("text", contribution.text)}  # group, channel and date are not theirs to change
    if version != contribution.version:
        raise ConflictError(theirs=contribution_read(contribution), version=contribution.version)
    if secretariat:
        merged = {**contribution_read(contribution), **data}
        if data.get("organisation") is not None and "contributor_name" not in data:
            merged["contributor_name"] = ""
        if data.get("contributor_name") and "organisation" not in data:
            merged["organisation"] = None
        _check_record(contribution.consultation, merged)
        data = merged
    stored = contribution.file.name if (remove_file or upload is not None) and contribution.file else None
    _write_contribution(contribution, data)
    if remove_file:
        contribution.file = None  # type: ignore[assignment]
        contribution.file_name, contribution.file_type, contribution.file_size = "", "", None
    if upload is not None:
        _attach(contribution, upload)
    _require_substance(contribution, required=contribution.channel == Channel.WRITTEN)
    contribution.version += 1
    contribution.full_clean(exclude=["file"])
    audit.record_as(contribution, by, "consultations.contribution.changed")
    contribution.save()
    if stored:
        storage = contribution.file.storage
        transaction.on_commit(lambda: storage.delete(stored))
    return contribution


@transaction.atomic
def contribution_withdraw(*, contribution: Contribution, by: Any) -> None:
    """Remove a contribution (its authors while the consultation is open; the secretariat at any time)."""
    contribution = (
        Contribution.objects.select_for_update(of=("self",)).select_related("consultation").get(pk=contribution.pk)
    )
    permissions.require(by, "consultations.contribution.change", contribution)
    if not permissions.can(by, "consultations.contribution.record", contribution.consultation):
        _require_open(contribution.consultation)
    stored = contribution.file.name if contribution.file else None
    storage = contribution.file.storage
    audit.record_as(contribution, by, "consultations.contribution.withdrawn")
    contribution.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))
