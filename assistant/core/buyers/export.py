"""Export of buyer data (the buyer's own data, on request, or a backup for the shop)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import orjson

from assistant.core.buyers.model import Buyer
from assistant.core.errors import InvalidInput
from assistant.core.store.atomic import atomic_write
from assistant.core.tables.cells import guard_cell

CSV_COLUMNS = (
    ("account", "买家账号"),
    ("platform", "平台"),
    ("remark", "备注名"),
    ("group", "分组"),
    ("subgroup", "子分组"),
    ("tags", "标签"),
    ("notes", "备注"),
    ("promises", "承诺"),
    ("attributes", "属性"),
    ("order_count", "订单数"),
    ("total_spent", "累计金额"),
    ("first_order_at", "首次下单"),
    ("last_order_at", "最近下单"),
    ("last_contact_at", "最近联系"),
    ("archived", "已归档"),
    ("created_at", "创建时间"),
    ("updated_at", "更新时间"),
)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "；".join(
            (v["text"] + ("（已完成）" if v.get("done") else "")) if isinstance(v, dict) else str(v)
            for v in value
        )
    if isinstance(value, dict):
        return "；".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _cell(value: Any) -> str:
    # Joined cells too: a tag, a promise or an attribute can start with "=".
    return guard_cell(_text(value))


def to_csv(buyers: list[Buyer]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([title for _, title in CSV_COLUMNS])
    for buyer in buyers:
        data = buyer.to_json()
        writer.writerow([_cell(data[key]) for key, _ in CSV_COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


def to_json(buyers: list[Buyer], orders: dict[str, dict[str, Any]] | None = None) -> bytes:
    """Everything kept about each buyer; ``orders`` (by buyer key) adds the counted orders."""
    rows = []
    for b in buyers:
        data = b.to_json()
        if orders is not None:
            data["orders"] = orders.get(b.key, {})
        rows.append(data)
    return orjson.dumps(rows, option=orjson.OPT_INDENT_2)


def write_export(
    buyers: list[Buyer], path: Path, orders: dict[str, dict[str, Any]] | None = None
) -> None:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        payload = to_csv(buyers)
    elif suffix == ".json":
        payload = to_json(buyers, orders)
    else:
        raise InvalidInput("导出文件应以 .json 或 .csv 结尾")
    if not path.parent.is_dir():
        raise InvalidInput(f"文件夹不存在：{path.parent}")
    atomic_write(path, payload)
