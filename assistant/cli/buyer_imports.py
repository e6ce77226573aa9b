"""`kefu buyer export / import-orders`: buyer data out, shop order reports in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.cli.commands import AddCommand, add_pairs_option
from assistant.cli.output import emit_json, say, warn
from assistant.core.buyers.export import to_json, write_export
from assistant.core.buyers.orders import import_orders, parse_mapping
from assistant.core.platforms import DEFAULT_PLATFORM, platform_choices
from assistant.core.workspace import Workspace


def register(cmd: AddCommand) -> None:
    p = cmd("export", "导出买家数据（JSON 或 CSV）", cmd_export, account=False)
    p.add_argument("account", nargs="?", metavar="ACCOUNT", help="只导出这位买家")
    p.add_argument("--platform")
    p.add_argument("--out", metavar="FILE", help="输出文件 .json 或 .csv（默认输出 JSON 到屏幕）")

    p = cmd("import-orders", "从店铺订单报表（CSV/XLSX）识别回头客", cmd_import, account=False)
    p.add_argument("file", type=Path)
    p.add_argument(
        "--platform", help=f"报表所属平台（默认 {DEFAULT_PLATFORM}）：{platform_choices()}"
    )
    add_pairs_option(
        p,
        "--map",
        "mapping",
        "COLUMN=FIELD",
        "指定列：如 --map 旺旺名=account（字段：order_no account amount status "
        "created_at paid_at）",
    )
    p.add_argument("--dry-run", action="store_true", help="只报告，不修改")


def cmd_export(args: argparse.Namespace, ws: Workspace) -> int:
    if args.account:
        buyers = [ws.buyers.get(args.account, args.platform)]
    else:
        buyers = ws.buyers.all(archived=None)
    if args.out:
        write_export(buyers, Path(args.out), ws.buyers.orders_of(buyers))
        say(f"已导出 {len(buyers)} 位买家到 {args.out}")
    else:
        sys.stdout.buffer.write(to_json(buyers, ws.buyers.orders_of(buyers)) + b"\n")
    return 0


def cmd_import(args: argparse.Namespace, ws: Workspace) -> int:
    show_progress = sys.stderr.isatty() and not args.json

    def progress(done: int, total: int) -> None:
        if show_progress:
            print(f"\r已处理 {done}/{total} 笔订单", end="", file=sys.stderr, flush=True)

    report = import_orders(
        ws.buyers,
        args.file,
        platform=args.platform,
        mapping=parse_mapping(args.mapping),
        dry_run=args.dry_run,
        progress=progress,
    )
    if show_progress:
        print(file=sys.stderr)
    if args.json:
        emit_json(report.to_json())
        return 0
    cols = "、".join(f"{k}←{v}" for k, v in report.columns.items())
    say(("【预览，未做任何修改】" if report.dry_run else "") + f"识别的列：{cols}")
    say(
        f"读取 {report.rows} 行；计入已付款订单 {report.orders_counted} 笔，"
        f"未付款 {report.unpaid} 笔，已导入过 {report.duplicates} 笔"
    )
    say(
        f"新建买家 {report.buyers_created} 位，更新 {report.buyers_updated} 位，"
        f"新标记回头客 {report.tagged} 位，移入「成交买家」{report.moved} 位"
    )
    if report.skipped:
        say(f"跳过 {len(report.skipped)} 行：")
        for line, reason in report.skipped[:50]:
            say(f"  第 {line} 行：{reason}")
        if len(report.skipped) > 50:
            warn(f"  …另有 {len(report.skipped) - 50} 行（用 --json 查看全部）")
    return 0
