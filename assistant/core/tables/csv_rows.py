"""CSV text into rows, read one way for every caller; what differs is a parameter."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Literal

from assistant.core.errors import InvalidInput
from assistant.core.tables.files import Row

MAX_LINE_CHARS = 1_000_000
NumberBy = Literal["first_line", "last_line"]


def sniff_delimiter(text: str) -> str:
    """Tab when the start of the text has more tabs than commas (Excel's "Unicode text")."""
    sample = text[:5000]
    return "\t" if sample.count("\t") > sample.count(",") else ","


def csv_rows(
    text: str,
    name: str,
    delimiter: str = ",",
    *,
    number_by: NumberBy = "first_line",
    max_line_chars: int | None = MAX_LINE_CHARS,
    strip: bool = False,
) -> Iterator[Row]:
    """The rows of CSV text; a row spanning lines is numbered by its first or its last line.

    Raises InvalidInput for a malformed row and, with ``max_line_chars``, for a line no real
    table has.
    """
    lines: Iterator[str] = io.StringIO(text, newline="")
    if max_line_chars is not None:
        lines = _limited_lines(lines, name, max_line_chars)
    reader = csv.reader(lines, delimiter=delimiter)
    start = 1
    try:
        for cells in reader:
            line = start if number_by == "first_line" else reader.line_num
            yield Row(line, [c.strip() for c in cells] if strip else cells)
            start = reader.line_num + 1
    except csv.Error as exc:
        line = start if number_by == "first_line" else reader.line_num
        raise InvalidInput(f"{name} 第 {line} 行：CSV 格式错误（{exc}）") from exc


def _limited_lines(lines: Iterator[str], name: str, limit: int) -> Iterator[str]:
    """The lines, refusing one over ``limit``: the csv module would otherwise split a line of
    a million cells into a list of a million strings (50 times the file's size)."""
    for number, line in enumerate(lines, start=1):
        if len(line) > limit:
            raise InvalidInput(
                f"{name} 第 {number} 行太长（{len(line)} 个字符，上限 {limit}），不是正常的表格"
            )
        yield line
