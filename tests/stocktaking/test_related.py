"""Related entries of an entry page, found through the related keys that reindex_entries keeps."""

from __future__ import annotations

import datetime
import io
import random

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

from actionlines.models import ActionLine
from stakeholders.models import Country
from stocktaking import search, selectors
from stocktaking.models import Entry, RelatedKey
from tests.stocktaking.conftest import MakeEntry

pytestmark = pytest.mark.django_db

START = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)


def keys_of(entry: Entry) -> set[tuple[str, str]]:
    """(line code, country iso3 or "intl") pairs the entry is findable by."""
    codes = dict(Country.objects.values_list("id", "iso3"))
    lines = dict(ActionLine.objects.values_list("id", "code"))
    return {
        (lines[line], codes.get(country, "intl"))
        for line, country in RelatedKey.objects.filter(entry=entry).values_list("line", "country")
    }


def titles(entry: Entry) -> list[str]:
    return [related.title for related in selectors.related_entries(entry=entry)]


def test_related_entries_share_a_line_and_a_country_or_are_international(make_entry: MakeEntry) -> None:
    day = datetime.timedelta(days=1)
    entry = make_entry("Rural broadband in Senegal", lines=("C2",), countries=("SEN",), published_at=START)
    make_entry("Same line and country", lines=("C2",), countries=("SEN", "MLI"), published_at=START + day)
    make_entry("International, same line", lines=("C2",), coverage="international", published_at=START + 2 * day)
    make_entry("Same line, other country", lines=("C2",), countries=("KEN",), published_at=START + 3 * day)
    make_entry("Same country, other line", lines=("C4",), countries=("SEN",), published_at=START + 4 * day)
    make_entry("International, other line", lines=("C4",), coverage="international", published_at=START + 5 * day)
    assert titles(entry) == ["International, same line", "Same line and country"]  # newest first, not itself


def test_sub_lines_relate_through_their_parent_c7(make_entry: MakeEntry) -> None:
    entry = make_entry("E-health records", lines=("C7.4",), countries=("SEN",))
    make_entry("E-learning hubs", lines=("C7.3",), countries=("SEN",))
    assert keys_of(entry) == {("C7.4", "SEN"), ("C7", "SEN")}
    assert titles(entry) == ["E-learning hubs"]


def test_only_the_newest_five_and_in_a_constant_number_of_queries(
    make_entry: MakeEntry, django_assert_num_queries: object
) -> None:
    entry = make_entry("Digital skills in Kenya", lines=("C4", "C2"), countries=("KEN", "UGA"))
    for index in range(8):
        make_entry(
            f"Related {index}",
            lines=(("C4", "C2")[index % 2],),
            countries=(("KEN", "UGA")[index // 4],),
            published_at=START + datetime.timedelta(days=index),
        )
    with django_assert_num_queries(1):  # type: ignore[operator]
        assert titles(entry) == [f"Related {index}" for index in (7, 6, 5, 4, 3)]


def test_reindex_keeps_the_keys_of_what_changed_and_only_of_published_entries(make_entry: MakeEntry) -> None:
    entry = make_entry("Community radio", lines=("C9",), countries=("SEN",))
    other = make_entry("Local radio", lines=("C9",), countries=("SEN",))
    assert titles(entry) == ["Local radio"]
    assert keys_of(other) == {("C9", "SEN")}

    other.countries.set(Country.objects.filter(iso3="MLI"))
    Entry.objects.filter(pk=other.pk).update(coverage="international")
    assert search.reindex_entries([other.pk]) == 1
    assert keys_of(other) == {("C9", "MLI"), ("C9", "intl")}
    assert titles(entry) == ["Local radio"]  # international now

    moved = timezone.now() + datetime.timedelta(days=1)
    Entry.objects.filter(pk=other.pk).update(published_at=moved)
    assert search.reindex_entries([other.pk]) == 1
    assert set(RelatedKey.objects.filter(entry=other).values_list("published_at", flat=True)) == {moved}
    assert search.reindex_entries() == 0  # nothing left to rewrite

    Entry.objects.filter(pk=other.pk).update(state=Entry.State.DRAFT)
    assert search.reindex_entries([other.pk]) == 1
    assert keys_of(other) == set() and titles(entry) == []


def test_same_answer_as_walking_the_entries_newest_first(make_entry: MakeEntry) -> None:
    """The keys give what the plain definition gives: the newest published entries with a shared
    line and a shared country or international coverage (the query the page used to run)."""
    chance = random.Random(2005)
    lines = ("C1", "C2", "C3", "C7.3", "C7.4")
    countries = ("SEN", "KEN", "FRA", "BRA")
    entries = []
    for index in range(60):
        entries.append(
            make_entry(
                f"Entry {index}",
                lines=tuple(chance.sample(lines, chance.randint(1, 2))),
                countries=tuple(chance.sample(countries, chance.randint(0, 2))),
                coverage=chance.choice(["national", "regional", "international"]),
                published_at=START + datetime.timedelta(hours=chance.randint(0, 2000)),
            )
        )
    compared = 0
    for entry in entries:
        expected = list(
            Entry.objects.filter(state=Entry.State.PUBLISHED, facet_action_lines__overlap=entry.facet_action_lines)
            .exclude(pk=entry.pk)
            .filter(Q(facet_countries__overlap=entry.facet_countries or [0]) | Q(coverage="international"))
            .order_by("-published_at", "-pk")
            .values_list("title", flat=True)[:5]
        )
        assert titles(entry) == expected, entry.title
        compared += len(expected)
    assert compared > 150  # most entries have five related ones


def test_keys_left_behind_by_a_previous_release_are_completed_by_a_command(make_entry: MakeEntry) -> None:
    entry = make_entry("Community radio", lines=("C9",), countries=("SEN",))
    other = make_entry("Local radio", lines=("C9",), countries=("SEN",))
    # As a release older than migration 0012 leaves them: no keys for the entry it published, and a
    # key of a country the other entry no longer names.
    RelatedKey.objects.filter(entry=other).delete()
    elsewhere = Country.objects.exclude(iso3="SEN").values_list("pk", flat=True)[0]
    RelatedKey.objects.create(entry=entry, line=other.facet_action_lines[0], country=elsewhere, published_at=START)
    assert titles(entry) == []
    out = io.StringIO()
    call_command("complete_search_rows", stdout=out)
    assert "Related keys of 2 entries completed." in out.getvalue()
    assert titles(entry) == ["Local radio"] and keys_of(entry) == {("C9", "SEN")}
    assert search.complete_related_keys() == 0  # nothing left to complete
