from __future__ import annotations

import collections
import datetime
from typing import Any

import pytest
from django.core.management import call_command

from actionlines.models import ActionLine, MatrixLink, SdgTarget, WsisTarget
from stakeholders.models import Country, Organisation, Region
from stocktaking import demo
from stocktaking.models import Entry, EntryActionLine, EntrySdgTarget, EntryTranslation

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference(db: Any) -> demo.Reference:
    return demo.Reference.load()


@pytest.fixture
def sample(reference: demo.Reference) -> list[demo.EntryData]:
    return list(demo.generate(2000, seed=7, reference=reference))


def test_generation_is_deterministic_for_a_seed(reference: demo.Reference) -> None:
    first = list(demo.generate(50, seed=11, reference=reference))
    again = list(demo.generate(50, seed=11, reference=reference))
    other = list(demo.generate(50, seed=12, reference=reference))
    assert first == again
    assert [e.title for e in first] != [e.title for e in other]


def test_language_mix_is_close_to_the_target(sample: list[demo.EntryData]) -> None:
    counts = collections.Counter(e.original_language for e in sample)
    for language, percent in demo.LANGUAGE_WEIGHTS.items():
        assert abs(100 * counts[language] / len(sample) - percent) < 3.5, (language, counts[language])


def test_every_code_exists_in_the_reference_data(sample: list[demo.EntryData]) -> None:
    lines = set(ActionLine.objects.values_list("code", flat=True))
    targets = set(SdgTarget.objects.values_list("code", flat=True))
    wsis = set(WsisTarget.objects.values_list("number", flat=True))
    countries = set(Country.objects.values_list("iso3", flat=True))
    regions = set(Region.objects.values_list("code", flat=True))
    matrix = set(MatrixLink.objects.values_list("action_line__code", "target__code"))
    un_codes = set(Organisation.objects.exclude(code=None).values_list("code", flat=True))
    for e in sample:
        codes = [code for code, _ in e.action_lines]
        assert set(codes) <= lines
        assert {code for code, _ in e.sdg_targets} <= targets
        # Every SDG target comes from the WSIS-SDG matrix row of one of the entry's action lines.
        assert all(any((line, code) in matrix for line in codes) for code, _ in e.sdg_targets)
        assert set(e.wsis_targets) <= wsis
        assert set(e.countries) <= countries
        assert set(e.regions) <= regions
        assert e.organisation.code is None or e.organisation.code in un_codes


def test_entries_have_one_to_three_action_lines_and_consistent_dates(sample: list[demo.EntryData]) -> None:
    first_day = datetime.datetime(2005, 1, 1, tzinfo=datetime.UTC)
    for e in sample:
        assert 1 <= len(e.action_lines) <= 3
        assert len({code for code, _ in e.action_lines}) == len(e.action_lines)
        assert all(why for _, why in e.action_lines + e.sdg_targets)
        assert e.start_date is not None
        assert e.end_date is None or e.end_date >= e.start_date
        if e.status == "planned":
            assert e.start_date > demo.AS_OF
        elif e.status == "ongoing":
            assert e.start_date <= demo.AS_OF and (e.end_date is None or e.end_date > demo.AS_OF)
        else:
            assert e.status == "completed" and e.end_date is not None and e.end_date <= demo.AS_OF
        assert first_day <= e.created_at <= e.submitted_at <= e.published_at <= e.content_updated_at
        assert e.published_at.date() <= demo.AS_OF


def test_texts_have_the_expected_length_and_scripts(sample: list[demo.EntryData]) -> None:
    for e in sample:
        words = demo.word_count(e.original_language, e.short_description)
        assert 150 <= words <= 210, (e.original_language, words)
        assert len(e.short_description) <= 1600 and len(e.title) <= 300
        if e.coverage == "national":
            assert len(e.countries) == 1 and not e.regions
        else:
            assert len(e.countries) >= 2 and len(e.regions) == 1
    arabic = next(e for e in sample if e.original_language == "ar")
    assert any("\u0600" <= ch <= "\u06ff" for ch in arabic.title)
    chinese = next(e for e in sample if e.original_language == "zh")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese.short_description)
    translated = [e for e in sample if e.original_language != "en" and e.translations]
    share = len(translated) / sum(e.original_language != "en" for e in sample)
    assert 0.14 < share < 0.26
    for e in translated:
        (english,) = e.translations
        assert english.language == "en" and english.provided_by_owner and english.title != e.title
        assert "WSIS action line" in english.short_description


def test_load_creates_entries_with_links_in_bounded_queries(django_assert_max_num_queries: Any) -> None:
    before = Entry.objects.count()
    # Reference data (8), secretariat (1), then per batch: organisations (2), users (2), memberships (1),
    # ids (1); the COPY statements go through psycopg and are not counted; reindex (1); savepoints.
    with django_assert_max_num_queries(60):
        added = demo.load(300, batch_size=100, seed=5)
    assert added == 300
    entries = Entry.objects.filter(pk__in=Entry.objects.order_by("-pk").values("pk")[:300])
    assert Entry.objects.count() == before + 300
    assert set(entries.values_list("state", flat=True)) == {Entry.State.PUBLISHED}
    assert not entries.filter(published_at=None).exists()
    links = EntryActionLine.objects.filter(entry__in=entries)
    assert links.values("entry").distinct().count() == 300
    assert EntrySdgTarget.objects.filter(entry__in=entries).exists()
    assert EntryTranslation.objects.filter(entry__in=entries).exists()
    assert Entry.countries.through.objects.filter(entry__in=entries).count() >= 300
    first = entries.order_by("pk").select_related("owner", "organisation").first()
    assert first is not None and first.owner.email.startswith("demo.entries@")
    assert not first.owner.has_usable_password()
    assert not Entry.history.filter(id__in=entries.values("pk")).exists()


def test_loading_again_with_another_seed_adds_more() -> None:
    before = Entry.objects.count()
    organisations = Organisation.objects.count()
    demo.load(120, seed=1)
    after_first = Organisation.objects.count()
    demo.load(120, seed=2, state="draft")
    after_second = Organisation.objects.count()
    demo.load(60, seed=1)  # the same first 60 entries: their organisations and users are reused
    assert Entry.objects.count() == before + 300
    assert Entry.objects.filter(state=Entry.State.DRAFT, published_at=None).count() >= 120
    assert organisations < after_first < after_second == Organisation.objects.count()


def test_load_entries_command_reports_count_and_time(capsys: Any) -> None:
    call_command("load_entries", "25", "--seed", "3", "--state", "draft")
    out = capsys.readouterr().out
    assert "25 draft entries loaded in" in out
