"""`kefu shop`: the shop profile behind {店铺}, {客服}, {活动}, {发货时间}."""

from __future__ import annotations

import argparse

from assistant.cli.commands import Subcommands, add_command, add_pairs_option
from assistant.cli.output import emit_json, say
from assistant.core.text import parse_pairs
from assistant.core.workspace import Workspace


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    helptext = "查看或设置店铺信息（店铺、客服、活动、发货时间）"
    p = add_command(sub, common, "shop", helptext, cmd_shop)
    add_pairs_option(p, "--set", "values", "KEY=VALUE", "如 --set 活动=满200减20")


def cmd_shop(args: argparse.Namespace, ws: Workspace) -> int:
    values = parse_pairs(args.values, "--set")
    profile = ws.shop.update(values) if values else ws.shop.get()
    if args.json:
        emit_json(profile)
    else:
        for key, value in profile.items():
            say(f"{key}：{value or '（未设置）'}")
    return 0
