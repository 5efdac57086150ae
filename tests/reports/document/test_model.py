from __future__ import annotations

import dataclasses
import datetime

import pytest

from reports.document import model as m
from reports.document import sample


def test_paragraph_numbers_run_on_across_chapters_and_stop_at_annexes(seed_document):
    laid = m.layout(seed_document)
    headings = [(i.number, i.title[:20]) for i in laid.body if isinstance(i, m.Heading)]
    assert headings == [("I.", "Contexte général"), ("II.", "Organisation des con")]
    numbers = [i.number for i in laid.body if isinstance(i, m.Placed) and isinstance(i.block, m.Paragraph)]
    assert numbers == [1, 2, 3, 4, 5, 6]
    assert laid.paragraph_count == 6
    assert all(p.number is None for p in laid.summary)
    assert all(not isinstance(i, m.Placed) or i.number is None for i in laid.annexes[0].items)


def test_sub_sections_are_lettered_and_parts_numbered():
    para = m.Paragraph.of
    doc = m.Document(
        kind=m.DocumentKind.STOCKTAKING_REPORT,
        language="en",
        title="WSIS Stocktaking 2026",
        date=datetime.date(2026, 5, 1),
        body=(
            m.Section("Introduction", (para("One."),)),
            m.Section(
                "International level",
                (
                    para("Two."),
                    m.Section("UNGIS", (para("Three."),)),
                    m.Section("Action lines", (m.Section("C1", (para("Four."),)), m.Section("C2", (para("Five."),)))),
                ),
            ),
        ),
    )
    laid = m.layout(doc)
    headings = [(h.level, h.number, h.anchor) for h in laid.body if isinstance(h, m.Heading)]
    assert headings == [
        (1, "I.", "sect-i"),
        (1, "II.", "sect-ii"),
        (2, "A.", "sect-ii-a"),
        (2, "B.", "sect-ii-b"),
        (3, "1.", "sect-ii-b-1"),
        (3, "2.", "sect-ii-b-2"),
    ]
    assert [p.number for p in laid.body if isinstance(p, m.Placed)] == [1, 2, 3, 4, 5]


def test_a_paragraph_object_used_twice_gets_two_numbers():
    shared = m.Paragraph.of("No report was received.")
    doc = m.Document(
        kind=m.DocumentKind.STOCKTAKING_REPORT,
        language="en",
        title="T",
        date=datetime.date(2026, 1, 1),
        body=(m.Section("A", (shared,)), m.Section("B", (shared,))),
    )
    assert [p.number for p in m.layout(doc).body if isinstance(p, m.Placed)] == [1, 2]


def test_footnotes_are_numbered_in_the_order_of_first_reference():
    para = m.Paragraph.of
    doc = m.Document(
        kind=m.DocumentKind.STOCKTAKING_REPORT,
        language="en",
        title="T",
        date=datetime.date(2026, 1, 1),
        body=(
            m.Section(
                "A", (para("x", m.FootnoteRef("late")), para("y", m.FootnoteRef("early"), m.FootnoteRef("late")))
            ),
        ),
        # Defined in another order than they are called.
        footnotes=(m.Footnote("early", (m.Text("E"),)), m.Footnote("late", (m.Text("L"),))),
    )
    laid = m.layout(doc)
    assert laid.footnote_numbers == {"late": 1, "early": 2}
    assert [f.key for f in laid.footnotes] == ["late", "early"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"footnotes": ()}, "referenced but not defined: record, tunis"),
        ({"language": "de"}, "Unknown language 'de'"),
        ({"symbols": ()}, "needs its document symbols"),
        ({"title": "  "}, "needs a title"),
        ({"title": "Bad\x00title"}, "control character is not allowed in the text (document.title)"),
    ],
)
def test_inconsistent_documents_are_refused_with_the_reason(seed_document, change, message):
    with pytest.raises(m.DocumentError, match=message.replace("(", r"\(").replace(")", r"\)")):
        dataclasses.replace(seed_document, **change)


def test_an_unreferenced_footnote_is_refused(seed_document):
    extra = (*seed_document.footnotes, m.Footnote("lost", (m.Text("Never called"),)))
    with pytest.raises(m.DocumentError, match="never referenced: lost"):
        dataclasses.replace(seed_document, footnotes=extra)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "//evil.example/x", "data:text/html,x"])
def test_source_links_only_to_web_addresses_or_portal_paths(seed_document, url):
    section = m.Section("S", (m.Paragraph.of(m.SourceLink("report", url)),))
    with pytest.raises(m.DocumentError, match="only http"):
        dataclasses.replace(seed_document, body=(section,), footnotes=())


def test_a_ragged_table_is_refused(seed_document):
    table = m.Table(
        caption="Ragged",
        header_rows=((m.Cell("a"), m.Cell("b")),),
        body_rows=((m.Cell("1"),),),
    )
    with pytest.raises(m.DocumentError, match="row 2 has fewer than 2 columns"):
        dataclasses.replace(seed_document, body=(m.Section("S", (table,)),), footnotes=())


def test_the_tally_table_reproduces_seed_002_from_its_98_contributions():
    table = sample.consultation_table("fr")
    assert [[c.text for c in row] for row in table.body_rows] == [
        ["Gouvernements", "11", "13", "8", "32"],
        ["Organisations internationales", "7", "1", "0", "8"],
        ["Société civile", "32", "7", "3", "42"],
        ["Secteur privé", "9", "5", "2", "16"],
    ]
    assert table.totals_row is not None
    assert [c.text for c in table.totals_row] == ["Total", "59", "26", "13", "98"]
    assert table.numeric_columns == frozenset({1, 2, 3, 4})


def test_tally_table_formats_large_numbers_for_the_language():
    table = m.tally_table(
        caption="c", row_header="r", columns=("n",), rows=(("a", (3500,)), ("b", (1,))), total_label="T", language="fr"
    )
    assert table.totals_row is not None
    assert table.totals_row[1].text == "3\u202f501"  # French groups thousands with a narrow no-break space


def test_fingerprint_is_stable_and_changes_with_one_word(seed_document):
    again = sample.sample_document("fr")
    assert seed_document is not again
    assert seed_document.fingerprint() == again.fingerprint()
    assert len(seed_document.fingerprint()) == 64
    chapter = seed_document.body[0]
    first = chapter.content[0]
    assert isinstance(first, m.Paragraph)
    edited_first = m.Paragraph.of(first.plain_text.replace("Tunis", "Genève"))
    edited = dataclasses.replace(
        seed_document,
        body=(dataclasses.replace(chapter, content=(edited_first, *chapter.content[1:])), *seed_document.body[1:]),
    )
    assert edited.fingerprint() != seed_document.fingerprint()
    assert sample.sample_document("en").fingerprint() != seed_document.fingerprint()


def test_roman_and_letter_numbers():
    assert [m.roman(n) for n in (1, 4, 8, 9, 14, 40)] == ["I", "IV", "VIII", "IX", "XIV", "XL"]
    assert [m.letter(n) for n in (1, 26, 27, 28)] == ["A", "Z", "AA", "AB"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["I.", "A.", "1.", "II.", "XIV."]),
        ("ar", ["أولا -", "ألف -", "1 -", "ثانيا -", "رابع عشر -"]),
        ("zh-hans", ["一.", "A.", "1.", "二.", "十四."]),
    ],
)
def test_headings_are_numbered_as_each_language_writes_them(language, expected):
    labels = [m.heading_label(1, 1, language), m.heading_label(2, 1, language), m.heading_label(3, 1, language)]
    labels += [m.heading_label(1, 2, language), m.heading_label(1, 14, language)]
    assert labels == expected
    assert m.paragraph_label(12, language) == ("12 -" if language == "ar" else "12.")
