from __future__ import annotations

import datetime
import os
import shutil

import pytest

from reports.document import model as m
from reports.document import sample


def need_tool(name: str) -> str:
    """The path of a command-line tool; a missing one skips the test, except in CI where it fails."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing: .ci/run installs it (poppler-utils, libreoffice-writer-nogui)")
        pytest.skip(f"{name} is not installed (Debian: poppler-utils / libreoffice-writer-nogui)")
    return found


@pytest.fixture
def seed_document() -> m.Document:
    return sample.sample_document("fr")


def short_document(language: str, title: str, chapters: list[tuple[str, list[str]]], note: str) -> m.Document:
    body = []
    for i, (heading, paragraphs) in enumerate(chapters):
        content: list[m.Paragraph] = [m.Paragraph.of(text) for text in paragraphs]
        if i == 0:
            content[0] = m.Paragraph.of(paragraphs[0], m.FootnoteRef("n1"))
        body.append(m.Section(heading, tuple(content)))
    return m.Document(
        kind=m.DocumentKind.ANNUAL_REPORT,
        language=language,
        original_language="en",
        symbols=("A/81/64", "E/2026/51"),
        date=datetime.date(2026, 3, 2),
        title=title,
        summary=(m.Paragraph.of(chapters[0][1][0], numbered=False),),
        body=tuple(body),
        footnotes=(m.Footnote("n1", (m.Text(note),)),),
    )


@pytest.fixture
def arabic_document() -> m.Document:
    return short_document(
        "ar",
        "التقدم المحرز في تنفيذ ومتابعة نتائج القمة العالمية لمجتمع المعلومات على الصعيدين الإقليمي والدولي",
        [
            ("مقدمة", ["أعد هذا التقرير استجابة لقرار المجلس الاقتصادي والاجتماعي.", "قدمت ثلاثون جهة مساهماتها."]),
            ("الاتجاهات الرئيسية", ["يستخدم الإنترنت اليوم أكثر من نصف سكان العالم."]),
        ],
        "انظر الوثيقة A/60/687.",
    )


@pytest.fixture
def chinese_document() -> m.Document:
    return short_document(
        "zh-hans",
        "在区域和国际两级执行和落实信息社会世界峰会成果方面取得的进展",
        [
            ("导言", ["本报告是根据经济及社会理事会的决议编写的。", "共有三十个实体提供了资料。"]),
            ("主要趋势", ["目前世界上一半以上的人口使用互联网。"]),
        ],
        "见A/60/687。",
    )
