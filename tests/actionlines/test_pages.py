from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_index_lists_every_line_and_sub_line_with_lead_facilitators(
    client: Client, django_assert_num_queries: Any
) -> None:
    # lines, sub-lines, facilitations with organisations (twice: for lines and for sub-lines)
    with django_assert_num_queries(4):
        response = client.get("/en/action-lines/")
    html = response.content.decode()
    for code in ["C1", "C2", "C6", "C7", "C7.1", "C7.4", "C7.8", "C11"]:
        assert f'<span class="code">{code}</span>' in html
    assert "E-health" in html and "WHO (lead)" in html


def test_c6_page_shows_the_handover_from_undp_to_itu(client: Client, django_assert_num_queries: Any) -> None:
    # line with parent, sub-lines, facilitations with organisations, SDG links with targets and goals,
    # roadmap objectives, their targets, their progress with organisations
    with django_assert_num_queries(7):
        response = client.get("/en/action-lines/C6/")
    facilitations = response.context["facilitations"]
    leads = [(f.organisation.code, f.valid_from.isoformat(), f.valid_to) for f in facilitations if f.role == "lead"]
    assert ("ITU", "2008-05-23", None) in leads
    assert any(code == "UNDP" and to is not None and to.year == 2008 for code, _, to in leads)
    html = response.content.decode()
    assert "WSIS Prizes category 6" in html
    assert "Goal" in html and 'class="code">' in html


def test_c2_serves_the_sdg_targets_of_the_matrix(client: Client) -> None:
    response = client.get("/en/action-lines/C2/")
    codes = {link.target.code for group in response.context["goals"] for link in group["links"]}
    assert {"1.4", "8.2", "9.1", "9.a", "9.c", "11.5", "11.b"} <= codes


# The official wording of SDG target 9.c in each UN language (A/RES/70/1).
TARGET_9C = {
    "en": "Significantly increase access to information and communications technology",
    "fr": "Accroître nettement l’accès aux technologies de l’information et des communications",
    "es": "Aumentar significativamente el acceso a la tecnología de la información y las comunicaciones",
    "ru": "Существенно расширить доступ к информационно-коммуникационным технологиям",
    "ar": "تحقيق زيادة كبيرة في فرص الحصول على تكنولوجيا المعلومات والاتصالات",
    "zh-hans": "大幅提升信息和通信技术的普及度",
}


@pytest.mark.parametrize("language", list(TARGET_9C))
def test_sdg_targets_of_a_line_read_in_the_page_language(
    client: Client, language: str, django_assert_num_queries: Any
) -> None:
    # Same queries in every language: the six texts are columns of the row already fetched.
    with django_assert_num_queries(7):
        html = client.get(f"/{language}/action-lines/C2/").content.decode()
    assert TARGET_9C[language] in html
    if language != "en":
        assert TARGET_9C["en"] not in html


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("fr", "Renforcement des capacités"),
        ("ar", "بناء القدرات"),
        ("zh-hans", "能力建设"),
        ("ru", "Создание потенциала"),
        ("es", "Creación de capacidad"),
        ("en", "Capacity building"),
    ],
)
def test_line_names_follow_the_page_language(client: Client, language: str, name: str) -> None:
    html = client.get(f"/{language}/action-lines/C4/").content.decode()
    assert name in html
    assert f'lang="{language}"' in html
    assert ('dir="rtl"' in html) is (language == "ar")


def test_unknown_line_is_a_404(client: Client) -> None:
    assert client.get("/en/action-lines/C99/").status_code == 404
    assert client.get("/en/action-lines/%00/").status_code == 404


@pytest.mark.parametrize(
    ("role", "sees_history"),
    [("anonymous", False), ("contributor", False), ("facilitator", True), ("secretariat", True)],
)
def test_history_of_a_line_is_shown_to_its_facilitators_and_the_secretariat(
    client_for: Callable[[str], Client], role: str, sees_history: bool
) -> None:
    html = client_for(role).get("/en/action-lines/C2/").content.decode()
    assert ("History of changes" in html) is sees_history
    if sees_history:
        assert "reference.loaded" in html
