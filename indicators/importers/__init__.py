"""Importers of indicator observations from the files the World Bank and ITU publish.

`check_file` reads a file in one of the LAYOUTS and returns every value it would write with every
error (row, column, reason), writing nothing; `write` stores the values of a file without errors, all
at once: values already known (same indicator, country or region, year, sex and area) are updated
when they changed and left alone otherwise, so importing a file again never duplicates anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from indicators.importers import common, itu, reading, worldbank
from indicators.models import Observation

LAYOUTS = {"worldbank": worldbank.check, "itu": itu.check}
ACTION = "indicators.observation.imported"


def check_file(layout: str, kind: str, data: bytes) -> common.Check:
    """Read a file and check every row: 3 queries (the codes), nothing written."""
    reading.check_content(kind, data)
    records = reading.records(kind, data)
    return LAYOUTS[layout](records, common.Reference.load())


@dataclass
class Written:
    created: int
    updated: int
    unchanged: int


def write(candidates: list[common.Candidate], *, by: Any) -> Written:
    """Create or update the observations of a checked file; call inside a transaction.

    Queries: 1 to read the observations known for the file's indicators and years, then bulk inserts
    and updates of the observations and of their history rows (in batches of 1,000)."""
    if not candidates:
        return Written(0, 0, 0)
    indicator_ids = {c.indicator_id for c in candidates}
    years = [c.year for c in candidates]
    known: dict[common.NaturalKey, Observation] = {
        (o.indicator_id, o.country_id, o.region_id, o.year, o.sex, o.area): o
        for o in Observation.objects.select_for_update().filter(
            indicator_id__in=indicator_ids, year__gte=min(years), year__lte=max(years)
        )
    }
    now = timezone.now()
    user = by if by is not None and getattr(by, "is_authenticated", False) else None
    to_create: list[Observation] = []
    to_update: list[Observation] = []
    unchanged = 0
    for candidate in candidates:
        observation = known.get(candidate.key)
        if observation is None:
            to_create.append(
                Observation(
                    indicator_id=candidate.indicator_id,
                    country_id=candidate.country_id,
                    region_id=candidate.region_id,
                    year=candidate.year,
                    sex=candidate.sex,
                    area=candidate.area,
                    value=candidate.value,
                    source_note=candidate.source_note,
                    updated_at=now,
                )
            )
        elif observation.value != candidate.value or observation.source_note != candidate.source_note:
            observation.value = candidate.value
            observation.source_note = candidate.source_note
            observation.updated_at = now
            to_update.append(observation)
        else:
            unchanged += 1
    if to_create:
        bulk_create_with_history(
            to_create, Observation, batch_size=1000, default_user=user, default_change_reason=ACTION, default_date=now
        )
    if to_update:
        bulk_update_with_history(
            to_update,
            Observation,
            ["value", "source_note", "updated_at"],
            batch_size=1000,
            default_user=user,
            default_change_reason=ACTION,
            default_date=now,
        )
    return Written(len(to_create), len(to_update), unchanged)
