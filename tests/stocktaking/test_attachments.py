"""Entries' documents are downloaded through a permission check, never from a public folder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from stocktaking import services
from stocktaking.models import EntryAttachment
from tests.stocktaking.factories import complete_content

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% a tiny test document\n"


@pytest.fixture
def attachment(people: dict[str, Any], settings: Any, tmp_path: Any) -> EntryAttachment:
    settings.MEDIA_ROOT = tmp_path
    entry = services.entry_create(by=people["contributor"], organisation=people["ngo"], data=complete_content())
    upload = SimpleUploadedFile("Rapport d'activité.pdf", PDF, content_type="application/pdf")
    return services.attachment_add(entry=entry, by=people["contributor"], upload=upload)


def _url(attachment: EntryAttachment) -> str:
    return f"/en/stocktaking/attachments/{attachment.pk}/"


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("anonymous", False),
        ("registered", False),
        ("facilitator", False),
        ("secretariat_without_2fa", False),
        ("contributor", True),
        ("organisation_admin", True),  # the same organisation
        ("commission", False),  # a member of another organisation
        ("secretariat", True),
    ],
)
def test_a_drafts_documents_are_seen_only_by_who_may_see_the_draft(
    client_for: Callable[[str], Client], attachment: EntryAttachment, role: str, allowed: bool
) -> None:
    response = client_for(role).get(_url(attachment))
    if allowed:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
        assert response["Content-Type"] == "application/pdf"
        assert "attachment" in response["Content-Disposition"]
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
        assert response["X-Content-Type-Options"] == "nosniff"
    else:
        assert response.status_code in (302, 403)
        assert PDF not in response.content


def test_a_published_entrys_documents_are_public_and_linked_from_its_page(
    client: Client, attachment: EntryAttachment, people: dict[str, Any]
) -> None:
    entry = attachment.entry
    services.entry_submit(entry=entry, by=people["contributor"])
    services.entry_publish(entry=entry, by=people["secretariat"])
    page = client.get(f"/en/stocktaking/entries/{entry.pk}/").content.decode()
    assert f'href="{_url(attachment)}"' in page
    assert "/media/" not in page
    response = client.get(_url(attachment))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]


def test_the_media_folder_is_not_served(client: Client, attachment: EntryAttachment) -> None:
    assert client.get(f"/media/{attachment.file.name}").status_code == 404


def test_production_hands_the_file_to_nginx_after_the_check(
    client_for: Callable[[str], Client], attachment: EntryAttachment, settings: Any
) -> None:
    settings.PROTECTED_MEDIA_ACCEL_PREFIX = "/_protected/"
    response = client_for("contributor").get(_url(attachment))
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == "/_protected/" + quote(attachment.file.name)
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''Rapport%20d%27activit%C3%A9.pdf")
    assert client_for("anonymous").get(_url(attachment)).status_code in (302, 403)


def test_a_removed_file_is_a_404_not_a_500(
    client_for: Callable[[str], Client], attachment: EntryAttachment, tmp_path: Any
) -> None:
    (tmp_path / attachment.file.name).unlink()
    assert client_for("contributor").get(_url(attachment)).status_code == 404


def test_an_unknown_document_is_a_404(client: Client) -> None:
    assert client.get("/en/stocktaking/attachments/999999/").status_code == 404
