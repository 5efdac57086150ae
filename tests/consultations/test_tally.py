"""The tally of seed 002's consultation, reproduced cell by cell from the demo data through the
selector the page uses, and shown by the page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from consultations import selectors
from consultations.models import Consultation, Contribution

pytestmark = pytest.mark.django_db

# Transcribed from seed 002 ("Répartition des contributions présentées lors des consultations
# ouvertes"): written comments (Sept.-Dec. 2010), presentations at the meeting of 14 December 2010,
# informal interventions in the open debate, total.
SEED_TABLE = {
    "government": (11, 13, 8, 32),  # Gouvernements
    "international_organisation": (7, 1, 0, 8),  # Organisations internationales
    "civil_society": (32, 7, 3, 42),  # Société civile
    "private_sector": (9, 5, 2, 16),  # Secteur privé
}
SEED_TOTALS = (59, 26, 13, 98)
CHANNELS = ("written", "presentation", "open_debate")


def test_the_demo_reproduces_the_seed_table_cell_by_cell(
    enhanced_cooperation: Consultation, django_assert_num_queries: Any
) -> None:
    # 1 aggregate query: GROUP BY stakeholder group with a filtered COUNT per channel and the total
    with django_assert_num_queries(1):
        tally = selectors.consultation_tally(consultation=enhanced_cooperation)
    assert [row.group for row in tally.rows] == list(SEED_TABLE)
    for group, (written, presentation, debate, total) in SEED_TABLE.items():
        assert tally.cell(group, "written") == written, group
        assert tally.cell(group, "presentation") == presentation, group
        assert tally.cell(group, "open_debate") == debate, group
        assert tally.row_total(group) == total, group
    assert tuple(tally.column_totals) == SEED_TOTALS[:3]
    assert tally.total == SEED_TOTALS[3] == Contribution.objects.filter(consultation=enhanced_cooperation).count()


def test_the_named_contributors_are_the_ones_the_report_names(enhanced_cooperation: Consultation) -> None:
    named = dict(
        Contribution.objects.filter(consultation=enhanced_cooperation, organisation__isnull=False).values_list(
            "organisation__code", "channel"
        )
    )
    assert named == {"ICC": "presentation", "CONGO": "presentation", "UNESCO": "written", "WIPO": "written"}


def test_loading_the_demo_twice_changes_nothing(enhanced_cooperation: Consultation) -> None:
    from consultations import demo

    before = list(Contribution.objects.order_by("pk").values_list("pk", "stakeholder_group", "channel", "date"))
    demo.load()
    after = list(Contribution.objects.order_by("pk").values_list("pk", "stakeholder_group", "channel", "date"))
    assert before == after


def _table_cells(html: str) -> list[list[str]]:
    table = re.search(r'<table class="tally">(.*?)</table>', html, re.S)
    assert table, "the page shows the tally table"
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(1), re.S)
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in rows
    ]


def test_the_public_page_shows_the_seed_table(
    enhanced_cooperation: Consultation, client: Client, django_assert_num_queries: Any
) -> None:
    # session-less anonymous request: 1 consultation with organiser, 1 tally aggregate,
    # 1 count of the contributions + 1 page of them with organisations
    with django_assert_num_queries(4):
        response = client.get(f"/en/consultations/{enhanced_cooperation.slug}/")
    assert response.status_code == 200
    cells = _table_cells(response.content.decode())
    assert cells[0] == [
        "Stakeholder group",
        "Written comments submitted between September and December 2010",
        "Presentations at the meeting held on Dec. 14, 2010",
        "Informal interventions in the open debate",
        "Total",
    ]
    labels = {
        "government": "Governments",
        "international_organisation": "International organisations",
        "civil_society": "Civil society",
        "private_sector": "Private sector",
    }
    expected = [[labels[group], *(str(n) for n in numbers)] for group, numbers in SEED_TABLE.items()]
    assert cells[1:5] == expected
    assert cells[5] == ["Total", *(str(n) for n in SEED_TOTALS)]


def test_the_page_in_french_words_the_headings_like_the_report(
    enhanced_cooperation: Consultation, client: Client
) -> None:
    response = client.get(f"/fr/consultations/{enhanced_cooperation.slug}/")
    assert response.status_code == 200
    assert "14 décembre 2010" in response.content.decode()


def test_filters_by_group_and_channel(enhanced_cooperation: Consultation, client: Client) -> None:
    response = client.get(f"/en/consultations/{enhanced_cooperation.slug}/?group=civil_society&channel=presentation")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 7
    assert "Conference of Non-Governmental Organizations" in response.content.decode()
    # the tally stays the whole consultation's
    assert response.context["tally"].total == 98
    # unknown values are ignored, never a 500
    response = client.get(f"/en/consultations/{enhanced_cooperation.slug}/?group=martians&channel=%00")
    assert response.status_code == 200 and response.context["page"].paginator.count == 98


def test_the_csv_export_is_exactly_the_filtered_list(
    enhanced_cooperation: Consultation, client: Client, django_assert_num_queries: Any
) -> None:
    import csv
    import io

    # 1 consultation, 1 query of the filtered contributions with their organisations
    with django_assert_num_queries(2):
        response = client.get(f"/en/consultations/{enhanced_cooperation.slug}/contributions.csv?group=private_sector")
        body = b"".join(response.streaming_content).decode("utf-8")
    assert response["Content-Type"] == "text/csv; charset=utf-8" and body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][:4] == ["Contributor", "Registered organisation id", "Stakeholder group (code)", "Stakeholder group"]
    assert len(rows) == 1 + 16 and {row[2] for row in rows[1:]} == {"private_sector"}
    assert sorted(row[4] for row in rows[1:]).count("presentation") == 5
    assert "International Chamber of Commerce" in [row[0] for row in rows[1:]]
    assert all(row[10].startswith("http://testserver/en/contributions/") for row in rows[1:])
