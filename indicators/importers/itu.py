"""ITU's long layout (ITU DataHub downloads, ICT Eye): one row per value.

Columns, as ITU DataHub names them (any order, case-insensitive, CSV or XLSX):
`seriesID, seriesCode, seriesName, seriesDescription, seriesUnits, entityID, entityIso, entityName,
dataValue, dataYear, dataNote, dataSource`. Required: seriesCode, entityIso, dataYear, dataValue.
Two optional columns carry the disaggregation when a file has one: `sex` (total, female, male) and
`area` (total, urban, rural). Other columns are ignored and listed in the dry run.

The column names were checked against public code that reads DataHub downloads (entityName,
seriesCode, seriesUnits, dataYear, dataValue); the others follow the same naming and should be checked
against a current download (the names are data: KNOWN below).

seriesCode must be the ITU code of an indicator of the portal (`Indicator.itu_code`, e.g. i99H);
entityIso an ISO alpha-3 code, an M49 region code (001, 002...) or WLD, LDC, LLDC, SIDS.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from indicators.importers import common
from indicators.importers.reading import Record
from indicators.models import Observation
from wsis_portal.errors import ApplicationError

KNOWN = {
    "seriesid": "series_id",
    "seriescode": "series_code",
    "seriesname": "series_name",
    "seriesdescription": "series_description",
    "seriesunits": "series_units",
    "entityid": "entity_id",
    "entityiso": "entity_iso",
    "entityname": "entity_name",
    "datavalue": "data_value",
    "datayear": "data_year",
    "datanote": "data_note",
    "datasource": "data_source",
    "sex": "sex",
    "area": "area",
}
REQUIRED = {"series_code": "seriesCode", "entity_iso": "entityIso", "data_year": "dataYear", "data_value": "dataValue"}
SEX = {
    "": Observation.Sex.TOTAL,
    "total": Observation.Sex.TOTAL,
    "t": Observation.Sex.TOTAL,
    "both sexes": Observation.Sex.TOTAL,
    "female": Observation.Sex.FEMALE,
    "f": Observation.Sex.FEMALE,
    "male": Observation.Sex.MALE,
    "m": Observation.Sex.MALE,
}
AREA = {
    "": Observation.Area.TOTAL,
    "total": Observation.Area.TOTAL,
    "urban": Observation.Area.URBAN,
    "rural": Observation.Area.RURAL,
}
DEFAULT_SOURCE = "ITU, World Telecommunication/ICT Indicators Database"


def _key(name: str) -> str:
    return name.replace("\ufeff", "").strip().lower().replace(" ", "").replace("_", "")


def find_header(records: list[Record]) -> tuple[int, list[str]]:
    for index, (_number, cells) in enumerate(records[:10]):
        keys = {_key(cell) for cell in cells}
        if "seriescode" in keys or "entityiso" in keys or "datavalue" in keys:
            return index, [cell.strip() for cell in cells]
    raise ApplicationError(
        _(
            "This is not an ITU DataHub file: no header row with the columns seriesCode, entityIso, dataYear "
            "and dataValue was found."
        ),
        field="file",
    )


def check(records: list[Record], reference: common.Reference) -> common.Check:
    """Read every row of an ITU file into values, errors and skipped rows. 0 queries."""
    header_index, header = find_header(records)
    while header and not header[-1]:
        header.pop()
    column_of: dict[str, int] = {}
    ignored: list[str] = []
    for position, name in enumerate(header):
        role = KNOWN.get(_key(name))
        if role is None:
            ignored.append(name or _("(empty)"))
        elif role in column_of:
            raise ApplicationError(
                _("The header row names the column %(column)s twice.") % {"column": name}, field="file"
            )
        else:
            column_of[role] = position
    missing = [label for role, label in REQUIRED.items() if role not in column_of]
    if missing:
        raise ApplicationError(
            _("The header row lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)}, field="file"
        )
    result = common.Check()
    if ignored:
        result.note(
            records[header_index][0], "", _("Columns ignored: %(columns)s.") % {"columns": ", ".join(ignored[:20])}
        )

    def cell(cells: list[str], role: str) -> str:
        position = column_of.get(role)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    for number, cells in records[header_index + 1 :]:
        result.row_count += 1
        if any(common.has_control_characters(text) for text in cells):
            result.error(number, "", _("Remove the control characters from this row."))
            continue
        series = cell(cells, "series_code")
        iso = cell(cells, "entity_iso")
        text_value = cell(cells, "data_value")
        row_errors = len(result.errors)
        indicator = reference.indicators_by_itu.get(series.upper())
        if not series:
            result.error(number, "seriesCode", _("Give the ITU series code (such as i99H)."))
        elif indicator is None:
            result.error(
                number,
                "seriesCode",
                _("No indicator of the portal has the ITU series code “%(code)s” (set it on the indicator first).")
                % {"code": series[:40]},
            )
        country_id, region_id = reference.place(iso) if iso else (None, None)
        if not iso:
            result.error(number, "entityIso", _("Give the ISO alpha-3 code of the country (or WLD for the world)."))
        elif country_id is None and region_id is None:
            result.error(
                number,
                "entityIso",
                _("Unknown country or region code “%(code)s”: use ISO 3166 alpha-3 codes such as SEN, or WLD, LDC.")
                % {"code": iso[:20]},
            )
        year = common.parse_year(cell(cells, "data_year"))
        if year is None:
            result.error(
                number,
                "dataYear",
                _("“%(value)s” is not a year between %(min)d and %(max)d.")
                % {"value": cell(cells, "data_year")[:20], "min": common.YEAR_MIN, "max": common.YEAR_MAX},
            )
        sex = SEX.get(cell(cells, "sex").lower())
        if sex is None:
            result.error(
                number,
                "sex",
                _("Unknown sex “%(value)s”: use total, female or male.") % {"value": cell(cells, "sex")[:20]},
            )
        area = AREA.get(cell(cells, "area").lower())
        if area is None:
            result.error(
                number,
                "area",
                _("Unknown area “%(value)s”: use total, urban or rural.") % {"value": cell(cells, "area")[:20]},
            )
        value = None
        if text_value in ("", ".."):
            result.error(number, "dataValue", _("The row has no value."))
        elif indicator is not None:
            value, reason = common.parse_value(text_value, indicator)
            if value is None:
                result.error(number, "dataValue", reason)
        if len(result.errors) > row_errors or indicator is None or value is None or year is None:
            continue
        note = "; ".join(part for part in (cell(cells, "data_source"), cell(cells, "data_note")) if part)
        result.add(
            common.Candidate(
                row=number,
                indicator_id=indicator.pk,
                country_id=country_id,
                region_id=region_id,
                year=year,
                value=value,
                sex=sex or Observation.Sex.TOTAL,
                area=area or Observation.Area.TOTAL,
                source_note=(note or DEFAULT_SOURCE)[:500],
            ),
            "dataValue",
        )
    if result.row_count == 0:
        result.error(None, "", _("The file has a header row but no data rows."))
    return result
