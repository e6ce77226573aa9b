"""Reading CSV and XLSX as text: encodings told apart without asking, order numbers kept exact."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from assistant.core.errors import InvalidInput
from assistant.core.tables.files import decode_bytes
from assistant.core.tables.reader import (
    HeaderNotFound,
    find_header,
    read_csv,
    read_table,
    read_xlsx,
)
from assistant.core.tables.xlsx_rows import cell_text

TEXT = "订单编号,买家会员名,实付金额\n3845123456789012345,张三_小店,12.50\n"
ROWS = [["订单编号", "买家会员名", "实付金额"], ["3845123456789012345", "张三_小店", "12.50"]]


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("utf-8-sig"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("gb18030"), "gb18030"),
    ],
)
def test_decode_bytes_tells_encodings_apart(raw: bytes, encoding: str) -> None:
    text, found = decode_bytes(raw, "x.csv")
    assert (text, found) == (TEXT, encoding)


def test_gb18030_only_characters_are_read() -> None:
    text = "买家会员名\n𠮷野家_店\n"  # 𠮷 is outside GBK, inside GB18030
    assert decode_bytes(text.encode("gb18030"), "x.csv")[0] == text


def test_undecodable_bytes_are_refused() -> None:
    with pytest.raises(InvalidInput, match="编码"):
        decode_bytes(b"\x80\x81\xff" * 50, "x.csv")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gbk"])
def test_read_csv_every_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "orders.csv"
    path.write_bytes(TEXT.encode(encoding))
    rows = list(read_csv(path))
    assert [r.cells for r in rows] == ROWS
    assert [r.line for r in rows] == [1, 2]


def test_read_csv_tab_separated_unicode_text_as_excel_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "orders.txt"
    path.write_bytes(TEXT.replace(",", "\t").replace("\n", "\r\n").encode("utf-16"))
    assert [r.cells for r in read_table(path)] == ROWS


def test_read_csv_keeps_quoted_commas_and_counts_lines(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text('a,b\n"1,234.00","多\n行"\nx,y\n', encoding="utf-8")
    rows = list(read_csv(path))
    assert [r.cells for r in rows] == [["a", "b"], ["1,234.00", "多\n行"], ["x", "y"]]
    assert rows[-1].line == 3  # the row Excel shows, not the file line (issue 14)


def test_a_nul_in_a_text_table_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_bytes(b"a,b\n1,\x002\n" * 3)
    with pytest.raises(InvalidInput, match="NUL"):
        list(read_csv(path))


def test_read_xlsx_gives_text_cells(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["订单编号", "买家会员名", "实付金额", "付款时间", "日期", "整数金额"])
    sheet.append(
        ["3845123456789012345", "张三", 12.5, datetime(2024, 3, 1, 9, 30), date(2024, 3, 2), 20.0]
    )
    sheet.append([123456789012, "李四", 7, None, None, 3])  # a JD-length number as an integer
    sheet.append([3845123456789012346, "王五"])  # too long for a number cell: stored rounded
    path = tmp_path / "orders.xlsx"
    book.save(path)
    rows = [r.cells for r in read_xlsx(path)]
    assert rows[1] == [
        "3845123456789012345",
        "张三",
        "12.5",
        "2024-03-01 09:30:00",
        "2024-03-02 00:00:00",
        "20",
    ]
    assert rows[2] == ["123456789012", "李四", "7", "", "", "3"]
    assert rows[3][:2] == ["3.845123456789012e+18", "王五"]  # never passed off as an exact number


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "是"),
        (12.0, "12"),
        (12.5, "12.5"),
        (3845123456789012345, "3845123456789012345"),
        (" a ", "a"),
        (datetime(2024, 1, 2, 3, 4, 5), "2024-01-02 03:04:05"),
        (date(2024, 1, 2), "2024-01-02"),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


@pytest.mark.parametrize("name", ["orders.xls", "orders.pdf", "orders.json"])
def test_other_file_types_are_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"whatever")
    with pytest.raises(InvalidInput):
        read_table(path)


def test_a_broken_xlsx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "orders.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InvalidInput, match="XLSX"):
        list(read_table(path))


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput):
        list(read_table(tmp_path / "missing.csv"))


def test_find_header_skips_title_rows(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("店铺订单报表\n导出时间：2024-03-01\n\n" + TEXT, encoding="utf-8")
    rows = read_table(path)
    header, before = find_header(rows, {"订单编号"})
    assert header.cells == ROWS[0]
    assert header.line == 4
    assert len(before) == 3
    assert [r.cells for r in rows] == [ROWS[1]]  # the data rows follow


def test_find_header_reports_the_first_row_it_saw(tmp_path: Path) -> None:
    path = tmp_path / "goods.csv"
    path.write_text("\n商品名称,数量\n鞋,1\n", encoding="utf-8")
    with pytest.raises(HeaderNotFound) as caught:
        find_header(read_table(path), {"订单编号"})
    assert caught.value.first_row == ["商品名称", "数量"]
