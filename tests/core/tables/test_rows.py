"""The one table reader: bytes and text (files.py), CSV rows and XLSX rows, and what a
caller may ask differently of them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

import assistant.core.tables.reader as reader
from assistant.core.errors import InvalidInput
from assistant.core.tables.csv_rows import csv_rows, sniff_delimiter
from assistant.core.tables.files import check_size, decode_text, read_bytes
from assistant.core.tables.xlsx_rows import check_zip, xlsx_sheets

MULTI = 'a,b\n" x ","多\n行"\ny,z\n'


def test_a_row_is_numbered_as_a_spreadsheet_shows_it() -> None:
    # the cell with a line break is one row in Excel/WPS: the row after it is row 3, not 4
    assert [r.line for r in csv_rows(MULTI, "t.csv")] == [1, 2, 3]


def test_cells_are_kept_exactly_unless_stripping_is_asked_for() -> None:
    assert list(csv_rows(MULTI, "t.csv"))[1].cells == [" x ", "多\n行"]
    assert list(csv_rows(MULTI, "t.csv", strip=True))[1].cells == ["x", "多\n行"]


def test_the_delimiter_is_the_callers_or_sniffed() -> None:
    text = "a;b\tc\n1;2\t3\n"
    assert [r.cells for r in csv_rows(text, "t.csv", ";")] == [["a", "b\tc"], ["1", "2\t3"]]
    assert sniff_delimiter(text) == "\t"
    assert sniff_delimiter("a,b\tc,d\n") == ","


def test_a_line_over_the_cap_is_refused_only_when_there_is_a_cap() -> None:
    text = "a,b\n" + "x" * 50 + "\n"
    with pytest.raises(InvalidInput, match=r"t.csv 第 2 行太长（51 个字符，上限 40）"):
        list(csv_rows(text, "t.csv", max_line_chars=40))
    assert list(csv_rows(text, "t.csv", max_line_chars=None))[1].cells == ["x" * 50]


def test_a_malformed_row_names_its_row() -> None:
    text = 'a\n"x\n' + "y" * 200_000 + '"\n'  # over the csv module's field limit
    with pytest.raises(InvalidInput, match="第 2 行：CSV 格式错误"):
        list(csv_rows(text, "t.csv", max_line_chars=None))


def test_reading_bytes_checks_the_size_and_names_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"12345")
    assert read_bytes(path, 5) == b"12345"
    with pytest.raises(InvalidInput, match=r"^t\.csv 太大：5 字节，上限 4 字节$"):
        read_bytes(path, 4)
    with pytest.raises(InvalidInput, match=r"^找不到文件：.*gone\.csv$"):
        check_size(tmp_path / "gone.csv", 100)


def test_text_with_a_nul_is_refused_in_any_encoding() -> None:
    assert decode_text("快捷短语\n".encode("gbk"), "t.csv") == "快捷短语\n"
    with pytest.raises(InvalidInput, match="NUL"):
        decode_text("a\x00b".encode("utf-8-sig"), "t.csv")


def _workbook(path: Path) -> Path:
    book = Workbook()
    first = book.active
    first.title = "一"
    first.append([" 有空格 ", 2.0, "=1+1"])
    second = book.create_sheet("二")
    second.append(["第二张"])
    book.save(path)
    return path


def _sheets(path: Path, **kwargs: object) -> dict[str, list[tuple[list[str], tuple[int, ...]]]]:
    sheets = xlsx_sheets(path, max_unpacked=10**8, **kwargs)  # type: ignore[arg-type]
    return {title: [(r.cells, r.formulas) for r in rows] for title, rows in sheets}


def test_xlsx_first_sheet_cached_values_stripped_by_default(tmp_path: Path) -> None:
    # openpyxl writes no cached value for a formula, so "cached" reads it as empty
    assert _sheets(_workbook(tmp_path / "b.xlsx")) == {"一": [(["有空格", "2", ""], ())]}


def test_xlsx_formulas_all_sheets_unstripped_when_asked(tmp_path: Path) -> None:
    found = _sheets(_workbook(tmp_path / "b.xlsx"), values="formulas", sheets="all", strip=False)
    assert found == {
        "一": [([" 有空格 ", "2", "=1+1"], (2,))],
        "二": [(["第二张"], ())],
    }


def test_a_workbook_that_inflates_too_much_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/big.xml", b"\x00" * 100_000)
    check_zip(path, 100_000)
    with pytest.raises(InvalidInput, match=r"解压后太大（100000 字节，上限 99999）"):
        check_zip(path, 99_999)


def test_an_order_report_is_checked_for_a_zip_bomb_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workbook(tmp_path / "orders.xlsx")
    assert reader.MAX_REPORT_UNPACKED == 200 * 1024 * 1024
    assert [r.cells[0] for r in reader.read_table(path)] == ["有空格"]
    monkeypatch.setattr(reader, "MAX_REPORT_UNPACKED", 1000)
    with pytest.raises(InvalidInput, match="解压后太大"):
        list(reader.read_table(path))
