"""The template to fill, as XLSX or CSV, with notes and code lists."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from actionlines.models import ActionLine, SdgTarget, WsisTarget
from stakeholders.models import Country, Organisation, Region
from stocktaking.imports.reading import COLUMNS, TEXT_COLUMNS
from stocktaking.models import (
    LANGUAGE_CHOICES,
    Entry,
)

# --------------------------------------------------------------------------------------------
# The template


def template_example() -> dict[str, str]:
    """One complete example row (it passes the checks, also when publishing)."""
    return {
        "external_id": "ITU-2025-0001",
        "organisation": "ITU",
        "title": "Connecting rural schools in Senegal",
        "short_description": (
            "The project connects two hundred rural primary and secondary schools in Senegal to broadband "
            "through solar-powered community networks. It trains teachers in digital skills, supplies "
            "low-cost devices and open educational content in French and Wolof, and opens the school "
            "connection to the surrounding community after school hours so that health workers, farmers and "
            "small businesses can use it."
        ),
        "description": "Phase one connected 120 schools.\n\nPhase two adds 80 schools in the east.",
        "activity_type": "project",
        "original_language": "en",
        "status": "ongoing",
        "start_date": "2024-01-15",
        "end_date": "",
        "coverage": "national",
        "countries": "SEN",
        "regions": "",
        "action_lines": "C2;C7.3",
        "sdg_targets": "4.a;9.c",
        "wsis_targets": "2",
        "website": "https://schools.example.org",
        "links": "https://schools.example.org/report-2024.pdf;https://schools.example.org/map",
        "partners": "Ministry of Education; national regulator",
        "impact": "30,000 pupils online.",
        "challenges": "Power supply in the dry season.",
        "contact_name": "Awa Diop",
        "contact_email": "contact@schools.example.org",
    }


def template_notes() -> list[tuple[str, str]]:
    """What each column holds, in the active language."""
    choices = {
        name: ", ".join(code for code, _label in choice_list)
        for name, choice_list in (
            ("activity_type", Entry.ActivityType.choices),
            ("status", Entry.Status.choices),
            ("coverage", Entry.Coverage.choices),
            ("original_language", LANGUAGE_CHOICES),
        )
    }
    return [
        (
            "external_id",
            _(
                "Required. Your stable key for the entry (at most 100 characters); "
                "importing a row with a known key updates that entry."
            ),
        ),
        (
            "organisation",
            _("Required. The organisation's id in the portal, or its UN code such as ITU (sheet Organisations)."),
        ),
        ("title", _("At most 300 characters.")),
        ("short_description", _("150 to 200 words (50 to 250 accepted).")),
        ("description", _("Plain text or simple HTML (paragraphs, lists, links).")),
        ("activity_type", _("One of: %(values)s.") % {"values": choices["activity_type"]}),
        ("original_language", _("Required. One of: %(values)s.") % {"values": choices["original_language"]}),
        ("status", _("One of: %(values)s.") % {"values": choices["status"]}),
        ("start_date", _("YYYY-MM-DD.")),
        ("end_date", _("YYYY-MM-DD; required for a completed activity.")),
        ("coverage", _("One of: %(values)s.") % {"values": choices["coverage"]}),
        ("countries", _("ISO 3166 alpha-3 codes separated by “;”, such as SEN;GMB (sheet Countries).")),
        ("regions", _("UN M49 region codes separated by “;”, such as 002 (sheet Regions).")),
        ("action_lines", _("WSIS action line codes separated by “;”, such as C2;C7.4 (sheet Action lines).")),
        ("sdg_targets", _("SDG target codes separated by “;”, such as 9.c;17.8 (sheet SDG targets).")),
        ("wsis_targets", _("WSIS target numbers separated by “;”, such as 1;2 (sheet WSIS targets).")),
        ("website", _("A web address.")),
        ("links", _("Up to 10 web addresses separated by “;”.")),
        ("partners", _("At most 2,000 characters.")),
        ("impact", _("At most 4,000 characters.")),
        ("challenges", _("At most 4,000 characters.")),
        ("contact_name", _("At most 200 characters.")),
        ("contact_email", _("An e-mail address.")),
    ]


def template_code_lists() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(sheet name, code column, [(code, label)]) for each list of allowed codes. 6 queries."""
    return [
        (
            _("Action lines"),
            "action_lines",
            [(line.code, line.name) for line in ActionLine.objects.exclude(code="C7").order_by("sort")],
        ),
        (
            _("SDG targets"),
            "sdg_targets",
            [(t.code, t.text) for t in SdgTarget.objects.select_related("goal").order_by("goal__number", "sort")],
        ),
        (_("WSIS targets"), "wsis_targets", [(str(t.number), t.text) for t in WsisTarget.objects.order_by("number")]),
        (_("Countries"), "countries", [(c.iso3, c.name) for c in Country.objects.order_by("iso3")]),
        (
            _("Regions"),
            "regions",
            [(r.code, r.name) for r in Region.objects.exclude(kind=Region.Kind.GROUPING).order_by("code")],
        ),
        (
            _("Organisations"),
            "organisation",
            [(o.code or "", o.name) for o in Organisation.objects.exclude(code=None).exclude(code="").order_by("code")],
        ),
    ]


def template_xlsx() -> bytes:
    """The template workbook: the Entries sheet (header and an example row), a Help sheet, code lists."""
    import xlsxwriter

    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_numbers": False, "strings_to_urls": False})
    bold = workbook.add_format({"bold": True, "bg_color": "#DCE6F1"})
    text = workbook.add_format({"num_format": "@"})  # codes stay text: "17.10" must not become 17.1
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    entries = workbook.add_worksheet("Entries")
    example = template_example()
    for column, name in enumerate(COLUMNS):
        entries.set_column(column, column, 40 if name in TEXT_COLUMNS else 18, text)
        entries.write_string(0, column, name, bold)
        entries.write_string(1, column, example[name])
    entries.freeze_panes(1, 0)
    help_sheet = workbook.add_worksheet(_("Help")[:31])
    help_sheet.set_column(0, 0, 22)
    help_sheet.set_column(1, 1, 100, wrap)
    help_sheet.write_string(0, 0, _("Column"), bold)
    help_sheet.write_string(0, 1, _("What to write"), bold)
    for number, (name, note) in enumerate(template_notes(), start=1):
        help_sheet.write_string(number, 0, name)
        help_sheet.write_string(number, 1, note)
    last = len(COLUMNS) + 2
    help_sheet.write_string(
        last,
        1,
        _("Fill the sheet Entries, one row per entry; replace the example row. Codes are listed in the other sheets."),
    )
    for sheet_name, code_column, codes in template_code_lists():
        sheet = workbook.add_worksheet(sheet_name[:31])
        sheet.set_column(0, 0, 14, text)
        sheet.set_column(1, 1, 90)
        sheet.write_string(0, 0, code_column, bold)
        sheet.write_string(0, 1, _("Name"), bold)
        for number, (code, label) in enumerate(codes, start=1):
            sheet.write_string(number, 0, code)
            sheet.write_string(number, 1, label)
    workbook.close()
    return output.getvalue()


def template_csv() -> bytes:
    """The template as CSV: commented lines (#) with the columns and allowed codes, the header, an example."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(
        [_("# WSIS stocktaking import. Lines starting with # are ignored. One row per entry; replace the example row.")]
    )
    for name, note in template_notes():
        writer.writerow([f"# {name}: {note}"])
    for sheet_name, column, codes in template_code_lists():
        writer.writerow([f"# {column} ({sheet_name}): " + "; ".join(code for code, _label in codes)])
    writer.writerow(COLUMNS)
    example = template_example()
    writer.writerow([example[name] for name in COLUMNS])
    return ("\ufeff" + output.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8
