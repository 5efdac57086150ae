from __future__ import annotations

import csv
import datetime
import io
import json
import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone

from stocktaking import export_csv, export_tasks, export_views, exports, search, services
from stocktaking.models import Entry, ExportJob
from tests.stocktaking.factories import complete_content

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.stocktaking.urls_exports")]


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    """Export files go to a folder of this test (the real file system, not .data/media)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def publish(people: dict[str, Any], **changes: Any) -> Entry:
    entry = services.entry_create(
        by=people["contributor"], organisation=people["ngo"], data=complete_content(**changes)
    )
    services.entry_submit(entry=entry, by=people["contributor"])
    return services.entry_publish(entry=entry, by=people["secretariat"])


@pytest.fixture
def published(people: dict[str, Any]) -> dict[str, Entry]:
    entries = {
        "senegal": publish(people),
        "mali": publish(
            people,
            title="Télémédecine au Mali",
            original_language="fr",
            countries=["MLI"],
            action_lines=[{"code": "C7.4", "rationale": ""}],
            sdg_targets=[{"code": "3.8", "rationale": ""}],
            wsis_targets=[],
            short_description=" ".join(["Des médecins consultent à distance les centres de santé ruraux."] * 16),
        ),
        "chile": publish(
            people,
            title='=HYPERLINK("http://evil.example") E-government portal for Chile',
            countries=["CHL"],
            status="completed",
            end_date="2024-12-31",
            action_lines=[{"code": "C7.1", "rationale": ""}],
            sdg_targets=[{"code": "16.6", "rationale": ""}, {"code": "9.c", "rationale": ""}],
            wsis_targets=[1, 10],
        ),
    }
    draft = services.entry_create(
        by=people["contributor"], organisation=people["ngo"], data=complete_content(title="Unpublished broadband plan")
    )
    search.reindex_entries([e.pk for e in [*entries.values(), draft]])
    return entries


def read_csv(response: Any) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def read_xlsx(response: Any) -> list[tuple[Any, ...]]:
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    workbook.close()
    return rows


def read_json(response: Any) -> list[dict[str, Any]]:
    body = b"".join(response.streaming_content)
    return json.loads(body)


# -------------------------------------------------------------------------------------------
# Small exports, streamed in the request


def test_csv_holds_exactly_the_filtered_published_entries(client: Client, published: dict[str, Entry]) -> None:
    response = client.get("/en/stocktaking/export/csv/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="wsis-stocktaking-{today}.csv"'
    rows = read_csv(response)
    assert {int(row["ID"]) for row in rows} == {e.pk for e in published.values()}  # not the draft
    assert list(rows[0]) == exports.headers("en")

    by_country = read_csv(client.get("/en/stocktaking/export/csv/?country=SEN"))
    assert [int(row["ID"]) for row in by_country] == [published["senegal"].pk]
    by_line = read_csv(client.get("/en/stocktaking/export/csv/?action_line=C7.4&action_line=C7.1&sort=newest"))
    assert [int(row["ID"]) for row in by_line] == [published["chile"].pk, published["mali"].pk]  # newest first
    by_words = read_csv(client.get("/en/stocktaking/export/csv/?q=telemedecine"))
    assert [int(row["ID"]) for row in by_words] == [published["mali"].pk]
    assert read_csv(client.get("/en/stocktaking/export/csv/?q=nothingmatchesthis")) == []


def test_csv_columns_have_codes_and_labels(client: Client, published: dict[str, Entry]) -> None:
    senegal = published["senegal"]
    [row] = read_csv(client.get("/en/stocktaking/export/csv/?country=SEN"))
    assert row["Permalink"] == f"http://127.0.0.1:8000/en/stocktaking/entries/{senegal.pk}/"
    assert row["Title"] == "Community broadband for rural schools in Senegal"
    assert row["Original language"] == "en"
    assert row["Organisation"] == "Community Networks Alliance"
    assert row["Type of activity (code)"] == "project" and row["Type of activity"] == "Project"
    assert row["Status (code)"] == "ongoing" and row["Status"] == "Ongoing"
    assert row["Coverage (code)"] == "national" and row["Coverage"] == "National"
    assert row["Countries (ISO 3166 alpha-3)"] == "SEN" and row["Countries"] == "Senegal"
    # The regions the entry is searchable by: those of its country (M49 Africa, Sub-Saharan, Western Africa).
    assert set(row["Regions (UN M49)"].split("; ")) == {"002", "202", "011"}
    assert row["Action lines (codes)"] == "C2; C7.3"  # the chosen lines, not their parent C7
    assert row["Action lines"].startswith("Information and communication infrastructure")
    assert row["SDG targets"] == "4.a" and row["WSIS targets"] == "2"
    assert row["Start date"] == "2024-01-15" and row["End date"] == ""
    assert row["Website"] == "https://schools.example.sn"
    assert row["Published"] == senegal.published_at.date().isoformat()
    assert row["Type of entity (code)"] == senegal.stakeholder_type.code


def test_csv_defuses_formulas_written_by_the_public(client: Client, published: dict[str, Entry]) -> None:
    [row] = read_csv(client.get("/en/stocktaking/export/csv/?country=CHL"))
    assert row["Title"] == '\'=HYPERLINK("http://evil.example") E-government portal for Chile'


def test_labels_are_in_the_language_of_the_request(client: Client, published: dict[str, Entry]) -> None:
    [row] = read_csv(client.get("/fr/stocktaking/export/csv/?country=SEN"))
    french = dict(zip(exports.KEYS, exports.headers("fr"), strict=True))
    assert list(row) == list(french.values())  # headers through gettext, in the request's language
    assert french["title"] != "Title" and french["url"] != "Permalink"  # the French catalogue is used
    assert row[french["url"]].endswith(f"/fr/stocktaking/entries/{published['senegal'].pk}/")
    # Codes do not change with the language; names come from the reference data's French columns.
    assert row[french["countries"]] == "SEN" and row[french["country_names"]] == "Sénégal"
    assert row[french["action_lines"]] == "C2; C7.3"
    assert row[french["action_line_names"]].startswith("Infrastructure de l")
    arabic = read_json(client.get("/ar/stocktaking/export/json/?country=SEN"))
    assert arabic[0]["country_names"] == ["السنغال"]


def test_xlsx_is_readable_with_the_header_row_and_the_filtered_rows(
    client: Client, published: dict[str, Entry]
) -> None:
    response = client.get("/en/stocktaking/export/xlsx/?action_line=C7.1")
    assert response.status_code == 200
    assert response["Content-Type"] == exports.CONTENT_TYPES["xlsx"]
    assert re.fullmatch(
        r'attachment; filename="wsis-stocktaking-\d{4}-\d\d-\d\d\.xlsx"', response["Content-Disposition"]
    )
    header, *rows = read_xlsx(response)
    assert list(header) == exports.headers("en")
    assert [row[0] for row in rows] == [published["chile"].pk]
    chile = dict(zip(header, rows[0], strict=True))
    assert chile["SDG targets"] == "9.c; 16.6"  # in the UN's order: goal 9 before goal 16
    assert chile["WSIS targets"] == "1; 10"
    assert chile["End date"] == datetime.datetime(2024, 12, 31)  # a real date cell
    assert chile["Title"].startswith("'=HYPERLINK")  # text, never a formula


def test_json_is_a_valid_array_of_the_filtered_entries(client: Client, published: dict[str, Entry]) -> None:
    response = client.get("/en/stocktaking/export/json/?region=419")  # Latin America and the Caribbean
    assert response["Content-Type"] == "application/json"
    data = read_json(response)
    assert [item["id"] for item in data] == [published["chile"].pk]
    assert list(data[0]) == exports.KEYS
    assert data[0]["countries"] == ["CHL"] and data[0]["country_names"] == ["Chile"]
    assert data[0]["action_lines"] == ["C7.1"] and data[0]["sdg_targets"] == ["9.c", "16.6"]
    assert data[0]["status"] == "completed" and data[0]["end_date"] == "2024-12-31"
    assert read_json(client.get("/en/stocktaking/export/json/?country=ATA")) == []  # valid when empty


@pytest.mark.parametrize("fmt", ["pdf", "CSV", "csv.exe", "xls"])
def test_unknown_formats_are_not_found(client: Client, published: dict[str, Entry], fmt: str) -> None:
    assert client.get(f"/en/stocktaking/export/{fmt}/").status_code == 404


def test_export_is_get_only(client: Client, published: dict[str, Entry]) -> None:
    assert client.post("/en/stocktaking/export/csv/").status_code == 405


def test_malformed_filters_are_ignored_not_errors(client: Client, published: dict[str, Entry]) -> None:
    # Unknown codes and sorts are dropped, as on the search page: the export is of every published entry.
    response = client.get("/en/stocktaking/export/csv/?country=XXX&action_line=%00&region=abc&sort=evil")
    assert response.status_code == 200
    assert {int(row["ID"]) for row in read_csv(response)} == {e.pk for e in published.values()}
    response = client.get("/en/stocktaking/export/json/?q=" + "telemedecine%00" * 1000)  # NULs, 14,000 characters
    assert response.status_code == 200 and [item["id"] for item in read_json(response)] == [published["mali"].pk]


def _make_published(people: dict[str, Any], count: int) -> list[Entry]:
    entries = [publish(people, title=f"Broadband project {i}") for i in range(count)]
    search.reindex_entries([e.pk for e in entries])
    return entries


@pytest.mark.parametrize("count", [5, 40])
def test_csv_export_queries_do_not_grow_with_rows(
    client: Client, people: dict[str, Any], django_assert_num_queries: Any, count: int
) -> None:
    _make_published(people, count)
    client.get("/en/stocktaking/?country=SEN")  # filters' in-process code tables are warm, as on a live site
    # 1 count of the matching entries, 6 reference tables (action lines, countries, regions,
    # stakeholder types, SDG targets, WSIS targets), 1 SET LOCAL (jit, DateStyle), 1 COPY (...) TO
    # STDOUT of the entries with the targets' ids in array subqueries (its rows stream in, no FETCH)
    with django_assert_num_queries(9):
        response = client.get("/en/stocktaking/export/csv/?country=SEN&q=broadband")
        rows = read_csv(response)
    assert len(rows) == count


@pytest.mark.django_db(transaction=True)
def test_streamed_export_reads_its_rows_in_a_transaction(
    live_reference_data: None, client: Client, people: dict[str, Any]
) -> None:
    """Outside a transaction the cursor would be WITH HOLD: PostgreSQL would compute and store the
    whole result before the first row (38 s for 1,000,000 entries)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from stocktaking import filters

    _make_published(people, 3)
    filters.forget_reference()  # reference data reloaded after an earlier test emptied the tables: new ids
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/stocktaking/export/json/?country=SEN")
        assert len(read_json(response)) == 3
    declared = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("DECLARE")]
    assert len(declared) == 1 and "WITH HOLD" not in declared[0]
    # The CSV reads its rows with COPY, whose SET LOCAL needs the transaction (outside one,
    # PostgreSQL would only warn and the settings would not apply).
    seen: list[bool] = []

    def in_transaction(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if sql.startswith("SET LOCAL"):
            seen.append(connection.in_atomic_block)
        return execute(sql, params, many, context)

    with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(in_transaction):
        response = client.get("/en/stocktaking/export/csv/?country=SEN")
        rows = read_csv(response)
    assert len(rows) == 3 and seen == [True]
    assert [q["sql"] for q in queries.captured_queries if q["sql"].startswith("COPY (")]
    assert not [q["sql"] for q in queries.captured_queries if q["sql"].startswith("DECLARE")]


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_csv_read_through_copy_is_the_csv_of_the_records(
    published: dict[str, Entry], people: dict[str, Any], language: str
) -> None:
    """search_csv_chunks (COPY, text values, cells of each distinct list kept) writes exactly the
    bytes csv_chunks writes from records(): the formats share one definition of a row."""
    from stocktaking import filters

    _make_published(people, 4)  # entries sharing their lists, so that kept cells are reused
    for query in (filters.Query(sort="newest"), filters.parse({"country": ["CHL"]}), filters.parse({"q": "mali"})):
        expected = b"".join(exports.csv_chunks(exports.records(query, language=language), language=language))
        assert b"".join(export_csv.search_csv_chunks(query, language=language)) == expected
        assert expected.count(b"\r\n") >= 2  # the header and at least one row


# -------------------------------------------------------------------------------------------
# Large exports, written by the worker


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export_views, "EXPORT_SYNC_LIMIT", 1)


def _request_job(client: Client, url: str, django_capture_on_commit_callbacks: Any) -> tuple[ExportJob, list[Any]]:
    with django_capture_on_commit_callbacks() as callbacks:  # the enqueue, left for the test to run
        response = client.get(url)
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert response["Location"] == f"/{job.language}/stocktaking/export/jobs/{job.token}/"
    return job, callbacks


def test_large_export_becomes_a_job_written_by_the_task(
    client: Client,
    published: dict[str, Entry],
    small_limit: None,
    django_capture_on_commit_callbacks: Any,
    media: Path,
) -> None:
    job, callbacks = _request_job(
        client, "/fr/stocktaking/export/csv/?action_line=C7", django_capture_on_commit_callbacks
    )
    assert len(callbacks) == 1  # run_export.delay(job.pk), once the job is committed
    assert job.state == "queued" and job.format == "csv" and job.language == "fr"
    assert job.total_rows == 3 and job.done_rows == 0 and job.requested_by is None
    assert job.query == {"q": "", "filters": {"action_line": ["C7"]}, "sort": "newest"}
    assert isinstance(job.token, uuid.UUID) and job.token.version == 4

    page = client.get(f"/fr/stocktaking/export/jobs/{job.token}/").content.decode()
    assert '<progress max="3" value="0">0%</progress>' in page
    assert 'hx-trigger="every 2s"' in page and f'hx-get="/fr/stocktaking/export/jobs/{job.token}/"' in page
    assert client.get(f"/fr/stocktaking/export/jobs/{job.token}/download/").status_code == 404  # not yet

    export_tasks.run_export(job.pk)  # what the worker runs; only the transport differs

    job.refresh_from_db()
    assert job.state == "done" and job.done_rows == 3 and job.finished_at is not None and job.error == ""
    assert job.file.name == f"exports/{job.token}.csv"
    page = client.get(f"/fr/stocktaking/export/jobs/{job.token}/").content.decode()
    assert "every 2s" not in page  # polling stops
    assert f"/fr/stocktaking/export/jobs/{job.token}/download/" in page
    response = client.get(f"/fr/stocktaking/export/jobs/{job.token}/download/")
    assert response.status_code == 200
    assert 'filename="wsis-stocktaking-' in response["Content-Disposition"]
    rows = read_csv(response)
    assert {int(row["ID"]) for row in rows} == {e.pk for e in published.values()}
    permalink = dict(zip(exports.KEYS, exports.headers("fr"), strict=True))["url"]
    assert rows[0][permalink].startswith("http://127.0.0.1:8000/fr/")

    # Delivered twice (acks_late): nothing is written again and there is still one file.
    export_tasks.run_export(job.pk)
    assert sorted(p.name for p in (media / "exports").iterdir()) == [f"{job.token}.csv"]


def test_an_interrupted_job_is_written_again_from_scratch(
    client: Client,
    published: dict[str, Entry],
    small_limit: None,
    django_capture_on_commit_callbacks: Any,
    media: Path,
) -> None:
    job, _callbacks = _request_job(client, "/en/stocktaking/export/json/", django_capture_on_commit_callbacks)
    # A worker died after saving a partial file and counting some rows.
    default_storage.save(f"exports/{job.token}.json", io.BytesIO(b'[{"id": 1'))
    ExportJob.objects.filter(pk=job.pk).update(state="running", done_rows=2)

    export_tasks.run_export(job.pk)

    job.refresh_from_db()
    assert job.state == "done" and job.done_rows == 3
    assert sorted(p.name for p in (media / "exports").iterdir()) == [f"{job.token}.json"]
    data = json.loads((media / "exports" / f"{job.token}.json").read_bytes())
    assert {item["id"] for item in data} == {e.pk for e in published.values()}


def test_a_job_whose_runs_keep_dying_fails_instead_of_being_redelivered_forever(
    client: Client,
    published: dict[str, Entry],
    small_limit: None,
    django_capture_on_commit_callbacks: Any,
    media: Path,
) -> None:
    job, _callbacks = _request_job(client, "/en/stocktaking/export/csv/", django_capture_on_commit_callbacks)
    # Three runs started and died (the hard time limit, a lost worker): the broker delivers it again.
    ExportJob.objects.filter(pk=job.pk).update(state="running", attempts=exports.MAX_ATTEMPTS)
    export_tasks.run_export(job.pk)
    job.refresh_from_db()
    assert job.state == "failed" and "interrupted several times" in job.error and job.finished_at
    assert not (media / "exports").exists() or not any((media / "exports").iterdir())
    page = client.get(f"/en/stocktaking/export/jobs/{job.token}/").content.decode()
    assert "The export failed" in page and "every 2s" not in page


def test_each_run_of_a_job_is_counted(
    client: Client,
    published: dict[str, Entry],
    small_limit: None,
    django_capture_on_commit_callbacks: Any,
    media: Path,
) -> None:
    job, _callbacks = _request_job(client, "/en/stocktaking/export/csv/", django_capture_on_commit_callbacks)
    export_tasks.run_export(job.pk)
    export_tasks.run_export(job.pk)  # redelivered after it finished: not run again
    job.refresh_from_db()
    assert (job.state, job.attempts) == ("done", 1)


def test_job_progress_is_saved_every_5000_rows(
    published: dict[str, Entry], people: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 2)  # 3 entries: one progress update, after the 2nd row
    job = ExportJob.objects.create(token=uuid.uuid4(), query={}, language="en", format="xlsx", total_rows=3)
    seen: list[int] = []
    original = exports.records

    def watched(*args: Any, **kwargs: Any) -> Iterator[exports.Record]:
        for record in original(*args, **kwargs):
            seen.append(ExportJob.objects.get(pk=job.pk).done_rows)  # as the status page reads it
            yield record

    monkeypatch.setattr(exports, "records", watched)
    exports.export_job_run(job_id=job.pk)
    assert seen == [0, 0, 2]
    job.refresh_from_db()
    assert job.state == "done" and job.done_rows == 3
    workbook = openpyxl.load_workbook(job.file.path, read_only=True)
    header, *rows = workbook.active.iter_rows(values_only=True)
    workbook.close()  # a read-only workbook keeps its file open until closed
    assert list(header) == exports.headers("en") and len(rows) == 3


@pytest.mark.django_db(transaction=True)
def test_csv_job_saves_its_progress_while_the_copy_runs(
    live_reference_data: None, people: dict[str, Any], media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The COPY holds the job's connection until its last row: the progress is written and committed
    through another connection, so the status page sees it while the export runs."""
    from stocktaking import filters

    _make_published(people, 3)
    filters.forget_reference()  # reference data reloaded after an earlier test emptied the tables: new ids
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 2)
    job = ExportJob.objects.create(token=uuid.uuid4(), query={}, language="en", format="csv", total_rows=3)
    seen: list[int] = []
    original = exports._save_progress

    def watched(side: Any, job_id: int, done: int) -> None:
        original(side, job_id, done)
        with side.cursor() as cursor:  # what the status page reads, from yet another transaction
            cursor.execute("SELECT done_rows FROM stocktaking_exportjob WHERE id = %s", [job_id])
            seen.append(cursor.fetchone()[0])

    monkeypatch.setattr(exports, "_save_progress", watched)
    exports.export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.state, job.error, job.done_rows) == ("done", "", 3)
    assert seen == [2]  # after the 2nd row, during the COPY; the total is saved with the finished job
    with job.file.open("rb") as saved:
        assert len(list(csv.DictReader(io.StringIO(saved.read().decode("utf-8-sig"))))) == 3


def test_a_failing_export_records_the_error(client: Client, published: dict[str, Entry]) -> None:
    job = ExportJob.objects.create(token=uuid.uuid4(), query={}, language="en", format="pdf", total_rows=3)
    export_tasks.run_export(job.pk)
    job.refresh_from_db()
    assert job.state == "failed" and job.finished_at is not None
    assert job.error == "ExportError: unknown export format 'pdf'"
    page = client.get(f"/en/stocktaking/export/jobs/{job.token}/").content.decode()
    assert "The export failed" in page and "unknown export format" in page and "every 2s" not in page
    assert client.get(f"/en/stocktaking/export/jobs/{job.token}/download/").status_code == 404
    export_tasks.run_export(job.pk)  # a failed job is not retried by a redelivery
    job.refresh_from_db()
    assert job.state == "failed"


def test_a_signed_in_users_job_is_theirs_only(
    client_for: Callable[[str], Client],
    people: dict[str, Any],
    published: dict[str, Entry],
    small_limit: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    owner = client_for("contributor")
    job, _callbacks = _request_job(owner, "/en/stocktaking/export/xlsx/", django_capture_on_commit_callbacks)
    assert job.requested_by == people["contributor"]
    export_tasks.run_export(job.pk)
    assert owner.get(f"/en/stocktaking/export/jobs/{job.token}/").status_code == 200
    download = owner.get(f"/en/stocktaking/export/jobs/{job.token}/download/")
    assert download.status_code == 200 and read_xlsx(download)[0][0] == "ID"
    for other in (client_for("registered"), client_for("anonymous")):
        assert other.get(f"/en/stocktaking/export/jobs/{job.token}/").status_code == 404
        assert other.get(f"/en/stocktaking/export/jobs/{job.token}/download/").status_code == 404


def test_unknown_or_malformed_tokens_are_not_found(client: Client, published: dict[str, Entry]) -> None:
    assert client.get(f"/en/stocktaking/export/jobs/{uuid.uuid4()}/").status_code == 404
    assert client.get("/en/stocktaking/export/jobs/not-a-uuid/").status_code == 404
    assert client.get(f"/en/stocktaking/export/jobs/{uuid.uuid4()}/download/").status_code == 404


def test_cleanup_deletes_exports_older_than_seven_days(media: Path, published: dict[str, Entry]) -> None:
    old = ExportJob.objects.create(token=uuid.uuid4(), query={}, language="en", format="csv")
    fresh = ExportJob.objects.create(token=uuid.uuid4(), query={}, language="en", format="csv")
    for job in (old, fresh):
        export_tasks.run_export(job.pk)
    ExportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))

    assert export_tasks.cleanup_exports() == 1

    assert list(ExportJob.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert sorted(p.name for p in (media / "exports").iterdir()) == [f"{fresh.token}.csv"]
