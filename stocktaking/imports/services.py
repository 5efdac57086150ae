"""The import's steps as services: the dry run (batch_check), queueing (batch_queue) and the
all-or-nothing import run by the worker (batch_run)."""

from __future__ import annotations

import os
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from actionlines.models import ActionLine, SdgTarget, WsisTarget
from stakeholders.models import Country, Region
from stocktaking import content as entry_content
from stocktaking.imports.checks import CheckedRow, check_rows
from stocktaking.imports.reading import MAX_STORED_ERRORS, parse, read_upload
from stocktaking.models import (
    Entry,
    EntryActionLine,
    EntrySdgTarget,
    EntryTranslation,
    ImportBatch,
)
from wsis_portal import audit, permissions
from wsis_portal.errors import ApplicationError

MAX_ATTEMPTS = 3  # runs of one batch (a worker killed mid-import is redelivered; acks_late)


@transaction.atomic
def batch_check(*, by: Any, upload: Any, publish: bool) -> ImportBatch:
    """Dry run: read and check every row, keep the file and the errors; no entry is written.

    Queries: 7 to check (see check_rows) and 1 insert, whatever the number of rows."""
    permissions.require(by, "stocktaking.entry.moderate")
    kind, data = read_upload(upload)
    rows = parse(kind, data)
    result = check_rows(rows, publish=publish)
    errors = result.errors
    if len(errors) > MAX_STORED_ERRORS:
        errors = [
            *errors[:MAX_STORED_ERRORS],
            {
                "row": None,
                "column": "",
                "message": _("… and %(n)d more errors.") % {"n": len(errors) - MAX_STORED_ERRORS},
            },
        ]
    batch = ImportBatch(
        original_name=os.path.basename(upload.name or "")[:200],
        uploaded_by=by,
        publish=publish,
        row_count=result.row_count,
        errors=errors,
        # Until the import runs, the counts are those the dry run foresees.
        created_count=result.to_create,
        updated_count=result.to_update,
    )
    batch.file.save(f"{uuid.uuid4().hex}.{kind}", ContentFile(data), save=False)
    batch.save()
    return batch


class _RunFailed(Exception):
    def __init__(self, failure: str, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(failure)
        self.failure, self.errors = failure, errors


@transaction.atomic
def batch_queue(*, batch: ImportBatch, by: Any) -> ImportBatch:
    """Ask the worker to import a checked batch that has no errors; the page then follows it."""
    permissions.require(by, "stocktaking.entry.moderate")
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.state != ImportBatch.State.CHECKED:
        raise ApplicationError(_("This file has already been imported, queued or has failed; upload it again."))
    if batch.errors:
        raise ApplicationError(_("Correct the errors in the file and upload it again."))
    batch.state = ImportBatch.State.QUEUED
    batch.queued_by, batch.queued_at = by, timezone.now()
    batch.save(update_fields=["state", "queued_by", "queued_at"])
    transaction.on_commit(lambda: _enqueue(batch.pk))
    return batch


def _enqueue(batch_id: int) -> None:
    from stocktaking import import_tasks

    import_tasks.run_import.delay(batch_id)


def batch_run(*, batch_id: int) -> ImportBatch | None:
    """The worker's import of a queued batch, in one transaction (all rows or none); search is
    reindexed after commit. Idempotent: a batch no longer queued is left alone, so a redelivered
    message does nothing; a batch whose runs keep dying (attempts) is marked failed, not retried forever.

    The file is checked again inside the transaction: entries or reference data may have changed since
    the dry run. If it fails now, the batch is marked failed with the new errors and nothing is written.
    The permission was checked when the batch was queued (batch_queue), by the person named queued_by."""
    batches = ImportBatch.objects.filter(pk=batch_id, state=ImportBatch.State.QUEUED)
    if not batches.update(attempts=F("attempts") + 1):
        return ImportBatch.objects.filter(pk=batch_id).first()
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.select_for_update(of=("self",)).select_related("queued_by").get(pk=batch_id)
            if batch.state != ImportBatch.State.QUEUED:  # another worker finished it meanwhile
                return batch
            if batch.attempts > MAX_ATTEMPTS:
                raise _RunFailed(ImportBatch.Failure.STOPPED)
            kind = "xlsx" if batch.file.name.endswith(".xlsx") else "csv"
            try:
                with batch.file.open("rb") as stored:
                    data = stored.read()
            except OSError:
                raise _RunFailed(ImportBatch.Failure.FILE_MISSING) from None
            result = check_rows(parse(kind, data), publish=batch.publish)
            if result.errors:
                raise _RunFailed(ImportBatch.Failure.CHANGED, result.errors[:MAX_STORED_ERRORS])
            ids, created, updated = _write(result.rows, by=batch.queued_by, publish=batch.publish)
            batch.state = ImportBatch.State.IMPORTED
            batch.created_count, batch.updated_count = created, updated
            batch.imported_at = timezone.now()
            batch.save()
            transaction.on_commit(lambda: _reindex(ids))
    except _RunFailed as failure:
        _fail(batch_id, failure.failure, failure.errors)
    except IntegrityError:
        _fail(batch_id, ImportBatch.Failure.CONFLICT, None)
    return ImportBatch.objects.filter(pk=batch_id).first()


def _fail(batch_id: int, failure: str, errors: list[dict[str, Any]] | None) -> None:
    changes: dict[str, Any] = {"state": ImportBatch.State.FAILED, "failure": failure}
    if errors is not None:
        changes["errors"] = errors
    ImportBatch.objects.filter(pk=batch_id).update(**changes)


def _reindex(ids: list[int]) -> None:
    from stocktaking import search

    search.reindex_entries(ids)


def _write(rows: list[CheckedRow], *, by: Any, publish: bool) -> tuple[list[int], int, int]:
    """Create or update one entry per row: 2 queries a row (the entry and its history row), then the
    links of all entries at once (see _write_links), plus 3 to lock and read the entries known."""
    existing = {
        entry.external_id: entry
        for entry in Entry.objects.select_for_update(of=("self",))
        .filter(external_id__in=[row.external_id for row in rows])
        .prefetch_related(
            Prefetch("action_line_links", queryset=EntryActionLine.objects.select_related("action_line")),
            Prefetch("sdg_target_links", queryset=EntrySdgTarget.objects.select_related("target")),
        )
    }
    now = timezone.now()
    written: list[tuple[Entry, dict[str, Any]]] = []
    updated: list[Entry] = []
    for row in rows:
        content = dict(row.content)
        entry = existing.get(row.external_id)
        if entry is None:
            entry = Entry(external_id=row.external_id, owner=by)
        else:
            _keep_rationales(entry, content)
            entry.version += 1
            updated.append(entry)
        entry.organisation = row.organisation
        entry.stakeholder_type_id = row.organisation.stakeholder_type_id
        entry_content.write(entry, content)
        entry.state_reason = ""
        if publish:
            entry.state = Entry.State.PUBLISHED
            entry.published_at = entry.published_at or now
            entry.approved_by, entry.approved_at, entry.content_updated_at = by, now, now
            entry.update_requested_at = None
        else:
            entry.state = Entry.State.DRAFT
        # Uniqueness, references and the date order were checked for the whole file at once; the
        # database constraints still hold them.
        entry.full_clean(
            exclude=["owner", "organisation", "stakeholder_type", "approved_by"],
            validate_unique=False,
            validate_constraints=False,
        )
        audit.record_as(entry, by, "stocktaking.entry.imported")
        entry.save()
        written.append((entry, content))
    _write_links(written, updated)
    return [entry.pk for entry, _content in written], len(written) - len(updated), len(updated)


def _keep_rationales(entry: Entry, content: dict[str, Any]) -> None:
    """The spreadsheet has no column for why each action line or SDG target applies: keep those given."""
    lines = {link.action_line.code: link.rationale for link in entry.action_line_links.all()}
    targets = {link.target.code: link.rationale for link in entry.sdg_target_links.all()}
    content["action_lines"] = [{**a, "rationale": lines.get(a["code"], "")} for a in content["action_lines"]]
    content["sdg_targets"] = [{**t, "rationale": targets.get(t["code"], "")} for t in content["sdg_targets"]]


def _write_links(written: list[tuple[Entry, dict[str, Any]]], updated: list[Entry]) -> None:
    """What content.write_links stores, for all entries at once. 5 queries to read the codes, then one
    DELETE per relation for the entries updated (6) and one INSERT per relation (5).

    content.write_links costs about 14 queries per entry (measured: 16 a row in all); written per entry,
    500 rows took a minute. Translations are kept: the file has none, except one in the entry's new
    original language, which the entry form forbids and is removed."""
    lines = dict(ActionLine.objects.values_list("code", "pk"))
    targets = dict(SdgTarget.objects.values_list("code", "pk"))
    wsis = dict(WsisTarget.objects.values_list("number", "pk"))
    countries = dict(Country.objects.values_list("iso3", "pk"))
    regions = dict(Region.objects.values_list("code", "pk"))
    entry_countries = Entry.countries.through
    entry_regions = Entry.regions.through
    entry_wsis = Entry.wsis_targets.through
    if updated:
        ids = [entry.pk for entry in updated]
        for model in (EntryActionLine, EntrySdgTarget, entry_countries, entry_regions, entry_wsis):
            model.objects.filter(entry_id__in=ids).delete()
        own_language = Q()
        for entry in updated:
            own_language |= Q(entry_id=entry.pk, language=entry.original_language)
        EntryTranslation.objects.filter(own_language).delete()
    batch = 1000
    EntryActionLine.objects.bulk_create(
        [
            EntryActionLine(entry=entry, action_line_id=lines[a["code"]], rationale=a.get("rationale", ""))
            for entry, content in written
            for a in content["action_lines"]
        ],
        batch_size=batch,
    )
    EntrySdgTarget.objects.bulk_create(
        [
            EntrySdgTarget(entry=entry, target_id=targets[t["code"]], rationale=t.get("rationale", ""))
            for entry, content in written
            for t in content["sdg_targets"]
        ],
        batch_size=batch,
    )
    entry_wsis.objects.bulk_create(
        [entry_wsis(entry_id=e.pk, wsistarget_id=wsis[n]) for e, c in written for n in c["wsis_targets"]],
        batch_size=batch,
    )
    entry_countries.objects.bulk_create(
        [entry_countries(entry_id=e.pk, country_id=countries[code]) for e, c in written for code in c["countries"]],
        batch_size=batch,
    )
    entry_regions.objects.bulk_create(
        [entry_regions(entry_id=e.pk, region_id=regions[code]) for e, c in written for code in c["regions"]],
        batch_size=batch,
    )
