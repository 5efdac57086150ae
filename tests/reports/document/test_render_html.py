from __future__ import annotations

import dataclasses
import re

from django.template.loader import render_to_string

from reports.document import model as m
from reports.document.render_html import context, render_fragment, render_html


def test_headings_paragraph_anchors_and_footnote_links(seed_document):
    html = render_html(seed_document)
    assert '<html lang="fr" dir="ltr">' in html
    assert re.findall(
        r'<h2 class="heading heading-1" id="(sect-[iv]+)"><span class="heading-number">([IV]+\.)</span>', html
    ) == [
        ("sect-i", "I."),
        ("sect-ii", "II."),
    ]
    assert re.findall(r'<p class="para" id="para-(\d+)"><a class="para-number" href="#para-\1"', html) == [
        str(n) for n in range(1, 7)
    ]
    assert 'aria-label="Paragraphe 2">2.</a>' in html
    # Footnote calls link to the notes, the notes link back.
    assert '<a class="note-ref" id="fnref-1" href="#fn-1" role="doc-noteref"><sup>1</sup></a>' in html
    assert '<li id="fn-2" value="2">Un compte-rendu complet' in html
    assert '<a class="note-back" href="#fnref-2" role="doc-backlink" aria-label="Retour au texte">' in html
    # The masthead and the front matter.
    assert '<p class="masthead-symbol" id="report-symbol" dir="ltr">A/66/77–E/2011/103</p>' in html
    assert "<p>Distr. générale</p>" in html and "<p>4 mai 2011</p>" in html and "<p>Original : anglais</p>" in html
    assert "Point 17 de la liste préliminaire" in html and "A/66/50." in html
    assert '<h2 id="summary-heading" class="summary-heading">Résumé</h2>' in html
    # The link to the source of a paragraph (traceability).
    assert (
        '<a class="source-link" href="http://www.unpan.org/dpadm/wsisfollowup" '
        'title="Compte rendu des consultations ouvertes (UNPAN)">réunion tenue à New York</a>'
    ) in html


def test_tables_have_caption_scopes_numeric_cells_and_totals(seed_document):
    html = render_html(seed_document)
    table = html[html.index('<table class="report-table">') : html.index("</table>")]
    assert "<caption>Répartition des contributions présentées lors des consultations ouvertes</caption>" in table
    assert '<th scope="col">Groupe de parties prenantes</th>' in table
    assert '<th scope="row">Gouvernements</th><td class="num">11</td><td class="num">13</td>' in table
    foot = table[table.index("<tfoot>") :]
    assert re.findall(r'<td class="num">(\d+)</td>', foot) == ["59", "26", "13", "98"]


def test_hostile_text_is_escaped_and_nothing_inline_runs(seed_document):
    hostile = m.Paragraph.of('<script>alert("x")</script> & <img src=x onerror=alert(1)>', m.Emphasis("<b>"))
    doc = dataclasses.replace(
        seed_document,
        title='Title <script>alert("t")</script>',
        body=(m.Section("<i>Chapter</i>", (hostile,)),),
        footnotes=(),
    )
    html = render_html(doc)
    assert "<script" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;" in html
    assert "<em>&lt;b&gt;</em>" in html
    assert "&lt;i&gt;Chapter&lt;/i&gt;" in html
    # Strict CSP: no style attribute, no <style>, no event handler attribute anywhere.
    assert "<style" not in html
    assert not re.search(r"<[a-z][^>]*\s(style|on[a-z]+)=", html)
    assert '<link rel="stylesheet" href="/static/css/report.css">' in html


def test_arabic_is_right_to_left(arabic_document):
    html = render_html(arabic_document)
    assert '<html lang="ar" dir="rtl">' in html
    assert '<article class="report" lang="ar" dir="rtl">' in html
    assert "<p>الجمعية العامة</p>" in html  # the organs in Arabic
    assert "<p>Distr.: General</p>" in html  # the masthead block stays in English, as the UN prints it
    assert "<p>Arabic</p>" in html and "<p>Original: English</p>" in html


def test_the_fragment_is_the_article_alone(seed_document):
    fragment = render_fragment(seed_document)
    assert fragment.lstrip().startswith('<article class="report" lang="fr" dir="ltr">')
    assert "<html" not in fragment


def test_the_chart_is_an_svg_with_its_data_table(seed_document):
    html = render_html(seed_document)
    figure = html[html.index('<figure class="chart">') : html.index("</figure>")]
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="report-chart"' in figure
    assert "<title>Contributions par groupe de parties prenantes</title>" in figure
    assert figure.count("<rect ") == 4
    assert '<th scope="row">Société civile</th><td class="num">42</td>' in figure


def test_two_renders_are_identical(seed_document):
    assert render_html(seed_document) == render_html(seed_document)


def test_arabic_numbers_headings_and_paragraphs_the_arabic_way(arabic_document):
    html = render_html(arabic_document)
    assert '<span class="heading-number">أولا -</span> <span class="heading-title">مقدمة</span>' in html
    assert 'aria-label="الفقرة 3">3 -</a>' in html
    # The masthead block in English stays left-to-right inside the right-to-left page.
    assert '<div class="masthead-distribution" dir="ltr" lang="en">' in html


def test_a_paragraph_drawn_from_a_submission_links_to_it_on_screen_only(seed_document):
    html = render_html(seed_document)
    para = html[html.index('<p class="para" id="para-4">') :]
    para = para[: para.index("</p>")]
    assert para.endswith(
        '<a class="para-source" href="/fr/consultations/" title="Consultations ouvertes, 2010">[source]</a>'
    )
    printed = render_to_string("reports/document/page.html", context(seed_document, print_mode=True))
    assert "para-source" not in printed


def test_a_footnote_called_twice_links_both_calls_to_one_note():
    import datetime

    doc = m.Document(
        kind=m.DocumentKind.STOCKTAKING_REPORT,
        language="en",
        title="T",
        date=datetime.date(2026, 1, 1),
        body=(m.Section("A", (m.Paragraph.of("x", m.FootnoteRef("a")), m.Paragraph.of("y", m.FootnoteRef("a")))),),
        footnotes=(m.Footnote("a", (m.Text("Note A"),)),),
    )
    html = render_html(doc)
    assert 'id="fnref-1" href="#fn-1"' in html and 'id="fnref-1-2" href="#fn-1"' in html
    assert html.count('<li id="fn-') == 1
    assert '<p class="masthead-date">1 January 2026</p>' in html  # a stocktaking report has no UN masthead
    assert "masthead-symbol" not in html
