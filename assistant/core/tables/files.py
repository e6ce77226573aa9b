"""A table file's bytes and text: the size cap, the encodings shops use, NUL refused.

CSV encodings seen in Chinese shops: UTF-8, UTF-8 with BOM, UTF-16 (Excel's "Unicode
text") and GBK/GB18030; they are told apart without asking the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.core.errors import InvalidInput

XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True, slots=True)
class Row:
    line: int  # 1-based line (CSV) or row number (XLSX) in the file
    cells: list[str]
    formulas: tuple[int, ...] = ()  # columns holding a formula (XLSX read as formulas)


def unreadable(path: Path, exc: OSError) -> InvalidInput:
    if isinstance(exc, FileNotFoundError):
        return InvalidInput(f"找不到文件：{path}")
    return InvalidInput(f"无法读取 {path}：{exc.strerror or exc}")


def too_big(name: str, size: int, limit: int) -> InvalidInput:
    return InvalidInput(f"{name} 太大：{size} 字节，上限 {limit} 字节")


def check_size(path: Path, limit: int) -> None:
    """Refuse a file over ``limit`` bytes, or one that is missing or unreadable."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise unreadable(path, exc) from None
    if size > limit:
        raise too_big(path.name, size, limit)


def read_bytes(path: Path, limit: int) -> bytes:
    check_size(path, limit)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise unreadable(path, exc) from None


def old_xls(name: str) -> InvalidInput:
    return InvalidInput(f"{name}：旧版 .xls 格式不支持，请在 Excel/WPS 中另存为 .xlsx 或 .csv")


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


def decode_text(raw: bytes, name: str) -> str:
    """The file's text; one holding a NUL is not a text file whatever its encoding."""
    text, _ = decode_bytes(raw, name)
    if "\x00" in text:
        raise InvalidInput(f"{name}：文件含有空字符（NUL），不是有效的文本文件")
    return text
