"""Row N in a message is the row Excel and WPS show, header = row 1 (issue 14, item 12).

Cells with line breaks (quoted newlines in a CSV) used to shift the numbers: the bad row after
two three-line cells was named "第 8 行" while the spreadsheet shows it as row 4. Real files are
written here and read through the phrase importer and the order-report import.
"""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from assistant.core.buyers.orders import import_orders
from assistant.core.errors import InvalidInput
from assistant.core.packs.importer import import_file
from assistant.core.packs.report import ImportRefused
from assistant.core.workspace import Workspace

MULTI_LINE = ["亲，退货流程：\n1. 申请退货\n2. 寄回商品", "亲，换货流程：\n1. 申请换货\n2. 寄回"]
PHRASE_ROWS = [
    ["快捷编码", "快捷短语", "快捷短语分组"],
    ["th", MULTI_LINE[0], "售后"],
    ["hh", MULTI_LINE[1], "售后"],
    ["bad", "亲{昵称，这一行的花括号没有配对", "售后"],  # row 4 in Excel
    ["ok", "亲，最后一行没问题", "售后"],
]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize("write", [write_csv, write_xlsx], ids=["csv", "xlsx"])
def test_a_bad_phrase_row_is_named_by_its_spreadsheet_row(
    empty_ws: Workspace, tmp_path: Path, write: object
) -> None:
    suffix = ".csv" if write is write_csv else ".xlsx"
    path = write(tmp_path / f"千牛短语{suffix}", PHRASE_ROWS)  # type: ignore[operator]
    with pytest.raises(ImportRefused) as refused:
        import_file(empty_ws.phrases, path)
    [bad] = refused.value.report.bad
    assert (bad.line, bad.where) == (4, "第 4 行")
    assert "第 4 行：" in str(refused.value)
    report = import_file(empty_ws.phrases, path, skip_bad=True)
    assert [(r.line, r.action) for r in report.results] == [
        (2, "added"),
        (3, "added"),
        (4, "skipped"),
        (5, "added"),
    ]


def test_a_csv_format_error_names_the_spreadsheet_row(empty_ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "坏表.csv"
    path.write_text(
        f'快捷短语,分组\n"{MULTI_LINE[0]}",售后\n"{MULTI_LINE[1]}",售后\n"'
        + "长" * 200_000
        + '"\n',
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput, match=r"第 4 行：CSV 格式错误"):
        import_file(empty_ws.phrases, path)


ORDER_HEADER = ["订单编号", "买家会员名", "买家实际支付金额", "订单状态", "买家留言"]


@pytest.mark.parametrize("write", [write_csv, write_xlsx], ids=["csv", "xlsx"])
def test_a_skipped_order_row_is_named_by_its_spreadsheet_row(
    empty_ws: Workspace, tmp_path: Path, write: object
) -> None:
    rows = [
        ORDER_HEADER,
        ["100001", "tb_a", "59.00", "交易成功", "请发顺丰\n周末不在家\n放门卫"],
        ["100002", "tb_b", "88.00", "交易成功", "第一行\n第二行"],
        ["100003", "tb_c", "很多钱", "交易成功", ""],  # row 4: the amount is not a number
        ["100004", "", "10.00", "交易成功", ""],  # row 5: no account
    ]
    suffix = ".csv" if write is write_csv else ".xlsx"
    path = write(tmp_path / f"订单报表{suffix}", rows)  # type: ignore[operator]
    report = import_orders(empty_ws.buyers, path)
    assert [line for line, _ in report.skipped] == [4, 5]
    assert report.skipped[1][1] == "缺少买家账号"


def test_rows_past_a_wrong_sheet_size_in_the_workbook_are_read(
    empty_ws: Workspace, tmp_path: Path
) -> None:
    """Some programs write a wrong size for a sheet (<dimension ref="A1:C2"/>): openpyxl
    stopped reading there, and the rows after it were left out without a word."""
    path = write_xlsx(tmp_path / "原表.xlsx", [row for row in PHRASE_ROWS if row[0] != "bad"])
    wrong = tmp_path / "尺寸写错.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(wrong, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C2"', data)
                assert n == 1
            target.writestr(item, data)
    report = import_file(empty_ws.phrases, wrong)
    assert [(r.line, r.action) for r in report.results] == [
        (2, "added"),
        (3, "added"),
        (4, "added"),
    ]
