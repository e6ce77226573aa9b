"""Repeat buyers from order reports: each import rule on real files in tmp_path."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from assistant.core.buyers.book import BuyerBook
from assistant.core.buyers.orders import ImportReport, import_orders, parse_mapping
from assistant.core.errors import InvalidInput
from assistant.core.workspace import Workspace, open_workspace
from tests.helpers import snapshot

TAOBAO = ["订单编号", "买家会员名", "买家实际支付金额", "订单状态", "订单创建时间", "订单付款时间"]
PAID = "交易成功"


def order(
    no: str,
    account: str,
    amount: str = "10.00",
    status: str = PAID,
    created: str = "2024-03-01 10:00:00",
    paid: str | None = None,
) -> list[str]:
    if paid is None:
        paid = created if status == PAID else ""
    return [no, account, amount, status, created, paid]


def write_csv(
    path: Path, rows: list[list[str]], header: list[str] = TAOBAO, encoding: str = "utf-8"
) -> Path:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter="\t" if encoding == "utf-16" else ",").writerows([header, *rows])
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def run(book: BuyerBook, path: Path, **options: object) -> ImportReport:
    return import_orders(book, path, **options)  # type: ignore[arg-type]


@pytest.fixture
def book(empty_ws: Workspace) -> BuyerBook:
    return empty_ws.buyers


# -- columns and file formats -------------------------------------------------------------


def test_taobao_back_office_columns_are_recognised(book: BuyerBook, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "orders.csv", [order("1001", "tb_小王", "25.50")])
    report = run(book, path)
    assert report.columns == {
        "order_no": "订单编号",
        "account": "买家会员名",
        "amount": "买家实际支付金额",
        "status": "订单状态",
        "created_at": "订单创建时间",
        "paid_at": "订单付款时间",
    }
    assert (report.rows, report.orders_counted, report.buyers_created) == (1, 1, 1)
    assert book.get("tb_小王").total_spent == 25.5


def test_common_variant_columns_are_recognised(book: BuyerBook, tmp_path: Path) -> None:
    header = ["订单号", "买家昵称", "实付金额", "交易状态", "下单时间", "付款时间"]
    rows = [order("2001", "小李", "8"), order("2002", "小李", "2", status="等待买家付款")]
    report = run(book, write_csv(tmp_path / "o.csv", rows, header))
    assert report.columns == dict(
        zip(
            ("order_no", "account", "amount", "status", "created_at", "paid_at"),
            header,
            strict=True,
        )
    )
    assert (report.orders_counted, report.unpaid) == (1, 1)
    assert book.get("小李").total_spent == 8.0


def test_map_names_other_columns(empty_ws: Workspace, tmp_path: Path) -> None:
    header = ["单号", "旺旺名", "付了多少", "付款时刻"]
    rows = [["3001", "老张", "15", "2024-05-01 08:00"], ["3002", "老张", "5", "2024-06-01 08:00"]]
    path = write_csv(tmp_path / "o.csv", rows, header)
    before = snapshot(empty_ws.path)
    with pytest.raises(InvalidInput) as refused:
        run(empty_ws.buyers, path)
    assert "单号、旺旺名、付了多少、付款时刻" in str(refused.value)
    assert snapshot(empty_ws.path) == before
    mapping = parse_mapping(
        ["单号=order_no", "旺旺名=account", "付了多少=amount", "付款时刻=paid_at"]
    )
    report = run(empty_ws.buyers, path, mapping=mapping)
    assert report.columns == {
        "order_no": "单号",
        "account": "旺旺名",
        "amount": "付了多少",
        "paid_at": "付款时刻",
    }
    buyer = empty_ws.buyers.get("老张")
    assert (buyer.order_count, buyer.total_spent) == (2, 20.0)
    assert buyer.last_order_at is not None and buyer.last_order_at.startswith("2024-06-01T08:00")


def test_map_accepts_chinese_field_names_and_overrides_a_known_column(
    book: BuyerBook, tmp_path: Path
) -> None:
    header = ["订单编号", "买家会员名", "收货人", "实付金额"]
    path = write_csv(tmp_path / "o.csv", [["4001", "acc_1", "王小明", "9"]], header)
    run(book, path, mapping=parse_mapping(["收货人=买家"]))
    assert [b.account for b in book.all()] == ["王小明"]


@pytest.mark.parametrize(
    "pairs",
    [["旺旺名"], ["旺旺名=nobody"], ["=account"], ["旺旺名=account"]],
)
def test_a_wrong_map_is_refused(book: BuyerBook, tmp_path: Path, pairs: list[str]) -> None:
    path = write_csv(tmp_path / "o.csv", [order("1", "a")])
    with pytest.raises(InvalidInput):
        run(book, path, mapping=parse_mapping(pairs))
    assert book.all(archived=None) == []


@pytest.mark.parametrize(("encoding", "name"), [
    ("utf-8", "o.csv"),
    ("utf-8-sig", "o.csv"),
    ("utf-16", "o.txt"),  # Excel's "Unicode text": UTF-16 with BOM, tab-separated
    ("gbk", "o.csv"),
])  # fmt: skip
def test_every_csv_encoding_gives_the_same_import(
    book: BuyerBook, tmp_path: Path, encoding: str, name: str
) -> None:
    rows = [
        order("281234567890123456", "张三_旗舰", "￥1,288.00"),
        order("281234567890123457", "张三_旗舰", "12.5", created="2024-04-02 09:00:00"),
        order("281234567890123458", "李四", "5", status="交易关闭"),
    ]
    report = run(book, write_csv(tmp_path / name, rows, encoding=encoding))
    assert report.columns["account"] == "买家会员名"
    assert (report.rows, report.orders_counted, report.unpaid, report.skipped) == (3, 2, 1, [])
    zhang = book.get("张三_旗舰")
    assert (zhang.order_count, zhang.total_spent) == (2, 1300.5)
    assert set(book.folder.buyers.get("taobao:张三_旗舰")["orders"]) == {  # type: ignore[index]
        "281234567890123456",
        "281234567890123457",
    }
    assert book.get("李四").order_count == 0


def test_xlsx_written_by_openpyxl(book: BuyerBook, tmp_path: Path) -> None:
    wb = Workbook()
    sheet = wb.active
    sheet.append(["淘宝订单报表"])  # a title row above the header
    sheet.append(TAOBAO)
    sheet.append(["381234567890123456", "小王", 99.9, PAID, datetime(2024, 1, 5, 10), None])
    sheet.append(["381234567890123457", "小王", 0.1, "卖家已发货", datetime(2024, 2, 5, 10), None])
    sheet.append([123456789012, "京东客", 30, PAID, "2024-03-01 10:00:00", None])  # integer cell
    sheet.append([3.81234567890123e17, "坏格式", 1, PAID, "2024-03-01 10:00:00", None])
    path = tmp_path / "orders.xlsx"
    wb.save(path)
    report = run(book, path)
    assert (report.rows, report.orders_counted) == (4, 3)
    assert [line for line, _ in report.skipped] == [6]  # the row number in the sheet
    assert "科学计数法" in report.skipped[0][1]
    xiao = book.get("小王")
    assert (xiao.order_count, xiao.total_spent) == (2, 100.0)
    assert xiao.first_order_at is not None and xiao.first_order_at.startswith("2024-01-05T10:00:00")
    orders = book.folder.buyers.get("taobao:小王")["orders"]  # type: ignore[index]
    assert set(orders) == {"381234567890123456", "381234567890123457"}
    assert set(book.folder.buyers.get("taobao:京东客")["orders"]) == {"123456789012"}  # type: ignore[index]
    assert not book.exists("坏格式")


def test_order_numbers_are_cleaned_of_excel_text_markers(book: BuyerBook, tmp_path: Path) -> None:
    rows = [
        order('="001234"', "a"),
        order("'001235", "a"),
        order("001236\t", "a"),
        order('="001234"', "a"),  # the same order again, written differently
        order("001234", "a"),
    ]
    report = run(book, write_csv(tmp_path / "o.csv", rows))
    assert (report.orders_counted, report.duplicates) == (3, 2)
    assert set(book.folder.buyers.get("taobao:a")["orders"]) == {"001234", "001235", "001236"}  # type: ignore[index]


# -- the rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "paid_at", "counted"),
    [
        ("交易成功", "2024-03-01 10:00:00", True),
        ("交易成功", "", True),
        ("卖家已发货，等待买家确认", "", True),
        ("买家已付款，等待卖家发货", "", True),
        ("交易关闭", "", False),
        ("已取消", "", False),
        ("等待买家付款", "", False),
        ("", "", False),
        ("交易关闭", "2024-03-01 10:00:00", True),  # paid, then closed (e.g. refunded)
        ("", "2024-03-01 10:00:00", True),
    ],
)
def test_a_paid_order_has_a_payment_time_or_a_paying_status(
    book: BuyerBook, tmp_path: Path, status: str, paid_at: str, counted: bool
) -> None:
    row = ["5001", "buyer", "10", status, "2024-03-01 09:00:00", paid_at]
    report = run(book, write_csv(tmp_path / "o.csv", [row]))
    assert (report.orders_counted, report.unpaid) == ((1, 0) if counted else (0, 1))
    assert book.get("buyer").order_count == (1 if counted else 0)


def test_without_status_or_payment_columns_every_order_counts(
    book: BuyerBook, tmp_path: Path
) -> None:
    rows = [["1", "a", "3"], ["2", "a", "4"]]
    report = run(book, write_csv(tmp_path / "o.csv", rows, ["订单编号", "买家会员名", "实付金额"]))
    assert report.orders_counted == 2
    assert book.get("a").total_spent == 7.0


def test_each_order_number_counts_once(empty_ws: Workspace, tmp_path: Path) -> None:
    book = empty_ws.buyers
    rows = [
        order("1", "a", "10"),
        order("1", "a", "10"),  # repeated in the same report
        order("2", "a", "20"),
        order("3", "b", "5"),
        order("4", "b", "1", status="已取消"),
    ]
    path = write_csv(tmp_path / "o.csv", rows)
    first = run(book, path)
    assert (first.orders_counted, first.duplicates, first.unpaid) == (3, 1, 1)
    state = [b.to_json() for b in book.all()]
    files = snapshot(empty_ws.path / "buyers")

    second = run(book, path)
    assert second.orders_counted == 0
    assert second.duplicates == first.orders_counted + first.duplicates
    assert (second.buyers_created, second.buyers_updated, second.tagged, second.moved) == (0,) * 4
    assert [b.to_json() for b in book.all()] == state
    assert snapshot(empty_ws.path / "buyers") == files


def test_a_later_report_adds_only_new_orders(book: BuyerBook, tmp_path: Path) -> None:
    run(
        book,
        write_csv(tmp_path / "jan.csv", [order("1", "a", "10", created="2024-01-10 10:00:00")]),
    )
    assert book.get("a").tags == []
    rows = [
        order("1", "a", "10", created="2024-01-10 10:00:00"),
        order("2", "a", "30", created="2024-02-10 10:00:00"),
    ]
    report = run(book, write_csv(tmp_path / "feb.csv", rows))
    assert (report.orders_counted, report.duplicates, report.tagged) == (1, 1, 1)
    buyer = book.get("a")
    assert (buyer.order_count, buyer.total_spent, buyer.tags) == (2, 40.0, ["回头客"])


def test_order_count_total_first_and_last_order(book: BuyerBook, tmp_path: Path) -> None:
    rows = [
        order("1", "a", "10.10", created="2024-05-01 10:00:00"),
        order("2", "a", "20.20", created="2023-12-31 23:59:59"),
        order("3", "a", "0.03", created="2024-02-29 08:00:00", paid="2024-03-01 08:00:00"),
        order("4", "a", "100", status="等待买家付款", created="2025-01-01 00:00:00"),
    ]
    run(book, write_csv(tmp_path / "o.csv", rows))
    data = book.get("a").to_json()
    assert data["order_count"] == 3
    assert data["total_spent"] == 30.33
    assert isinstance(data["total_spent"], float)
    first = datetime.fromisoformat(data["first_order_at"])
    last = datetime.fromisoformat(data["last_order_at"])
    assert first.tzinfo is not None and last.tzinfo is not None
    assert first.replace(tzinfo=None) == datetime(2023, 12, 31, 23, 59, 59)
    assert last.replace(tzinfo=None) == datetime(2024, 5, 1, 10, 0, 0)


def test_two_paid_orders_make_a_repeat_buyer(book: BuyerBook, tmp_path: Path) -> None:
    rows = [
        order("1", "twice", "1"),
        order("2", "twice", "1"),
        order("3", "once", "1"),
        order("4", "once_paid_once_not", "1"),
        order("5", "once_paid_once_not", "1", status="交易关闭"),
    ]
    report = run(book, write_csv(tmp_path / "o.csv", rows))
    assert report.tagged == 1
    assert book.get("twice").tags == ["回头客"]
    assert book.get("once").tags == []
    assert book.get("once_paid_once_not").tags == []


def test_the_repeat_tag_joins_existing_tags(book: BuyerBook, tmp_path: Path) -> None:
    book.add("a", tags=["价格敏感"], remark="阿姐", notes="老客户")
    run(book, write_csv(tmp_path / "o.csv", [order("1", "a"), order("2", "a")]))
    buyer = book.get("a")
    assert buyer.tags == ["价格敏感", "回头客"]
    assert (buyer.remark, buyer.notes) == ("阿姐", "老客户")


@pytest.mark.parametrize(
    ("group", "subgroup", "after"),
    [
        (None, None, (8, None)),
        (3, None, (8, None)),
        (4, None, (8, None)),
        (1, "1A", (1, "1A")),
        (2, "2B", (2, "2B")),
        (5, None, (5, None)),
        (6, None, (6, None)),
        (7, None, (7, None)),
        (8, None, (8, None)),
        (9, None, (9, None)),
        (10, None, (10, None)),
    ],
)
def test_a_paying_buyer_moves_to_group_8_only_from_no_group_3_or_4(
    book: BuyerBook,
    tmp_path: Path,
    group: int | None,
    subgroup: str | None,
    after: tuple[int, str | None],
) -> None:
    book.add("a", group=group, subgroup=subgroup)
    report = run(book, write_csv(tmp_path / "o.csv", [order("1", "a")]))
    buyer = book.get("a")
    assert (buyer.group, buyer.subgroup) == after
    assert report.moved == (1 if group in (None, 3, 4) else 0)


@pytest.mark.parametrize("group", [None, 3, 4])
def test_an_unpaid_order_moves_nobody(book: BuyerBook, tmp_path: Path, group: int | None) -> None:
    book.add("a", group=group)
    report = run(book, write_csv(tmp_path / "o.csv", [order("1", "a", status="等待买家付款")]))
    assert book.get("a").group == group
    assert report.moved == 0


def test_buyers_seen_for_the_first_time_are_created(book: BuyerBook, tmp_path: Path) -> None:
    book.add("known", remark="老熟人")
    rows = [order("1", "known"), order("2", "new_one", "12"), order("3", "new_two", "3")]
    report = run(book, write_csv(tmp_path / "o.csv", rows), platform="tmall")
    assert (report.buyers_created, report.buyers_updated) == (3, 0)  # tmall:known is new too
    created = book.get("new_one")
    assert created.to_json()["platform"] == "tmall"
    assert (created.group, created.order_count, created.total_spent) == (8, 1, 12.0)
    assert created.remark == "" and created.archived is False
    datetime.fromisoformat(created.created_at)
    assert book.get("known", "taobao").order_count == 0
    assert book.get("known", "tmall").order_count == 1
    report = run(book, write_csv(tmp_path / "tb.csv", [order("9", "known")]))
    assert (report.buyers_created, report.buyers_updated) == (0, 1)
    assert book.get("known", "taobao").remark == "老熟人"


def test_bad_rows_are_reported_with_line_and_reason(book: BuyerBook, tmp_path: Path) -> None:
    rows = [
        order("1", "good", "10"),
        order("", "no_number"),
        order("3", ""),
        order("4", "bad_amount", "十块"),
        order("5", "bad_time", created="昨天下午", paid="昨天下午"),
        order("6", "negative", "-5"),
        order("7.1E+17", "mangled"),
        order("8", "good", "5"),
    ]
    report = run(
        book, write_csv(tmp_path / "o.csv", [*rows[:2], ["", "", "", "", "", ""], *rows[2:]])
    )
    lines = {line: reason for line, reason in report.skipped}
    assert sorted(lines) == [3, 5, 6, 7, 8, 9]  # header is line 1; line 4 is blank
    assert "订单编号" in lines[3]
    assert "买家" in lines[5]
    assert "金额" in lines[6] and "十块" in lines[6]
    assert "时间" in lines[7]
    assert "金额" in lines[8]
    assert "科学计数法" in lines[9]
    assert (report.rows, report.orders_counted) == (8, 2)
    assert [b.account for b in book.all()] == ["good"]
    assert book.get("good").total_spent == 15.0


def test_dry_run_changes_nothing_and_reports_the_same(empty_ws: Workspace, tmp_path: Path) -> None:
    book = empty_ws.buyers
    book.add("in_group_3", group=3)
    book.add("repeat", group=9)
    rows = [
        order("1", "in_group_3"),
        order("2", "repeat"),
        order("3", "repeat"),
        order("4", "brand_new"),
        order("4", "brand_new"),
        order("5", "brand_new", status="交易关闭"),
        order("", "broken"),
    ]
    path = write_csv(tmp_path / "o.csv", rows)
    before = snapshot(empty_ws.path)
    dry = run(book, path, dry_run=True)
    assert snapshot(empty_ws.path) == before
    assert not book.exists("brand_new")
    real = run(book, path)
    assert dry.dry_run and not real.dry_run
    dry_numbers, real_numbers = dry.to_json(), real.to_json()
    dry_numbers.pop("dry_run"), real_numbers.pop("dry_run")
    assert dry_numbers == real_numbers
    assert (real.buyers_created, real.buyers_updated, real.tagged, real.moved) == (1, 2, 1, 2)
    assert book.get("in_group_3").group == 8


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(b"\x80\x81\xff\xfe" * 500)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    xls = tmp_path / "orders.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    broken_xlsx = tmp_path / "broken.xlsx"
    broken_xlsx.write_bytes(b"not a zip file at all")
    return {
        "wrong": write_csv(
            tmp_path / "goods.csv", [["鞋", "1", "20"]], ["商品名称", "数量", "单价"]
        ),
        "half": write_csv(tmp_path / "half.csv", [["1", "鞋"]], ["订单编号", "商品名称"]),
        "garbage": garbage,
        "empty": empty,
        "xls": xls,
        "broken_xlsx": broken_xlsx,
        "missing": tmp_path / "missing.csv",
    }


@pytest.mark.parametrize(
    ("kind", "says"),
    [
        ("wrong", ["商品名称、数量、单价"]),
        ("half", ["买家会员名", "订单编号、商品名称"]),
        ("garbage", ["编码"]),
        ("empty", ["空"]),
        ("xls", [".xls", ".xlsx"]),
        ("broken_xlsx", ["XLSX"]),
        ("missing", ["missing.csv"]),
    ],
)
def test_a_bad_file_changes_nothing_and_says_why(
    empty_ws: Workspace, tmp_path: Path, kind: str, says: list[str]
) -> None:
    empty_ws.buyers.add("existing", group=3)
    before = snapshot(empty_ws.path)
    with pytest.raises(InvalidInput) as refused:
        run(empty_ws.buyers, _bad_files(tmp_path)[kind])
    message = str(refused.value)
    assert "\n" not in message
    for part in says:
        assert part in message
    assert snapshot(empty_ws.path) == before


def test_progress_is_reported_up_to_the_total(book: BuyerBook, tmp_path: Path) -> None:
    rows = [order(str(n), f"b{n % 7}") for n in range(4500)]
    calls: list[tuple[int, int]] = []
    run(
        book,
        write_csv(tmp_path / "o.csv", rows),
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls[-1] == (4500, 4500)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert len(calls) >= 3


def test_imported_buyers_are_searchable(empty_ws: Workspace, tmp_path: Path) -> None:
    run(empty_ws.buyers, write_csv(tmp_path / "o.csv", [order("1", "张小花_店")]))
    fresh = open_workspace(empty_ws.path, builtins=False).buyers
    assert [b.account for b in fresh.search("zxh")] == ["张小花_店"]
