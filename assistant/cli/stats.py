"""`kefu stats`: uses per day, top phrases, never-used phrases, uses per group."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.cli.commands import Subcommands
from assistant.cli.output import emit_json, say
from assistant.core.phrases.stats import compute, to_csv
from assistant.core.store.atomic import atomic_write
from assistant.core.workspace import Workspace


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "stats", parents=[common], help="使用统计：每天用量、常用短语、从未用过的短语"
    )
    p.add_argument("--days", type=int, default=30, help="统计最近几天（默认 30）")
    p.add_argument("--plot", metavar="FILE.png", help="把每天用量和常用短语画成图片")
    p.add_argument("--csv", metavar="FILE.csv", help="导出为 CSV（给组长用 Excel 打开）")
    p.set_defaults(func=cmd_stats)


def cmd_stats(args: argparse.Namespace, ws: Workspace) -> int:
    stats = compute(ws.phrases, args.days)
    if args.csv:
        full = compute(ws.phrases, args.days, top_n=1_000_000)
        atomic_write(Path(args.csv), to_csv(full))
        say(f"已导出到 {args.csv}")
    if args.plot:
        from assistant.cli.stats_plot import plot

        plot(stats, Path(args.plot))
        say(f"已画图：{args.plot}")
    if args.json:
        emit_json(stats.to_json())
        return 0
    if args.csv or args.plot:
        return 0
    say(f"最近 {stats.days} 天（{stats.start} 至 {stats.end}）共使用 {stats.total} 次")
    say("")
    say("每天：" + ("  ".join(f"{d[5:]} {n}" for d, n in stats.per_day if n) or "无"))
    say("")
    say("最常用：")
    for phrase, n in stats.top:
        say(f"  {n:>4} 次  {phrase.title}  [{phrase.group}]")
    say("")
    say("按分组：" + "  ".join(f"{g} {n}" for g, n in stats.per_group))
    say("")
    say(f"{stats.days} 天内没用过的短语 {len(stats.unused)} 条（可以改进或隐藏）：")
    for phrase in stats.unused[:30]:
        say(f"  {phrase.title}  [{phrase.group}]  ({phrase.code or phrase.id})")
    if len(stats.unused) > 30:
        say(f"  …另有 {len(stats.unused) - 30} 条（--json 查看全部）")
    return 0
