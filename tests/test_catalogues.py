"""The translation catalogues are complete, consistent with the English, and what Django serves."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.template import Context, Template
from django.utils import translation

from wsis_portal import catalogues

CATALOGUES = catalogues.catalogue_files()


def test_every_un_language_has_an_interface_catalogue():
    folders = {
        path.parent.parent.name
        for path in CATALOGUES
        if path.parts[-4] == "locale" and path.parent.parent.parent.parent == catalogues.BASE_DIR
    }
    assert folders == set(catalogues.LANGUAGE_FOLDERS)


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(catalogues.BASE_DIR)))
def test_catalogue_has_no_untranslated_fuzzy_or_broken_entry(po_path: Path):
    found = catalogues.problems(po_path)
    assert not found, f"{len(found)} problem(s), first ones:\n" + "\n".join(found[:30])


def test_problems_are_found(tmp_path: Path):
    po_path = tmp_path / "fr" / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True)
    po_path.write_text(
        "\n".join(
            [
                'msgid ""',
                'msgstr ""',
                '"Content-Type: text/plain; charset=UTF-8\\n"',
                '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"',
                "",
                'msgid "Saved"',
                'msgstr "Enregistré"',
                "",
                'msgid "Untouched"',
                'msgstr ""',
                "",
                "#, fuzzy",
                'msgid "Guessed"',
                'msgstr "Deviné"',
                "",
                "#, python-format",
                'msgid "%(count)s entries in <a href=\\"%(url)s\\">the list</a>"',
                'msgstr "%(count)s fiches dans la liste"',
                "",
                "#, python-format",
                'msgid "one entry"',
                'msgid_plural "%(count)s entries"',
                'msgstr[0] "une fiche"',
                'msgstr[1] "%(count)s fiches"',
                "",
            ]
        ),
        encoding="utf-8",
    )
    found = catalogues.problems(po_path)
    assert len(found) == 3
    assert "'Untouched' is not translated" in found[0]
    assert "'Guessed' is fuzzy" in found[1]
    assert "%(url)s" in found[2] and "<a>" in found[2]


def test_compiled_catalogue_skips_fuzzy_entries(tmp_path: Path):
    source = CATALOGUES[0]
    copy = tmp_path / source.parent.parent.name / "LC_MESSAGES" / "django.po"
    copy.parent.mkdir(parents=True)
    shutil.copy(source, copy)
    mo_path = catalogues.compile_catalogue(copy)
    assert mo_path.exists() and mo_path.stat().st_size > 1000
    assert catalogues.compile_all(tmp_path) == []  # up to date: nothing compiled again


@pytest.mark.parametrize("folder", catalogues.LANGUAGE_FOLDERS)
def test_django_serves_the_catalogue(folder: str):
    with (catalogues.BASE_DIR / "locale" / folder / "LC_MESSAGES" / "django.po").open("rb") as source:
        catalog = read_po(source, locale=folder)
    singular = [m for m in catalog if m.id and isinstance(m.id, str) and m.string and not m.fuzzy and not m.context]
    language = "zh-hans" if folder == "zh_Hans" else folder
    with translation.override(language):
        wrong = [m.id for m in singular[:: max(1, len(singular) // 200)] if translation.gettext(m.id) != m.string]
    assert singular and not wrong, wrong[:10]


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("fr", "ltr"), ("zh-hans", "ltr")])
def test_page_is_served_in_its_language(client, language: str, direction: str):
    response = client.get(f"/{language}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert f'lang="{language}"' in page and f'dir="{direction}"' in page
    with translation.override(language):
        assert translation.gettext("Skip to main content") in page
        assert translation.gettext("Skip to main content") != "Skip to main content"


@pytest.mark.parametrize(("language", "expected"), [("ar", "أ، ب، ج"), ("zh-hans", "甲、乙、丙"), ("fr", "a, b, c")])
def test_lists_are_joined_as_the_language_writes_them(language: str, expected: str):
    template = Template(
        "{% load i18n %}{% for x in items %}{{ x }}"
        '{% if not forloop.last %}{% translate ", " context "list separator" %}{% endif %}{% endfor %}'
    )
    items = {"ar": ["أ", "ب", "ج"], "zh-hans": ["甲", "乙", "丙"], "fr": ["a", "b", "c"]}[language]
    with translation.override(language):
        assert template.render(Context({"items": items})) == expected
