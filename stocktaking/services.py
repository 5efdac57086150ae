"""Every write to the stocktaking database: drafting, submitting, moderating, revisions, attachments."""

from __future__ import annotations

import datetime
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from stakeholders.models import Organisation
from stocktaking import content as entry_content
from stocktaking import tasks
from stocktaking.models import Entry, EntryAttachment, EntryRevision
from wsis_portal import audit, files, permissions
from wsis_portal.errors import ApplicationError

OPEN_REVISION_STATES = (EntryRevision.State.DRAFT, EntryRevision.State.SUBMITTED, EntryRevision.State.RETURNED)


class ConflictError(ApplicationError):
    """Someone saved in between: the caller shows both versions; nothing was overwritten."""

    def __init__(self, *, theirs: dict[str, Any], version: int) -> None:
        super().__init__(
            _("Someone saved this entry while you were editing it. Compare both versions below, then save again.")
        )
        self.theirs = theirs
        self.version = version


def _reindex(entry_id: int) -> None:
    from stocktaking import search

    search.reindex_entries([entry_id])


def open_revision(entry: Entry) -> EntryRevision | None:
    return entry.revisions.filter(state__in=OPEN_REVISION_STATES).first()


@transaction.atomic
def entry_create(*, by: Any, organisation: Organisation, data: dict[str, Any]) -> Entry:
    """Start a draft for an organisation the user belongs to (it may be incomplete)."""
    permissions.require(by, "stocktaking.entry.create", organisation)
    entry = Entry(organisation=organisation, stakeholder_type_id=organisation.stakeholder_type_id, owner=by)
    entry_content.write(entry, data)
    entry.full_clean(exclude=["owner"])
    audit.record_as(entry, by, "stocktaking.entry.created")
    entry.save()
    entry_content.write_links(entry, data)
    transaction.on_commit(lambda: _reindex(entry.pk))
    return entry


@transaction.atomic
def entry_save(*, entry: Entry, by: Any, data: dict[str, Any], version: int) -> Entry | EntryRevision:
    """Save the form: into the entry while it is unpublished, else into its open revision.

    `version` is the one the user's form was loaded with; a newer one raises ConflictError."""
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    permissions.require(by, "stocktaking.entry.edit", entry)
    if entry.state == Entry.State.SUBMITTED:
        raise ApplicationError(_("This entry is waiting for review; it can be edited again once reviewed."))
    if entry.state == Entry.State.PUBLISHED:
        return _revision_save(entry=entry, by=by, data=data, version=version)
    if version != entry.version:
        raise ConflictError(theirs=entry_content.read(entry), version=entry.version)
    entry_content.write(entry, data)
    entry.version += 1
    entry.full_clean(exclude=["owner"])
    audit.record_as(entry, by, "stocktaking.entry.saved")
    entry.save()
    entry_content.write_links(entry, data)
    transaction.on_commit(lambda: _reindex(entry.pk))
    return entry


def _revision_save(*, entry: Entry, by: Any, data: dict[str, Any], version: int) -> EntryRevision:
    revision = entry.revisions.select_for_update().filter(state__in=OPEN_REVISION_STATES).first()
    if revision is None:
        if version != entry.version:
            raise ConflictError(theirs=entry_content.read(entry), version=entry.version)
        revision = EntryRevision(entry=entry, created_by=by, data=data, version=1)
    else:
        if revision.state == EntryRevision.State.SUBMITTED:
            raise ApplicationError(_("Your changes are waiting for review; they can be edited once reviewed."))
        if version != revision.version:
            raise ConflictError(theirs=revision.data, version=revision.version)
        revision.data = data
        revision.version += 1
    audit.record_as(revision, by, "stocktaking.revision.saved")
    revision.save()
    return revision


def editing_version(entry: Entry) -> tuple[dict[str, Any], int]:
    """What the edit form starts from, and the version to send back with it."""
    if entry.state == Entry.State.PUBLISHED:
        revision = open_revision(entry)
        if revision is not None:
            return revision.data, revision.version
    return entry_content.read(entry), entry.version


@transaction.atomic
def entry_submit(*, entry: Entry, by: Any) -> Entry | EntryRevision:
    """Send a complete draft (or the open revision of a published entry) to the secretariat."""
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    permissions.require(by, "stocktaking.entry.edit", entry)
    if entry.state == Entry.State.PUBLISHED:
        revision = entry.revisions.select_for_update().filter(state__in=OPEN_REVISION_STATES).first()
        if revision is None or revision.state == EntryRevision.State.SUBMITTED:
            raise ApplicationError(_("There are no changes to submit."))
        _require_complete(revision.data)
        revision.state = EntryRevision.State.SUBMITTED
        revision.submitted_at = timezone.now()
        audit.record_as(revision, by, "stocktaking.revision.submitted")
        revision.save()
        transaction.on_commit(lambda: tasks.notify_moderators.delay(entry_id=entry.pk))
        return revision
    if entry.state not in (Entry.State.DRAFT, Entry.State.RETURNED):
        raise ApplicationError(_("Only drafts and returned entries can be submitted."))
    _require_complete(entry_content.read(entry))
    entry.state = Entry.State.SUBMITTED
    entry.submitted_at = timezone.now()
    entry.state_reason = ""
    entry.version += 1
    audit.record_as(entry, by, "stocktaking.entry.submitted")
    entry.save()
    transaction.on_commit(lambda: tasks.notify_moderators.delay(entry_id=entry.pk))
    return entry


def _require_complete(data: dict[str, Any]) -> None:
    problems = entry_content.missing_for_submission(data)
    if problems:
        field, message = next(iter(problems.items()))
        error = ApplicationError(
            _("Complete the entry before submitting it: %(what)s") % {"what": message}, field=field
        )
        error.problems = problems  # type: ignore[attr-defined]
        raise error


@transaction.atomic
def entry_publish(*, entry: Entry, by: Any) -> Entry:
    """Approve a submitted entry, or the submitted revision of a published one; stamped with who and when."""
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    permissions.require(by, "stocktaking.entry.moderate", entry)
    now = timezone.now()
    if entry.state == Entry.State.PUBLISHED:
        revision = entry.revisions.select_for_update().filter(state=EntryRevision.State.SUBMITTED).first()
        if revision is None:
            raise ApplicationError(_("Nothing is waiting for review on this entry."))
        entry_content.write(entry, revision.data)
        entry_content.write_links(entry, revision.data)
        revision.state = EntryRevision.State.APPROVED
        revision.decided_by, revision.decided_at = by, now
        audit.record_as(revision, by, "stocktaking.revision.approved")
        revision.save()
        action = "stocktaking.entry.revision_published"
    elif entry.state == Entry.State.SUBMITTED:
        entry.state = Entry.State.PUBLISHED
        entry.published_at = entry.published_at or now
        action = "stocktaking.entry.published"
    else:
        raise ApplicationError(_("Only submitted entries can be published."))
    entry.approved_by, entry.approved_at, entry.content_updated_at = by, now, now
    entry.update_requested_at = None
    entry.state_reason = ""
    entry.version += 1
    entry.full_clean(exclude=["owner"])
    audit.record_as(entry, by, action)
    entry.save()
    transaction.on_commit(lambda: _reindex(entry.pk))
    transaction.on_commit(lambda: tasks.notify_owner.delay(entry_id=entry.pk, action=action))
    return entry


@transaction.atomic
def entry_return(*, entry: Entry, by: Any, reason: str) -> Entry:
    """Send a submission back to its owner with the changes wanted."""
    return _decline(entry=entry, by=by, reason=reason, reject=False)


@transaction.atomic
def entry_reject(*, entry: Entry, by: Any, reason: str) -> Entry:
    """Refuse a submission for good, with the reason."""
    return _decline(entry=entry, by=by, reason=reason, reject=True)


def _decline(*, entry: Entry, by: Any, reason: str, reject: bool) -> Entry:
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    permissions.require(by, "stocktaking.entry.moderate", entry)
    if not reason.strip():
        raise ApplicationError(_("Give the reason: the owner will read it."), field="reason")
    if entry.state == Entry.State.PUBLISHED:
        revision = entry.revisions.select_for_update().filter(state=EntryRevision.State.SUBMITTED).first()
        if revision is None:
            raise ApplicationError(_("Nothing is waiting for review on this entry."))
        revision.state = EntryRevision.State.REJECTED if reject else EntryRevision.State.RETURNED
        revision.reason = reason.strip()
        revision.decided_by, revision.decided_at = by, timezone.now()
        action = "stocktaking.revision.rejected" if reject else "stocktaking.revision.returned"
        audit.record_as(revision, by, action)
        revision.save()
    elif entry.state == Entry.State.SUBMITTED:
        entry.state = Entry.State.REJECTED if reject else Entry.State.RETURNED
        entry.state_reason = reason.strip()
        entry.version += 1
        action = "stocktaking.entry.rejected" if reject else "stocktaking.entry.returned"
        audit.record_as(entry, by, action)
        entry.save()
    else:
        raise ApplicationError(_("Only submitted entries can be returned or rejected."))
    transaction.on_commit(lambda: tasks.notify_owner.delay(entry_id=entry.pk, action=action))
    return entry


ATTACHMENTS_PER_ENTRY = 10


@transaction.atomic
def attachment_add(*, entry: Entry, by: Any, upload: Any) -> EntryAttachment:
    """Attach a document, checked by extension, declared type, first bytes and size."""
    permissions.require(by, "stocktaking.entry.edit", entry)
    name, kind = files.check_document(upload)
    if entry.attachments.count() >= ATTACHMENTS_PER_ENTRY:
        raise ApplicationError(_("An entry has at most 10 attachments."), field="file")
    attachment = EntryAttachment(entry=entry, name=name, content_type=kind, size=upload.size, uploaded_by=by)
    attachment.file.save(name, upload, save=False)
    audit.record_as(attachment, by, "stocktaking.attachment.added")
    attachment.save()
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: EntryAttachment, by: Any) -> None:
    """Remove an attachment and its file."""
    permissions.require(by, "stocktaking.entry.edit", attachment.entry)
    audit.record_as(attachment, by, "stocktaking.attachment.removed")
    stored = attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: attachment.file.storage.delete(stored))


@transaction.atomic
def entries_call_for_update(*, older_than_days: int = 365) -> int:
    """Flag published entries not updated for a year and ask their owners, once a year, to update them."""
    now = timezone.now()
    threshold = now - datetime.timedelta(days=older_than_days)
    stale = Entry.objects.filter(state=Entry.State.PUBLISHED, content_updated_at__lt=threshold).filter(
        Q(update_requested_at__isnull=True) | Q(update_requested_at__lt=threshold)
    )
    owners = list(stale.values_list("owner_id", flat=True).distinct())
    count = stale.update(update_requested_at=now)
    for owner_id in owners:
        transaction.on_commit(partial(tasks.send_call_for_update.delay, owner_id=owner_id))
    return count
