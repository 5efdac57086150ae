"""A compiled document as plain paragraphs grouped by section: what the comparison of two drafts
diffs, stored with each run (AnnualReportRun.outline) so that comparing never re-reads the files.

Paragraph numbers are kept for display but not compared: inserting one paragraph renumbers every
later one, which is not a change of their text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from reports.document.model import (
    BarChart,
    Document,
    Heading,
    ItemList,
    Paragraph,
    Placed,
    Table,
    layout,
)


def _block_text(block: Any) -> str:
    if isinstance(block, Paragraph):
        return block.plain_text
    if isinstance(block, Table):
        rows = [" | ".join(slot[0].text for slot in row if slot and slot[1]) for row in block.grid()]
        return "\n".join([block.caption, *rows])
    if isinstance(block, BarChart):
        lines = [block.title]
        for series in block.series:
            pairs = ", ".join(
                f"{c}: {v:.{block.decimals}f}" for c, v in zip(block.categories, series.values, strict=True)
            )
            lines.append(f"{series.name}: {pairs}")
        return "\n".join(lines)
    if isinstance(block, ItemList):
        return "\n".join("- " + "".join(getattr(run, "text", "") for run in item) for item in block.items)
    return ""


def document_outline(document: Document) -> list[dict[str, Any]]:
    """[{"section": "II. Key trends > A. Access", "number": "12", "text": "..."}] in reading order."""
    laid = layout(document)
    out: list[dict[str, Any]] = []

    def walk(items: tuple[Heading | Placed, ...], root: str) -> None:
        path: list[str] = [root] if root else []
        base = len(path)
        for item in items:
            if isinstance(item, Heading):
                depth = base + item.level - (2 if root else 1)
                del path[max(depth, 0) :]
                path.append(f"{item.number} {item.title}")
            else:
                number = str(item.number) if item.number is not None else ""
                out.append({"section": " > ".join(path), "number": number, "text": _block_text(item.block)})

    for placed in laid.summary:
        out.append({"section": "Summary", "number": "", "text": _block_text(placed.block)})
    walk(laid.body, "")
    for annex in laid.annexes:
        walk(annex.items, f"Annex {annex.label} {annex.title}".replace("  ", " "))
    return out


@dataclass
class Change:
    """One difference inside a section: "changed" (before and after, with the words that differ),
    "added" or "removed"."""

    kind: str
    before_number: str = ""
    after_number: str = ""
    before: list[tuple[str, str]] = field(default_factory=list)  # (kind: same|del, text) segments
    after: list[tuple[str, str]] = field(default_factory=list)  # (kind: same|ins, text) segments


@dataclass
class SectionDiff:
    section: str
    unchanged: int
    changes: list[Change]


_WORDS = re.compile(r"\s+|[^\s]+")


def _word_diff(before: str, after: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    a, b = _WORDS.findall(before), _WORDS.findall(after)
    old: list[tuple[str, str]] = []
    new: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            old.append(("same", "".join(a[i1:i2])))
            new.append(("same", "".join(b[j1:j2])))
        else:
            if i2 > i1:
                old.append(("del", "".join(a[i1:i2])))
            if j2 > j1:
                new.append(("ins", "".join(b[j1:j2])))
    return old, new


def compare(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[SectionDiff]:
    """What changed from `before` to `after`, section by section in the order of `after` (sections
    only in `before` follow); a section is matched by its title, paragraphs by difflib on their text."""
    order: list[str] = []
    grouped: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {}
    for side, rows in ((1, after), (0, before)):
        for row in rows:
            if row["section"] not in grouped:
                grouped[row["section"]] = ([], [])
                order.append(row["section"])
            grouped[row["section"]][side].append(row)
    out = []
    for section in order:
        old, new = grouped[section]
        changes: list[Change] = []
        unchanged = 0
        matcher = difflib.SequenceMatcher(None, [r["text"] for r in old], [r["text"] for r in new], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                unchanged += i2 - i1
                continue
            pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
            for k in range(pairs):
                a, b = old[i1 + k], new[j1 + k]
                segments_a, segments_b = _word_diff(a["text"], b["text"])
                changes.append(Change("changed", a["number"], b["number"], segments_a, segments_b))
            for a in old[i1 + pairs : i2]:
                changes.append(Change("removed", before_number=a["number"], before=[("del", a["text"])]))
            for b in new[j1 + pairs : j2]:
                changes.append(Change("added", after_number=b["number"], after=[("ins", b["text"])]))
        out.append(SectionDiff(section, unchanged, changes))
    return out
