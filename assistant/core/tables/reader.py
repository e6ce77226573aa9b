"""Reading the reports agents get from the back office: CSV and XLSX, as rows of text.

Reading itself is in files.py (size, encodings), csv_rows.py and xlsx_rows.py; this module
holds what a report asks of them: a report can be large (200 MB), its cells are stripped,
its delimiter is sniffed, an XLSX gives the values a formula last showed, from its first sheet.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from assistant.core.errors import InvalidInput
from assistant.core.tables.csv_rows import csv_rows, sniff_delimiter
from assistant.core.tables.files import (
    XLSX_SUFFIXES,
    check_size,
    decode_text,
    old_xls,
    read_bytes,
)
from assistant.core.tables.files import Row as Row  # callers name a report's rows from here
from assistant.core.tables.xlsx_rows import xlsx_sheets

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_REPORT_UNPACKED = 200 * 1024 * 1024  # an XLSX report inflated: generous for real reports


def read_csv(path: Path) -> Iterator[Row]:
    text = decode_text(read_bytes(path, MAX_FILE_BYTES), path.name)
    yield from csv_rows(text, path.name, sniff_delimiter(text), strip=True)


def read_xlsx(path: Path) -> Iterator[Row]:
    check_size(path, MAX_FILE_BYTES)
    for _title, rows in xlsx_sheets(path, max_unpacked=MAX_REPORT_UNPACKED, sheets="first"):
        yield from rows


def read_table(path: Path) -> Iterator[Row]:
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return read_xlsx(path)
    if suffix in (".csv", ".txt", ".tsv", ""):
        return read_csv(path)
    if suffix == ".xls":
        raise old_xls(path.name)
    raise InvalidInput(f"{path.name}：不支持的文件类型（支持 .csv、.xlsx）")


class HeaderNotFound(InvalidInput):
    """No row names a known column; ``first_row`` is the first non-empty row, to show the user."""

    def __init__(self, first_row: list[str]) -> None:
        super().__init__("没有找到表头")
        self.first_row = first_row


def find_header(rows: Iterator[Row], known: set[str], look: int = 15) -> tuple[Row, list[Row]]:
    """The first row that names at least one known column; rows read before it are returned."""
    skipped: list[Row] = []
    for row in rows:
        if any(clean_header(c) in known for c in row.cells):
            return row, skipped
        skipped.append(row)
        if len(skipped) >= look:
            break
    first = next((r.cells for r in skipped if any(c.strip() for c in r.cells)), [])
    raise HeaderNotFound(first)


def clean_header(cell: str) -> str:
    return cell.strip().strip("\ufeff").strip('"').strip()
