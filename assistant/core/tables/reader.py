"""Reading spreadsheets agents get from the back office or a team lead: CSV and XLSX.

CSV encodings seen in Chinese shops: UTF-8, UTF-8 with BOM, UTF-16 (Excel's "Unicode
text") and GBK/GB18030; they are told apart without asking the user. Every cell comes out
as text, so order numbers never turn into floats.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from assistant.core.errors import InvalidInput

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_LINE_CHARS = 1_000_000


@dataclass(frozen=True, slots=True)
class Row:
    line: int  # 1-based line (CSV) or row number (XLSX) in the file
    cells: list[str]


def decode_bytes(raw: bytes, source: str) -> tuple[str, str]:
    """Text and the name of the encoding it was in."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    sample = raw[:4000]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        # UTF-16 without a BOM: every other byte of ASCII text is NUL
        even_nuls = sample[1::2].count(b"\x00")
        encoding = "utf-16-le" if even_nuls > sample[0::2].count(b"\x00") else "utf-16-be"
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise InvalidInput(f"{source}：无法识别文件编码（支持 UTF-8、UTF-16、GBK/GB18030）")


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidInput(f"{path.name} 太大：{size} 字节，上限 {MAX_FILE_BYTES}")
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"无法读取 {path}：{exc.strerror or exc}") from exc


def read_csv(path: Path) -> Iterator[Row]:
    text, _ = decode_bytes(_read_bytes(path), path.name)
    if "\x00" in text:
        raise InvalidInput(f"{path.name}：文件含有空字符（NUL），不是有效的文本表格")
    sample = text[:5000]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(_lines(text, path.name), delimiter=delimiter)
    try:
        for cells in reader:
            yield Row(reader.line_num, [c.strip() for c in cells])
    except csv.Error as exc:
        raise InvalidInput(f"{path.name} 第 {reader.line_num} 行：CSV 格式错误（{exc}）") from exc


def _lines(text: str, name: str) -> Iterator[str]:
    """The file's lines, refusing one no report has: the csv module would otherwise split a
    line of a million cells into a list of a million strings (50 times the file's size)."""
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if len(line) > MAX_LINE_CHARS:
            raise InvalidInput(
                f"{name} 第 {number} 行太长（{len(line)} 个字符，上限 {MAX_LINE_CHARS}），"
                "不是正常的表格"
            )
        yield line


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


def read_xlsx(path: Path) -> Iterator[Row]:
    _read_bytes(path)  # size check and a readable file
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InvalidInput(f"{path.name}：不是有效的 XLSX 文件（{exc}）") from exc
    try:
        sheet = book.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield Row(number, [cell_text(v) for v in values])
    finally:
        book.close()


def read_table(path: Path) -> Iterator[Row]:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix in (".csv", ".txt", ".tsv", ""):
        return read_csv(path)
    if suffix == ".xls":
        raise InvalidInput(
            f"{path.name}：旧版 .xls 格式不支持，请在 Excel/WPS 中另存为 .xlsx 或 .csv"
        )
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
