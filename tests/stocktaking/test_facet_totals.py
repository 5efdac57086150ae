"""The facet totals of all published entries, kept by triggers on the search rows (migration 0013)."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from stakeholders.models import Country
from stocktaking import search, tasks
from stocktaking.models import Entry, EntrySearch
from tests.stocktaking.conftest import MakeEntry

pytestmark = pytest.mark.django_db

KEY = "grouped, key, stakeholder_type_id, activity_type, status, year"


def kept() -> dict[tuple[Any, ...], int]:
    """What the totals table says, summed per key."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {KEY}, sum(n) FROM stocktaking_facettotal GROUP BY {KEY} HAVING sum(n) <> 0"  # noqa: S608
        )
        return {tuple(row[:-1]): int(row[-1]) for row in cursor.fetchall()}


def recounted() -> dict[tuple[Any, ...], int]:
    """The same counts, counted here from the search rows (not with the migration's SQL)."""
    counted: Counter[tuple[Any, ...]] = Counter()
    arrays = ("facet_action_lines", "facet_sdg_goals", "facet_regions", "facet_countries")  # grouped 0-3
    scalars = ("stakeholder_type_id", "activity_type", "status", "year")  # grouped 4
    for row in EntrySearch.objects.values(*arrays, *scalars):
        for grouped, column in enumerate(arrays):
            counted.update((grouped, key, None, None, None, None) for key in row[column])
        counted[(4, None, *(row[column] for column in scalars))] += 1
    return dict(counted)


def rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM stocktaking_facettotal")
        return int(cursor.fetchone()[0])


def test_totals_follow_every_change_of_the_search_rows(make_entry: MakeEntry) -> None:
    first = make_entry("Rural broadband", lines=("C2",), countries=("SEN", "MLI"), targets=("9.c",))
    second = make_entry("E-health records", lines=("C7.4",), countries=("KEN",), status="completed")
    make_entry("Open data", lines=("C1", "C3"), coverage="international", regions=("002",))
    assert kept() == recounted()
    assert sum(n for key, n in kept().items() if key[0] == 4 and key[4] == "ongoing") == 2

    first.countries.set(Country.objects.filter(iso3="BRA"))  # an update: old keys out, new ones in
    Entry.objects.filter(pk=first.pk).update(status="completed")
    assert search.reindex_entries([first.pk]) == 1
    Entry.objects.filter(pk=second.pk).update(state=Entry.State.DRAFT)  # unpublished: its row goes
    assert search.reindex_entries([second.pk]) == 1
    assert kept() == recounted()

    Entry.objects.filter(pk=first.pk).delete()  # its search row goes with it (CASCADE)
    assert kept() == recounted() and sum(n for key, n in kept().items() if key[0] == 4) == 1

    appended = rows()
    assert tasks.compact_facet_totals() == appended - rows() > 0  # one row per key left
    assert kept() == recounted() and rows() == len(recounted())

    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending foreign key checks: TRUNCATE refuses them
        cursor.execute("TRUNCATE stocktaking_entrysearch")
    assert rows() == 0
    search.recount_facet_totals()  # nothing to count
    assert rows() == 0


def test_recount_gives_what_the_triggers_gave(make_entry: MakeEntry) -> None:
    make_entry("Community radio", lines=("C9",), countries=("SEN",))
    make_entry("Local radio", lines=("C9", "C8"), countries=("SEN", "GHA"), status="planned")
    before = kept()
    search.recount_facet_totals()
    assert kept() == before == recounted() and rows() == len(before)
    with connection.cursor() as cursor:  # as after a load that ran without triggers
        cursor.execute("DELETE FROM stocktaking_facettotal WHERE grouped = 3")
    assert kept() != before
    out = io.StringIO()
    call_command("recount_facet_totals", stdout=out)
    assert "Facet totals counted again." in out.getvalue() and kept() == before


def test_landing_and_broad_counts_read_the_totals_and_match_a_direct_count(
    make_entry: MakeEntry, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "COMPLEMENT_SHARE", -1.0)  # "local" counted by its complement
    make_entry("Rural broadband", lines=("C2",), countries=("SEN",))
    make_entry("Local content", "Local languages online.", lines=("C8",), countries=("KEN",))
    make_entry("Local radio", "Local stations.", lines=("C9",), coverage="international")
    within = Entry.objects.all()
    for q, filters in [("", {}), ("local", {}), ("", {"status": ["ongoing"]})]:
        assert search.counts(q, "en", filters) == search.counts(q, "en", filters, within=within)
    # The totals are what the statement reads: a wrong total shows (nothing groups the rows again).
    with connection.cursor() as cursor:
        cursor.execute("UPDATE stocktaking_facettotal SET n = n + 5 WHERE grouped = 4")
        changed = cursor.rowcount
        cursor.execute(
            "UPDATE stocktaking_searchgeneration SET generation = nextval('stocktaking_search_generation_seq')"
        )
    assert changed > 0 and search.counts("", "en", {})[0] == 3 + 5 * changed


def test_compaction_runs_every_ten_minutes() -> None:
    entry = settings.CELERY_BEAT_SCHEDULE["stocktaking-compact-facet-totals"]
    assert entry["task"] == "stocktaking.compact_facet_totals" and entry["schedule"] == 600.0
    assert tasks.compact_facet_totals.name == entry["task"]
