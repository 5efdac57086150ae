"""The indicators journeys in headless Chromium: the secretariat imports a World Bank file (a dry run
that lists the errors, then the import), and the public reads a country profile and compares countries."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from accounts.models import User
from indicators.models import Observation
from tests.browser.test_journeys import current_code, sign_in
from tests.factories import UserFactory
from tests.indicators import files

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("live_reference_data"),
]


def test_secretariat_imports_a_world_bank_file_and_the_public_reads_the_country_profile(
    new_page: Callable[[], Page], live_server: Any, tmp_path: Any, settings: Any, screenshot: Callable[..., Any]
) -> None:
    settings.MEDIA_ROOT = tmp_path
    reviewer = UserFactory(email="stats@unctad.example.org", role=User.Role.SECRETARIAT)
    device = TOTPDevice.objects.create(user=reviewer, name="phone", confirmed=True)
    bad = tmp_path / "API_IT.NET.USER.ZS_bad.csv"
    bad.write_bytes(files.wb_csv([*files.wb_rows(), files.wb_row("Senegal", "SEN", {2022: "sixty"})]))
    good = tmp_path / "API_IT.NET.USER.ZS_DS2_en_csv_v2.csv"
    good.write_bytes(files.wb_csv())

    page = new_page()
    page.goto("/en/indicators/import/")
    sign_in(page, reviewer.email)
    page.get_by_label("Six-digit code from your authenticator app").fill(current_code(device))
    page.get_by_role("button", name="Verify").click()
    expect(page).to_have_url(f"{live_server.url}/en/indicators/import/")

    page.get_by_label("World Bank", exact=False).check()
    page.locator("input[type=file]").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator(".import-state")).to_have_text("Checked (dry run)")
    error = page.locator('tr[data-row="11"][data-column="2022"]')
    expect(error).to_contain_text("“sixty” is not a number.")
    expect(page.get_by_role("button", name=re.compile("^Import"))).to_have_count(0)
    screenshot(page, "indicators-import-errors")

    page.get_by_role("link", name="Upload a corrected file").click()
    page.locator("input[type=file]").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("button", name="Import 8 values").click()
    expect(page.get_by_role("status")).to_contain_text("Imported: 7 values created, 1 updated, 0 unchanged.")
    expect(page.locator(".import-state")).to_have_text("Imported")
    screenshot(page, "indicators-import-done")
    assert Observation.objects.filter(country__iso3="SEN", indicator__code="internet-users").count() == 3

    public = new_page()
    public.goto("/en/countries/SEN/")
    expect(public.get_by_role("heading", level=1)).to_have_text("Senegal")
    chart = public.locator('svg.line-chart g[data-series="SEN"] circle')
    expect(chart).to_have_count(3)
    expect(public.locator("table").first).to_contain_text("58.1 %")
    public.get_by_role("link", name="Compare with other countries").click()
    public.get_by_label("Countries (2 to 5)").select_option(["SEN", "KEN"])
    public.get_by_role("button", name="Compare").click()
    expect(public.locator('svg.line-chart g[data-series="KEN"] circle')).to_have_count(2)
    screenshot(public, "indicators-compare")
