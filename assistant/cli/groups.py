"""`kefu groups`: phrase categories and the ten-group contact scheme (十大分组)."""

from __future__ import annotations

import argparse
from typing import Any

from assistant.cli.commands import Subcommands
from assistant.cli.output import emit_json, say
from assistant.core.workspace import Workspace


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "groups",
        parents=[common],
        help="短语分组与十大分组（含子分组和人数）",
        description="不带子命令：列出短语分组（条数）和十大分组（子分组、买家人数）。",
    )
    p.set_defaults(func=cmd_show)
    gsub = p.add_subparsers(dest="groups_command", metavar="子命令")

    q = gsub.add_parser("labels", parents=[common], help="导出按文本排序即为分组顺序的分组名")
    q.set_defaults(func=cmd_labels)
    q = gsub.add_parser("rename", parents=[common], help="重命名分组")
    q.add_argument("number", help="分组号 1–10")
    q.add_argument("name")
    q.set_defaults(func=cmd_rename)

    q = gsub.add_parser("sub", parents=[common], help="子分组：add / rm")
    ssub = q.add_subparsers(dest="sub_command", metavar="操作", required=True)
    r = ssub.add_parser("add", parents=[common], help="添加子分组，如 sub add 1 C 老乡")
    r.add_argument("number")
    r.add_argument("letter")
    r.add_argument("name")
    r.set_defaults(func=cmd_sub_add)
    r = ssub.add_parser("rm", parents=[common], help="删除子分组")
    r.add_argument("number")
    r.add_argument("letter")
    r.set_defaults(func=cmd_sub_rm)


def _scheme_json(ws: Workspace) -> list[dict[str, Any]]:
    counts = ws.buyers.counts()
    return [
        {
            "number": g.number,
            "name": g.name,
            "label": g.label(),
            "count": counts.get(str(g.number), 0),
            "subgroups": [
                {
                    "code": g.sub_code(letter),
                    "name": name,
                    "label": g.sub_label(letter),
                    "count": counts.get(g.sub_code(letter), 0),
                }
                for letter, name in g.subgroups.items()
            ],
        }
        for g in ws.buyers.scheme.groups()
    ]


def cmd_show(args: argparse.Namespace, ws: Workspace) -> int:
    phrase_groups = ws.phrases.groups()
    scheme = _scheme_json(ws)
    if args.json:
        emit_json(
            {
                "phrase_groups": [{"group": g, "count": n} for g, n in phrase_groups],
                "contact_groups": scheme,
            }
        )
        return 0
    say("短语分组：")
    for group, count in phrase_groups:
        say(f"  {group}  {count} 条")
    say("")
    say("十大分组：")
    for g in scheme:
        say(f"  {g['number']:>2} {g['name']}  {g['count']} 人")
        for s in g["subgroups"]:
            say(f"     {s['code']:<4}{s['name']}  {s['count']} 人")
    return 0


def cmd_labels(args: argparse.Namespace, ws: Workspace) -> int:
    labels = ws.buyers.scheme.labels()
    if args.json:
        emit_json(labels)
    else:
        for label in labels:
            say(label)
    return 0


def cmd_rename(args: argparse.Namespace, ws: Workspace) -> int:
    group = ws.buyers.scheme.rename(args.number, args.name)
    say(f"第 {group.number} 组已改名为：{group.name}")
    return 0


def cmd_sub_add(args: argparse.Namespace, ws: Workspace) -> int:
    group = ws.buyers.scheme.add_subgroup(args.number, args.letter, args.name)
    say(f"第 {group.number} 组「{group.name}」的子分组：" + _subs(group.subgroups))
    return 0


def cmd_sub_rm(args: argparse.Namespace, ws: Workspace) -> int:
    group, moved = ws.buyers.remove_subgroup(args.number, args.letter)
    say(f"第 {group.number} 组「{group.name}」的子分组：" + (_subs(group.subgroups) or "（无）"))
    if moved:
        say(f"原子分组的 {moved} 位买家留在第 {group.number} 组（不再属于子分组）")
    return 0


def _subs(subgroups: dict[str, str]) -> str:
    return "、".join(f"{letter} {name}" for letter, name in subgroups.items())
