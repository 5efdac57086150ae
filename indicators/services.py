"""Every write of the indicators app: imports of observations (dry run, then all-or-nothing import)
and the secretariat's edits of indicators (with a version check)."""

from __future__ import annotations

import os
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actionlines.models import WsisTarget
from indicators import importers, tasks
from indicators.importers import common, reading
from indicators.models import Indicator, ObservationImport, TargetIndicator
from stakeholders.models import Organisation
from wsis_portal import audit, permissions
from wsis_portal.errors import ApplicationError

INDICATOR_FIELDS = (
    "name_en",
    "name_fr",
    "name_es",
    "name_ru",
    "name_ar",
    "name_zh",
    "definition",
    "unit",
    "sdg_indicator",
    "source",
    "source_url",
    "itu_code",
    "wb_code",
    "sort",
)


class ConflictError(ApplicationError):
    """Someone saved the indicator in between: nothing was overwritten; the caller shows both versions."""

    def __init__(self, *, theirs: dict[str, Any], version: int) -> None:
        super().__init__(
            _("Someone saved this indicator while you were editing it. Compare both versions, then save again."),
            field="version",
        )
        self.theirs = theirs
        self.version = version


def _capped(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if len(items) <= common.MAX_ERRORS:
        return items
    more = len(items) - common.MAX_ERRORS
    return [*items[: common.MAX_ERRORS], {"row": None, "column": "", "reason": _("… and %(n)d more.") % {"n": more}}]


@transaction.atomic
def import_check(*, by: Any, upload: Any, layout: str) -> ObservationImport:
    """Dry run: read and check every row of an uploaded file, keep the file, the errors and the rows
    skipped; no observation is written. 3 queries to read the codes, 1 insert."""
    permissions.require(by, "indicators.observation.import")
    if layout not in importers.LAYOUTS:
        raise ApplicationError(_("Choose the layout of the file: World Bank or ITU."), field="layout")
    kind, data = reading.read_upload(upload)
    result = importers.check_file(layout, kind, data)
    batch = ObservationImport(
        original_name=os.path.basename(getattr(upload, "name", "") or "")[:200],
        layout=layout,
        uploaded_by=by,
        row_count=result.row_count,
        observation_count=len(result.candidates),
        errors=_capped(result.errors),
        notes=_capped(result.notes),
        created_count=0,
        updated_count=0,
    )
    batch.file.save(f"{uuid.uuid4().hex}.{kind}", ContentFile(data), save=False)
    batch.save()
    return batch


class _RunFailed(Exception):
    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__("rows failed")
        self.errors = errors


WORKER_THRESHOLD = 20_000  # values; a larger file is imported by a Celery worker (about 1 s per 1,500 values)


def import_run(*, batch: ObservationImport, by: Any) -> ObservationImport:
    """Import a checked file in one transaction, all values or none. Up to WORKER_THRESHOLD values the
    import runs now; a larger file is queued for a worker (tasks.run_import) and the page follows it."""
    permissions.require(by, "indicators.observation.import")
    if batch.observation_count > WORKER_THRESHOLD:
        with transaction.atomic():
            batch = ObservationImport.objects.select_for_update().get(pk=batch.pk)
            _check_runnable(batch, ObservationImport.State.CHECKED)
            batch.state = ObservationImport.State.QUEUED
            batch.imported_by = by
            batch.save(update_fields=["state", "imported_by"])
            batch_id = batch.pk
            transaction.on_commit(lambda: tasks.run_import.delay(batch_id))
        return batch
    return import_execute(batch_id=batch.pk, by=by, expected=ObservationImport.State.CHECKED)


def _check_runnable(batch: ObservationImport, expected: str) -> None:
    if batch.state != expected:
        raise ApplicationError(_("This file has already been imported or has failed; upload it again."), field="file")
    if batch.errors:
        raise ApplicationError(
            _("Correct the errors in the file and upload it again; nothing was imported."), field="file"
        )


def import_execute(*, batch_id: int, by: Any, expected: str) -> ObservationImport:
    """The import itself (now, or in the worker for a queued batch). The file is checked again inside
    the transaction (indicators or codes may have changed since the dry run); on any error the batch
    is marked failed with the errors and nothing is written."""
    try:
        with transaction.atomic():
            batch = ObservationImport.objects.select_for_update().get(pk=batch_id)
            _check_runnable(batch, expected)
            kind = "xlsx" if batch.file.name.endswith(".xlsx") else "csv"
            try:
                with batch.file.open("rb") as stored:
                    data = stored.read()
            except OSError:
                raise _RunFailed(
                    [{"row": None, "column": "", "reason": _("The uploaded file is no longer available.")}]
                ) from None
            try:
                result = importers.check_file(batch.layout, kind, data)
            except ApplicationError as error:
                raise _RunFailed([{"row": None, "column": "", "reason": error.message}]) from None
            if result.errors:
                raise _RunFailed(_capped(result.errors))
            written = importers.write(result.candidates, by=by)
            batch.state = ObservationImport.State.IMPORTED
            batch.created_count, batch.updated_count = written.created, written.updated
            batch.unchanged_count = written.unchanged
            batch.imported_at = timezone.now()
            batch.imported_by = by if getattr(by, "is_authenticated", False) else None
            batch.save()
    except _RunFailed as failure:
        ObservationImport.objects.filter(pk=batch_id).update(
            state=ObservationImport.State.FAILED, errors=failure.errors
        )
        raise ApplicationError(
            _(
                "The file no longer passes the checks (indicators or codes changed since the dry run); "
                "nothing was imported."
            ),
            field="file",
        ) from None
    except IntegrityError:
        ObservationImport.objects.filter(pk=batch_id).update(state=ObservationImport.State.FAILED)
        raise ApplicationError(
            _("Another import wrote the same values meanwhile; nothing was imported. Upload the file again."),
            field="file",
        ) from None
    return batch


def import_path(*, path: str, layout: str, dry_run: bool) -> tuple[common.Check, importers.Written | None]:
    """The management command's import of a file on disk (run by the operator, not through a role):
    the same checks; with errors or dry_run nothing is written."""
    if layout not in importers.LAYOUTS:
        raise ApplicationError(_("Choose the layout of the file: World Bank or ITU."), field="layout")
    kind = os.path.splitext(path)[1].lower().lstrip(".")
    if kind not in ("csv", "xlsx"):
        raise ApplicationError(_("Give a .csv or .xlsx file."), field="file")
    with open(path, "rb") as handle:
        data = handle.read(reading.MAX_BYTES + 1)
    if not data:
        raise ApplicationError(_("The file is empty."), field="file")
    if len(data) > reading.MAX_BYTES:
        raise ApplicationError(_("The file is larger than 10 MB. Split it into several files."), field="file")
    result = importers.check_file(layout, kind, data)
    if result.errors or dry_run:
        return result, None
    with transaction.atomic():
        written = importers.write(result.candidates, by=None)
    return result, written


# ---------------------------------------------------------------------------------------------
# Indicators


def _snapshot(indicator: Indicator) -> dict[str, Any]:
    data = {name: getattr(indicator, name) for name in INDICATOR_FIELDS}
    data["custodian"] = indicator.custodian.code if indicator.custodian_id and indicator.custodian else None
    data["gender_gap"] = indicator.gender_gap.code if indicator.gender_gap_id and indicator.gender_gap else None
    data["targets"] = sorted(indicator.targets.values_list("number", flat=True))
    return data


def _apply(indicator: Indicator, data: dict[str, Any]) -> list[int] | None:
    for name in INDICATOR_FIELDS:
        if name in data:
            setattr(indicator, name, data[name])
    if "custodian" in data:
        code = data["custodian"]
        custodian = Organisation.objects.filter(code__iexact=code).first() if code else None
        if code and custodian is None:
            raise ApplicationError(_("No organisation has the code %(code)s.") % {"code": code}, field="custodian")
        indicator.custodian = custodian
    if "gender_gap" in data:
        code = data["gender_gap"]
        gap = Indicator.objects.filter(code=code).first() if code else None
        if code and (gap is None or gap.pk == indicator.pk):
            raise ApplicationError(_("No other indicator has the code %(code)s.") % {"code": code}, field="gender_gap")
        indicator.gender_gap = gap
    targets = data.get("targets")
    if targets is None:
        return None
    known = set(WsisTarget.objects.filter(number__in=targets).values_list("number", flat=True))
    unknown = sorted(set(targets) - known)
    if unknown:
        raise ApplicationError(
            _("Unknown WSIS targets: %(numbers)s (they are numbered 1 to 11).")
            % {"numbers": ", ".join(str(n) for n in unknown)},
            field="targets",
        )
    return sorted(known)


def _check_codes(indicator: Indicator) -> None:
    for name, label in (("itu_code", _("ITU series code")), ("wb_code", _("World Bank code"))):
        value = getattr(indicator, name)
        if value and Indicator.objects.filter(**{name: value}).exclude(pk=indicator.pk).exists():
            raise ApplicationError(
                _("Another indicator already has the %(label)s %(value)s.") % {"label": label, "value": value},
                field=name,
            )


def _full_clean(indicator: Indicator) -> None:
    from django.core.exceptions import ValidationError

    try:
        indicator.full_clean(exclude=["custodian", "gender_gap", "targets"])
    except ValidationError as invalid:
        name, messages = next(iter(invalid.message_dict.items()))
        raise ApplicationError(" ".join(messages), field=None if name == "__all__" else name) from None


def _set_targets(indicator: Indicator, numbers: list[int] | None, by: Any) -> None:
    if numbers is None:
        return
    wanted = dict(WsisTarget.objects.filter(number__in=numbers).values_list("number", "pk"))
    for link in indicator.target_links.select_related("target"):
        if link.target.number not in wanted:
            audit.record_as(link, by, "indicators.target_indicator.removed")
            link.delete()
    present = set(indicator.target_links.values_list("target__number", flat=True))
    for number, target_id in wanted.items():
        if number not in present:
            link = TargetIndicator(target_id=target_id, indicator=indicator)
            audit.record_as(link, by, "indicators.target_indicator.added")
            link.save()


@transaction.atomic
def indicator_create(*, by: Any, data: dict[str, Any]) -> Indicator:
    """The secretariat adds an indicator (code, names, unit, SDG code, custodian, codes of the publishers)."""
    permissions.require(by, "indicators.indicator.change")
    code = data.get("code", "")
    if Indicator.objects.filter(code=code).exists():
        raise ApplicationError(_("An indicator with the code %(code)s exists.") % {"code": code}, field="code")
    indicator = Indicator(code=code)
    targets = _apply(indicator, data)
    _check_codes(indicator)
    _full_clean(indicator)
    audit.record_as(indicator, by, "indicators.indicator.created")
    indicator.save()
    _set_targets(indicator, targets, by)
    return indicator


@transaction.atomic
def indicator_update(*, indicator: Indicator, by: Any, data: dict[str, Any], version: int) -> Indicator:
    """Save the secretariat's edit of an indicator made from `version`; a stale version raises ConflictError."""
    permissions.require(by, "indicators.indicator.change", indicator)
    indicator = (
        Indicator.objects.select_for_update(of=("self",)).select_related("custodian", "gender_gap").get(pk=indicator.pk)
    )
    if indicator.version != version:
        raise ConflictError(theirs=_snapshot(indicator), version=indicator.version)
    targets = _apply(indicator, data)
    _check_codes(indicator)
    _full_clean(indicator)
    indicator.version += 1
    audit.record_as(indicator, by, "indicators.indicator.changed")
    indicator.save()
    _set_targets(indicator, targets, by)
    return indicator
