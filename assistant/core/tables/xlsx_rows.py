"""XLSX sheets into rows of text, read one way for every caller; what differs is a parameter.

An XLSX is a zip, so its unpacked size is checked before anything is inflated. Every cell
comes out as text, so order numbers never turn into floats.
"""

from __future__ import annotations

import zipfile
from collections.abc import Generator, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from assistant.core.errors import InvalidInput
from assistant.core.tables.files import Row, unreadable
from assistant.core.text import first_line

Values = Literal["cached", "formulas"]
Sheets = Literal["first", "all"]


def not_xlsx(name: str, exc: BaseException) -> InvalidInput:
    # openpyxl's text runs over three lines (a DTD: "…contain some invalid XML. Please see…")
    return InvalidInput(f"{name}：不是有效的 XLSX 文件（{first_line(str(exc))}）")


def check_zip(path: Path, max_unpacked: int) -> None:
    """Refuse a workbook whose parts would inflate beyond ``max_unpacked`` bytes."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except FileNotFoundError as exc:
        raise unreadable(path, exc) from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise not_xlsx(path.name, exc) from exc
    if unpacked > max_unpacked:
        raise InvalidInput(f"{path.name}：解压后太大（{unpacked} 字节，上限 {max_unpacked}）")


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def xlsx_sheets(
    path: Path,
    *,
    max_unpacked: int,
    values: Values = "cached",
    sheets: Sheets = "first",
    strip: bool = True,
) -> Generator[tuple[str, Iterator[Row]], None, None]:
    """Each sheet's title and rows; the workbook stays open until this is used up or closed.

    ``values="cached"`` gives what a formula last showed; ``"formulas"`` gives the formula
    itself, never run, its column in ``Row.formulas``. ``strip=False`` keeps a text cell's
    own spaces and line breaks. Anything wrong inside the file is an InvalidInput.
    """
    check_zip(path, max_unpacked)
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=values == "cached")
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise not_xlsx(path.name, exc) from exc
    try:
        worksheets = book.worksheets if sheets == "all" else book.worksheets[:1]
        for sheet in worksheets:
            yield sheet.title, _sheet_rows(sheet, path.name, values, strip)
    finally:
        book.close()


def _sheet_rows(sheet: Any, name: str, values: Values, strip: bool) -> Iterator[Row]:
    # The size a workbook states for a sheet is not trusted: some programs write a wrong one,
    # and openpyxl stopped there, dropping the rows after it without a word. Each row is
    # numbered by its place in the sheet (missing rows count), as Excel and WPS show it.
    sheet.reset_dimensions()
    try:
        if values == "cached":
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield Row(number, [_text(v, strip) for v in cells])
        else:
            for number, cells in enumerate(sheet.iter_rows(), start=1):
                yield _formula_row(number, cells, strip)
    except InvalidInput:
        raise
    except Exception as exc:  # a broken part shows only once it is read
        raise not_xlsx(name, exc) from exc


def _formula_row(number: int, cells: tuple[Any, ...], strip: bool) -> Row:
    texts = [_text(getattr(cell, "value", None), strip) for cell in cells]
    formulas = tuple(i for i, c in enumerate(cells) if getattr(c, "data_type", None) == "f")
    return Row(number, texts, formulas)


def _text(value: Any, strip: bool) -> str:
    return value if isinstance(value, str) and not strip else cell_text(value)
