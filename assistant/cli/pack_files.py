"""`kefu pack list|show|new|rm|export|import`: packs as files agents pass around."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from assistant.cli.commands import Subcommands
from assistant.cli.output import emit_json, one_line, say, warn
from assistant.cli.phrases import print_rows
from assistant.core.errors import InvalidInput
from assistant.core.packs.admin import phrase_counts, remove_pack
from assistant.core.packs.export import FORMATS, export_packs
from assistant.core.packs.importer import import_file
from assistant.core.packs.report import ACTION_NAMES, ImportRefused, ImportReport
from assistant.core.phrases.packs import PackInfo
from assistant.core.workspace import Workspace

KIND_NAMES = {"own": "自己的", "builtin": "内置", "subscribed": "订阅"}
SHOWN_ROWS = 50


def register(psub: Subcommands, common: argparse.ArgumentParser) -> None:
    p = psub.add_parser("list", parents=[common], help="列出短语包")
    p.set_defaults(func=cmd_list)

    p = psub.add_parser("show", parents=[common], help="查看短语包及其中的短语")
    p.add_argument("pack", metavar="PACK", help="短语包编号或名称")
    p.set_defaults(func=cmd_show)

    p = psub.add_parser("new", parents=[common], help="新建短语包")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--description", default="", help="说明")
    p.add_argument("--author", default="", help="作者")
    p.set_defaults(func=cmd_new)

    p = psub.add_parser("rm", parents=[common], help="删除短语包及其中的短语（不加 --yes 只预览）")
    p.add_argument("pack", metavar="PACK")
    p.add_argument("--yes", action="store_true", help="确认删除")
    p.set_defaults(func=cmd_rm)

    p = psub.add_parser(
        "export", parents=[common], help="导出短语包（.json、.kefupack、.csv、.xlsx）"
    )
    p.add_argument("pack", metavar="PACK", nargs="?", help="短语包编号或名称")
    p.add_argument("--all", dest="all_packs", action="store_true", help="导出全部短语包")
    p.add_argument("--out", metavar="FILE", required=True, help="输出文件，格式由扩展名决定")
    p.add_argument(
        "--format",
        dest="fmt",
        choices=sorted(FORMATS),
        help="导出格式（不给时由扩展名决定；kefupack 是含 pack.json 和图片文件的 zip）",
    )
    p.add_argument(
        "--no-images",
        dest="with_images",
        action="store_false",
        help="JSON 中不嵌入图片文件，只写图片的 sha256（对方已有这些图片时用）",
    )
    p.set_defaults(func=cmd_export)

    p = psub.add_parser(
        "import",
        parents=[common],
        help="导入短语（短语包 JSON 或 .kefupack、千牛格式 CSV/XLSX、每段一条的 TXT）",
        description="有任何一行出错时不做任何修改，除非加 --skip-bad。重复导入不会产生重复短语。",
    )
    p.add_argument("file", metavar="FILE", type=Path)
    p.add_argument("--into", metavar="PACK", help="导入到此短语包（须已存在，可用 kefu pack new）")
    p.add_argument("--dry-run", action="store_true", help="只报告，不修改")
    p.add_argument("--skip-bad", action="store_true", help="跳过有问题的行，导入其余的")
    p.set_defaults(func=cmd_import)


def _info_json(info: PackInfo, count: int) -> dict[str, Any]:
    return {**info.to_json(), "phrase_count": count}


def _describe(info: PackInfo, count: int) -> str:
    mark = "（只读）" if info.read_only else ""
    return (
        f"{info.name}  [{KIND_NAMES.get(info.kind, info.kind)}]{mark}  版本 {info.version}  "
        f"{count} 条  编号 {info.id}"
    )


def cmd_list(args: argparse.Namespace, ws: Workspace) -> int:
    counts = phrase_counts(ws.phrases)
    packs = ws.phrases.packs.list()
    if args.json:
        emit_json([_info_json(p, counts.get(p.id, 0)) for p in packs])
        return 0
    for info in packs:
        say(_describe(info, counts.get(info.id, 0)))
        if info.description:
            say("    " + one_line(info.description, 60))
    say(f"共 {len(packs)} 个短语包")
    return 0


def cmd_show(args: argparse.Namespace, ws: Workspace) -> int:
    info = ws.phrases.packs.get(args.pack)
    phrases = ws.phrases.in_pack(info.id)
    if args.json:
        emit_json({**_info_json(info, len(phrases)), "phrases": [p.to_json() for p in phrases]})
        return 0
    say(_describe(info, len(phrases)))
    for label, value in (("说明", info.description), ("作者", info.author)):
        if value:
            say(f"{label}：{value}")
    if info.updated_at:
        say(f"更新于：{info.updated_at[:16].replace('T', ' ')}")
    if info.source:
        say(f"来源：{info.source}")
    say("")
    print_rows(phrases)
    return 0


def cmd_new(args: argparse.Namespace, ws: Workspace) -> int:
    info = ws.phrases.packs.create(args.name, args.description, args.author)
    if args.json:
        emit_json(_info_json(info, 0))
    else:
        say(f"已新建短语包「{info.name}」（编号 {info.id}）")
    return 0


def cmd_rm(args: argparse.Namespace, ws: Workspace) -> int:
    removal = remove_pack(ws.phrases, args.pack, confirm=args.yes)
    info, n = removal.info, len(removal.phrases)
    if args.json:
        emit_json({**_info_json(info, n), "removed": removal.removed})
        return 0
    if not removal.removed:
        say(f"将删除短语包「{info.name}」及其中的 {n} 条短语；加 --yes 确认删除")
        return 0
    say(f"已删除短语包「{info.name}」及其中的 {n} 条短语")
    if info.kind == "builtin":
        say("这些内置短语以后升级时也不会再加回来")
    elif info.kind == "subscribed":
        warn("提示：这是订阅的短语包；请再用 kefu pack unsubscribe 取消订阅，否则同步会重新加入")
    return 0


def cmd_export(args: argparse.Namespace, ws: Workspace) -> int:
    if args.all_packs == bool(args.pack):
        raise InvalidInput("请指定一个短语包，或用 --all 导出全部（二者选一）")
    result = export_packs(
        ws.phrases,
        None if args.all_packs else args.pack,
        Path(args.out),
        fmt=args.fmt,
        with_images=args.with_images,
    )
    if args.json:
        emit_json(
            {
                "file": str(result.path),
                "packs": result.packs,
                "phrases": result.phrases,
                "images": result.images,
                "with_placeholders": len(result.with_placeholders),
                "with_images": len(result.with_images),
            }
        )
    else:
        images = f"（含 {result.images} 张图片）" if result.images else ""
        say(f"已导出 {result.packs} 个短语包共 {result.phrases} 条短语{images}到 {result.path}")
    for notice in result.warnings:
        warn(notice)
    return 0


def cmd_import(args: argparse.Namespace, ws: Workspace) -> int:
    try:
        report = import_file(
            ws.phrases, args.file, into=args.into, dry_run=args.dry_run, skip_bad=args.skip_bad
        )
    except ImportRefused as exc:
        if args.json:
            emit_json(exc.report.to_json())
        raise InvalidInput(f"{exc}（加 --skip-bad 可跳过有问题的行，导入其余的）") from None
    if args.json:
        emit_json(report.to_json())
    else:
        print_report(report)
    return 0


def print_report(report: ImportReport) -> None:
    prefix = "【预览，未做任何修改】" if report.dry_run else ""
    names = "、".join(
        f"「{p.name}」" + ("（新建）" if p.id in report.new_packs else "") for p in report.packs
    )
    say(f"{prefix}{report.source} → 短语包 {names}")
    counts = "，".join(f"{ACTION_NAMES[a]} {report.count(a)} 条" for a in ACTION_NAMES)
    say(counts + (f"；新图片 {report.images} 张" if report.images else ""))
    for action in ("added", "updated", "skipped"):
        rows = [r for r in report.results if r.action == action]
        for r in rows[:SHOWN_ROWS]:
            detail = f"：{r.reason}" if r.reason else f"：{r.title}"
            say(f"  {ACTION_NAMES[action]} {r.where}{detail}")
        if len(rows) > SHOWN_ROWS:
            say(f"  …另有 {len(rows) - SHOWN_ROWS} 条{ACTION_NAMES[action]}（用 --json 查看全部）")
