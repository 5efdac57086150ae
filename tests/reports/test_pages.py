"""Pages of the reporting cycle, for each role allowed and denied; bad input keeps what was typed."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from actionlines.models import MeasurableTarget
from reports import content as report_content
from reports import services
from reports.models import ActivityReport, ReportingCycle
from tests.factories import OrganisationFactory
from tests.reports.conftest import LAST_YEAR, escwa_content, itu_content

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "registered",
    "contributor",
    "organisation_admin",
    "facilitator",
    "commission",
    "secretariat",
    "secretariat_without_2fa",
]


def _status(client: Client, url: str) -> int:
    return client.get(url).status_code


def outcome(response: Any) -> str:
    """ "ok", "sign in" (anonymous), "second factor" (staff without it) or "forbidden"."""
    if response.status_code == 302 and "/account/sign-in/" in response["Location"]:
        return "sign in"
    if response.status_code == 302 and "two-factor" in response["Location"]:
        return "second factor"
    return "forbidden" if response.status_code == 403 else "ok"


DENIED = {"anonymous": "sign in", "secretariat_without_2fa": "second factor"}


def _form_data(client: Client, url: str) -> dict[str, Any]:
    """The form's inputs as the browser would post them (text, hidden, textareas, selects, checked boxes)."""
    html = client.get(url).content.decode()
    form = html[html.index('id="report-form"') : html.index("</form>", html.index('id="report-form"'))]
    form = re.sub(r"<template.*?</template>", "", form, flags=re.S)
    data: dict[str, Any] = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        if not name:
            continue
        kind = re.search(r'type="([^"]+)"', tag)
        if kind and kind.group(1) == "checkbox" and "checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data[name.group(1)] = value.group(1) if value else ""
    for name, value in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, flags=re.S):
        data[name] = value.lstrip("\n").replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, flags=re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        data[name] = chosen.group(1) if chosen else ""
    return data


# --------------------------------------------------------------------------------------- permissions


@pytest.mark.parametrize("role", ROLES)
def test_secretariat_pages_are_for_the_secretariat_only(
    client_for: Callable[[str], Client], cycle: ReportingCycle, itu_report: ActivityReport, role: str
) -> None:
    client = client_for(role)
    expected = "ok" if role == "secretariat" else DENIED.get(role, "forbidden")
    for url in (
        "/en/reports/cycles/",
        "/en/reports/cycles/open/",
        f"/en/reports/cycles/{cycle.year}/",
        f"/en/reports/{itu_report.pk}/review/",
    ):
        assert outcome(client.get(url)) == expected, url
    response = client.post(f"/en/reports/{itu_report.pk}/review/", {"decision": "accept"})
    if role == "secretariat":
        assert response.status_code == 400 and "Only a submitted" in response.content.decode()
    else:
        assert outcome(response) == expected
    itu_report.refresh_from_db()
    assert itu_report.state == "draft"


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", "sign in"),
        ("registered", "forbidden"),
        ("contributor", "forbidden"),  # a member of another organisation
        ("commission", "forbidden"),
        ("facilitator", "ok"),
        ("secretariat", "ok"),
        ("secretariat_without_2fa", "second factor"),
    ],
)
def test_a_report_is_read_by_its_organisation_and_the_secretariat(
    client_for: Callable[[str], Client], itu_report: ActivityReport, role: str, expected: str
) -> None:
    assert outcome(client_for(role).get(f"/en/reports/{itu_report.pk}/")) == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", "sign in"),
        ("registered", "forbidden"),
        ("contributor", "forbidden"),
        ("commission", "forbidden"),
        ("secretariat", "forbidden"),  # the secretariat reviews; it does not write an entity's report
        ("secretariat_without_2fa", "second factor"),
        ("facilitator", "ok"),
    ],
)
def test_only_focal_points_open_the_form(
    client_for: Callable[[str], Client], itu_report: ActivityReport, role: str, expected: str
) -> None:
    client = client_for(role)
    assert outcome(client.get(f"/en/reports/{itu_report.pk}/edit/")) == expected
    for url in ("edit", "autosave", "submit", "copy-last-year"):
        response = client.post(f"/en/reports/{itu_report.pk}/{url}/", {"version": 1, "executive_summary": "x"})
        if role != "facilitator":
            assert outcome(response) == expected, url
    itu_report.refresh_from_db()
    assert itu_report.executive_summary == "" and itu_report.state == "draft"


def test_the_report_page_shows_every_section(
    client_for: Callable[[str], Client], escwa_report: ActivityReport, people: dict[str, Any]
) -> None:
    services.report_save(
        report=escwa_report,
        by=people["commission"],
        data=escwa_content(obstacles="Funding of national statistics offices."),
        version=1,
    )
    page = client_for("commission").get(f"/en/reports/{escwa_report.pk}/").content.decode()
    assert "ESCWA supported Arab States in digital development reviews." in page  # the executive summary
    assert "Funding of national statistics offices." in page
    assert "Arab Digital Development Report" in page and "JOR, TUN" in page
    assert "Arab regional WSIS review" in page and "Beirut" in page
    assert page.count("Nothing reported.") == 3 + 6  # C1, C6, C11 have no activity; 6 of 8 text sections empty


def test_my_reports_lists_the_organisations_reports(
    client_for: Callable[[str], Client], itu_report: ActivityReport, escwa_report: ActivityReport
) -> None:
    page = client_for("facilitator").get("/en/reports/mine/").content.decode()
    assert f"/en/reports/{itu_report.pk}/edit/" in page and f"/en/reports/{escwa_report.pk}/" not in page
    assert outcome(client_for("registered").get("/en/reports/mine/")) == "forbidden"
    assert outcome(client_for("anonymous").get("/en/reports/mine/")) == "sign in"


# ------------------------------------------------------------------------------------- the form


def test_the_form_shows_each_facilitated_line_and_its_targets(
    client_for: Callable[[str], Client], itu_report: ActivityReport, c2_target: MeasurableTarget
) -> None:
    page = client_for("facilitator").get(f"/en/reports/{itu_report.pk}/edit/").content.decode()
    for code in ("C2", "C4", "C5", "C6"):
        assert f'name="activities-{code}-TOTAL_FORMS"' in page
    assert "activities-C10-TOTAL_FORMS" not in page and "regional_activities-TOTAL_FORMS" not in page
    assert c2_target.indicator in page and f'name="progress-{c2_target.pk}-value"' in page
    assert 'data-word-limit="400"' in page  # the executive summary's counter
    assert "<script>" not in page  # no inline script (CSP)


def test_saving_the_form_without_javascript(
    client_for: Callable[[str], Client], itu_report: ActivityReport, c2_target: MeasurableTarget
) -> None:
    client = client_for("facilitator")
    url = f"/en/reports/{itu_report.pk}/edit/"
    data = _form_data(client, url)
    data.update(
        {
            "executive_summary": "ITU in 2025.",
            "activities-C2-0-title": "Partner2Connect",
            "activities-C2-0-countries": "sen, KEN",
            "activities-C2-0-sdg_targets": "9.c, 17.8",
            "activities-C2-0-links": "https://www.itu.int/p2c\nhttps://www.itu.int/giga",
            f"progress-{c2_target.pk}-value": "95.5",
            "action": "save",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    content = report_content.read(ActivityReport.objects.get(pk=itu_report.pk))
    assert content["activities"]["C2"][0]["countries"] == ["SEN", "KEN"]
    assert content["activities"]["C2"][0]["links"] == ["https://www.itu.int/p2c", "https://www.itu.int/giga"]
    assert content["progress"]["C2"][0]["value"] == "95.5"


def test_add_item_button_saves_and_shows_a_blank_item(
    client_for: Callable[[str], Client], itu_report: ActivityReport
) -> None:
    client = client_for("facilitator")
    url = f"/en/reports/{itu_report.pk}/edit/"
    data = _form_data(client, url)
    data.update({"activities-C5-0-title": "Global Cybersecurity Index", "add": "activities-C5"})
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="activities-C5-TOTAL_FORMS" value="2"' in page and 'name="activities-C5-1-title"' in page
    assert 'value="Global Cybersecurity Index"' in page
    itu_report.refresh_from_db()
    assert itu_report.version == 2  # saved on the way
    assert f'name="version" value="{itu_report.version}"' in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("executive_summary", "word " * 401, "shorten the text to 400 words"),
        ("language", "de", "Select a valid choice"),
        ("obstacles", "bad\x01text", "control characters"),
        ("activities-C2-0-description", "untitled", "Give the item a title"),
        ("activities-C2-0-countries", "XXX", "Unknown country codes: XXX"),
        ("activities-C2-0-sdg_targets", "99.z", "Unknown SDG targets"),
        ("activities-C2-0-links", "not a link", "is not a web address"),
        ("progress-{target}-value", "lots", "Enter a number"),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_nothing_is_lost(
    client_for: Callable[[str], Client],
    itu_report: ActivityReport,
    c2_target: MeasurableTarget,
    field: str,
    value: str,
    message: str,
) -> None:
    client = client_for("facilitator")
    url = f"/en/reports/{itu_report.pk}/edit/"
    data = _form_data(client, url)
    field = field.format(target=c2_target.pk)
    data.update({"proposals": "Keep this proposal.", "activities-C2-0-title": "Kept title"})
    data[field] = value
    if field == "activities-C2-0-description":
        data["activities-C2-0-title"] = ""
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Keep this proposal." in page  # everything typed is kept
    assert "field-error" in page
    itu_report.refresh_from_db()
    assert itu_report.version == 1 and itu_report.proposals == ""


def test_stale_save_shows_both_versions_and_keeping_mine_works(
    client_for: Callable[[str], Client], itu_report: ActivityReport, people: dict[str, Any]
) -> None:
    from stakeholders.models import Membership
    from tests.factories import MembershipFactory

    client = client_for("facilitator")
    url = f"/en/reports/{itu_report.pk}/edit/"
    data = _form_data(client, url)
    colleague = MembershipFactory(organisation=itu_report.organisation, role=Membership.Role.FOCAL_POINT).user
    services.report_save(report=itu_report, by=colleague, data={"obstacles": "Their obstacles."}, version=1)
    data.update({"obstacles": "My obstacles.", "action": "save"})
    response = client.post(url, data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this report meanwhile" in page
    assert "Their obstacles." in page and "My obstacles." in page
    assert str(colleague) in page
    assert 'name="version" value="2"' in page  # saving again keeps mine
    itu_report.refresh_from_db()
    assert itu_report.obstacles == "Their obstacles."
    data["version"] = "2"
    assert client.post(url, data).status_code == 302
    itu_report.refresh_from_db()
    assert itu_report.obstacles == "My obstacles."


def test_autosave_answers_json(client_for: Callable[[str], Client], itu_report: ActivityReport) -> None:
    client = client_for("facilitator")
    data = _form_data(client, f"/en/reports/{itu_report.pk}/edit/")
    data["igf"] = "Autosaved text."
    response = client.post(f"/en/reports/{itu_report.pk}/autosave/", data)
    assert response.status_code == 200 and response.json()["version"] == 2
    response = client.post(f"/en/reports/{itu_report.pk}/autosave/", data)  # the same, from the old version
    assert response.status_code == 200 and response.json()["version"] == 2  # nothing new: no conflict
    response = client.post(f"/en/reports/{itu_report.pk}/autosave/", {**data, "igf": "Other text."})
    assert response.status_code == 409 and "meanwhile" in response.json()["error"]
    data.update(version="2", executive_summary="word " * 500)
    response = client.post(f"/en/reports/{itu_report.pk}/autosave/", data)
    assert response.status_code == 400
    assert client_for("commission").post(f"/en/reports/{itu_report.pk}/autosave/", data).status_code == 403
    itu_report.refresh_from_db()
    assert itu_report.igf == "Autosaved text."


def test_submit_from_the_form_then_the_page_shows_it(
    client_for: Callable[[str], Client], itu_report: ActivityReport
) -> None:
    client = client_for("facilitator")
    url = f"/en/reports/{itu_report.pk}/edit/"
    data = _form_data(client, url)
    data.update({"executive_summary": "Summary.", "activities-C2-0-title": "P2C", "action": "submit"})
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    itu_report.refresh_from_db()
    assert itu_report.state == "submitted"
    assert client.get(url).status_code == 302  # no longer editable


def test_a_commission_form_has_regional_sections(
    client_for: Callable[[str], Client], escwa_report: ActivityReport
) -> None:
    client = client_for("commission")
    url = f"/en/reports/{escwa_report.pk}/edit/"
    data = _form_data(client, url)
    assert "regional_meetings-TOTAL_FORMS" in data
    data.update(
        {
            "language": "ar",
            "executive_summary": "ESCWA 2025.",
            "regional_activities-0-title": "Arab Digital Development Report",
            "regional_meetings-0-title": "Arab WSIS review",
            "regional_meetings-0-held_on": "not a date",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 400 and "Enter a valid date" in response.content.decode()
    data["regional_meetings-0-held_on"] = f"{LAST_YEAR}-05-12"
    assert client.post(url, data).status_code == 302
    assert report_content.read(escwa_report)["regional_meetings"][0]["held_on"] == f"{LAST_YEAR}-05-12"


def test_copy_forward_button(
    client_for: Callable[[str], Client], itu_report: ActivityReport, people: dict[str, Any]
) -> None:
    client = client_for("facilitator")
    response = client.post(f"/en/reports/{itu_report.pk}/copy-last-year/", {"version": 1}, follow=True)
    assert "no accepted report of an earlier year" in response.content.decode()


# ----------------------------------------------------------------------------------- the review


def _submitted(report: ActivityReport, people: dict[str, Any]) -> ActivityReport:
    services.report_save(report=report, by=people["facilitator"], data=itu_content(), version=report.version)
    return services.report_submit(report=report, by=people["facilitator"])


def test_review_request_changes_with_section_comments(
    client_for: Callable[[str], Client], itu_report: ActivityReport, people: dict[str, Any]
) -> None:
    _submitted(itu_report, people)
    client = client_for("secretariat")
    url = f"/en/reports/{itu_report.pk}/review/"
    response = client.post(url, {"decision": "request_changes"})
    assert response.status_code == 400 and "write at least one comment" in response.content.decode()
    response = client.post(
        url, {"decision": "request_changes", "comment-line:C2": "How many pledges?", "comment-igf": "Which sessions?"}
    )
    assert response.status_code == 302
    itu_report.refresh_from_db()
    assert itu_report.state == "changes_requested"
    page = client_for("facilitator").get(f"/en/reports/{itu_report.pk}/edit/").content.decode()
    assert "How many pledges?" in page and "Which sessions?" in page and "Save and resubmit" in page


def test_a_first_submission_is_compared_with_last_years_accepted_report(
    client_for: Callable[[str], Client], itu_report: ActivityReport, people: dict[str, Any]
) -> None:
    old = services.cycle_open(
        year=LAST_YEAR - 1,
        session="twenty-eighth session, 2025",
        deadline=timezone.localdate(),
        by=people["secretariat"],
        invitees=[i for i in services.default_invitees(year=LAST_YEAR - 1) if i["organisation"].code == "ITU"],
    ).reports.get()
    services.report_save(report=old, by=people["facilitator"], data=itu_content(igf="IGF 2024 in Riyadh."), version=1)
    services.report_submit(report=old, by=people["facilitator"])
    services.report_accept(report=old, by=people["secretariat"])
    _submitted(itu_report, people)
    page = client_for("secretariat").get(f"/en/reports/{itu_report.pk}/review/").content.decode()
    assert f"What differs from the accepted report of {LAST_YEAR - 1}" in page
    assert "IGF 2024 in Riyadh." in page and "ITU took part in the IGF in Norway." in page


def test_review_keeps_the_typed_comment_on_error(
    client_for: Callable[[str], Client], itu_report: ActivityReport, people: dict[str, Any]
) -> None:
    _submitted(itu_report, people)
    response = client_for("secretariat").post(
        f"/en/reports/{itu_report.pk}/review/", {"decision": "request_changes", "comment-igf": "x" * 4001}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "under 4,000 characters" in page and "x" * 4001 in page


def test_accept_then_unlock_with_a_reason(
    client_for: Callable[[str], Client], itu_report: ActivityReport, people: dict[str, Any]
) -> None:
    _submitted(itu_report, people)
    itu_report.refresh_from_db()
    client = client_for("secretariat")
    url = f"/en/reports/{itu_report.pk}/review/"
    assert client.post(url, {"decision": "accept", "version": itu_report.version}).status_code == 302
    page = client.get(f"/en/reports/{itu_report.pk}/").content.decode()
    assert "Accepted" in page and str(people["secretariat"]) in page and "reports.activity_report.accepted" in page
    response = client.post(url, {"decision": "unlock", "reason": ""})
    assert response.status_code == 400 and "This field is required" in response.content.decode()
    assert client_for("facilitator").post(url, {"decision": "unlock", "reason": "x"}).status_code == 403
    assert client.post(url, {"decision": "unlock", "reason": "Figures for 2024."}).status_code == 302
    itu_report.refresh_from_db()
    assert itu_report.state == "changes_requested" and itu_report.unlock_reason == "Figures for 2024."
    page = client.get(f"/en/reports/{itu_report.pk}/").content.decode()
    assert "reports.activity_report.unlocked" in page and "Figures for 2024." in page


def test_accept_with_a_stale_version_is_refused(
    client_for: Callable[[str], Client], itu_report: ActivityReport, people: dict[str, Any]
) -> None:
    _submitted(itu_report, people)
    response = client_for("secretariat").post(
        f"/en/reports/{itu_report.pk}/review/", {"decision": "accept", "version": 1}
    )
    assert response.status_code == 400 and "look at it again" in response.content.decode()


def test_diff_between_versions_and_version_pages(
    client_for: Callable[[str], Client], itu_report: ActivityReport, people: dict[str, Any]
) -> None:
    _submitted(itu_report, people)
    services.report_request_changes(
        report=itu_report, by=people["secretariat"], comments=[{"section": "igf", "text": "More."}]
    )
    itu_report.refresh_from_db()
    services.report_save(
        report=itu_report,
        by=people["facilitator"],
        data=itu_content(igf="IGF 2025 in Lillestrøm."),
        version=itu_report.version,
    )
    services.report_resubmit(report=itu_report, by=people["facilitator"])
    client = client_for("secretariat")
    page = client.get(f"/en/reports/{itu_report.pk}/diff/?a=1&b=2").content.decode()
    assert "ITU took part in the IGF in Norway." in page and "IGF 2025 in Lillestr" in page
    assert client.get(f"/en/reports/{itu_report.pk}/diff/?a=9&b=2").status_code == 404
    assert client.get(f"/en/reports/{itu_report.pk}/versions/1/").status_code == 200
    assert client_for("commission").get(f"/en/reports/{itu_report.pk}/diff/?a=1&b=2").status_code == 403
    review = client.get(f"/en/reports/{itu_report.pk}/review/").content.decode()
    assert "What changed since the previous version" in review and "IGF 2025 in Lillestr" in review


# ---------------------------------------------------------------------------------- cycles


def test_open_a_cycle_form_has_defaults_and_keeps_input_on_error(
    client_for: Callable[[str], Client], people: dict[str, Any]
) -> None:
    client = client_for("secretariat")
    page = client.get("/en/reports/cycles/open/").content.decode()
    assert f'value="{LAST_YEAR}"' in page and f"session, {LAST_YEAR + 1}" in page
    assert "ESCWA" in page and "WHO" in page
    ids = re.findall(r'name="invitees" value="(\d+)"[^>]*checked', page)
    assert len(ids) >= 17
    bad = {
        "open": "1",
        "year": LAST_YEAR,
        "session": "My session text",
        "deadline": (timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
        "reminder_days": "-7, soon",
        "invitees": ids,
    }
    response = client.post("/en/reports/cycles/open/", bad)
    assert response.status_code == 400
    page = response.content.decode()
    assert "cannot be in the past" in page and "whole numbers of days" in page and "My session text" in page
    good = {
        **bad,
        "deadline": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
        "reminder_days": "-7, 7",
    }
    response = client.post("/en/reports/cycles/open/", good)
    assert response.status_code == 302
    cycle = ReportingCycle.objects.get(year=LAST_YEAR)
    assert cycle.reminder_days == [-7, 7] and cycle.reports.count() == len(ids)


def test_dashboard_shows_states_and_uncovered_lines_in_constant_queries(
    client_for: Callable[[str], Client],
    cycle: ReportingCycle,
    people: dict[str, Any],
    django_assert_num_queries: Any,
) -> None:
    itu = cycle.reports.get(organisation__code="ITU")
    _submitted(itu, people)
    services.report_accept(report=itu, by=people["secretariat"])
    escwa = cycle.reports.get(organisation__code="ESCWA")
    services.report_save(report=escwa, by=people["commission"], data=escwa_content(), version=1)
    client = client_for("secretariat")
    client.get(f"/en/reports/cycles/{cycle.year}/")  # warm the session and caches
    # session, user, OTP device, the cycle, the reports with organisation/invitation/accepted_by,
    # their action lines (prefetch), the 18 units, the invite form's units, the menu's memberships,
    # the cycle's opener, the invite form's organisations (a cursor): none per report
    with django_assert_num_queries(11) as captured:
        response = client.get(f"/en/reports/cycles/{cycle.year}/")
    first = len(captured.captured_queries)
    page = response.content.decode()
    assert "state-accepted" in page and "state-draft" in page and "state-not_started" in page
    uncovered = page[page.index("No accepted report covers yet") :]
    uncovered = uncovered[: uncovered.index("</p>")]
    assert "<strong>C2</strong>" not in uncovered and "<strong>C10</strong>" in uncovered
    for _n in range(5):
        services.cycle_invite(
            cycle=cycle,
            organisation=OrganisationFactory(),
            kind="stakeholder",
            action_lines=["C4", "C7.3"],
            by=people["secretariat"],
        )
    with django_assert_num_queries(first):
        client.get(f"/en/reports/cycles/{cycle.year}/")
    # ITU and ESCWA have focal points; WHO has none, which the secretariat is told.
    who_row = page[page.index(">WHO<") : page.index("</tr>", page.index(">WHO<"))]
    itu_row = page[page.index(">ITU<") : page.index("</tr>", page.index(">ITU<"))]
    assert "No focal point registered" in who_row and "No focal point registered" not in itu_row
    filtered = client.get(f"/en/reports/cycles/{cycle.year}/?state=accepted").content.decode()
    entities = filtered[filtered.index("entities-heading") : filtered.index("lines-heading")]
    assert ">ITU<" in entities and ">ESCWA<" not in entities
    assert client.get(f"/en/reports/cycles/{cycle.year}/?state=<script>").status_code == 200


def test_invite_another_entity_from_the_dashboard(
    client_for: Callable[[str], Client], cycle: ReportingCycle, people: dict[str, Any]
) -> None:
    client = client_for("secretariat")
    url = f"/en/reports/cycles/{cycle.year}/invite/"
    response = client.post(url, {"organisation": "999999", "kind": "stakeholder"})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    response = client.post(url, {"organisation": people["ngo"].pk, "kind": "stakeholder", "action_lines": ["C4"]})
    assert response.status_code == 302
    assert cycle.reports.filter(organisation=people["ngo"]).exists()
    assert (
        client_for("facilitator").post(url, {"organisation": people["ngo"].pk, "kind": "stakeholder"}).status_code
        == 403
    )


def test_close_the_cycle(client_for: Callable[[str], Client], cycle: ReportingCycle) -> None:
    assert (
        client_for("facilitator").post(f"/en/reports/cycles/{cycle.year}/state/", {"action": "close"}).status_code
        == 403
    )
    client_for("secretariat").post(f"/en/reports/cycles/{cycle.year}/state/", {"action": "close"})
    cycle.refresh_from_db()
    assert cycle.state == "closed"


def test_my_reports_and_cycle_list_are_constant_in_queries(
    client_for: Callable[[str], Client], people: dict[str, Any], django_assert_num_queries: Any
) -> None:
    for year in (LAST_YEAR - 2, LAST_YEAR - 1):
        cycle = services.cycle_open(
            year=year,
            session="s",
            deadline=timezone.localdate(),
            by=people["secretariat"],
            invitees=[i for i in services.default_invitees(year=year) if i["organisation"].code in ("ITU", "ESCWA")],
        )
        itu = cycle.reports.get(organisation__code="ITU")
        services.report_save(report=itu, by=people["facilitator"], data=itu_content(), version=1)
        services.report_submit(report=itu, by=people["facilitator"])
        services.report_accept(report=itu, by=people["secretariat"])
    focal = client_for("facilitator")
    focal.get("/en/reports/mine/")
    # session, user, the user's organisation roles (read once, for the menu and the list), the reports
    # with cycle, organisation, invitation and accepter: one query whatever the number of reports
    with django_assert_num_queries(4):
        page = focal.get("/en/reports/mine/").content.decode()
    assert page.count("state-accepted") == 2
    secretariat = client_for("secretariat")
    secretariat.get("/en/reports/cycles/")
    # session, user, OTP device, the menu's memberships, the cycles with their counts by state (one
    # aggregate query)
    with django_assert_num_queries(5):
        page = secretariat.get("/en/reports/cycles/").content.decode()
    assert f">{LAST_YEAR - 1}</a>" in page and "1 accepted, 0 to review, 0 returned, of 2" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"year": "20x5"}, "Enter a whole number"),
        ({"year": "1999"}, "greater than or equal to 2005"),
        ({"year": str(LAST_YEAR + 5)}, "Choose a year from 2005 to the current year"),
        ({"session": ""}, "This field is required"),
        ({"deadline": "15/12/2026"}, "Enter a valid date"),
        ({"reminder_days": "-300"}, "within 120 days"),
        ({"symbol_ga": "A/" + "8" * 60}, "at most 40 characters"),
        ({"invitees": []}, "This field is required"),
        ({"invitees": ["999999"]}, "Select a valid choice"),
        ({"session": "bad\x00"}, "Null characters are not allowed"),
    ],
)
def test_bad_input_to_the_open_a_cycle_form(
    client_for: Callable[[str], Client], changes: dict[str, Any], message: str
) -> None:
    client = client_for("secretariat")
    page = client.get("/en/reports/cycles/open/").content.decode()
    data: dict[str, Any] = {
        "open": "1",
        "year": str(LAST_YEAR),
        "session": "twenty-ninth session, 2026",
        "deadline": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
        "reminder_days": "-7, 7",
        "symbol_ga": "A/81/62",
        "symbol_ecosoc": "E/2026/10",
        "invitees": re.findall(r'name="invitees" value="(\d+)"[^>]*checked', page),
    }
    data.update(changes)
    response = client.post("/en/reports/cycles/open/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "E/2026/10" in page  # what was typed is kept
    assert not ReportingCycle.objects.exists()


def test_attachments_from_the_form_page(
    client_for: Callable[[str], Client], itu_report: ActivityReport, settings: Any, tmp_path: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = str(tmp_path)
    client = client_for("facilitator")
    url = f"/en/reports/{itu_report.pk}/attachments/"
    response = client.post(url, {"file": SimpleUploadedFile("virus.exe", b"MZ")}, follow=True)
    assert "Attach PDF, Word, Excel, PowerPoint, PNG or JPEG files only." in response.content.decode()
    response = client.post(url, {}, follow=True)
    assert "Choose a file to attach." in response.content.decode()
    response = client.post(url, {"file": SimpleUploadedFile("plan.pdf", b"%PDF-1.7 plan")}, follow=True)
    assert "plan.pdf" in response.content.decode()
    assert client_for("commission").post(url, {"file": SimpleUploadedFile("x.pdf", b"%PDF")}).status_code == 403
    attachment = itu_report.attachments.get()
    download = client.get(f"/en/reports/attachments/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.7 plan"
    assert download["Content-Disposition"].startswith("attachment")
    _close_file(download)
    assert client_for("commission").get(f"/en/reports/attachments/{attachment.pk}/").status_code == 403
    assert client_for("anonymous").get(f"/en/reports/attachments/{attachment.pk}/").status_code == 302
    reviewer_download = client_for("secretariat").get(f"/en/reports/attachments/{attachment.pk}/")
    assert reviewer_download.status_code == 200
    _close_file(reviewer_download)
    assert client_for("commission").post(f"/en/reports/attachments/{attachment.pk}/remove/").status_code == 403
    client.post(f"/en/reports/attachments/{attachment.pk}/remove/")
    assert not itu_report.attachments.exists()


def _close_file(response: Any) -> None:
    """Close the streamed file; response.close() would also send request_finished, which closes the test's
    database connection."""
    for closer in response._resource_closers:
        closer()


def test_comment_resolution_from_the_pages(
    client_for: Callable[[str], Client], itu_report: ActivityReport, people: dict[str, Any]
) -> None:
    _submitted(itu_report, people)
    comment = services.review_comment_add(report=itu_report, by=people["secretariat"], section="igf", text="Sessions?")
    assert client_for("commission").post(f"/en/reports/comments/{comment.pk}/resolve/").status_code == 403
    response = client_for("facilitator").post(f"/en/reports/comments/{comment.pk}/resolve/")
    assert response.status_code == 302 and response["Location"].endswith(f"/reports/{itu_report.pk}/")
    comment.refresh_from_db()
    assert comment.resolved and comment.resolved_by == people["facilitator"]


def test_forged_form_counts_are_refused_without_a_crash(
    client_for: Callable[[str], Client], itu_report: ActivityReport
) -> None:
    client = client_for("facilitator")
    url = f"/en/reports/{itu_report.pk}/edit/"
    data = _form_data(client, url)
    data["activities-C2-TOTAL_FORMS"] = "100000"
    response = client.post(url, data)
    assert response.status_code == 400 and "Please submit at most" in response.content.decode()
    del data["activities-C2-TOTAL_FORMS"]
    response = client.post(url, data)
    assert response.status_code == 400 and "ManagementForm data is missing" in response.content.decode()
    itu_report.refresh_from_db()
    assert itu_report.version == 1
