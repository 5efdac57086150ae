from __future__ import annotations

import io
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from indicators import services
from indicators.models import Indicator, Observation, ObservationImport
from tests.indicators import files
from wsis_portal.errors import ApplicationError

pytestmark = pytest.mark.django_db

IMPORT = "/en/indicators/import/"
# The secretariat's session, user, second-factor device and organisation roles (4), then:
# the 10 latest imports with who uploaded them (1)
QUERIES_UPLOAD_PAGE = 5
# ... then the batch with who uploaded it (1)
QUERIES_RESULT_PAGE = 5


def _value(indicator: str, place: str, year: int, sex: str = "total") -> Decimal:
    query = Observation.objects.filter(indicator__code=indicator, year=year, sex=sex, area="total")
    query = (
        query.filter(country__iso3=place) if len(place) == 3 and place.isalpha() else query.filter(region__code=place)
    )
    return query.get().value


def _check(people: dict[str, Any], name: str, content: bytes, layout: str = "worldbank") -> ObservationImport:
    return services.import_check(by=people["secretariat"], upload=files.upload(name, content), layout=layout)


def _observations() -> int:
    return Observation.objects.count()


# ---------------------------------------------------------------------------------------------
# Good files


def test_world_bank_csv_dry_run_then_import(people: dict[str, Any]) -> None:
    before = _observations()
    batch = _check(people, "API_IT.NET.USER.ZS_DS2_en_csv_v2.csv", files.wb_csv())
    # SEN 3 values, KEN 2, WLD 2, LDC 1; HIC is a World Bank aggregate and is skipped with a note
    assert (batch.state, batch.row_count, batch.observation_count, batch.errors) == ("checked", 5, 8, [])
    assert [(note["row"], note["column"]) for note in batch.notes] == [(10, "Country Code")]
    assert _observations() == before  # a dry run writes nothing
    batch = services.import_run(batch=batch, by=people["secretariat"])
    assert (batch.state, batch.created_count, batch.updated_count, batch.unchanged_count) == ("imported", 7, 1, 0)
    assert _observations() == before + 7  # the world 2019 value (53.6) was already shipped: updated, not added
    assert _value("internet-users", "SEN", 2021) == Decimal("58.1")
    assert _value("internet-users", "199", 2020) == Decimal("25.3")
    world = Observation.objects.get(indicator__code="internet-users", region__code="001", year=2019)
    assert world.source_note == "World Bank, World Development Indicators (last updated 2025-07-01)"
    assert world.history.latest().history_change_reason == "indicators.observation.imported"
    assert world.history.latest().history_user == people["secretariat"]


def test_reimporting_updates_values_and_never_duplicates(people: dict[str, Any]) -> None:
    services.import_run(batch=_check(people, "wb.csv", files.wb_csv()), by=people["secretariat"])
    count = _observations()
    again = services.import_run(batch=_check(people, "wb.csv", files.wb_csv()), by=people["secretariat"])
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 8)
    rows = files.wb_rows()
    rows[0] = files.wb_row("Senegal", "SEN", {2019: "33.0", 2020: "42.6", 2021: "58.1", 2022: "60.0"})
    changed = services.import_run(batch=_check(people, "wb.csv", files.wb_csv(rows)), by=people["secretariat"])
    assert (changed.created_count, changed.updated_count, changed.unchanged_count) == (1, 1, 7)
    assert _observations() == count + 1
    assert _value("internet-users", "SEN", 2019) == Decimal("33.0")


def test_world_bank_xlsx_and_databank_variant(people: dict[str, Any]) -> None:
    batch = _check(people, "API_IT.NET.USER.ZS_DS2_en_excel_v2.xlsx", files.wb_xlsx())
    assert (batch.errors, batch.observation_count) == ([], 8)
    databank = [
        ["Country Name", "Country Code", "Series Name", "Series Code", "2019 [YR2019]", "2020 [YR2020]"],
        ["Senegal", "SEN", files.WB_NAME, "IT.NET.USER.ZS", "32.9", ".."],
        ["Kenya", "KEN", files.WB_NAME, "IT.NET.USER.ZS", "..", "29.5"],
        [],
        ["Data from database: World Development Indicators", "", "", "", "", ""],
        ["Last Updated: 07/01/2025", "", "", "", "", ""],
    ]
    batch = _check(people, "databank.xlsx", files.xlsx(databank, sheet="Data"))
    assert (batch.errors, batch.observation_count, batch.row_count, len(batch.notes)) == ([], 2, 2, 2)
    services.import_run(batch=batch, by=people["secretariat"])
    assert _value("internet-users", "KEN", 2020) == Decimal("29.5")


def test_itu_csv_with_values_by_sex(people: dict[str, Any]) -> None:
    batch = _check(people, "itu.csv", files.itu_csv(), layout="itu")
    assert (batch.errors, batch.observation_count) == ([], 6)
    services.import_run(batch=batch, by=people["secretariat"])
    assert _value("internet-users", "SEN", 2020, sex="female") == Decimal("35")
    assert _value("internet-users", "001", 2019, sex="male") == Decimal("58")
    kenya = Observation.objects.get(indicator__code="internet-users", country__iso3="KEN", year=2020)
    assert kenya.source_note == "ITU estimate"


def test_itu_xlsx_with_extra_columns_listed_as_ignored(people: dict[str, Any]) -> None:
    header = [*files.ITU_HEADER, "seriesParent"]
    records = [header, *[[*row, "i99"] for row in files.itu_rows()]]
    batch = _check(people, "itu.xlsx", files.xlsx(records, sheet="data"), layout="itu")
    assert batch.errors == [] and batch.observation_count == 6
    assert batch.notes == [{"row": 1, "column": "", "reason": "Columns ignored: seriesParent."}]


def test_management_command_dry_run_import_and_refusal(people: dict[str, Any], tmp_path: Any) -> None:
    good = tmp_path / "wb.csv"
    good.write_bytes(files.wb_csv())
    out = io.StringIO()
    call_command("import_indicators", str(good), "--layout", "worldbank", "--dry-run", stdout=out)
    assert "Dry run: 5 rows, 8 values, 0 errors" in out.getvalue()
    assert not Observation.objects.filter(country__iso3="SEN").exists()
    call_command("import_indicators", str(good), "--layout", "worldbank", stdout=out)
    assert "7 created, 1 updated, 0 unchanged" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(files.wb_csv([files.wb_row("Nowhere", "XXX", {2020: "1"})]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_indicators", str(bad), "--layout", "worldbank", stdout=out, stderr=err)
    assert "row 6, column Country Code: Unknown country code" in err.getvalue()


# ---------------------------------------------------------------------------------------------
# Bad files


def test_errors_name_the_row_the_column_and_the_reason_and_nothing_is_imported(people: dict[str, Any]) -> None:
    before = _observations()
    rows = [
        files.wb_row("Senegal", "SEN", {2019: "32.9", 2020: "forty"}),  # row 6: non-numeric 2020
        files.wb_row("Nowhere", "XXX", {2020: "1"}),  # row 7: unknown country
        files.wb_row("Kenya", "KEN", {2020: "29.5"}),  # row 8: fine
        files.wb_row("Kenya", "KEN", {2020: "29.6"}),  # row 9: duplicate of row 8
        files.wb_row("Senegal", "SEN", {2021: "58"}, indicator="XX.UNKNOWN"),  # row 10: unknown indicator
        files.wb_row("Mali", "MLI", {2021: "140"}),  # row 11: not a percentage
    ]
    batch = _check(people, "wb.csv", files.wb_csv(rows))
    assert batch.errors == [
        {"row": 6, "column": "2020", "reason": "“forty” is not a number."},
        {
            "row": 7,
            "column": "Country Code",
            "reason": "Unknown country code “XXX”: use ISO 3166 alpha-3 codes such as SEN.",
        },
        {
            "row": 9,
            "column": "2020",
            "reason": "Duplicate: row 8 already gives this indicator, place, year, sex and area.",
        },
        {
            "row": 10,
            "column": "Indicator Code",
            "reason": (
                "No indicator of the portal has the World Bank code “XX.UNKNOWN” (set it on the indicator first)."
            ),
        },
        {"row": 11, "column": "2021", "reason": "140 is not a percentage between -100 and 100."},
    ]
    with pytest.raises(ApplicationError, match="Correct the errors"):
        services.import_run(batch=batch, by=people["secretariat"])
    assert _observations() == before
    ObservationImport.objects.filter(pk=batch.pk).update(errors=[])  # even forced, the run checks again
    with pytest.raises(ApplicationError, match="no longer passes the checks"):
        services.import_run(batch=batch, by=people["secretariat"])
    batch.refresh_from_db()
    assert batch.state == "failed" and len(batch.errors) == 5
    assert _observations() == before


def test_itu_row_errors(people: dict[str, Any]) -> None:
    rows = files.itu_rows()
    rows[0][7] = "n/a"  # row 2: dataValue
    rows[1][5] = "ZZZ"  # row 3: entityIso
    rows[2][8] = "20x0"  # row 4: dataYear
    rows[3][11] = "other"  # row 5: sex
    rows[4][1] = "i4213"  # row 6: seriesCode unknown
    rows.append(list(rows[5]))  # row 8 repeats row 7
    batch = _check(people, "itu.csv", files.itu_csv(rows), layout="itu")
    assert [(e["row"], e["column"]) for e in batch.errors] == [
        (2, "dataValue"),
        (3, "entityIso"),
        (4, "dataYear"),
        (5, "sex"),
        (6, "seriesCode"),
        (8, "dataValue"),
    ]
    assert batch.errors[0]["reason"] == "“n/a” is not a number."
    assert batch.errors[5]["reason"].startswith("Duplicate: row 7")


@pytest.mark.parametrize(
    ("name", "content", "layout", "message"),
    [
        ("wb.csv", b"", "worldbank", "The file is empty."),
        ("wb.csv", b"\n\n  \n", "worldbank", "The file is empty."),
        ("wb.csv", files.wb_csv([]), "worldbank", None),  # header only: one file-level error, see below
        ("wb.pdf", b"%PDF-1.4 ...", "worldbank", "Upload a CSV file (.csv) or an Excel workbook (.xlsx)"),
        ("wb.csv", b"%PDF-1.4 ...", "worldbank", "its content is a PDF file"),
        ("wb.xlsx", b"\xd0\xcf\x11\xe0 old excel", "worldbank", "old Excel file (.xls)"),
        ("wb.xlsx", b"Country Name,Country Code", "worldbank", "not an Excel workbook"),
        ("wb.csv", files.wb_xlsx(), "worldbank", "not a CSV file"),
        ("wb.csv", b"Name,Code,Value\nSenegal,SEN,3\n", "worldbank", "This is not a World Bank file"),
        (
            "wb.csv",
            files.wb_csv(header=["Country Name", "Country Code", "Indicator Name", "Indicator Code", "Notes", "2019"]),
            "worldbank",
            "columns a World Bank file does not have: Notes",
        ),
        (
            "wb.csv",
            files.wb_csv(header=["Country Name", "Country Code", "Indicator Name", "Indicator Code"]),
            "worldbank",
            "no year columns",
        ),
        ("itu.csv", files.wb_csv(), "itu", "This is not an ITU DataHub file"),
        (
            "itu.csv",
            files.itu_csv(header=["seriesCode", "entityIso", "dataYear"]),
            "itu",
            "lacks the columns: dataValue",
        ),
    ],
)
def test_malformed_files_are_refused_with_a_clear_message(
    people: dict[str, Any], name: str, content: bytes, layout: str, message: str | None
) -> None:
    before = ObservationImport.objects.count()
    if message is None:
        batch = _check(people, name, content, layout)
        assert batch.errors == [{"row": None, "column": "", "reason": "The file has a header row but no data rows."}]
        return
    with pytest.raises(ApplicationError, match=re.escape(message)) as raised:
        _check(people, name, content, layout)
    assert raised.value.field == "file"
    assert ObservationImport.objects.count() == before


def test_an_unknown_layout_is_refused(people: dict[str, Any]) -> None:
    with pytest.raises(ApplicationError) as raised:
        _check(people, "wb.csv", files.wb_csv(), layout="eurostat")
    assert raised.value.field == "layout"


def test_only_the_secretariat_with_its_second_factor_imports(people: dict[str, Any]) -> None:
    from django.core.exceptions import PermissionDenied

    for role in ("contributor", "facilitator", "commission", "secretariat_without_2fa"):
        with pytest.raises(PermissionDenied):
            services.import_check(by=people[role], upload=files.upload("wb.csv", files.wb_csv()), layout="worldbank")
    batch = _check(people, "wb.csv", files.wb_csv())
    with pytest.raises(PermissionDenied):
        services.import_run(batch=batch, by=people["facilitator"])
    assert ObservationImport.objects.get(pk=batch.pk).state == "checked"


# ---------------------------------------------------------------------------------------------
# The pages


def test_import_pages_upload_report_and_confirm(client_for: Callable[[str], Client]) -> None:
    client = client_for("secretariat")
    assert client.get(IMPORT).status_code == 200
    bad_rows = [files.wb_row("Nowhere", "XXX", {2020: "1"})]
    response = client.post(IMPORT, {"layout": "worldbank", "file": files.upload("wb.csv", files.wb_csv(bad_rows))})
    batch = ObservationImport.objects.latest("uploaded_at")
    assert response.status_code == 302 and response["Location"].endswith(f"/indicators/import/{batch.pk}/")
    html = client.get(response["Location"]).content.decode()
    assert 'data-row="6" data-column="Country Code"' in html and "Unknown country code “XXX”" in html
    assert "Import 0 values" not in html and f"/indicators/import/{batch.pk}/run/" not in html

    response = client.post(IMPORT, {"layout": "worldbank", "file": files.upload("wb.csv", files.wb_csv())})
    batch = ObservationImport.objects.latest("uploaded_at")
    html = client.get(response["Location"]).content.decode()
    assert "Import 8 values" in html and "World Bank aggregate" in html
    response = client.post(f"/en/indicators/import/{batch.pk}/run/", follow=True)
    assert "Imported: 7 values created, 1 updated, 0 unchanged." in response.content.decode()
    assert Observation.objects.filter(country__iso3="SEN", indicator__code="internet-users").count() == 3


def test_import_page_keeps_the_choice_and_explains_a_wrong_file(client_for: Callable[[str], Client]) -> None:
    client = client_for("secretariat")
    response = client.post(IMPORT, {"layout": "itu", "file": files.upload("report.pdf", b"%PDF-1.4")})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Upload a CSV file (.csv) or an Excel workbook (.xlsx)" in html
    assert re.search(r'value="itu"[^>]*checked', html) and not re.search(r'value="worldbank"[^>]*checked', html)


# The secretariat without its second factor is sent to pass it first (the portal's middleware).
@pytest.mark.parametrize(
    ("role", "status"), [("registered", 403), ("facilitator", 403), ("secretariat_without_2fa", 302)]
)
def test_import_pages_are_closed_to_others(client_for: Callable[[str], Client], role: str, status: int) -> None:
    client = client_for(role)
    assert client.get(IMPORT).status_code == status
    assert (
        client.post(IMPORT, {"layout": "worldbank", "file": files.upload("wb.csv", files.wb_csv())}).status_code
        == status
    )
    assert not ObservationImport.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get(IMPORT)
    assert response.status_code == 302 and "/account/" in response["Location"]


def test_indicator_codes_are_unique_per_publisher(people: dict[str, Any]) -> None:
    assert Indicator.objects.get(wb_code="IT.NET.USER.ZS").code == "internet-users"
    assert Indicator.objects.get(itu_code="i99H").code == "internet-users"


def test_a_large_file_is_imported_by_the_worker(
    client_for: Callable[[str], Client],
    people: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from indicators import tasks

    monkeypatch.setattr(services, "WORKER_THRESHOLD", 5)
    client = client_for("secretariat")
    batch = _check(people, "wb.csv", files.wb_csv())
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(f"/en/indicators/import/{batch.pk}/run/")
    assert response.status_code == 302 and len(callbacks) == 1  # run_import.delay(batch.pk) after commit
    batch.refresh_from_db()
    assert batch.state == "queued" and batch.imported_by == people["secretariat"]
    page = client.get(f"/en/indicators/import/{batch.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' in page and "The 8 values are being imported by a worker" in page
    assert not Observation.objects.filter(country__iso3="SEN").exists()
    with pytest.raises(ApplicationError, match="already been imported"):
        services.import_run(batch=batch, by=people["secretariat"])  # no second run while queued

    tasks.run_import(batch.pk)  # what the worker runs; only the transport differs
    batch.refresh_from_db()
    assert (batch.state, batch.created_count, batch.updated_count) == ("imported", 7, 1)
    senegal = Observation.objects.get(country__iso3="SEN", year=2021)
    assert senegal.history.latest().history_user == people["secretariat"]
    tasks.run_import(batch.pk)  # a redelivery does nothing
    assert Observation.objects.filter(country__iso3="SEN").count() == 3
    assert 'hx-trigger="every 2s"' not in client.get(f"/en/indicators/import/{batch.pk}/").content.decode()


def test_a_queued_file_that_no_longer_passes_fails_in_the_worker(
    people: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from indicators import tasks

    monkeypatch.setattr(services, "WORKER_THRESHOLD", 5)
    batch = services.import_run(batch=_check(people, "wb.csv", files.wb_csv()), by=people["secretariat"])
    Indicator.objects.filter(code="internet-users").update(wb_code="")  # the code changed meanwhile
    tasks.run_import(batch.pk)
    batch.refresh_from_db()
    assert batch.state == "failed" and batch.errors[0]["column"] == "Indicator Code"
    assert not Observation.objects.filter(country__iso3="SEN").exists()


def test_import_pages_are_constant_in_queries(
    client_for: Callable[[str], Client], people: dict[str, Any], django_assert_num_queries: Any
) -> None:
    client = client_for("secretariat")
    client.get(IMPORT)  # the first request of a session reads what later ones find cached
    for _n in range(3):
        _check(people, "wb.csv", files.wb_csv())
    batch = _check(people, "bad.csv", files.wb_csv([files.wb_row("Nowhere", "XXX", {2020: "1"})]))
    with django_assert_num_queries(QUERIES_UPLOAD_PAGE):
        assert client.get(IMPORT).status_code == 200
    with django_assert_num_queries(QUERIES_RESULT_PAGE):
        assert client.get(f"/en/indicators/import/{batch.pk}/").status_code == 200
