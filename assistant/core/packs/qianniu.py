"""Phrase tables as agents keep them (千牛 quick-phrase sheets): columns, cells, reading.

The columns are those of 千牛's quick-phrase export (快捷编码, 快捷短语, 快捷短语分组) plus
标题 and 标签, in any order. Cells are read exactly, not stripped: a phrase's own spaces and
line breaks survive. A cell a spreadsheet would run as a formula is written with a leading
apostrophe, and the reader takes that apostrophe off again, so the text round-trips.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.core.errors import InvalidInput
from assistant.core.tables.cells import unguard_cell
from assistant.core.tables.reader import cell_text, clean_header, decode_bytes

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
}
HEADER_NAMES = {alias.casefold(): name for name, aliases in _ALIASES.items() for alias in aliases}
TAG_JOIN = "，"
_TAG_SPLIT = re.compile(r"[，,、]")
HEADER_LOOK = 15  # rows searched for the header (a title line may come first)
MAX_UNPACKED = 80 * 1024 * 1024  # an XLSX is a zip: refuse one that inflates beyond this


@dataclass(frozen=True, slots=True)
class TableRow:
    line: int  # first line of the row (CSV) or row number (XLSX), 1-based
    cells: list[str]
    formulas: tuple[int, ...] = ()  # columns holding a formula (XLSX), never evaluated


@dataclass(frozen=True, slots=True)
class Table:
    columns: dict[str, int]  # field -> index of its column
    rows: Iterator[TableRow]  # the rows after the header
    where: str = ""  # which sheet, when it is not the first


def join_tags(tags: list[str]) -> str:
    return TAG_JOIN.join(tags)


def split_tags(cell: str) -> list[str]:
    return [t.strip() for t in _TAG_SPLIT.split(cell) if t.strip()]


def header_columns(cells: list[str]) -> dict[str, int] | None:
    """Which column holds which field, if this row is a header naming the phrase column."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = HEADER_NAMES.get(clean_header(cell).casefold())
        if name and name not in columns:
            columns[name] = index
    return columns if "text" in columns else None


def row_values(table: Table, row: TableRow) -> dict[str, str] | None:
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


def _find_table(rows: Iterator[TableRow], where: str = "") -> Table | None:
    for _ in range(HEADER_LOOK):
        row = next(rows, None)
        if row is None:
            return None
        columns = header_columns(row.cells)
        if columns is not None:
            return Table(columns, rows, where)
    return None


def decode_text(raw: bytes, name: str) -> str:
    text, _ = decode_bytes(raw, name)
    if "\x00" in text:
        raise InvalidInput(f"{name}：文件含有空字符（NUL），不是有效的文本文件")
    return text


def _csv_rows(text: str, delimiter: str, name: str) -> Iterator[TableRow]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    try:
        for cells in reader:
            yield TableRow(start, cells)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InvalidInput(f"{name} 第 {start} 行：CSV 格式错误（{exc}）") from exc


def csv_table(text: str, name: str) -> Table | None:
    """The phrase table in CSV text (comma, tab or semicolon separated), or None."""
    for delimiter in (",", "\t", ";"):
        try:
            table = _find_table(_csv_rows(text, delimiter, name))
        except InvalidInput:
            continue
        if table is not None:
            return table
    return None


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise InvalidInput(f"{path.name}：不是有效的 XLSX 文件（{exc}）") from exc
    if unpacked > MAX_UNPACKED:
        raise InvalidInput(f"{path.name}：解压后太大（{unpacked} 字节，上限 {MAX_UNPACKED}）")


def _xlsx_row(number: int, cells: tuple[Any, ...]) -> TableRow:
    texts: list[str] = []
    formulas: list[int] = []
    for index, cell in enumerate(cells):
        value = getattr(cell, "value", None)
        if getattr(cell, "data_type", None) == "f":
            formulas.append(index)
        texts.append(value if isinstance(value, str) else cell_text(value))
    return TableRow(number, texts, tuple(formulas))


def xlsx_table(path: Path, max_rows: int) -> Table | None:
    """The first sheet holding a phrase table. Formulas are read as formulas, never run."""
    _check_zip(path)
    from openpyxl import load_workbook

    try:
        # data_only=False: a formula cell must be seen as one (and refused), not as the
        # value some other program once cached for it.
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InvalidInput(f"{path.name}：不是有效的 XLSX 文件（{exc}）") from exc
    try:
        for index, sheet in enumerate(book.worksheets):
            rows = (_xlsx_row(n, cells) for n, cells in enumerate(sheet.iter_rows(), start=1))
            table = _find_table(rows, "" if index == 0 else f"工作表「{sheet.title}」")
            if table is not None:
                # Read it all now: the workbook must be closed before this returns.
                kept = [r for r in _limited(table.rows, max_rows, path.name)]
                return Table(table.columns, iter(kept), table.where)
        return None
    except InvalidInput:
        raise
    except Exception as exc:
        raise InvalidInput(f"{path.name}：不是有效的 XLSX 文件（{exc}）") from exc
    finally:
        book.close()


def _limited(rows: Iterator[TableRow], max_rows: int, name: str) -> Iterator[TableRow]:
    count = 0
    for row in rows:
        if not any(c.strip() for c in row.cells):
            continue
        count += 1
        if count > max_rows:
            raise InvalidInput(f"{name}：短语太多（超过 {max_rows} 条）")
        yield row
