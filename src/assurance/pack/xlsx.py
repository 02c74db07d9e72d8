"""Every table behind the pack as a spreadsheet (xlsxwriter): one sheet a table, a bold header
row that stays in view (frozen), filters, column widths, and number formats by unit (shares
as percentages to one decimal place, minutes to one decimal place, counts with separators).

Shares are written as fractions with a percentage format, so a spreadsheet sums and charts the
real numbers. Text cells are written as strings, never as formulas.
"""

from __future__ import annotations

import io
import logging
import math
from datetime import date
from typing import Any

from assurance.pack.model import Column, Pack, Table

log = logging.getLogger(__name__)

UNIT_FORMATS = {
    "share": "0.0%",
    "minutes": "0.0",
    "count": "#,##0",
    "per 1,000 residents": "0.0",
}
FORMATS = {
    "percent": "0.0%",
    "decimal": "#,##0.0",
    "integer": "#,##0",
    "number": "0.0000",
    "date": "d mmmm yyyy",
}


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def render_xlsx(pack: Pack) -> bytes:
    """The workbook as bytes."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    book.set_properties(
        {"title": pack.title, "author": "Assurance", "comments": "Every table behind the pack."}
    )
    header = book.add_format(
        {
            "bold": True,
            "bg_color": "#15324F",
            "font_color": "#FFFFFF",
            "text_wrap": True,
            "valign": "top",
            "border": 1,
        }
    )
    title = book.add_format({"bold": True, "font_size": 13})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    formats = {
        name: book.add_format({"num_format": f, "valign": "top"})
        for name, f in (FORMATS | {f"unit:{u}": f for u, f in UNIT_FORMATS.items()}).items()
    }
    used: set[str] = set()
    _contents(book, pack, title, wrap, header)
    for table in pack.tables:
        name = _sheet_name(table.sheet, used)
        _sheet(book.add_worksheet(name), table, header, title, wrap, formats)
    book.close()
    log.info("wrote %d sheets", len(pack.tables) + 1)
    return out.getvalue()


def _sheet_name(name: str, used: set[str]) -> str:
    clean = "".join(c for c in name if c not in "[]:*?/\\")[:31] or "Sheet"
    candidate, n = clean, 2
    while candidate.lower() in used:
        candidate = f"{clean[:28]} {n}"
        n += 1
    used.add(candidate.lower())
    return candidate


def _contents(book: Any, pack: Pack, title: Any, wrap: Any, header: Any) -> None:
    sheet = book.add_worksheet("Contents")
    sheet.write_string(0, 0, pack.title, title)
    sheet.write_string(1, 0, f"For the meeting of {pack.meeting_date:%d %B %Y}")
    sheet.write_string(3, 0, "Sheet", header)
    sheet.write_string(3, 1, "What it holds", header)
    sheet.write_string(3, 2, "Rows", header)
    for i, table in enumerate(pack.tables, start=4):
        sheet.write_string(i, 0, table.sheet)
        sheet.write_string(i, 1, table.title, wrap)
        sheet.write_number(i, 2, len(table.rows))
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 60)
    sheet.set_column(2, 2, 10)
    sheet.freeze_panes(4, 0)


def _sheet(
    sheet: Any,
    table: Table,
    header: Any,
    title: Any,
    wrap: Any,
    formats: dict[str, Any],
) -> None:
    sheet.write_string(0, 0, table.title, title)
    first = 2
    for col, column in enumerate(table.columns):
        sheet.write_string(first, col, column.name, header)
        fmt = formats.get(column.format) if column.format not in ("text", "value") else None
        sheet.set_column(col, col, column.width, fmt or (wrap if column.width >= 60 else None))
    unit_at = next((i for i, c in enumerate(table.columns) if c.name == "Unit"), None)
    for r, row in enumerate(table.rows, start=first + 1):
        unit = str(row[unit_at]) if unit_at is not None else ""
        for col, (column, value) in enumerate(zip(table.columns, row, strict=True)):
            _write(sheet, r, col, _clean(value), column, unit, formats)
    sheet.freeze_panes(first + 1, 0)
    if table.rows:
        sheet.autofilter(first, 0, first + len(table.rows), len(table.columns) - 1)


def _write(
    sheet: Any, r: int, c: int, value: Any, column: Column, unit: str, formats: dict[str, Any]
) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool):
        sheet.write_boolean(r, c, value)
    elif isinstance(value, int | float):
        if column.format == "value":
            fmt = formats.get(f"unit:{unit}", formats["number"])
        else:
            fmt = formats.get(column.format)
        sheet.write_number(r, c, float(value), fmt)
    elif isinstance(value, date):
        sheet.write_datetime(r, c, value, formats["date"])
    else:
        sheet.write_string(r, c, str(value))
