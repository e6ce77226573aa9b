"""Phrase tables as agents keep them (千牛 quick-phrase sheets): columns, cells, reading.

The columns are those of 千牛's quick-phrase export (快捷编码, 快捷短语, 快捷短语分组) plus
标题 and 标签, in any order. Cells are read exactly, not stripped: a phrase's own spaces and
line breaks survive. A cell a spreadsheet would run as a formula is written with a leading
apostrophe, and the reader takes that apostrophe off again, so the text round-trips.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from assistant.core.errors import InvalidInput
from assistant.core.packs.pack_format import check_phrase_count
from assistant.core.tables.cells import unguard_cell
from assistant.core.tables.csv_rows import csv_rows
from assistant.core.tables.files import Row
from assistant.core.tables.reader import clean_header
from assistant.core.tables.xlsx_rows import xlsx_sheets

# field -> the column written on export
COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", "快捷编码"),
    ("text", "快捷短语"),
    ("group", "快捷短语分组"),
    ("title", "标题"),
    ("tags", "标签"),
)
_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("快捷编码", "编码", "code"),
    "text": ("快捷短语", "短语", "短语内容", "内容", "text"),
    "group": ("快捷短语分组", "分组", "短语分组", "group"),
    "title": ("标题", "title"),
    "tags": ("标签", "tags"),
    # Read, never written to a 千牛 table: 千牛 has no such column.
    "questions": ("相似问法", "问法", "买家问法", "questions"),
}
HEADER_NAMES = {alias.casefold(): name for name, aliases in _ALIASES.items() for alias in aliases}
TAG_JOIN = "，"
_TAG_SPLIT = re.compile(r"[，,、]")
_QUESTION_SPLIT = re.compile(r"[\n|｜]")
HEADER_LOOK = 15  # rows searched for the header (a title line may come first)
MAX_UNPACKED = 80 * 1024 * 1024  # an XLSX is a zip: refuse one that inflates beyond this


@dataclass(frozen=True, slots=True)
class Table:
    columns: dict[str, int]  # field -> index of its column
    rows: Iterator[Row]  # the rows after the header (a CSV row numbered by its first line)
    where: str = ""  # which sheet, when it is not the first


def join_tags(tags: list[str]) -> str:
    return TAG_JOIN.join(tags)


def split_tags(cell: str) -> list[str]:
    return [t.strip() for t in _TAG_SPLIT.split(cell) if t.strip()]


def split_questions(cell: str) -> list[str]:
    """Example questions in one cell: one per line, or separated by | (a question may hold
    a comma, so commas do not separate them)."""
    return [q.strip() for q in _QUESTION_SPLIT.split(cell) if q.strip()]


def header_columns(cells: list[str]) -> dict[str, int] | None:
    """Which column holds which field, if this row is a header naming the phrase column."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = HEADER_NAMES.get(clean_header(cell).casefold())
        if name and name not in columns:
            columns[name] = index
    return columns if "text" in columns else None


def row_values(table: Table, row: Row) -> dict[str, str] | None:
    """The row's cells by field, the guard taken off; None when the phrase columns are empty.

    Raises InvalidInput for a formula in one of the phrase columns.
    """
    cells = row.cells
    if not any(cells[i].strip() for i in table.columns.values() if i < len(cells)):
        return None
    values: dict[str, str] = {}
    for name, index in table.columns.items():
        if index in row.formulas:
            raise InvalidInput(
                f"{_column_name(index)} 列是公式（{cells[index][:40]}），"
                "为安全起见不导入公式，请改成普通文字"
            )
        cell = cells[index] if index < len(cells) else ""
        values[name] = unguard_cell(cell if name == "text" else cell.strip())
    return values


def _column_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _find_table(rows: Iterator[Row], where: str = "") -> Table | None:
    for _ in range(HEADER_LOOK):
        row = next(rows, None)
        if row is None:
            return None
        columns = header_columns(row.cells)
        if columns is not None:
            return Table(columns, rows, where)
    return None


def csv_table(text: str, name: str) -> Table | None:
    """The phrase table in CSV text (comma, tab or semicolon separated), or None."""
    for delimiter in (",", "\t", ";"):
        try:
            table = _find_table(csv_rows(text, name, delimiter, max_line_chars=None))
        except InvalidInput:
            continue
        if table is not None:
            return table
    return None


def xlsx_table(path: Path) -> Table | None:
    """The first sheet holding a phrase table. Formulas are read as formulas, never run."""
    # values="formulas": a formula cell must be seen as one (and refused), not as the value
    # some other program once cached for it.
    sheets = xlsx_sheets(
        path, max_unpacked=MAX_UNPACKED, values="formulas", sheets="all", strip=False
    )
    with closing(sheets):
        for index, (title, rows) in enumerate(sheets):
            table = _find_table(rows, "" if index == 0 else f"工作表「{title}」")
            if table is not None:
                # Read it all now: the workbook must be closed before this returns.
                kept = list(_limited(table.rows, path.name))
                return Table(table.columns, iter(kept), table.where)
    return None


def _limited(rows: Iterator[Row], name: str) -> Iterator[Row]:
    count = 0
    for row in rows:
        if not any(c.strip() for c in row.cells):
            continue
        count += 1
        check_phrase_count(count, name)
        yield row
