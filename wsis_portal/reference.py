"""Shared helpers for loading the reference data files (CSV, UTF-8, header row)."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.db import models

from wsis_portal import audit

LANG_SUFFIXES = ("en", "fr", "es", "ru", "ar", "zh")


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            yield {key: (value or "").strip() for key, value in row.items()}


def fingerprint(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def translated(row: dict[str, str], field: str, column: str | None = None) -> dict[str, str]:
    column = column or field
    return {f"{field}_{suffix}": row.get(f"{column}_{suffix}", "") for suffix in LANG_SUFFIXES}


class Upserter:
    """Create or update rows by their natural key, saving only what changed (so the audit trail
    records real changes, and a second load writes nothing)."""

    ACTION = "reference.loaded"

    def __init__(self) -> None:
        self.created = 0
        self.updated = 0

    def upsert(self, model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]) -> Any:
        obj = model._default_manager.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            # Field checks only: uniqueness is the database's job (full_clean would add a query per
            # unique field and row, which made a first load several times slower).
            obj.clean_fields()
            audit.record_as(obj, None, self.ACTION)
            obj.save()
            self.created += 1
            return obj
        changed = [name for name, value in values.items() if _attribute(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.clean_fields()
            audit.record_as(obj, None, self.ACTION)
            obj.save()
            self.updated += 1
        return obj

    def summary(self) -> str:
        return f"{self.created} created, {self.updated} updated"


def _attribute(obj: models.Model, name: str) -> Any:
    field = obj._meta.get_field(name)
    if isinstance(field, models.ForeignKey):
        return getattr(obj, field.attname)
    return getattr(obj, name)
