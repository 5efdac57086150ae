"""The activity report form's JavaScript in headless Chromium: items added in place, live word counts,
autosave on blur, and the greyed-out item to remove. (The whole cycle's journey is another test.)"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from reports import content as report_content
from reports import services
from stakeholders.models import Membership, Organisation
from tests.browser.test_journeys import sign_in
from tests.conftest import verified
from tests.factories import MembershipFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("live_reference_data"),
]


def test_items_are_added_in_place_and_the_form_saves_itself(page: Page, screenshot: Callable[[Page, str], Any]) -> None:
    itu = Organisation.objects.get(code="ITU")
    focal = MembershipFactory(organisation=itu, role=Membership.Role.FOCAL_POINT).user
    reviewer = verified(UserFactory(role=User.Role.SECRETARIAT))
    year = timezone.localdate().year - 1
    cycle = services.cycle_open(
        year=year,
        session="twenty-ninth session",
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        by=reviewer,
        invitees=[i for i in services.default_invitees(year=year) if i["organisation"].code == "ITU"],
    )
    report = cycle.reports.get()

    sign_in(page, focal.email)
    page.goto(f"/en/reports/{report.pk}/edit/")
    url = page.url
    page.get_by_label("Executive summary").fill("ITU in the year under review.")
    expect(page.locator("#id_executive_summary-count")).to_have_text("6 / 400")
    with page.expect_response(re.compile(r"/autosave/$")) as saved:
        page.get_by_label("Obstacles").click()  # the summary loses focus: autosave
    assert saved.value.json()["version"] == 2
    expect(page.locator("#autosave-status")).to_contain_text("Saved automatically at")

    page.locator("[data-add-item='activities-C5']").click()
    expect(page).to_have_url(url)  # no round trip
    expect(page.locator("input[name='activities-C5-TOTAL_FORMS']")).to_have_value("2")
    title = page.locator("input[name='activities-C5-1-title']")
    expect(title).to_be_focused()
    title.fill("Global Cybersecurity Index")
    description = page.locator("textarea[name='activities-C5-1-description']")
    description.fill("word " * 251)
    expect(page.locator("#id_activities-C5-1-description-count")).to_have_class(re.compile("over"))
    description.fill("Commitment of 194 countries measured.")
    with page.expect_response(re.compile(r"/autosave/$")) as saved:
        page.get_by_label("Obstacles").click()  # the description loses focus: autosave
    assert saved.value.json()["version"] == 3
    report.refresh_from_db()
    content = report_content.read(report)
    assert content["executive_summary"] == "ITU in the year under review."
    assert [i["title"] for i in content["activities"]["C5"]] == ["Global Cybersecurity Index"]

    page.locator("input[name='activities-C5-1-DELETE']").check()
    expect(page.locator("input[name='activities-C5-1-DELETE']").locator("xpath=ancestor::fieldset[1]")).to_have_class(
        re.compile("removed")
    )
    screenshot(page, "report-form-autosave")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status").or_(page.locator(".message")).first).to_contain_text("Saved")
    report.refresh_from_db()
    assert report_content.read(report)["activities"]["C5"] == []
