from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import QueryDict
from django.test import Client

from stakeholders.models import Organisation
from stocktaking import feeds, filters, search, services
from stocktaking.models import Entry
from stocktaking.widget_views import embeddable_policy
from tests.stocktaking.factories import complete_content

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.stocktaking.urls_widget")]

ATOM = "{http://www.w3.org/2005/Atom}"
FRAME = "/en/widget/v1/stocktaking/"
FEED = "/en/stocktaking/feed/"
BUILDER = "/en/stocktaking/widget/"


@pytest.fixture
def publish(people: dict[str, Any]) -> Callable[..., Entry]:
    """Create, submit and publish an entry through the services (each one newer than the last)."""

    def make(by: str = "contributor", organisation: Organisation | None = None, **changes: Any) -> Entry:
        entry = services.entry_create(
            by=people[by], organisation=organisation or people["ngo"], data=complete_content(**changes)
        )
        services.entry_submit(entry=entry, by=people[by])
        return services.entry_publish(entry=entry, by=people["secretariat"])

    return make


def _ready(entries: list[Entry]) -> None:
    """What on_commit does after each save (tests run in one transaction), then cold code tables."""
    search.reindex_entries([e.pk for e in entries])
    filters.forget_reference()


@pytest.fixture
def published(people: dict[str, Any], publish: Callable[..., Entry]) -> dict[str, Entry]:
    entries = {
        "senegal_old": publish(title="Community broadband for rural schools in Senegal"),
        "mali": publish(title="Télémédecine au Mali", original_language="fr", countries=["MLI"]),
        "chile": publish(
            title="E-government portal for Chile", countries=["CHL"], action_lines=[{"code": "C7.1", "rationale": ""}]
        ),
        "senegal_new": publish(
            title="Digital skills for women in Dakar",
            countries=["SEN"],
            action_lines=[{"code": "C4", "rationale": ""}],
            short_description=" ".join(["Training women in digital skills & <b>coding</b> in Dakar."] * 12),
        ),
        "itu": publish(
            by="facilitator",
            organisation=Organisation.objects.get(code="ITU"),
            title="Smart villages programme",
            countries=["SEN", "MLI"],
        ),
    }
    draft = services.entry_create(
        by=people["contributor"], organisation=people["ngo"], data=complete_content(title="Unpublished Senegal plan")
    )
    _ready([*entries.values(), draft])
    return entries


def _atom(response: Any) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own response, parsed to check it


def _titles(root: ET.Element) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]


def _frame_titles(response: Any) -> list[str]:
    return [row["entry"].title for row in response.context["rows"]]


# ---------------------------------------------------------------------------------------------
# The Atom feed


def test_feed_lists_exactly_the_filtered_published_entries_newest_first(
    client: Client, published: dict[str, Entry]
) -> None:
    # sort=title is ignored for the feed's order (always newest first), kept in its links
    root = _atom(client.get(FEED, {"country": "SEN", "sort": "title"}))
    assert _titles(root) == [
        "Smart villages programme",
        "Digital skills for women in Dakar",
        "Community broadband for rural schools in Senegal",
    ]
    assert root.findtext(f"{ATOM}title") == "WSIS stocktaking: Country or area: Senegal"
    alternate = root.find(f"{ATOM}link[@rel='alternate']")
    assert alternate is not None and alternate.get("href") == "http://testserver/en/stocktaking/?country=SEN&sort=title"
    own = root.find(f"{ATOM}link[@rel='self']")
    assert own is not None and own.get("href") == "http://testserver/en/stocktaking/feed/?country=SEN&sort=title"

    newest = root.findall(f"{ATOM}entry")[1]
    entry = published["senegal_new"]
    permalink = f"http://testserver/en/stocktaking/entries/{entry.pk}/"
    assert newest.find(f"{ATOM}link").get("href") == permalink
    assert newest.findtext(f"{ATOM}id") == permalink
    assert [c.get("term") for c in newest.findall(f"{ATOM}category")] == ["C4"]
    assert newest.findtext(f"{ATOM}author/{ATOM}name") == "Community Networks Alliance"
    assert newest.findtext(f"{ATOM}published") and newest.findtext(f"{ATOM}updated")
    itu = root.findall(f"{ATOM}entry")[0]
    assert itu.findtext(f"{ATOM}author/{ATOM}name") == "International Telecommunication Union"
    assert [c.get("term") for c in root.findall(f"{ATOM}entry")[2].findall(f"{ATOM}category")] == ["C2", "C7.3"]


def test_feed_without_filters_lists_every_published_entry_and_no_draft(
    client: Client, published: dict[str, Entry]
) -> None:
    root = _atom(client.get(FEED))
    assert root.findtext(f"{ATOM}title") == "WSIS stocktaking"
    assert _titles(root) == [e.title for e in reversed(list(published.values()))]
    assert "Unpublished Senegal plan" not in _titles(root)


def test_feed_title_summarises_words_and_several_groups(client: Client, published: dict[str, Entry]) -> None:
    root = _atom(
        client.get(FEED, {"q": "broadband", "action_line": ["C2", "C7.4"], "stakeholder_type": "civil_society"})
    )
    assert root.findtext(f"{ATOM}title") == (
        "WSIS stocktaking: “broadband”; Action line: C2 Information and communication infrastructure, "
        "C7.4 E-health; Type of entity: Civil society"
    )
    # civil society's entries under C2 or C7.4 with "broadband" (Mali's says it in its description)
    assert _titles(root) == ["Télémédecine au Mali", "Community broadband for rural schools in Senegal"]


def test_feed_text_is_escaped_by_the_framework(client: Client, published: dict[str, Entry], publish: Any) -> None:
    entry = publish(title='<script>alert("x")</script> & <b>Partners</b>', countries=["CHL"])
    _ready([entry])
    response = client.get(FEED, {"country": "CHL"})
    assert b"<script>" not in response.content and b"<b>" not in response.content
    root = _atom(response)
    first = root.findall(f"{ATOM}entry")[0]
    assert first.findtext(f"{ATOM}title") == '<script>alert("x")</script> & <b>Partners</b>'  # plain text
    summary = root.findall(f"{ATOM}entry")[0].find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    # an HTML summary holding the escaped text: a reader shows "<b>" as typed, never as markup
    assert summary.text == html.escape(entry.short_description)


def test_feed_in_arabic_says_its_language(client: Client, published: dict[str, Entry]) -> None:
    root = _atom(client.get("/ar/stocktaking/feed/", {"country": "SEN"}))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    assert "السنغال" in root.findtext(f"{ATOM}title")
    assert root.find(f"{ATOM}entry/{ATOM}link").get("href").startswith("http://testserver/ar/stocktaking/entries/")


@pytest.mark.parametrize(
    "params",
    [
        {"country": ["XXX", "sen"], "year": "abc", "sort": "nonsense", "page": "zz"},
        {"q": "\x00\x01\x1f broadband"},  # control characters cannot go into XML
        {"q": "a" * 5000, "action_line": "<script>"},
        {"q": '"unclosed -', "sdg": ["0", "18", "4"], "region": "999"},
        {"stakeholder_type": "x" * 300, "status": "closed"},
    ],
)
def test_bad_feed_parameters_are_dropped_never_a_500(
    client: Client, published: dict[str, Entry], params: dict[str, Any]
) -> None:
    root = _atom(client.get(FEED, params))
    assert "\x01" not in (root.findtext(f"{ATOM}title") or "")


def test_feed_survives_an_entry_with_a_control_character(client: Client, published: dict[str, Entry]) -> None:
    # As an old import could have left it: not through the services, which are not what is tested here.
    Entry.objects.filter(pk=published["chile"].pk).update(title="Portal\x0b for Chile", short_description="a\x1fb")
    root = _atom(client.get(FEED, {"country": "CHL"}))
    assert _titles(root) == ["Portal for Chile"]


def test_feed_is_50_entries_and_constant_in_queries(
    client: Client, published: dict[str, Entry], publish: Any, django_assert_num_queries: Any
) -> None:
    client.get(FEED)  # warms the in-process code tables
    # 1: the newest entries of the search joined with their organisation (categories and
    # countries come from the facet columns, labels from the in-process code tables)
    with django_assert_num_queries(1):
        assert len(_atom(client.get(FEED, {"country": "SEN"})).findall(f"{ATOM}entry")) == 3
    more = [publish(title=f"Senegal school {n}") for n in range(feeds.FEED_SIZE - 1)]
    _ready(more)
    client.get(FEED)
    with django_assert_num_queries(1):
        root = _atom(client.get(FEED, {"country": "SEN"}))
    titles = _titles(root)
    assert len(titles) == 50
    assert titles[:2] == ["Senegal school 48", "Senegal school 47"]
    assert titles[-1] == "Smart villages programme"  # the 51st and 52nd newest are left out


def test_feed_answers_get_only_to_search_rights_of_everyone(
    client_for: Callable[[str], Client], published: dict[str, Entry]
) -> None:
    for role in ("anonymous", "contributor", "secretariat"):
        assert _titles(_atom(client_for(role).get(FEED, {"country": "CHL"}))) == ["E-government portal for Chile"]


# ---------------------------------------------------------------------------------------------
# The widget frame


def test_frame_lists_exactly_the_filtered_entries_and_links_to_the_portal(
    client: Client, published: dict[str, Entry]
) -> None:
    response = client.get(FRAME, {"country": "SEN"})
    assert response.status_code == 200
    assert _frame_titles(response) == [
        "Smart villages programme",
        "Digital skills for women in Dakar",
        "Community broadband for rural schools in Senegal",
    ]
    page = response.content.decode()
    entry = published["senegal_new"]
    assert f'<a href="http://testserver/en/stocktaking/entries/{entry.pk}/" target="_blank" rel="noopener"' in page
    assert "Unpublished Senegal plan" not in page
    assert "<script" not in page  # a standalone page that needs no script
    assert "css/widget.css" in page and "css/portal.css" not in page
    assert '<input type="hidden" name="country" value="SEN">' in page


def test_frame_may_be_framed_by_any_site(client: Client, published: dict[str, Entry]) -> None:
    response = client.get(FRAME, {"country": "SEN"})
    assert "X-Frame-Options" not in response.headers
    policy = [d.strip() for d in response.headers["Content-Security-Policy"].split(";")]
    assert "frame-ancestors *" in policy and "frame-ancestors 'none'" not in policy
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "object-src 'none'" in policy


def test_the_rest_of_the_site_still_refuses_to_be_framed(client: Client, published: dict[str, Entry]) -> None:
    for url in ("/en/stocktaking/", BUILDER, f"/en/stocktaking/entries/{published['mali'].pk}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["X-Frame-Options"] == "DENY", url
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"], url


def test_embeddable_policy_replaces_only_frame_ancestors() -> None:
    assert embeddable_policy("default-src 'self'; frame-ancestors 'none'; object-src 'none'") == (
        "default-src 'self'; object-src 'none'; frame-ancestors *"
    )
    assert embeddable_policy("default-src 'self'") == "default-src 'self'; frame-ancestors *"


def test_searching_inside_the_frame_keeps_the_embedded_filters(client: Client, published: dict[str, Entry]) -> None:
    # What the frame's form sends: the visitor's words and the hidden embedded filter.
    response = client.get(FRAME, {"q": "Dakar", "country": "SEN"})
    assert _frame_titles(response) == ["Digital skills for women in Dakar"]
    page = response.content.decode()
    assert '<input type="hidden" name="country" value="SEN">' in page
    assert 'name="q" value="Dakar"' in page
    # The words of the visitor never widen the embedded filter: Chile's entry matches "portal" but stays out.
    assert _frame_titles(client.get(FRAME, {"q": "portal", "country": "SEN"})) == []
    assert _frame_titles(client.get(FRAME, {"q": "portal"})) == ["E-government portal for Chile"]


def test_frame_keeps_an_explicit_sort_but_not_the_default_one(client: Client, published: dict[str, Entry]) -> None:
    page = client.get(FRAME, {"country": "SEN", "sort": "title"}).content.decode()
    assert '<input type="hidden" name="sort" value="title">' in page
    page = client.get(FRAME, {"country": "SEN"}).content.decode()
    assert 'name="sort"' not in page


def test_frame_pages_by_20_keeping_the_state_in_constant_queries(
    client: Client, published: dict[str, Entry], publish: Any, django_assert_num_queries: Any
) -> None:
    _ready([publish(title=f"Senegal school {n}", countries=["SEN"]) for n in range(22)])
    client.get(FRAME)  # warms the in-process code tables
    # 2: the count of the search, one page of entries joined with their organisation
    with django_assert_num_queries(2):
        response = client.get(FRAME, {"q": "school", "country": "SEN"})
    # the 22 + the three earlier Senegal entries whose text speaks of schools
    assert response.context["page"].paginator.count == 25
    assert len(_frame_titles(response)) == 20
    page = response.content.decode()
    assert 'href="?q=school&amp;country=SEN&amp;page=2"' in page
    with django_assert_num_queries(2):
        second = client.get(FRAME, {"q": "school", "country": "SEN", "page": "2"})
    assert len(_frame_titles(second)) == 5
    assert 'href="?q=school&amp;country=SEN&amp;page=1"' in second.content.decode()
    assert set(_frame_titles(response)).isdisjoint(_frame_titles(second))


def test_frame_in_arabic_is_right_to_left(client: Client, published: dict[str, Entry]) -> None:
    response = client.get("/ar/widget/v1/stocktaking/", {"country": "SEN"})
    page = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "http://testserver/ar/stocktaking/entries/" in page
    assert "X-Frame-Options" not in response.headers


def test_un_agencies_preset_lists_the_international_organisations_entries(
    client: Client, published: dict[str, Entry]
) -> None:
    # "international_organisation" is longer than the 20 characters filters.parse reads
    response = client.get(FRAME, {"stakeholder_type": "international_organisation"})
    assert _frame_titles(response) == ["Smart villages programme"]
    root = _atom(
        client.get(FEED, {"stakeholder_type": ["international_organisation", "nonsense_of_thirty_characters"]})
    )
    assert _titles(root) == ["Smart villages programme"]
    assert root.findtext(f"{ATOM}title") == "WSIS stocktaking: Type of entity: International organization"


@pytest.mark.parametrize(
    "params",
    [
        {"page": "zz"},
        {"page": "9999"},
        {"page": "-1", "country": "XXX", "year": "19999"},
        {"q": "\x00<script>alert(1)</script>"},
        {"q": "a" * 5000, "sort": "<b>"},
        {"action_line": ["C99", "c7.4"], "region": "abc"},
    ],
)
def test_bad_frame_parameters_never_fail(client: Client, published: dict[str, Entry], params: dict[str, Any]) -> None:
    response = client.get(FRAME, params)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]


def test_frame_and_builder_refuse_other_methods(client: Client, published: dict[str, Entry]) -> None:
    assert client.post(FRAME, {"country": "SEN"}).status_code == 405
    assert client.post(BUILDER).status_code == 405


# ---------------------------------------------------------------------------------------------
# The builder page


def _snippet(response: Any) -> str:
    match = re.search(r"<textarea[^>]*readonly[^>]*>(.*?)</textarea>", response.content.decode(), re.S)
    assert match, "no read-only textarea"
    return html.unescape(match.group(1))


def test_builder_snippet_round_trips_the_chosen_filters(client: Client, published: dict[str, Entry]) -> None:
    chosen = {
        "action_line": ["C7.4", "C2"],
        "country": ["SEN", "MLI"],
        "region": ["002"],
        "stakeholder_type": ["civil_society"],
    }
    response = client.get(BUILDER, {**chosen, "height": "450", "q": "words stay out"})
    assert response.status_code == 200
    snippet = _snippet(response)
    match = re.fullmatch(
        r'<iframe src="([^"]+)" title="([^"]+)" width="100%" height="450" loading="lazy"></iframe>', snippet
    )
    assert match, snippet
    src = html.unescape(match.group(1))
    parts = urlsplit(src)
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "testserver", FRAME)
    assert parse_qs(parts.query) == chosen
    assert filters.parse(QueryDict(parts.query)).filters == chosen
    assert html.unescape(match.group(2)).startswith("WSIS stocktaking: Action line: C7.4 E-health, C2 ")
    # the same frame, previewed on the page
    assert f'<iframe src="{html.escape(parts.path + "?" + parts.query)}"' in response.content.decode()
    # and the address works: Senegal's and Mali's civil-society entries under C2 or C7.4, in Africa
    framed = client.get(f"{parts.path}?{parts.query}")
    assert _frame_titles(framed) == ["Télémédecine au Mali", "Community broadband for rural schools in Senegal"]


def test_builder_keeps_other_filters_of_a_search_and_shows_the_choices_ticked(
    client: Client, published: dict[str, Entry]
) -> None:
    response = client.get(BUILDER, {"country": "SEN", "sdg": "4", "status": "ongoing"})
    page = response.content.decode()
    assert '<option value="SEN" selected>Senegal (SEN)</option>' in page
    assert '<input type="hidden" name="sdg" value="4">' in page
    assert "Also kept from your search: Sustainable Development Goal: SDG 4; Status: Ongoing" in page
    src = urlsplit(re.search(r'src="([^"]+)"', html.unescape(_snippet(response))).group(1))
    assert parse_qs(src.query) == {"sdg": ["4"], "country": ["SEN"], "status": ["ongoing"]}


def test_builder_without_filters_gives_the_whole_database(client: Client, published: dict[str, Entry]) -> None:
    snippet = _snippet(client.get(BUILDER))
    assert snippet == (
        '<iframe src="http://testserver/en/widget/v1/stocktaking/" title="WSIS stocktaking" '
        'width="100%" height="600" loading="lazy"></iframe>'
    )


@pytest.mark.parametrize("height", ["abc", "10", "99999", "-5", "6.5", "١٠٠٠"])
def test_builder_refuses_a_bad_height_clearly(client: Client, published: dict[str, Entry], height: str) -> None:
    response = client.get(BUILDER, {"height": height, "country": "SEN"})
    assert response.status_code == 200
    assert "The height must be a whole number of pixels from 200 to 3000; 600 is used." in response.content.decode()
    assert 'height="600"' in _snippet(response)


def test_builder_names_unknown_codes_and_leaves_them_out(client: Client, published: dict[str, Entry]) -> None:
    response = client.get(BUILDER, {"country": ["SEN", "XXX"], "action_line": "<script>"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "country=XXX" in page and "action_line=&lt;script&gt;" in page and "<script>" not in page
    assert "?country=SEN" in _snippet(response) and "XXX" not in _snippet(response)


def test_builder_offers_presets_and_documents_the_parameters(client: Client, published: dict[str, Entry]) -> None:
    page = client.get(BUILDER).content.decode()
    assert 'href="/en/stocktaking/widget/?country=SEN"' in page
    assert 'href="/en/stocktaking/widget/?stakeholder_type=international_organisation"' in page
    assert "/widget/v1/stocktaking/" in page
    for name in [*filters.PARAMETERS, "page"]:
        assert f"<code>{name}</code>" in page, name
    assert "government, international_organisation, civil_society" in page
    preset = _snippet(client.get(BUILDER, {"stakeholder_type": "international_organisation"}))
    assert "/en/widget/v1/stocktaking/?stakeholder_type=international_organisation" in preset


def test_builder_is_constant_in_queries(
    client: Client, published: dict[str, Entry], django_assert_num_queries: Any
) -> None:
    client.get(BUILDER)  # warms the in-process code tables
    # 0: the choices and labels are the filters' in-process code tables; an anonymous visitor
    # has no session to read
    with django_assert_num_queries(0):
        response = client.get(BUILDER, {"country": ["SEN", "MLI"], "action_line": "C7.4", "height": "500"})
    assert response.status_code == 200


def test_builder_in_arabic_and_chinese(client: Client, published: dict[str, Entry]) -> None:
    response = client.get("/ar/stocktaking/widget/", {"country": "SEN"})
    assert 'dir="rtl"' in response.content.decode()
    assert "http://testserver/ar/widget/v1/stocktaking/?country=SEN" in _snippet(response)
    assert client.get("/zh-hans/stocktaking/widget/").status_code == 200
