"""The report document model: what the compiler builds once and the renderers turn into DOCX, HTML and PDF.

Plain frozen dataclasses, no database. Numbers are never stored: chapters (I., II.), sub-sections
(A., B.), paragraphs (1, 2, ... continuous across the whole body) and footnotes (in the order of their
first reference) are counted by `layout()` at render time, so inserting a paragraph renumbers
everything after it in every output alike.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeAlias

MODEL_VERSION = "wsis-report-document/1"
LANGUAGES = ("ar", "zh-hans", "en", "fr", "ru", "es")
RTL_LANGUAGES = frozenset({"ar"})

# Characters XML 1.0 cannot carry (a DOCX would be corrupt, an HTML page odd): refused with the place named.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


_SAFE_URL = re.compile(r"^(https?://[^\s]+|/[^/\s][^\s]*)$")


class DocumentError(ValueError):
    """The model is inconsistent (an undefined footnote, a ragged table, a control character...)."""


class DocumentKind(enum.StrEnum):
    ANNUAL_REPORT = "annual_report"
    STOCKTAKING_REPORT = "stocktaking_report"


class Organ(enum.StrEnum):
    GENERAL_ASSEMBLY = "general_assembly"
    ECOSOC = "ecosoc"


# Inline runs --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Emphasis:
    """Italic text (titles of instruments, terms of art); `strong` makes it bold instead."""

    text: str
    strong: bool = False


@dataclass(frozen=True)
class FootnoteRef:
    """A call to the footnote of that key; the number is its rank of first reference."""

    key: str


@dataclass(frozen=True)
class SourceLink:
    """Text drawn from a submission: the HTML links it to the submission's page (traceability)."""

    text: str
    url: str
    label: str = ""  # e.g. "Activity report of ITU, 2026": the link's title


Inline: TypeAlias = Text | Emphasis | FootnoteRef | SourceLink


def _runs(value: tuple[Inline, ...] | str) -> tuple[Inline, ...]:
    return (Text(value),) if isinstance(value, str) else tuple(value)


# Blocks -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text; `numbered` ones get the next number of the body."""

    runs: tuple[Inline, ...]
    numbered: bool = True
    # The submission the whole paragraph is drawn from: the HTML adds a link to it after the text
    # (traceability for reviewers); the DOCX and PDF, the documents as issued, do not show it.
    source: SourceLink | None = None

    @classmethod
    def of(cls, *runs: Inline | str, numbered: bool = True, source: SourceLink | None = None) -> Paragraph:
        return cls(tuple(Text(r) if isinstance(r, str) else r for r in runs), numbered=numbered, source=source)

    @property
    def plain_text(self) -> str:
        return "".join(r.text for r in self.runs if not isinstance(r, FootnoteRef))


@dataclass(frozen=True)
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class Table:
    """A table with header rows (cells may span), body rows, an optional totals row.

    Columns listed in `numeric_columns` (0-based) are right-aligned in every output. Cells hold
    text already formatted for the document's language (see `tally_table`)."""

    caption: str
    header_rows: tuple[tuple[Cell, ...], ...]
    body_rows: tuple[tuple[Cell, ...], ...]
    totals_row: tuple[Cell, ...] | None = None
    numeric_columns: frozenset[int] = frozenset()
    source: tuple[Inline, ...] = ()  # a note under the table ("Source: ...")

    @property
    def column_count(self) -> int:
        return sum(c.colspan for c in self.header_rows[0]) if self.header_rows else len(self.body_rows[0])

    def grid(self) -> list[list[tuple[Cell, bool, bool] | None]]:
        """Every row of the table as columns: (cell, is_origin, is_header) or None where nothing is.

        A spanned cell fills all its slots; only its top-left one is the origin."""
        rows: list[tuple[tuple[Cell, ...], bool]] = [(r, True) for r in self.header_rows]
        rows += [(r, False) for r in self.body_rows]
        if self.totals_row is not None:
            rows.append((self.totals_row, False))
        width = self.column_count
        grid: list[list[tuple[Cell, bool, bool] | None]] = [[None] * width for _ in rows]
        for r, (cells, header) in enumerate(rows):
            c = 0
            for cell in cells:
                while c < width and grid[r][c] is not None:
                    c += 1
                if c + cell.colspan > width or r + cell.rowspan > len(rows):
                    raise DocumentError(f"Table {self.caption!r}: row {r + 1} does not fit {width} columns.")
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        if grid[r + dr][c + dc] is not None:
                            raise DocumentError(f"Table {self.caption!r}: cells overlap in row {r + dr + 1}.")
                        grid[r + dr][c + dc] = (cell, dr == 0 and dc == 0, header)
                c += cell.colspan
        for r, row in enumerate(grid):
            if any(slot is None for slot in row):
                raise DocumentError(f"Table {self.caption!r}: row {r + 1} has fewer than {width} columns.")
        return grid


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class BarChart:
    """A bar chart (one or more series over the same categories), always shown with its data table."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = ""  # shown on the axis and in the table's header ("%", "millions")
    decimals: int = 0
    source: tuple[Inline, ...] = ()


@dataclass(frozen=True)
class ItemList:
    """A bulleted list (e.g. the entities that contributed, in an annex)."""

    items: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True)
class Section:
    """A chapter (level 1: I., II.), a sub-section (level 2: A., B.) or a part (level 3: 1., 2.).

    The level comes from nesting; content mixes blocks and sub-sections in reading order."""

    title: str
    content: tuple[Block | Section, ...]
    anchor: str = ""  # a stable id for links; derived from the number when empty


Block: TypeAlias = Paragraph | Table | BarChart | ItemList


@dataclass(frozen=True)
class Annex:
    """An annex: its paragraphs are not numbered (the body's numbering stops at the annexes)."""

    title: str
    content: tuple[Block | Section, ...]


@dataclass(frozen=True)
class Footnote:
    key: str
    runs: tuple[Inline, ...]


@dataclass(frozen=True)
class AgendaItem:
    """One organ's agenda item on the first page, in the document's language, as the UN prints it.

    e.g. organ GA, session "Sixty-sixth session", item "Item 17 of the preliminary list",
    title "Information and communications technologies for development", note "A/66/50." (the
    preliminary list, printed as an asterisk footnote on the first page)."""

    organ: Organ
    session: str
    item: str
    title: str
    dates_and_place: str = ""  # "Geneva, 4-29 July 2011" (ECOSOC substantive sessions)
    note: str = ""


@dataclass(frozen=True)
class Document:
    kind: DocumentKind
    language: str  # the language of this version (a code of settings.LANGUAGES)
    title: str
    date: datetime.date
    body: tuple[Section, ...]
    summary: tuple[Paragraph, ...] = ()
    symbols: tuple[str, ...] = ()  # ("A/66/77", "E/2011/103"): printed joined by an en dash
    original_language: str = ""  # empty: the language compiled
    agenda: tuple[AgendaItem, ...] = ()
    subtitle: str = ""  # "Report of the Secretary-General"; empty: the kind's usual one
    footnotes: tuple[Footnote, ...] = ()
    annexes: tuple[Annex, ...] = ()

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise DocumentError(f"Unknown language {self.language!r}; expected one of {', '.join(LANGUAGES)}.")
        if self.original_language and self.original_language not in LANGUAGES:
            raise DocumentError(f"Unknown original language {self.original_language!r}.")
        if self.kind == DocumentKind.ANNUAL_REPORT and not self.symbols:
            raise DocumentError("An annual report needs its document symbols (A/... and E/...).")
        if not self.title.strip():
            raise DocumentError("The document needs a title.")
        _check_text(self)
        defined = [f.key for f in self.footnotes]
        if len(set(defined)) != len(defined):
            raise DocumentError("Two footnotes share a key.")
        referenced = {r.key for r in self.iter_runs() if isinstance(r, FootnoteRef)}
        if missing := referenced - set(defined):
            raise DocumentError(f"Footnotes referenced but not defined: {', '.join(sorted(missing))}.")
        if unused := set(defined) - referenced:
            raise DocumentError(f"Footnotes defined but never referenced: {', '.join(sorted(unused))}.")
        for f in self.footnotes:
            if any(isinstance(r, FootnoteRef) for r in f.runs):
                raise DocumentError(f"Footnote {f.key!r} refers to another footnote.")
        for run in self.iter_runs():
            if isinstance(run, SourceLink) and not _SAFE_URL.match(run.url):
                raise DocumentError(f"Source link {run.url!r}: only http(s) addresses and portal paths are linked.")
        for table in self.iter_blocks(Table):
            table.grid()
        for chart in self.iter_blocks(BarChart):
            if not chart.series or any(len(s.values) != len(chart.categories) for s in chart.series):
                raise DocumentError(f"Chart {chart.title!r}: each series needs one value per category.")

    # Reading helpers ------------------------------------------------------------------------------

    @property
    def symbol(self) -> str:
        return "\u2013".join(self.symbols)

    @property
    def rtl(self) -> bool:
        return self.language in RTL_LANGUAGES

    @property
    def compiled_language(self) -> str:
        return self.original_language or self.language

    def iter_blocks(self, kind: type[Any] = object) -> Iterator[Any]:
        """Every block (paragraphs of the summary, body and annexes, tables, charts) in reading order."""

        def walk(content: tuple[Block | Section, ...]) -> Iterator[Any]:
            for item in content:
                if isinstance(item, Section):
                    yield from walk(item.content)
                elif isinstance(item, kind):
                    yield item

        yield from (p for p in self.summary if isinstance(p, kind))
        yield from walk(tuple(self.body))
        for annex in self.annexes:
            yield from walk(annex.content)

    def iter_runs(self) -> Iterator[Inline]:
        for block in self.iter_blocks():
            if isinstance(block, Paragraph):
                yield from block.runs
                if block.source is not None:
                    yield block.source
            elif isinstance(block, ItemList):
                for item in block.items:
                    yield from item
            elif isinstance(block, Table | BarChart):
                yield from block.source

    def fingerprint(self) -> str:
        """sha256 of a canonical JSON of the model: equal documents, equal fingerprints."""
        payload = json.dumps(
            {"model": MODEL_VERSION, "document": _canonical(self)},
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return hashlib.sha256(payload.encode()).hexdigest()


def _canonical(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
        data["_type"] = type(value).__name__
        return data
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_canonical(v) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _check_text(value: Any, where: str = "document") -> None:
    if isinstance(value, str):
        if _FORBIDDEN.search(value):
            raise DocumentError(f"A control character is not allowed in the text ({where}).")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            _check_text(getattr(value, f.name), f"{where}.{f.name}")
    elif isinstance(value, tuple | list):
        for i, v in enumerate(value):
            _check_text(v, f"{where}[{i}]")


# Layout: the numbers, counted at render time -----------------------------------------------------

ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL")]
ROMAN += [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(number: int) -> str:
    out = []
    for value, letters in ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def letter(number: int) -> str:
    """A, B, ... Z, AA, AB ... (UN sub-sections rarely pass Z, but a long chapter IV may)."""
    out = ""
    while number:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


# How the UN numbers chapters, sub-sections and paragraphs in each language: Arabic texts write
# "أولا -" / "ألف -" / "1 -", Chinese ones "一." for chapters; the others I. / A. / 1.
ARABIC_ORDINALS = (
    "أولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا", "ثامنا", "تاسعا", "عاشرا",
    "حادي عشر", "ثاني عشر", "ثالث عشر", "رابع عشر", "خامس عشر", "سادس عشر", "سابع عشر", "ثامن عشر",
    "تاسع عشر", "عشرون",
)  # fmt: skip
ARABIC_LETTERS = (
    "ألف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء", "طاء", "ياء", "كاف", "لام", "ميم", "نون",
    "سين", "عين", "فاء", "صاد", "قاف", "راء", "شين", "تاء", "ثاء", "خاء", "ذال", "ضاد", "ظاء", "غين",
)  # fmt: skip
CHINESE_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


def _chinese(number: int) -> str:
    if number <= 10:
        return CHINESE_NUMERALS[number - 1]
    tens, units = divmod(number, 10)
    return (CHINESE_NUMERALS[tens - 1] if tens > 1 else "") + "十" + (CHINESE_NUMERALS[units - 1] if units else "")


def heading_label(level: int, number: int, language: str) -> str:
    if language == "ar":
        if level == 1 and number <= len(ARABIC_ORDINALS):
            return f"{ARABIC_ORDINALS[number - 1]} -"
        if level == 2 and number <= len(ARABIC_LETTERS):
            return f"{ARABIC_LETTERS[number - 1]} -"
        return f"{number} -"
    if language == "zh-hans" and level == 1 and number < 100:
        return f"{_chinese(number)}."
    numeral = roman(number) if level == 1 else letter(number) if level == 2 else str(number)
    return f"{numeral}."


def paragraph_label(number: int, language: str) -> str:
    return f"{number} -" if language == "ar" else f"{number}."


@dataclass(frozen=True)
class Heading:
    level: int  # 1 chapter, 2 sub-section, 3 part
    number: str  # "I.", "A.", "1." as the language writes it (see heading_label)
    title: str
    anchor: str


@dataclass(frozen=True)
class Placed:
    """A block in reading order with its paragraph number (None when not numbered) and its anchor."""

    block: Block
    number: int | None = None

    @property
    def anchor(self) -> str:
        return f"para-{self.number}" if self.number is not None else ""


@dataclass(frozen=True)
class PlacedAnnex:
    label: str  # "Annex", "Annex II" in the document's language is the renderer's business: "" or "II"
    title: str
    anchor: str
    items: tuple[Heading | Placed, ...]


@dataclass(frozen=True)
class Layout:
    """The document in reading order with every number counted: what each renderer walks."""

    summary: tuple[Placed, ...]
    body: tuple[Heading | Placed, ...]
    annexes: tuple[PlacedAnnex, ...]
    footnote_numbers: dict[str, int]  # key -> 1, 2, ... in the order of first reference
    footnotes: tuple[Footnote, ...]  # in that order

    @property
    def paragraph_count(self) -> int:
        return sum(1 for item in self.body if isinstance(item, Placed) and item.number is not None)


def layout(document: Document) -> Layout:
    counter = 0
    numbers: dict[str, int] = {}

    def see_runs(runs: tuple[Inline, ...]) -> None:
        for run in runs:
            if isinstance(run, FootnoteRef) and run.key not in numbers:
                numbers[run.key] = len(numbers) + 1

    def place(block: Block, numbering: bool) -> Placed:
        nonlocal counter
        number = None
        if isinstance(block, Paragraph):
            if numbering and block.numbered:
                counter += 1
                number = counter
            see_runs(block.runs)
        elif isinstance(block, ItemList):
            for entry in block.items:
                see_runs(entry)
        else:
            see_runs(block.source)
        return Placed(block, number)

    def walk(content: tuple[Block | Section, ...], level: int, prefix: str, numbering: bool) -> list[Heading | Placed]:
        out: list[Heading | Placed] = []
        count = 0
        for item in content:
            if isinstance(item, Section):
                count += 1
                number = {1: roman, 2: letter}.get(level, str)(count)
                anchor = item.anchor or f"{prefix}-{number.lower()}"
                out.append(Heading(level, heading_label(level, count, document.language), item.title, anchor))
                out += walk(item.content, level + 1, anchor, numbering)
            else:
                out.append(place(item, numbering))
        return out

    summary = tuple(place(p, numbering=False) for p in document.summary)
    body = tuple(walk(tuple(document.body), 1, "sect", numbering=True))
    annexes = []
    for n, annex in enumerate(document.annexes, start=1):
        label = roman(n) if len(document.annexes) > 1 else ""
        items = tuple(walk(annex.content, 2, f"annex-{n}", numbering=False))
        annexes.append(PlacedAnnex(label, annex.title, f"annex-{n}", items))
    ordered = tuple(sorted(document.footnotes, key=lambda f: numbers[f.key]))
    return Layout(summary, body, tuple(annexes), numbers, ordered)


# Building helpers for the compiler ----------------------------------------------------------------


def tally_table(
    *,
    caption: str,
    row_header: str,
    columns: tuple[str, ...],
    rows: tuple[tuple[str, tuple[int, ...]], ...],
    total_label: str,
    language: str,
    header_groups: tuple[tuple[str, int], ...] = (),
) -> Table:
    """A count table with a "Total" column and a totals row, numbers formatted for `language`.

    `header_groups` optionally puts a spanning header over the count columns, e.g.
    (("Channel", 3),) above three channel columns."""
    from babel.numbers import format_decimal

    locale = {"zh-hans": "zh_Hans_CN"}.get(language, language)

    def number(value: int) -> str:
        return format_decimal(value, locale=locale)

    for label, values in rows:
        if len(values) != len(columns):
            raise DocumentError(f"Row {label!r} has {len(values)} values for {len(columns)} columns.")
    body = tuple((Cell(label), *(Cell(number(v)) for v in values), Cell(number(sum(values)))) for label, values in rows)
    sums = [sum(values[i] for _, values in rows) for i in range(len(columns))]
    totals = (Cell(total_label), *(Cell(number(v)) for v in sums), Cell(number(sum(sums))))
    if header_groups:
        top = (Cell(row_header, rowspan=2), *(Cell(t, colspan=n) for t, n in header_groups))
        top += (Cell(total_label, rowspan=2),)
        header: tuple[tuple[Cell, ...], ...] = (top, tuple(Cell(c) for c in columns))
    else:
        header = ((Cell(row_header), *(Cell(c) for c in columns), Cell(total_label)),)
    return Table(
        caption=caption,
        header_rows=header,
        body_rows=body,
        totals_row=totals,
        numeric_columns=frozenset(range(1, len(columns) + 2)),
    )
