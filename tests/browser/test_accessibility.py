"""axe-core on the main pages of every role, in each of the six languages, against the demo data.

One test per language: it loads the demo (the same `seed_demo` as `make run`, without the generated
entries), signs in once per role in its own browser context, visits that role's pages and runs axe on
each. Any violation of serious or critical impact fails the test, which lists every one with its rule,
element and page. Each page is also checked for `lang`/`dir` on <html> and for one <main>.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, BrowserContext, Page, expect

from consultations.models import Consultation
from reports.models import ActivityReport, ReportingCycle
from stocktaking import demo as entries_demo
from stocktaking.models import Entry
from tests.browser import axe
from tests.browser.conftest import TIMEOUT_MS
from wsis_portal.demo import DEMO_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("live_reference_data"),
]

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
RTL = set(settings.LANGUAGES_BIDI)

CONTRIBUTOR = "contributor@digital-senegal.example.org"
FOCAL_POINT = "focal.point@unesco.example.org"  # UNESCO's report of the open cycle is a draft
SECRETARIAT = "secretariat@unctad.example.org"
ADMINISTRATOR = "admin@wsis.example.org"


@dataclass(frozen=True)
class Demo:
    entry: int  # published, shown to everyone
    own_entry: int  # the contributor's draft
    to_moderate: int  # submitted, waiting for the secretariat
    draft_report: int  # the focal point's report of the open cycle
    to_review: int  # a submitted report
    open_year: int
    published_year: int
    consultation: str
    country: str = "SEN"
    action_line: str = "C7"


@pytest.fixture
def demo(django_db_blocker: Any) -> Demo:
    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=io.StringIO())
        open_cycle = ReportingCycle.objects.get(state=ReportingCycle.State.OPEN)
        published = ReportingCycle.objects.filter(state=ReportingCycle.State.CLOSED).order_by("-year").first()
        assert published is not None
        return Demo(
            entry=Entry.objects.filter(state=Entry.State.PUBLISHED).order_by("pk").values_list("pk", flat=True)[0],
            own_entry=Entry.objects.get(owner__email=CONTRIBUTOR, state=Entry.State.DRAFT).pk,
            to_moderate=Entry.objects.filter(state=Entry.State.SUBMITTED).values_list("pk", flat=True)[0],
            draft_report=ActivityReport.objects.get(cycle=open_cycle, organisation__code="UNESCO").pk,
            to_review=ActivityReport.objects.filter(cycle=open_cycle, state=ActivityReport.State.SUBMITTED)
            .order_by("pk")
            .values_list("pk", flat=True)[0],
            open_year=open_cycle.year,
            published_year=published.year,
            consultation=Consultation.objects.order_by("pk").values_list("slug", flat=True)[0],
        )


def public_pages(d: Demo) -> list[str]:
    return [
        "/",
        f"/stocktaking/?q=health&action_line={d.action_line}&sort=newest",
        f"/stocktaking/entries/{d.entry}/",
        f"/stocktaking/charts/?action_line={d.action_line}",
        "/action-lines/",
        f"/action-lines/{d.action_line}/",
        "/indicators/",
        "/indicators/compare/",
        f"/countries/{d.country}/",
        "/wsis-targets/",
        "/consultations/",
        f"/consultations/{d.consultation}/",
        "/events/",
        "/reports/published/",
        f"/reports/published/{d.published_year}/",
        "/organisations/",
        "/stocktaking/widget/",
        "/widget/v1/stocktaking/",
        "/account/sign-in/",
        "/account/sign-up/",
    ]


def role_pages(d: Demo) -> dict[str, list[str]]:
    return {
        CONTRIBUTOR: ["/stocktaking/mine/", "/stocktaking/new/", f"/stocktaking/entries/{d.own_entry}/edit/"],
        FOCAL_POINT: ["/reports/mine/", f"/reports/{d.draft_report}/edit/", f"/reports/{d.draft_report}/"],
        SECRETARIAT: [
            "/reports/cycles/",
            f"/reports/cycles/{d.open_year}/",
            f"/reports/{d.to_review}/review/",
            "/stocktaking/moderation/",
            f"/stocktaking/moderation/{d.to_moderate}/",
            "/stocktaking/import/",
            "/indicators/import/",
            "/organisations/requests/",
        ],
        ADMINISTRATOR: [
            "/admin/",
            "/admin/stocktaking/entry/",
            f"/admin/stocktaking/entry/{d.entry}/change/",
            "/admin/accounts/user/",
        ],
    }


@pytest.fixture
def contexts(browser: Browser, live_server: Any) -> Iterator[Callable[[], BrowserContext]]:
    opened: list[BrowserContext] = []

    def make() -> BrowserContext:
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        opened.append(context)
        return context

    yield make
    for context in opened:
        context.close()


def sign_in(page: Page, email: str) -> None:
    page.goto("/en/account/sign-in/")
    form = page.get_by_role("main").locator("form")
    form.locator("input[name=username]").fill(email)
    form.locator("input[name=password]").fill(DEMO_PASSWORD)
    form.locator("button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/account/sign-in/"))
    if "/account/two-factor/" in page.url:  # the secretariat and administrators
        device = TOTPDevice.objects.get(user__email=email, name="demo")
        code = str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(device.digits)
        page.get_by_role("main").locator("input[name=token]").fill(code)
        page.get_by_role("main").locator("button[type=submit]").click()
        expect(page).not_to_have_url(re.compile(r"/account/two-factor/"))


def visit(page: Page, path: str, language: str, found: list[axe.Violation]) -> None:
    response = page.goto(path)
    assert response is not None
    assert response.status == 200, f"{path} answered {response.status}"
    html = page.locator("html")
    # Django's admin writes the language as "zh-hans" too.
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", "rtl" if language in RTL else "ltr")
    found.extend(axe.check(page, label=path))


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_main_pages_of_every_role_have_no_serious_accessibility_violation(
    language: str, demo: Demo, contexts: Callable[[], BrowserContext]
) -> None:
    found: list[axe.Violation] = []

    public = contexts().new_page()
    for path in public_pages(demo):
        visit(public, f"/{language}{path}", language, found)
        if "/widget/v1/" not in path:  # the widget is a fragment for other sites' pages, in an iframe
            expect(public.locator("main")).to_have_count(1)
            expect(public.locator("h1")).to_have_count(1)

    for email, paths in role_pages(demo).items():
        page = contexts().new_page()
        sign_in(page, email)
        for path in paths:
            visit(page, f"/{language}{path}", language, found)
        if email == CONTRIBUTOR:
            # The submission form sent with a wrong address comes back with its errors: the summary is
            # an alert and takes the focus, the field says it is invalid and points at its message.
            page.goto(f"/{language}/stocktaking/new/")
            page.locator("#id_title").fill("Community radio for rural schools")
            page.locator("#id_contact_email").fill("not-an-address")
            page.locator("form.entry-form button[value=save]").click()
            summary = page.locator(".error-summary")
            expect(summary).to_have_attribute("role", "alert")
            expect(summary).to_be_focused()
            email_field = page.locator("#id_contact_email")
            expect(email_field).to_have_attribute("aria-invalid", "true")
            expect(email_field).to_have_attribute("aria-describedby", re.compile(r"\bid_contact_email_error\b"))
            expect(page.locator("#id_contact_email_error")).to_be_visible()
            expect(page.locator("#id_title")).to_have_value("Community radio for rural schools")
            found.extend(axe.check(page, label=f"/{language}/stocktaking/new/ (sent with an error)"))
            # Submitted incomplete: the draft is kept and the page that follows lists what is missing, in a
            # block that takes the focus (a live region's text present at load is not read out).
            page.goto(f"/{language}/stocktaking/new/")
            page.locator("form.entry-form button[value=submit]").click()
            expect(page).to_have_url(re.compile(r"/stocktaking/entries/\d+/edit/$"))
            expect(page.locator(".messages")).to_be_focused()
            expect(page.locator(".messages .message-error").first).to_be_visible()
            found.extend(axe.check(page, label=f"/{language}/stocktaking/entries/<new>/edit/ (submitted incomplete)"))

    assert not found, axe.report(found)


FONT_LOADED = """async family => {
  await document.fonts.ready;
  return [...document.fonts].some(face => face.family.replace(/"/g, "") === family && face.status === "loaded");
}"""


def test_arabic_and_chinese_search_pages_are_laid_out_for_their_script(
    contexts: Callable[[], BrowserContext], screenshot: Callable[[Page, str], Any]
) -> None:
    """The vendored fonts draw Arabic and Chinese (the machine has no font for either); the Arabic page
    is mirrored; results in another language than the page say which."""
    entries_demo.load(30)
    page = contexts().new_page()

    page.goto("/ar/stocktaking/?action_line=C7")
    assert page.evaluate(FONT_LOADED, "Noto Naskh Arabic")
    facets = page.locator("aside.facets").bounding_box()
    results = page.locator("#results").bounding_box()
    assert facets and results and facets["x"] > results["x"], "the filters should be on the right in Arabic"
    search_box = page.locator("#q").bounding_box()
    search_button = page.locator("#search-form .search-bar button[type=submit]").bounding_box()
    assert search_box and search_button and search_button["x"] < search_box["x"]
    titles = page.locator("#results .result h3")
    expect(titles.first).to_have_attribute("lang", re.compile(r"^(ar|zh|en|fr|ru|es)$"))
    expect(titles.first).to_have_attribute("dir", "auto")
    screenshot(page, "search-arabic")

    page.goto("/zh-hans/stocktaking/?action_line=C7")
    assert page.evaluate(FONT_LOADED, "Noto Sans SC")
    assert "Noto Sans SC" in page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    facets = page.locator("aside.facets").bounding_box()
    results = page.locator("#results").bounding_box()
    assert facets and results and facets["x"] < results["x"]
    screenshot(page, "search-chinese")
