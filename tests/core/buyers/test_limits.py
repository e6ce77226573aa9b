"""A buyer field's cap is written once (buyers/model.py) and holds wherever the field comes in:
typed, found in copied text, or read from an order report."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from assistant.core.buyers.model import (
    MAX_ACCOUNT,
    MAX_ATTR_NAME,
    MAX_ATTR_VALUE,
    MAX_ORDER_NO,
    clean_attributes,
)
from assistant.core.buyers.orders import import_orders
from assistant.core.errors import InvalidInput
from assistant.core.workspace import Workspace

HEADER = ["订单编号", "买家会员名", "买家实际支付金额", "订单状态", "订单创建时间", "订单付款时间"]


def test_attribute_names_and_values_are_capped_by_their_named_limits() -> None:
    name, value = "n" * MAX_ATTR_NAME, "v" * MAX_ATTR_VALUE
    assert clean_attributes({name: value}) == {name: value}
    message = f"名称 1–{MAX_ATTR_NAME} 字，值最多 {MAX_ATTR_VALUE} 字"
    with pytest.raises(InvalidInput, match=message):
        clean_attributes({name + "n": value})
    with pytest.raises(InvalidInput, match=message):
        clean_attributes({name: value + "v"})


def test_an_account_found_in_text_is_no_longer_than_an_account(empty_ws: Workspace) -> None:
    book = empty_ws.buyers
    longest = "买" * MAX_ACCOUNT
    book.add(longest)
    assert book.find_in_text(f"  {longest} ") is not None
    assert book.find_in_text(longest + "买") is None


def test_an_order_row_over_the_account_or_order_number_cap_is_skipped(
    empty_ws: Workspace, tmp_path: Path
) -> None:
    rows = [
        ["1" * MAX_ORDER_NO, "a" * MAX_ACCOUNT, "10", "交易成功", "2024-03-01 10:00:00", ""],
        ["2" * (MAX_ORDER_NO + 1), "b", "10", "交易成功", "2024-03-01 10:00:00", ""],
        ["3", "c" * (MAX_ACCOUNT + 1), "10", "交易成功", "2024-03-01 10:00:00", ""],
    ]
    out = io.StringIO(newline="")
    csv.writer(out).writerows([HEADER, *rows])
    path = tmp_path / "orders.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    report = import_orders(empty_ws.buyers, path)
    assert report.orders_counted == 1
    assert [(line, reason) for line, reason in report.skipped] == [
        (3, "买家账号或订单编号过长"),
        (4, "买家账号或订单编号过长"),
    ]
