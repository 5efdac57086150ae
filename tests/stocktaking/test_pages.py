from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from stocktaking import search, services
from stocktaking.models import Entry
from tests.stocktaking.factories import complete_content

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Télécentres communautaires au Sénégal",
    "activity_type": "project",
    "original_language": "fr",
    "status": "ongoing",
    "start_date": "2023-03-01",
    "short_description": " ".join(["Des télécentres solaires relient les villages du Sénégal oriental."] * 18),
    "description": "Premier paragraphe.\n\nDeuxième paragraphe <img src=x onerror=alert(1)>.",
    "action_lines": ["C2", "C7.1"],
    "why_C2": "Accès communautaire",
    "sdg_targets": ["9.c", "17.8"],
    "sdg_rationale": "Connectivité",
    "wsis_targets": ["1"],
    "coverage": "national",
    "countries": ["SEN"],
    "website": "https://telecentres.example.sn",
    "links": "https://telecentres.example.sn/rapport-2024.pdf",
    "contact_email": "info@telecentres.example.sn",
    "tr_en_title": "Community telecentres in Senegal",
    "tr_en_short_description": "Solar telecentres connect villages in eastern Senegal.",
}


def _published(people: dict[str, Any], **changes: Any) -> Entry:
    entry = services.entry_create(
        by=people["contributor"], organisation=people["ngo"], data=complete_content(**changes)
    )
    services.entry_submit(entry=entry, by=people["contributor"])
    return services.entry_publish(entry=entry, by=people["secretariat"])


def test_contributor_saves_a_draft_resumes_it_and_submits(
    client_for: Callable[[str], Client], people: dict[str, Any]
) -> None:
    client = client_for("contributor")
    response = client.post("/en/stocktaking/new/", {**FORM, "action": "save"})
    assert response.status_code == 302
    entry = Entry.objects.get(title=FORM["title"])
    assert entry.state == "draft" and entry.organisation == people["ngo"] and entry.owner == people["contributor"]
    assert "onerror" not in entry.description and "<p>Premier paragraphe.</p>" in entry.description
    assert entry.translations.get(language="en").title == "Community telecentres in Senegal"
    # Resume: the form comes back with everything saved.
    html = client.get(f"/en/stocktaking/entries/{entry.pk}/edit/").content.decode()
    assert 'value="Télécentres communautaires au Sénégal"' in html
    assert 'value="9.c" selected' in html and 'value="SEN" selected' in html
    response = client.post(
        f"/en/stocktaking/entries/{entry.pk}/edit/", {**FORM, "version": entry.version, "action": "submit"}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.state == "submitted"


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("en", "9.c Significantly increase access to information and communications technology"),
        ("ru", "9.c Существенно расширить доступ к информационно-коммуникационным технологиям"),
        ("ar", "9.c تحقيق زيادة كبيرة في فرص الحصول على تكنولوجيا المعلومات والاتصالات"),
    ],
)
def test_entry_form_lists_sdg_targets_in_the_page_language(
    client_for: Callable[[str], Client], language: str, label: str
) -> None:
    html = client_for("contributor").get(f"/{language}/stocktaking/new/").content.decode()
    assert 'value="9.c"' in html and label in html


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"start_date": "2023-02-30"}, "start_date", "Enter a valid date"),
        ({"end_date": "2020-01-01"}, "end_date", "before the start date"),
        ({"action_lines": ["C99"]}, "action_lines", "Select a valid choice"),
        ({"sdg_targets": ["18.1"]}, "sdg_targets", "Select a valid choice"),
        ({"countries": ["XXX"]}, "countries", "Select a valid choice"),
        ({"website": "javascript:alert(1)"}, "website", "Enter a valid URL"),
        ({"links": "ftp://files.example.org/x"}, "links", "is not a web address"),
        ({"title": "Télé\x00centres"}, "title", "Null characters"),
        ({"contact_email": "info at example"}, "contact_email", "valid email"),
        ({"original_language": "de"}, "original_language", "Select a valid choice"),
        ({"tr_fr_title": "Doublon"}, "tr_fr_title", "entry's own language"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_keeps_everything_typed(
    client_for: Callable[[str], Client], changes: dict[str, Any], field: str, message: str
) -> None:
    response = client_for("contributor").post("/en/stocktaking/new/", {**FORM, **changes, "action": "save"})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    html = response.content.decode()
    if field != "title":
        assert 'value="Télécentres communautaires au Sénégal"' in html
    assert "Des télécentres solaires relient" in html
    assert not Entry.objects.exists()


def test_submitting_an_incomplete_draft_says_what_is_missing(client_for: Callable[[str], Client]) -> None:
    client = client_for("contributor")
    response = client.post(
        "/en/stocktaking/new/", {"title": "Idea", "original_language": "en", "action": "submit"}, follow=True
    )
    html = response.content.decode()
    entry = Entry.objects.get(title="Idea")
    assert entry.state == "draft"  # saved, not lost, and not submitted
    assert "Choose at least one action line." in html and "Describe the activity" in html


@pytest.mark.parametrize("role", ["anonymous", "registered", "facilitator"])
def test_outsiders_cannot_record_or_edit_for_an_organisation(
    client_for: Callable[[str], Client], people: dict[str, Any], role: str
) -> None:
    entry = services.entry_create(by=people["contributor"], organisation=people["ngo"], data=complete_content())
    response = client_for(role).post(f"/en/stocktaking/entries/{entry.pk}/edit/", {**FORM, "version": 1})
    assert response.status_code in (302, 403)
    entry.refresh_from_db()
    assert entry.title == complete_content()["title"]


def test_second_editor_sees_a_conflict_with_both_versions(
    client_for: Callable[[str], Client], people: dict[str, Any]
) -> None:
    entry = services.entry_create(by=people["contributor"], organisation=people["ngo"], data=complete_content())
    loaded_version = entry.version
    client_for("contributor").post(
        f"/en/stocktaking/entries/{entry.pk}/edit/",
        {**FORM, "partners": "Orange", "version": loaded_version, "action": "save"},
    )
    response = client_for("organisation_admin").post(
        f"/en/stocktaking/entries/{entry.pk}/edit/",
        {**FORM, "partners": "Sonatel", "version": loaded_version, "action": "save"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Someone else saved this entry meanwhile" in html
    assert "Orange" in html and "Sonatel" in html
    entry.refresh_from_db()
    assert entry.partners == "Orange"


def test_moderation_queue_is_for_the_secretariat_and_constant_in_queries(
    client_for: Callable[[str], Client], people: dict[str, Any], django_assert_num_queries: Any
) -> None:
    for index in range(8):
        entry = services.entry_create(
            by=people["contributor"],
            organisation=people["ngo"],
            data=complete_content(title=f"Rural connectivity phase {index}"),
        )
        services.entry_submit(entry=entry, by=people["contributor"])
    for role, status in [("anonymous", 302), ("contributor", 403), ("organisation_admin", 403), ("facilitator", 403)]:
        assert client_for(role).get("/en/stocktaking/moderation/").status_code == status
    client = client_for("secretariat")
    client.get("/en/stocktaking/moderation/")
    # session, user, OTP device, the user's memberships (for the menu), count,
    # one page of entries with organisation, type and owner
    with django_assert_num_queries(6):
        response = client.get("/en/stocktaking/moderation/")
    assert response.content.decode().count("Rural connectivity phase") == 8


def test_reviewer_sees_the_diff_of_a_revision_and_publishes_it(
    client_for: Callable[[str], Client], people: dict[str, Any]
) -> None:
    entry = _published(people)
    services.entry_save(
        entry=entry,
        by=people["contributor"],
        data=complete_content(impact="3,000 pupils now online"),
        version=entry.version,
    )
    services.entry_submit(entry=entry, by=people["contributor"])
    client = client_for("secretariat")
    html = client.get(f"/en/stocktaking/moderation/{entry.pk}/").content.decode()
    assert "What changes against the published version" in html and "<ins>3,000 pupils now online</ins>" in html
    response = client.post(f"/en/stocktaking/moderation/{entry.pk}/", {"decision": "return", "reason": ""})
    assert response.status_code == 400 and "This field is required" in response.content.decode()
    client.post(f"/en/stocktaking/moderation/{entry.pk}/", {"decision": "publish"})
    entry.refresh_from_db()
    assert entry.impact == "3,000 pupils now online"


def test_published_entry_page_is_public_with_json_ld_and_translation(client: Client, people: dict[str, Any]) -> None:
    entry = _published(
        people,
        translations=[
            {
                "language": "fr",
                "title": "Haut débit pour les écoles rurales",
                "short_description": "Écoles connectées.",
                "description": "",
                "provided_by_owner": True,
            }
        ],
    )
    html = client.get(f"/en/stocktaking/entries/{entry.pk}/").content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Project" and data["name"] == entry.title and data["areaServed"] == ["Senegal"]
    assert "<strong>120 schools</strong>" in html and "alert(1)" not in html
    french = client.get(f"/fr/stocktaking/entries/{entry.pk}/").content.decode()
    assert "Haut débit pour les écoles rurales" in french and 'lang="fr"' in french
    # SDG target 4.a is named in the page's language, in English on the English page.
    assert 'title="Build and upgrade education facilities' in html
    assert 'title="Construire des établissements scolaires' in french
    chinese = client.get(f"/zh-hans/stocktaking/entries/{entry.pk}/").content.decode()
    assert 'title="建立和改善兼顾儿童、残疾和性别平等的教育设施' in chinese
    assert "Published versions" in html


def test_drafts_are_private(client_for: Callable[[str], Client], people: dict[str, Any]) -> None:
    entry = services.entry_create(by=people["contributor"], organisation=people["ngo"], data=complete_content())
    assert client_for("anonymous").get(f"/en/stocktaking/entries/{entry.pk}/").status_code == 403
    assert client_for("facilitator").get(f"/en/stocktaking/entries/{entry.pk}/").status_code == 403
    assert client_for("organisation_admin").get(f"/en/stocktaking/entries/{entry.pk}/").status_code == 200
    assert client_for("secretariat").get(f"/en/stocktaking/entries/{entry.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("name", "content", "kind", "message"),
    [
        ("report.pdf", b"%PDF-1.7 minimal", "application/pdf", None),
        ("report.exe", b"MZ\x90\x00", "application/octet-stream", "PDF, Word, Excel"),
        ("report.pdf", b"<html>not a pdf</html>", "application/pdf", "does not match its type"),
        ("photo.png", b"\x89PNG" + b"0" * (10 * 1024 * 1024), "image/png", "larger than 10 MB"),
    ],
)
def test_attachments_are_checked_for_type_content_and_size(
    client_for: Callable[[str], Client],
    people: dict[str, Any],
    settings: Any,
    tmp_path: Any,
    name: str,
    content: bytes,
    kind: str,
    message: str | None,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    entry = services.entry_create(by=people["contributor"], organisation=people["ngo"], data=complete_content())
    upload = SimpleUploadedFile(name, content, content_type=kind)
    response = client_for("contributor").post(
        f"/en/stocktaking/entries/{entry.pk}/attachments/", {"file": upload}, follow=True
    )
    html = response.content.decode()
    if message is None:
        attachment = entry.attachments.get()
        assert attachment.content_type == "application/pdf" and (tmp_path / attachment.file.name).exists()
    else:
        assert message in html and not entry.attachments.exists()


def test_entry_page_lists_related_entries_and_versions_in_constant_queries(
    client: Client, people: dict[str, Any], django_assert_num_queries: Any
) -> None:
    people["ngo"].name_fr = "Association pour le progrès des communications"
    people["ngo"].save()
    entry = _published(people, title="Rural broadband in Senegal")
    for index in range(3):
        _published(people, title=f"School connectivity phase {index}")
    search.reindex_entries()  # the facet columns the related entries are chosen by
    client.get(f"/fr/stocktaking/entries/{entry.pk}/")
    # the entry with its organisation, 7 prefetches (links, targets, countries, regions, translations,
    # attachments), related entries, published versions
    with django_assert_num_queries(10):
        html = client.get(f"/fr/stocktaking/entries/{entry.pk}/").content.decode()
    related = html[html.index('id="related-heading"') :]
    for index in range(3):
        assert f"School connectivity phase {index}</a> — Association pour le progrès des communications" in related
    versions = html[html.index('id="versions-heading"') :]
    assert "Rural broadband in Senegal</li>" in versions
