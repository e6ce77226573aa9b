"""Reading the shop's order reports (订单报表, CSV or XLSX): columns, times, amounts, paid.

A paid order has a payment time, or a status other than closed / cancelled / awaiting
payment. Column titles differ by platform and by export: the known ones are found by name,
others mapped with ``--map 列名=字段``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.core.buyers.model import CONTROL_CHARS, MAX_ACCOUNT, MAX_ORDER_NO
from assistant.core.errors import InvalidInput
from assistant.core.tables.reader import HeaderNotFound, Row, clean_header, find_header, read_table
from assistant.core.text import split_pair

FIELDS = ("order_no", "account", "amount", "status", "created_at", "paid_at")
FIELD_NAMES = {
    "order_no": "订单编号",
    "account": "买家会员名",
    "amount": "买家实际支付金额",
    "status": "订单状态",
    "created_at": "订单创建时间",
    "paid_at": "订单付款时间",
}
FIELD_ALIASES = {
    "order": "order_no",
    "order_no": "order_no",
    "订单编号": "order_no",
    "buyer": "account",
    "account": "account",
    "买家": "account",
    "买家会员名": "account",
    "amount": "amount",
    "paid": "paid_at",
    "paid_at": "paid_at",
    "status": "status",
    "created": "created_at",
    "created_at": "created_at",
    "金额": "amount",
    "状态": "status",
    "下单时间": "created_at",
    "付款时间": "paid_at",
}
# Known column titles, most specific first.
KNOWN_COLUMNS: dict[str, tuple[str, ...]] = {
    "order_no": ("订单编号", "订单号", "主订单编号", "订单ID", "订单id", "订单 ID", "订单序号"),
    "account": (
        "买家会员名",
        "买家昵称",
        "买家账号",
        "买家帐号",
        "买家会员ID",
        "买家ID",
        "买家id",
        "会员名",
        "用户名",
        "买家",
        "客户昵称",
        "下单账号",
        "下单帐号",
        "用户昵称",
    ),
    "amount": (
        "买家实际支付金额",
        "实付金额",
        "实际支付金额",
        "买家实付金额",
        "支付金额",
        "实收金额",
        "实收款",
        "订单金额",
        "应付金额",
        "总金额",
    ),
    "status": ("订单状态", "交易状态", "状态"),
    "created_at": ("订单创建时间", "下单时间", "创建时间", "订单提交时间", "提交时间"),
    "paid_at": ("订单付款时间", "付款时间", "支付时间", "买家付款时间", "付款日期"),
}
UNPAID_MARKERS = (
    "关闭",
    "取消",
    "等待买家付款",
    "待付款",
    "等待付款",
    "未付款",
    "未支付",
    "待支付",
)
_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y.%m.%d %H:%M:%S",
    "%Y.%m.%d",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日",
)
_SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+\d+$")
_EMPTY = {"", "-", "null", "none", "nan"}


@dataclass(slots=True)
class OrderRow:
    line: int
    order_no: str
    account: str
    amount: float
    paid: bool
    at: str | None  # payment time, else creation time


@dataclass(slots=True)
class ImportReport:
    columns: dict[str, str] = field(default_factory=dict)  # field -> column title found
    rows: int = 0
    orders_counted: int = 0
    unpaid: int = 0
    duplicates: int = 0
    buyers_created: int = 0
    buyers_updated: int = 0
    tagged: int = 0
    moved: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    dry_run: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "columns": self.columns,
            "rows": self.rows,
            "orders_counted": self.orders_counted,
            "unpaid": self.unpaid,
            "duplicates": self.duplicates,
            "buyers_created": self.buyers_created,
            "buyers_updated": self.buyers_updated,
            "tagged": self.tagged,
            "moved": self.moved,
            "dry_run": self.dry_run,
            "skipped": [{"line": line, "reason": reason} for line, reason in self.skipped],
        }


def parse_mapping(pairs: Iterable[str]) -> dict[str, str]:
    """``["旺旺名=account", ...]`` → {column title: field}."""
    out: dict[str, str] = {}
    for pair in pairs:
        found = split_pair(pair, last=True)
        target = FIELD_ALIASES.get(found[1].strip()) if found else None
        if found is None or target is None:
            choices = "、".join(FIELDS)
            raise InvalidInput(f"--map 的格式应为 列名=字段（字段：{choices}），收到：{pair!r}")
        out[found[0]] = target
    return out


def _locate_columns(header: list[str], mapping: dict[str, str]) -> dict[str, int]:
    titles = [clean_header(c) for c in header]
    found: dict[str, int] = {}
    for column, target in mapping.items():
        if column not in titles:
            raise InvalidInput(f"--map 指定的列「{column}」不在文件中；文件中的列：{_some(titles)}")
        found[target] = titles.index(column)
    for name, candidates in KNOWN_COLUMNS.items():
        if name in found:
            continue
        for title in candidates:
            if title in titles:
                found[name] = titles.index(title)
                break
    missing = [FIELD_NAMES[f] for f in ("order_no", "account") if f not in found]
    if missing:
        raise InvalidInput(
            f"找不到必需的列：{'、'.join(missing)}；文件中的列：{_some([t for t in titles if t])}"
            "（可用 --map 列名=字段 指定）"
        )
    return found


def _some(titles: list[str], limit: int = 20, width: int = 30) -> str:
    """Column titles for a message: a file may have a million columns, or huge titles."""
    shown = [t if len(t) <= width else t[: width - 1] + "…" for t in titles[:limit]]
    more = f" 等共 {len(titles)} 列" if len(titles) > limit else ""
    return "、".join(shown) + more


def _text(value: str) -> str:
    value = value.strip()
    if value.startswith('="') and value.endswith('"'):
        value = value[2:-1]
    return value.lstrip("'\t ").strip()


def _amount(value: str) -> float:
    cleaned = _text(value).replace("¥", "").replace("￥", "").replace("元", "")
    cleaned = cleaned.replace(",", "").replace(" ", "")
    if cleaned.casefold() in _EMPTY:
        return 0.0
    amount = float(cleaned)
    if amount != amount or amount < 0 or amount > 1e9:  # NaN, negative, absurd
        raise ValueError(value)
    return round(amount, 2)


_COMMON_TIME = re.compile(
    r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
)


def _local_offset(y: int, mo: int, d: int, h: int) -> str:
    """The local time zone's offset ("+08:00") at that hour, as ``astimezone`` gives it;
    "" for an hour the clocks skip (summer time begins), which ``astimezone`` moves.
    Kept per hour: asking the C library for each of a report's 100,000 times took ~0.5 s,
    and offsets change only on the hour."""
    key = (y, mo, d, h)
    found = _OFFSETS.get(key)
    if found is None:
        local = datetime(y, mo, d, h).astimezone()
        found = local.isoformat()[19:] if (local.day, local.hour) == (d, h) else ""
        if len(_OFFSETS) >= _OFFSETS_KEPT:
            _OFFSETS.clear()
        _OFFSETS[key] = found
    return found


_OFFSETS: dict[tuple[int, int, int, int], str] = {}
_OFFSETS_KEPT = 100_000  # hours: eleven years of reports


def parse_time(value: str) -> str | None:
    value = _text(value)
    if value.casefold() in _EMPTY:
        return None
    m = _COMMON_TIME.match(value)
    if m:  # the usual back-office form, without trying every format in turn
        try:
            parts = [int(x) if x else 0 for x in m.groups()]
            y, mo, d, h, mi, sec = parts
            moment = datetime(y, mo, d, h, mi, sec)  # a real one: no 13th month, no 25:00
            offset = _local_offset(y, mo, d, h)
            if not offset:
                return moment.astimezone().isoformat()
            return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{sec:02d}{offset}"
        except ValueError:
            pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).astimezone().isoformat()
        except ValueError:
            continue
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(value) from None
    return (parsed if parsed.tzinfo else parsed.astimezone()).isoformat()


def is_paid(status: str, paid_at: str | None, has_status: bool, has_paid: bool) -> bool:
    if paid_at:
        return True
    if not has_status and not has_paid:
        return True  # the report says nothing else: every row is an order that was placed
    status = status.strip()
    return bool(status) and not any(marker in status for marker in UNPAID_MARKERS)


def _parse_row(row: Row, cols: dict[str, int]) -> OrderRow | str:
    """An order, or the reason the row is skipped."""

    def cell(name: str) -> str:
        i = cols.get(name)
        return row.cells[i] if i is not None and i < len(row.cells) else ""

    order_no, account = _text(cell("order_no")), _text(cell("account"))
    if not order_no:
        return "缺少订单编号"
    if _SCIENTIFIC.match(order_no):
        return f"订单编号成了科学计数法（{order_no}），无法还原：请把该列设为文本后重新导出"
    if not account:
        return "缺少买家账号"
    if len(account) > MAX_ACCOUNT or len(order_no) > MAX_ORDER_NO:
        return "买家账号或订单编号过长"
    if CONTROL_CHARS.search(account) or CONTROL_CHARS.search(order_no):
        return "买家账号或订单编号含有控制字符"
    try:
        amount = _amount(cell("amount"))
    except ValueError:
        return f"金额无法识别：{cell('amount')!r}"
    try:
        paid_at = parse_time(cell("paid_at"))
        created_at = parse_time(cell("created_at"))
    except ValueError as exc:
        return f"时间无法识别：{exc}"
    paid = is_paid(cell("status"), paid_at, "status" in cols, "paid_at" in cols)
    return OrderRow(row.line, order_no, account, amount, paid, paid_at or created_at)


def read_orders(path: Path, mapping: dict[str, str], report: ImportReport) -> list[OrderRow]:
    known = {t for titles in KNOWN_COLUMNS.values() for t in titles} | set(mapping)
    rows = read_table(path)
    try:
        header, _ = find_header(rows, known)
    except HeaderNotFound as exc:  # unreadable files keep their own message
        titles = [t for t in (clean_header(c) for c in exc.first_row) if t]
        found = f"文件中的列：{_some(titles)}" if titles else "文件是空的"
        raise InvalidInput(
            f"{path.name}：没有找到订单报表的表头"
            f"（需要 订单编号、买家会员名 等列，可用 --map 指定）；{found}"
        ) from None
    cols = _locate_columns(header.cells, mapping)
    report.columns = {name: clean_header(header.cells[i]) for name, i in cols.items()}
    orders: list[OrderRow] = []
    for row in rows:
        if not any(c.strip() for c in row.cells):
            continue
        report.rows += 1
        parsed = _parse_row(row, cols)
        if isinstance(parsed, str):
            report.skipped.append((row.line, parsed))
        else:
            orders.append(parsed)
    return orders
