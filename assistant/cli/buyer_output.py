"""How `kefu buyer ...` shows buyers: one in full, many as rows, the changed one."""

from __future__ import annotations

import argparse

from assistant.cli.output import emit_json, one_line, say
from assistant.core.buyers.groups import parse_subgroup
from assistant.core.buyers.model import Buyer
from assistant.core.platforms import platform_name
from assistant.core.workspace import Workspace


def group_name(ws: Workspace, buyer: Buyer) -> str:
    if buyer.subgroup:
        number, letter = parse_subgroup(buyer.subgroup)
        return ws.buyers.scheme.group(number).sub_path(letter)
    if buyer.group:
        return ws.buyers.scheme.group(buyer.group).label(padded=False)
    return "未分组"


def print_buyer(ws: Workspace, b: Buyer) -> None:
    say(
        f"{b.account}（{platform_name(b.platform)}）"
        + (f"  备注名：{b.remark}" if b.remark else "")
        + ("  【回头客】" if b.is_repeat else "")
        + ("  （已归档）" if b.archived else "")
    )
    say(f"分组：{group_name(ws, b)}")
    if b.tags:
        say("标签：" + "、".join(b.tags))
    if b.attributes:
        say("属性：" + "，".join(f"{k}={v}" for k, v in b.attributes.items()))
    say(
        f"订单：{b.order_count} 笔，累计 {b.total_spent:.2f} 元"
        + (f"，首次 {b.first_order_at[:10]}" if b.first_order_at else "")
        + (f"，最近 {b.last_order_at[:10]}" if b.last_order_at else "")
    )
    if b.last_contact_at:
        say(f"最近联系：{b.last_contact_at[:16].replace('T', ' ')}")
    if b.notes:
        say("备注：")
        for line in b.notes.splitlines():
            say("  " + line)
    if b.promises:
        say("承诺：")
        for n, p in enumerate(b.promises, start=1):
            state = "✓ 已完成" if p.done else ("到期 " + p.due if p.due else "未完成")
            say(f"  {n}. {p.text}（{p.created} 记录，{state}）")


def print_rows(ws: Workspace, buyers: list[Buyer]) -> None:
    for b in buyers:
        tags = " ".join(b.tags)
        say(
            f"{b.account:<16} {b.platform:<7} {(b.subgroup or str(b.group or '-')):<4} "
            f"{b.remark:<8} {b.order_count}单 {tags}  {one_line(b.notes, 24)}"
        )
    say(f"共 {len(buyers)} 位")


def emit_buyer(args: argparse.Namespace, ws: Workspace, buyer: Buyer, message: str) -> int:
    if args.json:
        emit_json(buyer.to_json())
    else:
        say(message)
    return 0


def emit_buyers(args: argparse.Namespace, ws: Workspace, buyers: list[Buyer]) -> int:
    if args.json:
        emit_json([b.to_json() for b in buyers])
    else:
        print_rows(ws, buyers)
    return 0
