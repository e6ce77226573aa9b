"""`kefu shop`: the shop profile behind {店铺}, {客服}, {活动}, {发货时间}."""

from __future__ import annotations

import argparse
from typing import Any

from assistant.cli.output import emit_json, say
from assistant.core.text import parse_pairs
from assistant.core.workspace import Workspace


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "shop", parents=[common], help="查看或设置店铺信息（店铺、客服、活动、发货时间）"
    )
    p.add_argument(
        "--set",
        dest="values",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="如 --set 活动=满200减20",
    )
    p.set_defaults(func=cmd_shop)


def cmd_shop(args: argparse.Namespace, ws: Workspace) -> int:
    values = parse_pairs(args.values, "--set")
    profile = ws.shop.update(values) if values else ws.shop.get()
    if args.json:
        emit_json(profile)
    else:
        for key, value in profile.items():
            say(f"{key}：{value or '（未设置）'}")
    return 0
