"""The whole reporting cycle in headless Chromium: the secretariat opens it, a facilitator (ITU's focal
point) and a regional commission (ESCWA's) report, the secretariat returns one with a comment on a
section and accepts both, and the public reads them on the published pages, as a PDF too, with ITU's
progress value on the action line's roadmap. Screenshots land in /tmp/browser-shots/cycle-*.png."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from accounts.models import User
from actionlines.models import MeasurableTarget, TargetProgress
from reports.models import ActivityReport, ReportingCycle
from stakeholders.models import Membership, Organisation
from tests.browser.test_journeys import current_code, sign_in
from tests.factories import MembershipFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("live_reference_data"),
]


def _reviewer_signs_in(page: Page, reviewer: User, device: TOTPDevice) -> None:
    sign_in(page, reviewer.email)
    page.get_by_label("Six-digit code from your authenticator app").fill(current_code(device))
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("status")).to_contain_text("Second factor verified.")


def _status(page: Page) -> Any:
    return page.get_by_role("status").or_(page.locator(".message")).first


def test_facilitator_commission_and_secretariat_go_through_the_cycle(
    new_page: Callable[[], Page], live_server: Any, settings: Any, screenshot: Callable[[Page, str], Any]
) -> None:
    settings.SITE_URL = live_server.url
    year = timezone.localdate().year - 1
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    reviewer = UserFactory(email="reviewer@unctad.example.org", full_name="Rania Haddad", role=User.Role.SECRETARIAT)
    device = TOTPDevice.objects.create(user=reviewer, name="phone", confirmed=True)
    itu_focal = MembershipFactory(
        organisation=Organisation.objects.get(code="ITU"), role=Membership.Role.FOCAL_POINT
    ).user
    escwa_focal = MembershipFactory(
        organisation=Organisation.objects.get(code="ESCWA"), role=Membership.Role.FOCAL_POINT
    ).user
    internet = MeasurableTarget.objects.get(reference="ITU-C2-6-a")  # seeded from seed 004

    # The secretariat opens the cycle with the year's facilitators and the five commissions.
    secretariat = new_page()
    _reviewer_signs_in(secretariat, reviewer, device)
    secretariat.goto(f"/en/reports/cycles/open/?year={year}")
    secretariat.get_by_label("CSTD session").fill("twenty-ninth session, 2026")
    secretariat.get_by_label("Deadline").fill(deadline.isoformat())
    secretariat.get_by_label("General Assembly symbol").fill("A/81/62")
    secretariat.get_by_role("button", name="Open the cycle and invite").click()
    expect(secretariat).to_have_url(re.compile(rf"/en/reports/cycles/{year}/$"))
    expect(_status(secretariat)).to_contain_text(f"The cycle {year} is open")
    cycle = ReportingCycle.objects.get(year=year)
    itu_report = cycle.reports.get(organisation__code="ITU")
    escwa_report = cycle.reports.get(organisation__code="ESCWA")
    screenshot(secretariat, "cycle-1-dashboard-opened")

    # ITU's focal point drafts: summary, an activity under C2, the year's value on a C2 target; submits.
    itu = new_page()
    sign_in(itu, itu_focal.email)
    itu.goto("/en/reports/mine/")
    itu.goto(f"/en/reports/{itu_report.pk}/edit/")
    itu.get_by_label("Executive summary").fill("ITU led C2, C5 and C6 and co-facilitated the others.")
    itu.locator("input[name='activities-C2-0-title']").fill("Partner2Connect Digital Coalition")
    itu.locator("textarea[name='activities-C2-0-description']").fill("Pledges to connect the hardest to connect.")
    itu.locator(f"input[name='progress-{internet.pk}-value']").fill("67.4")
    itu.get_by_role("button", name="Save and submit to the secretariat").click()
    expect(_status(itu)).to_contain_text("Submitted.")

    # ESCWA's focal point reports in Arabic, with a regional activity, and submits.
    escwa = new_page()
    sign_in(escwa, escwa_focal.email)
    escwa.goto(f"/en/reports/{escwa_report.pk}/edit/")
    escwa.get_by_label("Language of submission").select_option("ar")
    escwa.get_by_label("Executive summary").fill("دعمت الإسكوا الدول العربية في استعراضات التنمية الرقمية.")
    escwa.locator("input[name='regional_activities-0-title']").fill("Arab Digital Development Report")
    escwa.get_by_role("button", name="Save and submit to the secretariat").click()
    expect(_status(escwa)).to_contain_text("Submitted.")

    # The secretariat returns ITU's report with a comment on C2, and accepts ESCWA's.
    secretariat.goto(f"/en/reports/{itu_report.pk}/review/")
    secretariat.locator("textarea[name='comment-line:C2']").fill("Say how many countries joined the coalition.")
    secretariat.get_by_role("button", name="Request changes").click()
    expect(_status(secretariat)).to_contain_text("Returned with your comments.")
    secretariat.goto(f"/en/reports/{escwa_report.pk}/review/")
    secretariat.get_by_role("button", name="Accept and lock").click()
    expect(_status(secretariat)).to_contain_text("Accepted and locked.")

    # ITU sees the comment next to C2, answers it and resubmits; the secretariat accepts.
    itu.goto(f"/en/reports/{itu_report.pk}/edit/")
    expect(itu.locator("#section-linec2")).to_contain_text("Say how many countries joined the coalition.")
    itu.locator("textarea[name='activities-C2-0-description']").fill(
        "Pledges to connect the hardest to connect; 61 countries joined the coalition."
    )
    screenshot(itu, "cycle-2-itu-answers-the-comment")
    itu.get_by_role("button", name="Save and resubmit").click()
    expect(_status(itu)).to_contain_text("ubmitted")
    secretariat.goto(f"/en/reports/{itu_report.pk}/review/")
    expect(secretariat.get_by_role("main")).to_contain_text("61 countries joined the coalition")  # the diff
    secretariat.get_by_role("button", name="Accept and lock").click()
    expect(_status(secretariat)).to_contain_text("Accepted and locked.")
    secretariat.goto(f"/en/reports/cycles/{year}/")
    screenshot(secretariat, "cycle-3-dashboard-accepted")

    itu_report.refresh_from_db()
    assert itu_report.state == ActivityReport.State.ACCEPTED and itu_report.accepted_by == reviewer
    assert list(itu_report.versions.values_list("event", flat=True).order_by("number")) == [
        "submitted",
        "resubmitted",
        "accepted",
    ]
    assert TargetProgress.objects.get(target=internet, year=year, organisation__code="ITU").value == Decimal("67.4")

    # The public reads both reports on the published pages, and ITU's as a PDF.
    public = new_page()
    public.goto("/en/reports/published/")
    public.get_by_role("link", name=f"Reports on {year}").click()
    rows = public.locator("table.published-list tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("International Telecommunication Union")
    expect(rows.nth(1)).to_contain_text("Arabic")
    public.get_by_role("link", name="International Telecommunication Union", exact=True).click()
    expect(public.get_by_role("main")).to_contain_text("61 countries joined the coalition")
    pdf = public.request.get(f"/en/reports/published/{year}/{itu_report.pk}/pdf/")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf" and pdf.body()[:4] == b"%PDF"
    screenshot(public, "cycle-4-published-report")
    public.goto(f"/ar/reports/published/{year}/{escwa_report.pk}/")
    expect(public.locator(".published-report")).to_have_attribute("dir", "rtl")
    expect(public.get_by_role("main")).to_contain_text("استعراضات التنمية الرقمية")

    # The action line's page shows the value ITU reported, in the target's table.
    public.goto("/en/action-lines/C2/")
    public.get_by_text("Values as a table").last.click()
    expect(public.get_by_role("main")).to_contain_text("67.4")
    screenshot(public, "cycle-5-roadmap-progress")
