"""The World Bank's layout: one row per economy and indicator, one column per year.

Two variants are read, as CSV or XLSX:
- the API / WDI download (`API_IT.NET.USER.ZS_DS2_en_csv_v2_*.csv`, or the sheet "Data" of the
  workbook): lines of metadata ("Data Source", "Last Updated Date"), then the header
  `"Country Name","Country Code","Indicator Name","Indicator Code","1960",...,"2024",`;
- the DataBank export: `Country Name, Country Code, Series Name, Series Code, 2019 [YR2019], ...`, ".."
  for a missing value, and notes below the data ("Data from database: ...").

The Indicator Code must be the World Bank code of an indicator of the portal (`Indicator.wb_code`).
Country codes are ISO alpha-3; WLD and LDC become the regions World and LDC; the World Bank's other
aggregates (income groups, its own regions) and the economies outside the UN M49 list (XKX, CHI) are
skipped and listed as such. An empty cell is no value (not an error).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from indicators.importers import common
from indicators.importers.reading import Record
from wsis_portal.errors import ApplicationError

NAME_COLUMNS = {
    "country name": "country_name",
    "country code": "country_code",
    "indicator name": "indicator_name",
    "indicator code": "indicator_code",
    "series name": "indicator_name",
    "series code": "indicator_code",
}
REQUIRED = ("country_code", "indicator_code")
YEAR_HEADER = re.compile(r"^(\d{4})(?:\s*\[YR\d{4}\])?$")
MISSING = ("", "..")

# Aggregates the World Bank publishes beside economies; none is a UN M49 area except WLD and LDC.
WB_AGGREGATES = frozenset(
    {
        "AFE",
        "AFW",
        "ARB",
        "CEB",
        "CSS",
        "EAP",
        "EAR",
        "EAS",
        "ECA",
        "ECS",
        "EMU",
        "EUU",
        "FCS",
        "HIC",
        "HPC",
        "IBD",
        "IBT",
        "IDA",
        "IDB",
        "IDX",
        "INX",
        "LAC",
        "LCN",
        "LIC",
        "LMC",
        "LMY",
        "LTE",
        "MEA",
        "MIC",
        "MNA",
        "NAC",
        "OED",
        "OSS",
        "PRE",
        "PSS",
        "PST",
        "SAS",
        "SSA",
        "SSF",
        "SST",
        "TEA",
        "TEC",
        "TLA",
        "TMN",
        "TSA",
        "TSS",
        "UMC",
    }
)
WB_ONLY_ECONOMIES = frozenset({"XKX", "CHI"})  # Kosovo, Channel Islands: not in the M49 country list


def find_header(records: list[Record]) -> tuple[int, list[str], dict[str, str]]:
    """The index of the header record, its column names and the metadata above it."""
    metadata: dict[str, str] = {}
    for index, (_number, cells) in enumerate(records[:30]):
        lowered = [cell.strip().lower() for cell in cells]
        if "country code" in lowered:
            return index, [cell.strip() for cell in cells], metadata
        if len(cells) >= 2 and cells[0]:
            metadata[cells[0].strip().lower()] = cells[1].strip()
    raise ApplicationError(
        _(
            "This is not a World Bank file: no header row with the columns Country Name, Country Code, "
            "Indicator Name, Indicator Code and one column per year was found."
        ),
        field="file",
    )


def check(records: list[Record], reference: common.Reference) -> common.Check:
    """Read every row of a World Bank file into values, errors and skipped rows. 0 queries."""
    header_index, header, metadata = find_header(records)
    while header and not header[-1]:
        header.pop()  # the API download ends every line with a comma
    roles: dict[int, str] = {}
    years: dict[int, int] = {}
    unknown: list[str] = []
    for position, name in enumerate(header):
        key = name.lower()
        match = YEAR_HEADER.match(name)
        if key in NAME_COLUMNS:
            if NAME_COLUMNS[key] in roles.values():
                raise ApplicationError(
                    _("The header row names the column %(column)s twice.") % {"column": name}, field="file"
                )
            roles[position] = NAME_COLUMNS[key]
        elif match and common.YEAR_MIN <= int(match.group(1)) <= common.YEAR_MAX:
            years[position] = int(match.group(1))
        else:
            unknown.append(name or _("(empty)"))
    if unknown:
        raise ApplicationError(
            _("The header row has columns a World Bank file does not have: %(columns)s.")
            % {"columns": ", ".join(unknown[:10])},
            field="file",
        )
    missing = [column for column in REQUIRED if column not in roles.values()]
    if missing:
        raise ApplicationError(
            _("The header row lacks the columns: %(columns)s.")
            % {"columns": ", ".join("Country Code" if m == "country_code" else "Indicator Code" for m in missing)},
            field="file",
        )
    if not years:
        raise ApplicationError(_("The header row has no year columns (such as 2019)."), field="file")
    column_of = {role: position for position, role in roles.items()}
    updated = metadata.get("last updated date", "")
    source_note = "World Bank, World Development Indicators" + (f" (last updated {updated})" if updated else "")

    result = common.Check()
    for number, cells in records[header_index + 1 :]:
        code = _cell(cells, column_of["country_code"]).upper()
        indicator_code = _cell(cells, column_of["indicator_code"])
        values = {position: _cell(cells, position) for position in years}
        if not code and not indicator_code:
            if any(value not in MISSING for value in values.values()):
                result.error(number, "Country Code", _("A row with values must name the country and the indicator."))
            else:
                result.note(number, "", _("Not a data row (a note below the data); skipped."))
            continue
        result.row_count += 1
        if any(cell for cell in cells[len(header) :]):
            result.error(number, "", _("This row has cells to the right of the last column of the header."))
            continue
        if any(common.has_control_characters(cell) for cell in cells):
            result.error(number, "", _("Remove the control characters from this row."))
            continue
        indicator = reference.indicators_by_wb.get(indicator_code.upper())
        if indicator is None:
            result.error(
                number,
                "Indicator Code",
                _("No indicator of the portal has the World Bank code “%(code)s” (set it on the indicator first).")
                % {"code": indicator_code[:40]},
            )
        country_id, region_id = reference.place(code)
        if country_id is None and region_id is None:
            if code in WB_AGGREGATES or code in WB_ONLY_ECONOMIES:
                result.note(
                    number,
                    "Country Code",
                    _("%(code)s is a World Bank aggregate or economy outside the UN M49 list; skipped.")
                    % {"code": code},
                )
                continue
            result.error(
                number,
                "Country Code",
                _("Unknown country code “%(code)s”: use ISO 3166 alpha-3 codes such as SEN.") % {"code": code[:20]},
            )
            continue
        if indicator is None:
            continue
        for position, year in years.items():
            text = values[position]
            if text in MISSING:
                continue
            value, reason = common.parse_value(text, indicator)
            if value is None:
                result.error(number, header[position], reason)
                continue
            result.add(
                common.Candidate(
                    row=number,
                    indicator_id=indicator.pk,
                    country_id=country_id,
                    region_id=region_id,
                    year=year,
                    value=value,
                    source_note=source_note,
                ),
                header[position],
            )
    if result.row_count == 0 and not result.errors:
        result.error(None, "", _("The file has a header row but no data rows."))
    return result


def _cell(cells: list[str], position: int) -> str:
    return cells[position].strip() if position < len(cells) else ""
