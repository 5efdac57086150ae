"""Consultations and events in headless Chromium: a member contributes to an open consultation and
finds it counted in the tally; the public browses the calendar without JavaScript-only controls."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from consultations import demo
from consultations.models import Consultation, Contribution
from stakeholders.models import Membership
from tests.browser.test_journeys import sign_in
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("live_reference_data"),
]


def test_member_contributes_and_the_tally_counts_it(
    new_page: Callable[[], Page], live_server: Any, screenshot: Callable[..., Any]
) -> None:
    today = timezone.localdate()
    consultation = Consultation.objects.create(
        slug="wsis-20-inputs",
        title="Inputs to the WSIS+20 review",
        mandate_symbol="A/RES/70/125",
        opens_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=3),
    )
    ngo = OrganisationFactory(name_en="Community Networks Alliance")
    member = MembershipFactory(organisation=ngo, role=Membership.Role.CONTRIBUTOR).user

    page = new_page()
    sign_in(page, member.email)
    page.goto(f"/en/consultations/{consultation.slug}/")
    page.get_by_role("link", name="Contribute").click()
    page.get_by_label("Your comments").fill("Community networks should be named in the outcome.")
    page.get_by_role("button", name="Send the contribution").click()
    expect(page.get_by_role("status")).to_contain_text("your contribution is published")
    page.get_by_role("link", name=consultation.title).click()
    tally = page.locator("table.tally")
    expect(tally.locator("tr[data-group=civil_society] td.total")).to_have_text("1")
    expect(page.get_by_role("link", name="Community Networks Alliance")).to_be_visible()
    screenshot(page, "consultation-after-contribution")
    assert Contribution.objects.get().organisation == ngo


def test_the_public_reads_the_seed_table_and_filters_the_calendar(
    new_page: Callable[[], Page], screenshot: Callable[..., Any]
) -> None:
    demo.load()
    page = new_page()
    page.goto(f"/en/consultations/{demo.ENHANCED_COOPERATION_SLUG}/")
    footer = page.locator("table.tally tfoot td")
    expect(footer).to_have_text(["59", "26", "13", "98"])
    page.get_by_label("Channel").select_option("open_debate")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("13 contributions")).to_be_visible()
    screenshot(page, "consultation-seed-002")

    page.goto("/en/events/")
    page.get_by_role("link", name="Past").click()
    page.get_by_label("Kind of event").select_option("summit")
    page.get_by_role("button", name="Show").click()
    page.get_by_role("link", name="World Summit on the Information Society, Geneva phase").click()
    expect(page.locator("tr[data-category=government_delegates] td").first).to_have_text("more than 11,000")
    screenshot(page, "event-geneva-2003")
