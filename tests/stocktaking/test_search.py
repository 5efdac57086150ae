from __future__ import annotations

import datetime
import importlib
import io
import unicodedata
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from actionlines.models import ActionLine
from stakeholders.models import Country, Region
from stocktaking import search
from stocktaking.models import Entry
from tests.stocktaking.conftest import MakeEntry

pytestmark = pytest.mark.django_db


def found(q: str, *entries: Entry, language: str = "en") -> set[str]:
    """Titles of the given entries that match `q`."""
    queryset = Entry.objects.filter(pk__in=[e.pk for e in entries])
    return set(search.apply_query(queryset, q, language).values_list("title", flat=True))


def line_id(code: str) -> int:
    return ActionLine.objects.get(code=code).pk


def region_id(code: str) -> int:
    return Region.objects.get(code=code).pk


# ---------------------------------------------------------------------------------------------
# SQL functions


def sql_value(sql: str, *params: Any) -> Any:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def test_unaccent_folds_latin_diacritics_and_arabic_marks() -> None:
    assert sql_value("SELECT wsis_unaccent(%s)", "Ærøskøbing STRAßE Œuvre ÉCOLE Łódź Ñandú") == (
        "aeroskobing strasse oeuvre ecole lodz nandu"
    )
    # tashkeel and tatweel removed, hamza forms of alef normalised
    assert sql_value("SELECT wsis_unaccent(%s)", "تَعْلِيـــم أمن إدارة آفاق") == "تعليم امن ادارة افاق"


def test_unaccent_folds_every_latin_1_and_extended_a_letter() -> None:
    two_letters = {"Æ": "ae", "æ": "ae", "Œ": "oe", "œ": "oe", "ß": "ss", "Þ": "th", "þ": "th", "Ĳ": "ij", "ĳ": "ij"}
    no_decomposition = dict(zip("ÐðĐđØøĦħıĸĿŀŁłŉŊŋŦŧſ", "ddddoohhikllllnnntts", strict=True))
    letters = [chr(c) for c in range(0xC0, 0x180) if chr(c) not in "×÷"]
    expected = [
        two_letters.get(ch) or no_decomposition.get(ch) or unicodedata.normalize("NFD", ch)[0].lower() for ch in letters
    ]
    assert all(e.isascii() and e.isalpha() for e in expected)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_agg(wsis_unaccent(ch) ORDER BY n) FROM unnest(%s::text[]) WITH ORDINALITY AS u(ch, n)",
            [letters],
        )
        folded = cursor.fetchone()[0]
    assert dict(zip(letters, folded, strict=True)) == dict(zip(letters, expected, strict=True))


def test_unaccent_keeps_russian_short_i_and_folds_yo() -> None:
    assert sql_value("SELECT wsis_unaccent(%s)", "Йошкар-Ола, ЁЛКА, край") == "йошкар-ола, елка, край"


def test_ts_config_maps_the_six_languages() -> None:
    configs = [sql_value("SELECT wsis_ts_config(%s)::text", lang) for lang in ["en", "fr", "es", "ru", "ar", "zh"]]
    assert configs == ["english", "french", "spanish", "russian", "arabic", "simple"]


def test_cjk_bigrams_split_runs_and_keep_other_text() -> None:
    assert sql_value("SELECT wsis_cjk_bigrams(%s)", "5G网络 信息社会") == "5G 网络   信息 息社 社会"


def test_python_and_sql_cjk_ranges_agree() -> None:
    migration = importlib.import_module("stocktaking.migrations.0002_search_functions")
    assert migration.CJK_CLASS == search.CJK_RANGES


# ---------------------------------------------------------------------------------------------
# Indexing


def test_reindex_fills_facets_with_parents_goals_regions_and_year(make_entry: MakeEntry) -> None:
    entry = make_entry(
        "Telemedicine for rural clinics",
        lines=("C7.4",),
        targets=("3.8", "9.c"),
        countries=("SEN",),
        start_date=datetime.date(2019, 3, 1),
    )
    assert set(entry.facet_action_lines) == {line_id("C7"), line_id("C7.4")}
    assert entry.facet_sdg_goals == [3, 9]
    assert entry.facet_countries == [Country.objects.get(iso3="SEN").pk]
    # Senegal: Africa (002), Sub-Saharan Africa (202), Western Africa (011)
    assert set(entry.facet_regions) == {region_id("002"), region_id("202"), region_id("011")}
    assert entry.year == 2019


def test_reindex_of_all_entries_counts_only_changed_rows(make_entry: MakeEntry) -> None:
    entry = make_entry("Open data portal", published_at=datetime.datetime(2021, 5, 1, tzinfo=datetime.UTC))
    assert entry.year == 2021
    assert search.reindex_entries() == 0  # nothing changed since
    Entry.objects.filter(pk=entry.pk).update(title="Open government data portal")
    assert search.reindex_entries() == 1
    assert search.reindex_entries([]) == 0


def test_explicit_region_counts_in_the_regions_it_is_part_of(make_entry: MakeEntry) -> None:
    entry = make_entry("West African exchange points", regions=("011",), coverage=Entry.Coverage.REGIONAL)
    assert set(entry.facet_regions) == {region_id("011"), region_id("202"), region_id("002")}


# ---------------------------------------------------------------------------------------------
# Matching


def test_search_is_accent_insensitive_both_ways(make_entry: MakeEntry) -> None:
    spanish = make_entry("Programa de educación digital", original_language="es")
    french = make_entry("Ecole numerique", original_language="fr")
    assert found("educacion", spanish, french) == {spanish.title}
    assert found("EDUCACIÓN", spanish, french) == {spanish.title}
    assert found("école", spanish, french) == {french.title}


def test_search_stems_in_the_entry_language(make_entry: MakeEntry) -> None:
    english = make_entry("Connected schools in the Pacific")
    french = make_entry("Un réseau communautaire en Afrique", original_language="fr")
    assert found("connecting", english, french) == {english.title}
    assert found("réseaux", english, french) == {french.title}


def test_stop_words_of_any_language_do_not_hide_entries(make_entry: MakeEntry) -> None:
    english = make_entry("Internet exchange points")
    assert found("the internet", english) == {english.title}
    assert found("the", english) == set()


def test_french_query_finds_english_entry_by_its_french_translation(make_entry: MakeEntry) -> None:
    entry = make_entry(
        "Community broadband",
        "Last-mile access for villages.",
        translations=(("fr", "Réseau communautaire à haut débit", "Accès du dernier kilomètre pour les villages."),),
    )
    other = make_entry("Cybersecurity drills")
    assert found("réseaux communautaires", entry, other, language="fr") == {entry.title}


def test_two_chinese_characters_find_a_longer_chinese_sentence(make_entry: MakeEntry) -> None:
    chinese = make_entry("数字政府", "我们推进信息社会建设。", original_language="zh")
    translated = make_entry("Digital skills", translations=(("zh", "数字技能", "农村妇女的信息技能培训"),))
    other = make_entry("社会保障", "社会信用", original_language="zh")
    assert found("信息", chinese, translated, other) == {chinese.title, translated.title}
    assert found("信息社会", chinese, translated, other) == {chinese.title}
    assert found("息社会信", chinese, translated, other) == set()


def test_arabic_matches_with_or_without_diacritics(make_entry: MakeEntry) -> None:
    plain = make_entry("التعليم الرقمي في المدارس", original_language="ar")
    voweled = make_entry("الأَمْنُ السيبراني", original_language="ar")
    assert found("التَّعْلِيم", plain, voweled) == {plain.title}
    assert found("التعليم", plain, voweled) == {plain.title}
    assert found("الامن", plain, voweled) == {voweled.title}


def test_websearch_phrase_exclusion_and_or(make_entry: MakeEntry) -> None:
    phrase = make_entry("Digital inclusion for women")
    apart = make_entry("Inclusion of women in digital jobs")
    satellite = make_entry("Rural broadband by satellites")
    fibre = make_entry("Rural broadband by fibre")
    everything = (phrase, apart, satellite, fibre)
    assert found('"digital inclusion"', *everything) == {phrase.title}
    # the exclusion holds in every language: the English stem "satellit" is excluded too
    assert found("broadband -satellite", *everything) == {fibre.title}
    assert found("satellite OR fibre", *everything) == {satellite.title, fibre.title}
    assert found("rural satellite or fibre", *everything) == {satellite.title, fibre.title}


def test_title_match_ranks_above_description_match(make_entry: MakeEntry) -> None:
    in_description = make_entry("Rural clinics", "Clinics use telemedicine carts for consultations.")
    in_title = make_entry("Telemedicine network", "Doctors consult remote patients.")
    queryset = Entry.objects.filter(pk__in=[in_description.pk, in_title.pk])
    ranked = list(search.apply_query(queryset, "telemedicine", "en").order_by("-rank"))
    assert [e.pk for e in ranked] == [in_title.pk, in_description.pk]
    assert ranked[0].rank > ranked[1].rank > 0


def test_empty_query_leaves_queryset_unchanged() -> None:
    queryset = Entry.objects.all()
    assert search.apply_query(queryset, "   ", "en") is queryset
    assert search.apply_query(queryset, "&&& -- !!", "en") is queryset


@pytest.mark.parametrize(
    "q",
    ["\x00", "abc\x00def", "&&&", "a" * 100_000, "word " * 500, '"', '"unterminated phrase', "-", "OR OR", "\ud800x"],
)
def test_bad_queries_do_not_raise(make_entry: MakeEntry, q: str) -> None:
    entry = make_entry("Open data abc")
    queryset = search.apply_query(Entry.objects.filter(pk=entry.pk), q, "en")
    assert len(list(queryset)) <= 1
    assert search.facets(Entry.objects.filter(pk=entry.pk), q, "en", {}, groups=["status"])["status"] in (
        [],
        [("ongoing", 1)],
    )


def test_nul_byte_is_read_as_a_space(make_entry: MakeEntry) -> None:
    entry = make_entry("Open data portal")
    assert found("open\x00data", entry) == {entry.title}


# ---------------------------------------------------------------------------------------------
# Filters and facets


@pytest.fixture
def catalogue(make_entry: MakeEntry) -> dict[str, Entry]:
    """Five entries; the facet tests count them by hand."""
    return {
        "health": make_entry("E-health records", lines=("C7.4",), countries=("SEN",), status="completed"),
        "learning": make_entry("E-learning hubs", lines=("C7.3",), countries=("FRA",), status="ongoing"),
        "both": make_entry("Health education", lines=("C7.3", "C7.4"), countries=("SEN", "FRA"), status="ongoing"),
        "access": make_entry("Broadband access", lines=("C2",), countries=("BRA",), status="planned"),
        "skills": make_entry("Digital skills", lines=("C4",), countries=("SEN",), status="ongoing"),
    }


def base(catalogue: dict[str, Entry]) -> Any:
    return Entry.objects.filter(pk__in=[e.pk for e in catalogue.values()])


def test_filter_by_parent_line_finds_sub_line_entries(catalogue: dict[str, Entry]) -> None:
    filtered = search.apply_filters(base(catalogue), {"action_line": [str(line_id("C7"))]})
    assert set(filtered.values_list("title", flat=True)) == {"E-health records", "E-learning hubs", "Health education"}


def test_filters_or_within_a_group_and_between_groups(catalogue: dict[str, Entry]) -> None:
    filtered = search.apply_filters(
        base(catalogue),
        {
            "action_line": [str(line_id("C7.4")), str(line_id("C2"))],
            "status": ["ongoing", "planned"],
            "bogus": ["1"],
            "year": ["not-a-year"],
        },
    )
    assert set(filtered.values_list("title", flat=True)) == {"Health education", "Broadband access"}


def test_region_filter_includes_countries_sub_regions(catalogue: dict[str, Entry]) -> None:
    africa = search.apply_filters(base(catalogue), {"region": [str(region_id("002"))]})
    western_africa = search.apply_filters(base(catalogue), {"region": [str(region_id("011"))]})
    expected = {"E-health records", "Health education", "Digital skills"}
    assert set(africa.values_list("title", flat=True)) == expected
    assert set(western_africa.values_list("title", flat=True)) == expected


def test_facets_are_exact_and_disjunctive(catalogue: dict[str, Entry], django_assert_num_queries: Any) -> None:
    senegal = Country.objects.get(iso3="SEN").pk
    filters = {"action_line": [str(line_id("C7"))], "status": ["ongoing"]}
    # 1 query for all the groups: one GROUPING SETS aggregate over the matching search rows
    with django_assert_num_queries(1):
        counts = search.facets(base(catalogue), "", "en", filters)
    # action lines: counted over status=ongoing only (learning, both, skills)
    assert dict(counts["action_line"]) == {line_id("C7"): 2, line_id("C7.3"): 2, line_id("C7.4"): 1, line_id("C4"): 1}
    # status: counted over C7 only (health, learning, both)
    assert counts["status"] == [("ongoing", 2), ("completed", 1)]
    # other groups: both filters (learning, both)
    france = Country.objects.get(iso3="FRA").pk
    assert dict(counts["country"]) == {france: 2, senegal: 1}
    assert dict(counts["region"])[region_id("150")] == 2  # Europe
    assert dict(counts["region"])[region_id("002")] == 1  # Africa
    assert counts["sdg"] == []
    assert counts["activity_type"] == [("project", 2)]
    assert counts["year"] == [(timezone.now().year, 2)]


def _brute_force_counts(entries: list[Entry], filters: dict[str, list[str]]) -> tuple[int, dict[str, Any]]:
    """The disjunctive counts computed in Python from the entries' columns, one group at a time."""

    def keys(entry: Entry, group: str) -> list[Any]:
        value = getattr(entry, search.FACETS[group].column)
        return list(value) if search.FACETS[group].is_array else ([] if value is None else [value])

    def passes(entry: Entry, group: str) -> bool:
        wanted = {search.FACETS[group].key_type(v) for v in filters[group]}
        return bool(wanted & set(keys(entry, group)))

    expected: dict[str, Any] = {}
    for group in search.FACETS:
        counter: dict[Any, int] = {}
        for entry in entries:
            if all(passes(entry, other) for other in filters if other != group):
                for key in keys(entry, group):
                    counter[key] = counter.get(key, 0) + 1
        expected[group] = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    total = sum(1 for entry in entries if all(passes(entry, group) for group in filters))
    return total, expected


@pytest.mark.parametrize(
    "chosen",
    [
        {},
        {"status": ["ongoing"]},
        {"action_line": ["C7"]},
        {"action_line": ["C7.4", "C2"], "country": ["SEN"]},
        {"action_line": ["C7"], "country": ["FRA", "BRA"], "status": ["ongoing", "planned"]},
        {"region": ["002"], "year": ["this year"], "activity_type": ["project"]},
    ],
)
def test_counts_in_one_query_match_a_brute_force_count(
    catalogue: dict[str, Entry], chosen: dict[str, list[str]], django_assert_num_queries: Any
) -> None:
    codes = {"action_line": line_id, "region": region_id, "country": lambda c: Country.objects.get(iso3=c).pk}
    filters = {
        group: [
            str(timezone.now().year) if v == "this year" else str(codes[group](v)) if group in codes else v
            for v in values
        ]
        for group, values in chosen.items()
    }
    entries = list(Entry.objects.filter(pk__in=[e.pk for e in catalogue.values()]))
    with django_assert_num_queries(1):
        total, counts = search.counts("", "en", filters, within=base(catalogue))
    assert (total, counts) == _brute_force_counts(entries, filters)
    # with a text query: the same counts over the entries that match it
    with django_assert_num_queries(1):
        total, counts = search.counts("health OR skills", "en", filters, within=base(catalogue))
    matching = [e for e in entries if e.title in ("E-health records", "Health education", "Digital skills")]
    assert (total, counts) == _brute_force_counts(matching, filters)


def test_counts_without_text_are_kept_in_process_until_the_search_rows_change(
    catalogue: dict[str, Entry], make_entry: MakeEntry, django_assert_num_queries: Any
) -> None:
    entries = list(catalogue.values())
    senegal = str(Country.objects.get(iso3="SEN").pk)
    both = {"country": [senegal], "status": ["ongoing"]}
    for filters in ({}, {"country": [senegal]}, both):  # {country}: its own counts are over all entries
        with django_assert_num_queries(1):
            first = search.counts("", "en", filters)
        assert first == _brute_force_counts(list(Entry.objects.filter(pk__in=[e.pk for e in entries])), filters)
        with django_assert_num_queries(1):  # from the process, after the generation is read
            assert search.counts("", "en", filters) == first
    # Publishing, unpublishing (a deleted search row) and deleting change the counts at once.
    added = make_entry("Community radio", lines=("C8",), countries=("SEN",), status="planned")
    assert search.counts("", "en", {})[1]["status"] == [("ongoing", 3), ("planned", 2), ("completed", 1)]
    assert search.counts("", "en", {"country": [senegal]})[0] == 4
    assert dict(search.counts("", "en", both)[1]["status"]) == {"ongoing": 2, "completed": 1, "planned": 1}
    Entry.objects.filter(pk=added.pk).update(state=Entry.State.RETURNED, state_reason="Incomplete")
    search.reindex_entries([added.pk])
    assert search.counts("", "en", {})[0] == 5
    catalogue["skills"].delete()
    total, counts = search.counts("", "en", {})
    assert total == 4 and ("planned", 1) in counts["status"] and ("ongoing", 2) in counts["status"]


@pytest.mark.parametrize("q", ["health OR skills", "health", "-health", '"health education"', "unmatched", "the"])
@pytest.mark.parametrize(
    "chosen", [{}, {"action_line": ["C7"]}, {"action_line": ["C7"], "status": ["ongoing"]}, {"country": ["SEN"]}]
)
def test_a_query_counted_by_its_complement_gives_the_same_counts(
    catalogue: dict[str, Entry],
    chosen: dict[str, list[str]],
    q: str,
    monkeypatch: pytest.MonkeyPatch,
    django_assert_num_queries: Any,
) -> None:
    codes = {"action_line": line_id, "country": lambda c: Country.objects.get(iso3=c).pk}
    filters = {
        group: [str(codes[group](v)) if group in codes else v for v in values] for group, values in chosen.items()
    }
    expected = search.counts(q, "en", filters, within=base(catalogue))  # `within`: always counted directly
    monkeypatch.setattr(search, "COMPLEMENT_SHARE", 2.0)  # no query matches more than all the rows
    search._KEPT.clear()
    assert search.counts(q, "en", filters) == expected
    assert not search._KEPT  # counted directly: nothing kept
    monkeypatch.setattr(search, "COMPLEMENT_SHARE", -1.0)  # every query: all rows less those not matching
    with django_assert_num_queries(1):
        assert search.counts(q, "en", filters) == expected
    assert search._KEPT  # the counts over all rows passing the filters, kept for the next query
    with django_assert_num_queries(1):  # and read from the process the second time
        assert search.counts(q, "en", filters) == expected


def test_every_search_row_holds_the_lexeme_no_text_produces(catalogue: dict[str, Entry]) -> None:
    with connection.cursor() as cursor:
        every = search.ALL_ROWS_QUERY
        sql = f"SELECT count(*) FILTER (WHERE search_vector @@ {every}), count(*) FROM stocktaking_entrysearch"  # noqa: S608
        cursor.execute(sql)
        holding, rows = cursor.fetchone()
    assert holding == rows == len(catalogue)
    assert search.counts("~ all", "en", {})[0] == 0  # a reader cannot type it: "~" is no word, "all" is in no entry
    assert search.counts('"~ all"', "en", {})[0] == 0


def test_a_broad_query_is_counted_by_its_complement_when_the_planner_expects_most_rows(
    catalogue: dict[str, Entry],
) -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE stocktaking_entrysearch")
        cursor.execute(f"SELECT wsis_search_share({search.ALL_ROWS_QUERY}), wsis_search_share('unmatched'::tsquery)")
        everything, nothing = cursor.fetchone()
    assert everything > search.COMPLEMENT_SHARE > nothing
    search._KEPT.clear()
    assert search.counts("e", "en", {}) == search.counts("e", "en", {}, within=base(catalogue))


def test_facets_follow_the_text_query(catalogue: dict[str, Entry]) -> None:
    counts = search.facets(base(catalogue), "health", "en", {}, groups=["status"])
    assert counts == {"status": [("completed", 1), ("ongoing", 1)]}


def test_facet_counts_of_arrays_count_each_entry_once(catalogue: dict[str, Entry]) -> None:
    # "both" has C7.3 and C7.4 but counts once under their parent C7
    assert dict(search.facet_counts(base(catalogue), "action_line"))[line_id("C7")] == 3


def test_facet_choices_give_labels_in_the_language(django_assert_num_queries: Any) -> None:
    health = ActionLine.objects.get(code="C7.4")
    africa = Region.objects.get(code="002")
    with django_assert_num_queries(1):
        lines = search.facet_choices("action_line", [health.pk], "fr")
    assert lines == {health.pk: f"C7.4 {health.name_fr}"}
    with django_assert_num_queries(1):
        regions = search.facet_choices("region", [africa.pk], "fr")
    assert regions == {africa.pk: africa.name_fr}
    with django_assert_num_queries(0):
        assert search.facet_choices("sdg", [9], "en") == {9: "SDG 9"}
        assert search.facet_choices("status", ["planned"], "en") == {"planned": "Planned"}
        assert search.facet_choices("year", [2020], "en") == {2020: "2020"}


def test_rows_written_without_the_lexeme_are_completed_by_a_command(
    catalogue: dict[str, Entry], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A row as a release older than migration 0011 writes it: the complement would count it as a match.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE stocktaking_entrysearch SET search_vector = ts_delete(search_vector, '~ all') WHERE entry_id = %s",
            [catalogue["access"].pk],
        )
    monkeypatch.setattr(search, "COMPLEMENT_SHARE", -1.0)
    search._KEPT.clear()
    assert search.counts("health", "en", {})[0] == 3  # "Broadband access" wrongly among the matches
    out = io.StringIO()
    call_command("complete_search_rows", stdout=out)
    assert "1 search rows completed." in out.getvalue()
    assert search.counts("health", "en", {})[0] == 2
    assert search.complete_search_rows() == 0  # nothing left to complete
