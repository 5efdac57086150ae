"""Files in the World Bank and ITU layouts, built in memory for the importer tests (the values are
made up for the tests; the real sample shipped with the portal is in indicators/data/)."""

from __future__ import annotations

import csv
import io

import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile

WB_YEARS = [str(year) for year in range(1960, 2025)]
WB_HEADER = ["Country Name", "Country Code", "Indicator Name", "Indicator Code", *WB_YEARS]
WB_NAME = "Individuals using the Internet (% of population)"


def wb_row(name: str, code: str, values: dict[int, str], indicator: str = "IT.NET.USER.ZS") -> list[str]:
    return [name, code, WB_NAME, indicator, *(values.get(int(year), "") for year in WB_YEARS)]


def wb_rows() -> list[list[str]]:
    """Senegal, Kenya, the World, LDCs and one World Bank aggregate (skipped)."""
    return [
        wb_row("Senegal", "SEN", {2019: "32.9", 2020: "42.6", 2021: "58.1"}),
        wb_row("Kenya", "KEN", {2019: "22.6", 2020: "29.5"}),
        wb_row("World", "WLD", {2019: "53.6", 2020: "59.1"}),
        wb_row("Least developed countries: UN classification", "LDC", {2020: "25.3"}),
        wb_row("High income", "HIC", {2020: "89.0"}),
    ]


def wb_csv(rows: list[list[str]] | None = None, *, header: list[str] | None = None, metadata: bool = True) -> bytes:
    """The API download: 4 lines of metadata, then the header; every line ends with a comma."""
    output = io.StringIO()
    writer = csv.writer(output, quoting=csv.QUOTE_ALL, lineterminator="\n")
    if metadata:
        output.write('"Data Source","World Development Indicators",\n\n"Last Updated Date","2025-07-01",\n\n')
    for record in [header or WB_HEADER, *(wb_rows() if rows is None else rows)]:
        writer.writerow([*record, ""])
    return ("\ufeff" + output.getvalue()).encode()


def xlsx(records: list[list[str]], *, sheet: str = "Data", numbers: bool = True) -> bytes:
    """A workbook with `records` on one sheet; numeric cells written as numbers, as Excel would."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    worksheet = workbook.add_worksheet(sheet)
    for r, record in enumerate(records):
        for c, value in enumerate(record):
            try:
                number = float(value)
            except ValueError:
                worksheet.write_string(r, c, value)
            else:
                if numbers and value.strip():
                    worksheet.write_number(r, c, number)
                else:
                    worksheet.write_string(r, c, value)
    workbook.close()
    return output.getvalue()


def wb_xlsx() -> bytes:
    metadata = [["Data Source", "World Development Indicators"], [], ["Last Updated Date", "2025-07-01"], []]
    return xlsx([*metadata, WB_HEADER, *wb_rows()])


ITU_HEADER = [
    "seriesID",
    "seriesCode",
    "seriesName",
    "seriesUnits",
    "entityID",
    "entityIso",
    "entityName",
    "dataValue",
    "dataYear",
    "dataNote",
    "dataSource",
    "sex",
]


def itu_rows() -> list[list[str]]:
    name = "Individuals using the Internet"
    return [
        ["11624", "i99H", name, "%", "1", "SEN", "Senegal", "42.6", "2020", "", "ANSD survey", "total"],
        ["11624", "i99H", name, "%", "1", "SEN", "Senegal", "35.0", "2020", "", "ANSD survey", "female"],
        ["11624", "i99H", name, "%", "1", "SEN", "Senegal", "50.0", "2020", "", "ANSD survey", "male"],
        ["11624", "i99H", name, "%", "2", "KEN", "Kenya", "29.5", "2020", "ITU estimate", "", ""],
        ["11624", "i99H", name, "%", "0", "WLD", "World", "48.0", "2019", "", "ITU", "female"],
        ["11624", "i99H", name, "%", "0", "WLD", "World", "58.0", "2019", "", "ITU", "male"],
    ]


def itu_csv(rows: list[list[str]] | None = None, header: list[str] | None = None) -> bytes:
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(header or ITU_HEADER)
    writer.writerows(itu_rows() if rows is None else rows)
    return output.getvalue().encode()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)
