from __future__ import annotations

import csv
import datetime
import io
import time
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from stocktaking import content as entry_content
from stocktaking import import_tasks, imports, services
from stocktaking.models import Entry, EntrySearch, EntryTranslation, ImportBatch

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.stocktaking.urls_imports")]

IMPORT = "/en/stocktaking/import/"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def row(n: int, **changes: str) -> dict[str, str]:
    """A complete row (it may be published), numbered n."""
    data = imports.template_example()
    data.update(
        external_id=f"TEST-{n:03d}",
        title=f"Community networks for rural schools, phase {n}",
        countries="SEN;GMB",
        action_lines="C2;C7.4",
        sdg_targets="9.c;17.8",
        wsis_targets="1;2",
        links="https://example.org/a;https://example.org/b",
    )
    data.update(changes)
    return data


def as_csv(rows: list[dict[str, str]], *, delimiter: str = ",", bom: bool = False) -> bytes:
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=imports.COLUMNS, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + output.getvalue()).encode()


def as_xlsx(rows: list[dict[str, Any]]) -> bytes:
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = workbook.add_worksheet("Entries")
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for column, name in enumerate(imports.COLUMNS):
        sheet.write_string(0, column, name)
        for number, data in enumerate(rows, start=1):
            value = data.get(name, "")
            if isinstance(value, datetime.date):
                sheet.write_datetime(number, column, value, date_format)
            elif isinstance(value, int):
                sheet.write_number(number, column, value)
            else:
                sheet.write_string(number, column, value)
    workbook.close()
    return output.getvalue()


def upload(client: Client, name: str, data: bytes, *, mode: str = "publish") -> Any:
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data), "mode": mode})


def last_batch() -> ImportBatch:
    return ImportBatch.objects.latest("pk")


def run(client: Client, batch_id: int) -> Any:
    """Ask for the import as the page does, then do what the worker does with the queued batch."""
    response = client.post(f"{IMPORT}{batch_id}/run/")
    import_tasks.run_import(batch_id)
    return response


# --------------------------------------------------------------------------------------------
# Templates


def test_xlsx_template_parses_back_with_the_header_help_code_lists_and_an_example(
    client_for: Callable[[str], Client],
) -> None:
    response = client_for("secretariat").get(f"{IMPORT}template.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    try:
        assert workbook.sheetnames[:2] == ["Entries", "Help"]
        assert {"Countries", "Action lines", "SDG targets", "WSIS targets", "Regions"} <= set(workbook.sheetnames)
        rows = list(workbook["Entries"].iter_rows(values_only=True))
        assert list(rows[0]) == imports.COLUMNS
        example = dict(zip(imports.COLUMNS, rows[1], strict=True))
        assert example["organisation"] == "ITU" and example["action_lines"] == "C2;C7.3"
        countries = [code for code, _name in workbook["Countries"].iter_rows(min_row=2, values_only=True)]
        assert "SEN" in countries and len(countries) > 200
        lines = [code for code, _name in workbook["Action lines"].iter_rows(min_row=2, values_only=True)]
        assert "C7.4" in lines and "C7" not in lines
    finally:
        workbook.close()


def test_the_template_names_sdg_targets_in_the_page_language(client_for: Callable[[str], Client]) -> None:
    response = client_for("secretariat").get(IMPORT.replace("/en/", "/es/", 1) + "template.xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    try:  # the sheets' names follow the language too: find the code list that holds target 17.19
        lists = [dict(workbook[name].iter_rows(min_row=2, values_only=True)) for name in workbook.sheetnames[2:]]
    finally:
        workbook.close()
    targets = next(codes for codes in lists if "17.19" in codes)
    assert len(targets) == 169
    assert targets["9.c"].startswith("Aumentar significativamente el acceso a la tecnología de la información")


def test_csv_template_parses_back_with_commented_explanations_header_and_example(
    client_for: Callable[[str], Client],
) -> None:
    response = client_for("secretariat").get(f"{IMPORT}template.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    records = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    comments = [r[0] for r in records if r and r[0].startswith("#")]
    data = [r for r in records if r and not r[0].startswith("#")]
    assert data[0] == imports.COLUMNS and len(data) == 2
    assert any(c.startswith("# countries") and "SEN" in c for c in comments)
    assert any(c.startswith("# action_lines") and "C7.4" in c for c in comments)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_filled_template_itself_passes_the_dry_run(client_for: Callable[[str], Client], fmt: str) -> None:
    client = client_for("secretariat")
    template = client.get(f"{IMPORT}template.{fmt}").content
    response = upload(client, f"template.{fmt}", template)
    batch = last_batch()
    assert response.status_code == 302 and response["Location"] == f"{IMPORT}{batch.pk}/"
    assert (batch.state, batch.row_count, batch.errors, batch.created_count) == ("checked", 1, [], 1)


# --------------------------------------------------------------------------------------------
# Good files


def test_good_csv_is_checked_without_writing_then_imported_and_published_with_its_links(
    client_for: Callable[[str], Client],
    people: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = client_for("secretariat")
    rows = [row(1), row(2, countries="SEN", organisation=str(people["ngo"].pk)), row(3, coverage="international")]
    response = upload(client, "entries.csv", as_csv(rows, delimiter=";", bom=True))
    batch = last_batch()
    assert response.status_code == 302
    assert (batch.state, batch.row_count, batch.created_count, batch.updated_count) == ("checked", 3, 3, 0)
    assert batch.errors == [] and batch.publish and batch.uploaded_by == people["secretariat"]
    assert not Entry.objects.filter(external_id__startswith="TEST-").exists()  # a dry run writes nothing

    page = client.get(response["Location"]).content.decode()
    assert "Import 3 entries" in page and "/run/" in page

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(f"{IMPORT}{batch.pk}/run/")
    assert response.status_code == 302 and len(callbacks) == 1  # run_import.delay(batch.pk), after commit
    batch.refresh_from_db()
    assert (batch.state, batch.queued_by) == ("queued", people["secretariat"])
    page = client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 2s"' in page and "Being imported" in page  # the page follows the worker
    assert not Entry.objects.filter(external_id__startswith="TEST-").exists()
    with django_capture_on_commit_callbacks(execute=True):  # the worker's run, and its reindex after commit
        import_tasks.run_import(batch.pk)
    batch.refresh_from_db()
    assert (batch.state, batch.created_count, batch.updated_count) == ("imported", 3, 0)
    assert batch.imported_at is not None

    entries = {e.external_id: e for e in Entry.objects.filter(external_id__startswith="TEST-")}
    assert len(entries) == 3
    first = entries["TEST-001"]
    assert first.state == "published" and first.owner == people["secretariat"]
    assert first.approved_by == people["secretariat"] and first.approved_at and first.published_at
    assert first.organisation.code == "ITU" and first.stakeholder_type == first.organisation.stakeholder_type
    assert first.links == ["https://example.org/a", "https://example.org/b"]
    assert sorted(first.countries.values_list("iso3", flat=True)) == ["GMB", "SEN"]
    assert sorted(first.action_lines.values_list("code", flat=True)) == ["C2", "C7.4"]
    assert sorted(first.sdg_targets.values_list("code", flat=True)) == ["17.8", "9.c"]
    assert sorted(first.wsis_targets.values_list("number", flat=True)) == [1, 2]
    assert first.history.latest().history_change_reason == "stocktaking.entry.imported"
    assert entries["TEST-002"].organisation == people["ngo"]
    assert list(entries["TEST-002"].countries.values_list("iso3", flat=True)) == ["SEN"]
    # Reindexed after commit: searchable at once.
    assert EntrySearch.objects.get(entry=first).search_vector and first.facet_countries and first.year == 2024
    page = client.get(response["Location"]).content.decode()
    assert "Imported: 3 entries created, 0 updated." in page and "hx-trigger" not in page


def test_good_xlsx_with_date_and_number_cells_is_imported_as_drafts(
    client_for: Callable[[str], Client], people: dict[str, Any]
) -> None:
    client = client_for("secretariat")
    rows: list[dict[str, Any]] = [
        {**row(n), "start_date": datetime.date(2023, 3, n), "wsis_targets": 2, "regions": "2"} for n in (1, 2)
    ]
    rows[1].update(status="completed", end_date=datetime.date(2024, 12, 31))
    upload(client, "entries.xlsx", as_xlsx(rows), mode="draft")
    batch = last_batch()
    assert (batch.errors, batch.created_count, batch.publish) == ([], 2, False)
    run(client, batch.pk)
    entries = Entry.objects.filter(external_id__startswith="TEST-").order_by("external_id")
    assert [(e.state, e.published_at, e.approved_by) for e in entries] == [("draft", None, None)] * 2
    assert entries[0].start_date == datetime.date(2023, 3, 1)
    assert entries[1].end_date == datetime.date(2024, 12, 31) and entries[1].status == "completed"
    assert list(entries[0].wsis_targets.values_list("number", flat=True)) == [2]
    assert list(entries[0].regions.values_list("code", flat=True)) == ["002"]
    assert sorted(entries[0].action_lines.values_list("code", flat=True)) == ["C2", "C7.4"]


def test_importing_the_same_file_again_updates_the_same_entries(
    client_for: Callable[[str], Client], people: dict[str, Any]
) -> None:
    client = client_for("secretariat")
    rows = [row(n) for n in range(1, 5)]
    upload(client, "entries.csv", as_csv(rows))
    run(client, last_batch().pk)
    entry = Entry.objects.get(external_id="TEST-001")
    EntryTranslation.objects.create(entry=entry, language="fr", title="Réseaux", short_description="Écoles")
    ids = set(Entry.objects.filter(external_id__startswith="TEST-").values_list("pk", flat=True))

    rows[0]["title"] = "Community networks for 300 rural schools"
    rows[0]["countries"] = "MLI"
    upload(client, "entries.csv", as_csv(rows))
    batch = last_batch()
    assert (batch.created_count, batch.updated_count) == (0, 4)  # foreseen by the dry run
    run(client, batch.pk)
    batch.refresh_from_db()
    assert (batch.state, batch.created_count, batch.updated_count) == ("imported", 0, 4)
    assert set(Entry.objects.filter(external_id__startswith="TEST-").values_list("pk", flat=True)) == ids
    entry.refresh_from_db()
    assert entry.title == "Community networks for 300 rural schools" and entry.version == 2
    assert list(entry.countries.values_list("iso3", flat=True)) == ["MLI"]
    assert entry.translations.get().title == "Réseaux"  # the file has no translations: they are kept


def test_an_imported_entry_stores_what_the_entry_services_store_for_the_same_content(
    client_for: Callable[[str], Client], people: dict[str, Any]
) -> None:
    """The import writes links for all rows at once; it must store what content.write_links does."""
    client = client_for("secretariat")
    data = as_csv([row(1, coverage="regional", regions="002;150", countries="SEN;MLI;GMB")])
    upload(client, "entries.csv", data, mode="draft")
    run(client, last_batch().pk)
    imported = Entry.objects.get(external_id="TEST-001")
    content = imports.check_rows(imports.parse("csv", data), publish=False).rows[0].content
    through_services = services.entry_create(by=people["contributor"], organisation=people["ngo"], data=content)
    assert entry_content.read(imported) == entry_content.read(through_services)
    assert entry_content.read(imported)["regions"] == ["002", "150"]


# --------------------------------------------------------------------------------------------
# Bad files


def test_a_bad_file_lists_every_rows_errors_by_row_and_column_and_imports_nothing(
    client_for: Callable[[str], Client],
) -> None:
    client = client_for("secretariat")
    rows = [
        row(1),  # row 2: fine
        row(2, countries="SEN;XXX"),  # row 3
        row(3, action_lines="C2;C99"),  # row 4
        row(4, start_date="2024-13-01"),  # row 5
        row(5, title=""),  # row 6: missing when publishing
        row(6, organisation="NO-SUCH-ORG"),  # row 7
        row(1, title="The same external id again"),  # row 8: TEST-001 twice
        row(8, partners="a\x00b"),  # row 9
        row(9, title="x" * 301, sdg_targets="9.z", end_date="2020-01-01"),  # row 10
    ]
    response = upload(client, "bad.csv", as_csv(rows))
    batch = last_batch()
    assert response.status_code == 302 and batch.state == "checked" and batch.row_count == 9
    found = [(e["row"], e["column"]) for e in batch.errors]
    assert found == [
        (3, "countries"),
        (4, "action_lines"),
        (5, "start_date"),
        (6, "title"),
        (7, "organisation"),
        (8, "external_id"),
        (9, "partners"),
        (10, "title"),
        (10, "end_date"),
        (10, "sdg_targets"),
    ]
    messages = {(e["row"], e["column"]): e["message"] for e in batch.errors}
    assert "XXX" in messages[(3, "countries")] and "C99" in messages[(4, "action_lines")]
    assert "YYYY-MM-DD" in messages[(5, "start_date")]
    assert messages[(6, "title")] == "Give the activity a title."
    assert "NO-SUCH-ORG" in messages[(7, "organisation")] and "row 2" in messages[(8, "external_id")]
    assert "Null characters" in messages[(9, "partners")] and "at most 300 characters" in messages[(10, "title")]
    assert "before the start date" in messages[(10, "end_date")]

    page = client.get(f"{IMPORT}{batch.pk}/").content.decode()
    assert 'data-row="3" data-column="countries"' in page and "XXX" in page
    assert "Import 9 entries" not in page and "/run/" not in page

    response = run(client, batch.pk)  # forced anyway
    assert response.status_code == 302
    assert "Correct the errors" in client.get(response["Location"]).content.decode()
    assert not Entry.objects.filter(external_id__startswith="TEST-").exists()
    batch.refresh_from_db()
    assert batch.state == "checked"


def test_a_row_fine_as_a_draft_may_be_incomplete_but_unknown_codes_still_count(
    client_for: Callable[[str], Client],
) -> None:
    client = client_for("secretariat")
    upload(
        client, "drafts.csv", as_csv([row(1, title="", short_description=""), row(2, countries="ZZZ")]), mode="draft"
    )
    assert [(e["row"], e["column"]) for e in last_batch().errors] == [(3, "countries")]


def test_run_checks_again_and_fails_whole_if_the_entries_changed_since_the_dry_run(
    client_for: Callable[[str], Client], people: dict[str, Any]
) -> None:
    client = client_for("secretariat")
    upload(client, "entries.csv", as_csv([row(1)]), mode="draft")
    run(client, last_batch().pk)
    upload(client, "entries.csv", as_csv([row(1, title="Changed"), row(2)]), mode="draft")
    batch = last_batch()
    assert batch.errors == []
    Entry.objects.filter(external_id="TEST-001").update(state="published")  # published meanwhile
    response = run(client, batch.pk)
    page = client.get(response["Location"]).content.decode()
    batch.refresh_from_db()
    assert batch.state == "failed" and [(e["row"], e["column"]) for e in batch.errors] == [(2, "external_id")]
    assert "no longer passes the checks" in page and "nothing was written" in page
    assert not Entry.objects.filter(external_id="TEST-002").exists()  # the good row is not written either
    assert Entry.objects.get(external_id="TEST-001").title != "Changed"


def test_a_batch_is_imported_once(client_for: Callable[[str], Client]) -> None:
    client = client_for("secretariat")
    upload(client, "entries.csv", as_csv([row(1)]))
    batch = last_batch()
    run(client, batch.pk)
    response = run(client, batch.pk)
    assert "already been imported" in client.get(response["Location"]).content.decode()
    assert Entry.objects.filter(external_id="TEST-001").count() == 1
    import_tasks.run_import(batch.pk)  # a redelivered message does nothing
    batch.refresh_from_db()
    assert (batch.state, batch.attempts) == ("imported", 1)
    assert Entry.objects.filter(external_id="TEST-001").count() == 1


def test_a_run_that_keeps_dying_is_marked_failed_not_retried_forever(client_for: Callable[[str], Client]) -> None:
    client = client_for("secretariat")
    upload(client, "entries.csv", as_csv([row(1)]))
    batch = last_batch()
    client.post(f"{IMPORT}{batch.pk}/run/")
    ImportBatch.objects.filter(pk=batch.pk).update(attempts=imports.services.MAX_ATTEMPTS)  # killed 3 times
    import_tasks.run_import(batch.pk)
    batch.refresh_from_db()
    assert (batch.state, batch.failure) == ("failed", "stopped")
    assert "interrupted several times" in client.get(f"{IMPORT}{batch.pk}/").content.decode()
    assert not Entry.objects.filter(external_id="TEST-001").exists()


def test_a_file_lost_before_the_worker_ran_fails_clearly(client_for: Callable[[str], Client], tmp_path: Any) -> None:
    client = client_for("secretariat")
    upload(client, "entries.csv", as_csv([row(1)]))
    batch = last_batch()
    (tmp_path / batch.file.name).unlink()
    run(client, batch.pk)
    batch.refresh_from_db()
    assert (batch.state, batch.failure) == ("failed", "file_missing")
    assert "no longer available" in client.get(f"{IMPORT}{batch.pk}/").content.decode()


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("entries.xlsx", PNG, "not an Excel workbook"),
        ("entries.csv", PNG, "not a CSV text file"),
        ("entries.csv", b"external_id,organisation\r\n\xff\xfe\xfa broken", "not UTF-8 text"),
        ("entries.csv", b"\x00\x01\x02\x03" * 100, "binary data"),
        ("entries.csv", as_xlsx([]), "looks like an Excel workbook"),
        ("entries.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, ".xlsx) or a CSV file"),
        ("entries.csv", b"external_id,organisation,colour\r\nA,ITU,red\r\n", "unknown columns: colour"),
        ("entries.csv", b"title\r\nA\r\n", "lacks the columns: external_id, organisation"),
        ("entries.csv", b"external_id,organisation\r\n", "no entries"),
        ("entries.csv", b"", "The submitted file is empty"),
        ("entries.csv", b"x" * (5 * 1024 * 1024 + 1), "larger than 5 MB"),
    ],
)
def test_a_file_of_the_wrong_kind_or_too_large_gets_a_clear_message_and_no_batch(
    client_for: Callable[[str], Client], name: str, data: bytes, message: str
) -> None:
    response = upload(client_for("secretariat"), name, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists()


# --------------------------------------------------------------------------------------------
# Who may


ROLES = [
    "anonymous",
    "registered",
    "contributor",
    "organisation_admin",
    "facilitator",
    "commission",
    "secretariat",
    "administrator",
    "secretariat_without_2fa",
]
ALLOWED = {"secretariat", "administrator"}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_secretariat_reaches_the_import_pages(
    client_for: Callable[[str], Client], people: dict[str, Any], role: str
) -> None:
    batch = ImportBatch.objects.create(original_name="x.csv", file="imports/x.csv", uploaded_by=people["secretariat"])
    client = client_for(role)
    responses = {
        "upload page": client.get(IMPORT),
        "xlsx template": client.get(f"{IMPORT}template.xlsx"),
        "csv template": client.get(f"{IMPORT}template.csv"),
        "dry run": upload(client, "entries.csv", as_csv([row(1)])),
        "result": client.get(f"{IMPORT}{batch.pk}/"),
    }
    if role in ALLOWED:
        assert {what: r.status_code for what, r in responses.items()} == {
            "upload page": 200,
            "xlsx template": 200,
            "csv template": 200,
            "dry run": 302,
            "result": 200,
        }
        assert ImportBatch.objects.count() == 2
        return
    for what, response in responses.items():
        if role == "anonymous":
            assert response.status_code == 302 and "/account/" in response["Location"], what
        elif role == "secretariat_without_2fa":
            assert response.status_code == 302 and "two-factor" in response["Location"], what
        else:
            assert response.status_code == 403, what
    assert ImportBatch.objects.count() == 1
    # Nor may they run a checked batch.
    upload(client_for("secretariat"), "entries.csv", as_csv([row(1)]))
    response = client.post(f"{IMPORT}{last_batch().pk}/run/")
    assert response.status_code in (302, 403) and last_batch().state == "checked"
    assert not Entry.objects.filter(external_id="TEST-001").exists()


def test_the_pages_render_right_to_left_in_arabic(client_for: Callable[[str], Client]) -> None:
    response = client_for("secretariat").get("/ar/stocktaking/import/")
    assert response.status_code == 200 and 'dir="rtl"' in response.content.decode()


# --------------------------------------------------------------------------------------------
# Cost


@pytest.mark.parametrize("count", [5, 50])
def test_the_dry_run_costs_the_same_queries_for_5_and_50_rows(
    client_for: Callable[[str], Client], django_assert_num_queries: Any, count: int
) -> None:
    client = client_for("secretariat")
    upload(client, "entries.csv", as_csv([row(1)]))
    run(client, last_batch().pk)  # one row is known: it counts as an update
    data = as_csv([row(n) for n in range(1, count + 1)])
    # session, user, OTP device (3); savepoint; the codes the entry form accepts: action lines, SDG
    # targets, WSIS targets, countries, regions (5); the organisations named (1); the entries known by
    # external_id (1); insert the batch; release savepoint
    with django_assert_num_queries(13):
        response = upload(client, "entries.csv", data)
    assert response.status_code == 302
    batch = last_batch()
    assert (batch.row_count, batch.created_count, batch.updated_count, batch.errors) == (count, count - 1, 1, [])


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_imports_the_queued_file(
    worker: Any, live_reference_data: None, client_for: Callable[[str], Client]
) -> None:
    client = client_for("secretariat")
    upload(client, "entries.csv", as_csv([row(1), row(2)]))
    batch = last_batch()
    client.post(f"{IMPORT}{batch.pk}/run/")
    deadline = time.monotonic() + 60
    while (state := ImportBatch.objects.get(pk=batch.pk).state) == "queued":
        assert worker.poll() is None, "the worker exited"
        assert time.monotonic() < deadline, "the worker did not import the file within 60 s"
        time.sleep(0.3)
    assert state == "imported"
    entries = Entry.objects.filter(external_id__startswith="TEST-")
    assert entries.count() == 2
    assert EntrySearch.objects.filter(entry__in=entries).count() == 2  # published and reindexed after commit
