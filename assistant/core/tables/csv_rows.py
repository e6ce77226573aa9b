"""CSV text into rows, read one way for every caller; what differs is a parameter."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from assistant.core.errors import InvalidInput
from assistant.core.tables.files import Row

MAX_LINE_CHARS = 1_000_000


class _LineTooLong(Exception):
    def __init__(self, length: int, limit: int) -> None:
        super().__init__(length, limit)
        self.length, self.limit = length, limit


def sniff_delimiter(text: str) -> str:
    """Tab when the start of the text has more tabs than commas (Excel's "Unicode text")."""
    sample = text[:5000]
    return "\t" if sample.count("\t") > sample.count(",") else ","


def csv_rows(
    text: str,
    name: str,
    delimiter: str = ",",
    *,
    max_line_chars: int | None = MAX_LINE_CHARS,
    strip: bool = False,
) -> Iterator[Row]:
    """The rows of CSV text, numbered as Excel and WPS number them: row N is the Nth record
    (the header is row 1), however many line breaks the cells before it hold.

    Raises InvalidInput for a malformed row and, with ``max_line_chars``, for a line no real
    table has; both name the row.
    """
    lines: Iterator[str] = io.StringIO(text, newline="")
    if max_line_chars is not None:
        lines = _limited_lines(lines, max_line_chars)
    reader = csv.reader(lines, delimiter=delimiter)
    number = 0  # the last row read; a problem is in the one after it
    try:
        for number, cells in enumerate(reader, start=1):
            yield Row(number, [c.strip() for c in cells] if strip else cells)
    except csv.Error as exc:
        raise InvalidInput(f"{name} 第 {number + 1} 行：CSV 格式错误（{exc}）") from exc
    except _LineTooLong as exc:
        raise InvalidInput(
            f"{name} 第 {number + 1} 行太长（{exc.length} 个字符，上限 {exc.limit}），"
            "不是正常的表格"
        ) from None


def _limited_lines(lines: Iterator[str], limit: int) -> Iterator[str]:
    """The lines, refusing one over ``limit``: the csv module would otherwise split a line of
    a million cells into a list of a million strings (50 times the file's size)."""
    for line in lines:
        if len(line) > limit:
            raise _LineTooLong(len(line), limit)
        yield line
