"""Keyboard-only journeys: Tab, Shift+Tab, Enter, Space (and the arrow keys a closed <select> takes).

No click, no fill: every step moves the focus with the keyboard and checks that the element it lands on
shows it (an outline or a box shadow, as a sighted keyboard user needs) and is the one expected. A step
that never reaches its target within a bound number of presses fails: that is how a keyboard trap, or
focus lost after an htmx swap, shows up.
"""

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
from reports import services as report_services
from reports.models import ActivityReport
from stakeholders.models import Membership, Organisation
from stocktaking import demo as entries_demo
from stocktaking.models import Entry
from tests.conftest import verified
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("live_reference_data"),
]

MAX_PRESSES = 400

FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {visible: false, description: "nothing (the page's body)"};
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  const description = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.name ? "[name=" + el.name + "]" : "")
    + " " + (el.innerText || el.value || "").trim().slice(0, 40);
  return {visible: outline || shadow, description};
}"""


def focus_is_visible(page: Page) -> None:
    state = page.evaluate(FOCUS_STATE)
    assert state["visible"], f"the focus on {state['description']} is not visible (no outline, no box shadow)"


def tab_to(page: Page, selector: str, *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the element matching `selector` has the focus; every element passed
    on the way must show its focus."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_PRESSES):
        page.keyboard.press(key)
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            focus_is_visible(page)
            return
        if page.evaluate("() => document.activeElement !== document.body"):
            focus_is_visible(page)
    state = page.evaluate(FOCUS_STATE)
    raise AssertionError(
        f"{MAX_PRESSES} presses of {key} never reached {selector}; the focus is on {state['description']}"
    )


def test_visitor_searches_the_database_with_the_keyboard_only(page: Page, screenshot: Callable[..., Any]) -> None:
    entries_demo.load(120)
    page.goto("/en/stocktaking/")

    # The first Tab reaches the skip link; Enter moves the focus to the main content.
    page.keyboard.press("Tab")
    expect(page.locator("a.skip-link")).to_be_focused()
    focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()

    # Words typed in the search box; Enter searches (htmx replaces the results, the focus stays put).
    tab_to(page, "#q")
    page.keyboard.type("digital")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q=digital\b"))
    expect(page.locator("#q")).to_be_focused()
    found = int(re.sub(r"\D", "", page.locator("#results-heading").inner_text()))
    assert found > 20, f"the demo should give more than one page of results, not {found}"

    # Tick the first action line with Space: the results are replaced and the focus stays on the box.
    box = page.locator(".facets input[name=action_line]").first
    box_id = box.get_attribute("id")
    tab_to(page, ".facets input[name=action_line]")
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"[?&]action_line="))
    ticked = page.locator(f"#{box_id}")
    expect(ticked).to_be_checked()
    expect(ticked).to_be_focused()
    focus_is_visible(page)

    # Back to the sort order: ArrowDown picks the next option of the closed list; the Search button sends it.
    tab_to(page, "#sort", backwards=True)
    before = page.locator("#sort").input_value()
    page.keyboard.press("ArrowDown")
    chosen = page.locator("#sort").input_value()
    assert chosen != before
    tab_to(page, "#search-form .search-bar button[type=submit]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"[?&]sort={chosen}\b"))
    expect(page.locator("#sort")).to_have_value(chosen)

    # The next page of results, then the first entry on it.
    tab_to(page, "nav.pagination a[rel=next]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]page=2\b"))
    expect(page).to_have_url(re.compile(rf"[?&]sort={chosen}\b"))
    expect(page.locator("#q")).to_have_value("digital")
    first = page.locator("#results .result h3 a").first
    title = first.inner_text()
    tab_to(page, "#results .result h3 a")
    expect(first).to_be_focused()
    screenshot(page, "keyboard-search-page-2")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/stocktaking/entries/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    entry_pk = int(re.findall(r"/entries/(\d+)/", page.url)[0])
    assert Entry.objects.get(pk=entry_pk).state == Entry.State.PUBLISHED


def test_focal_point_writes_and_submits_the_activity_report_with_the_keyboard_only(
    page: Page, screenshot: Callable[..., Any]
) -> None:
    itu = Organisation.objects.get(code="ITU")
    focal = MembershipFactory(organisation=itu, role=Membership.Role.FOCAL_POINT).user
    reviewer = verified(UserFactory(role=User.Role.SECRETARIAT))
    year = timezone.localdate().year - 1
    cycle = report_services.cycle_open(
        year=year,
        session="twenty-ninth session",
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        by=reviewer,
        invitees=[i for i in report_services.default_invitees(year=year) if i["organisation"].code == "ITU"],
    )
    report = cycle.reports.get()

    # Sign in: the e-mail box has the focus when the page opens.
    page.goto("/en/account/sign-in/")
    expect(page.locator("input[name=username]")).to_be_focused()
    page.keyboard.type(focal.email)
    tab_to(page, "input[name=password]")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/account/profile/$"))

    # My reports, from the main menu, then the report.
    tab_to(page, "nav.main-nav a[href='/en/reports/mine/']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/reports/mine/$"))
    tab_to(page, f"main a[href='/en/reports/{report.pk}/edit/']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/en/reports/{report.pk}/edit/$"))

    # A section: the executive summary.
    tab_to(page, "textarea[name=executive_summary]")
    page.keyboard.type("ITU led C2, C5 and C6 and co-facilitated the other action lines.")

    # An item: "Add an activity" under C2 puts the focus in the new activity's title.
    tab_to(page, "[data-add-item='activities-C2']")
    page.keyboard.press("Enter")
    expect(page.locator("input[name='activities-C2-TOTAL_FORMS']")).to_have_value("2")
    expect(page.locator("input[name='activities-C2-1-title']")).to_be_focused()
    focus_is_visible(page)
    page.keyboard.type("Partner2Connect Digital Coalition")
    tab_to(page, "textarea[name='activities-C2-1-description']")
    page.keyboard.type("Pledges to connect the hardest to connect.")

    # Save the draft with Space on the button; the page comes back with the focus at its start.
    tab_to(page, "button[name=action][value=save]")
    page.keyboard.press("Space")
    expect(page.locator(".messages")).to_contain_text("Saved")
    content = report_content.read(ActivityReport.objects.get(pk=report.pk))
    assert content["executive_summary"] == "ITU led C2, C5 and C6 and co-facilitated the other action lines."
    assert [i["title"] for i in content["activities"]["C2"]] == ["Partner2Connect Digital Coalition"]

    # Submit.
    tab_to(page, "button[name=action][value=submit]")
    screenshot(page, "keyboard-report-submit")
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Submitted.")
    report.refresh_from_db()
    assert report.state == ActivityReport.State.SUBMITTED
