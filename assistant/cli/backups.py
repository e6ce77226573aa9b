"""`kefu backup` and `kefu restore`."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.cli.commands import Subcommands
from assistant.cli.output import emit_json, say
from assistant.core.phrases.upkeep import backup_and_clean
from assistant.core.store.backup import create_backup, list_backups, restore_backup
from assistant.core.workspace import Workspace

REASONS = {"daily": "每日自动", "manual": "手动", "before-restore": "恢复前"}


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("backup", parents=[common], help="立即备份数据文件夹（--list 列出已有备份）")
    p.add_argument("--list", action="store_true", help="列出已有备份")
    p.add_argument(
        "--daily",
        action="store_true",
        help="今天还没有备份时才备份，然后删除没有短语使用的图片（程序每天自动运行）",
    )
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", parents=[common], help="从备份恢复（先自动备份当前数据）")
    p.add_argument("file", nargs="?", type=Path, help="备份文件（默认最新的一个）")
    p.set_defaults(func=cmd_restore)


def cmd_backup(args: argparse.Namespace, ws: Workspace) -> int:
    if args.list:
        backups = list_backups(ws.folder)
        if args.json:
            emit_json(
                [
                    {
                        "file": str(b.path),
                        "created": b.created.isoformat(),
                        "size": b.size,
                        "reason": b.reason,
                    }
                    for b in backups
                ]
            )
            return 0
        for b in backups:
            kind = REASONS.get(b.reason, b.reason)
            say(f"{b.created:%Y-%m-%d %H:%M}  {kind:<6} {b.size // 1024:>6} KB  {b.path}")
        if not backups:
            say("还没有备份")
        return 0
    if args.daily:
        made = backup_and_clean(ws.folder)
        if args.json:
            emit_json({"made": made})
        else:
            say("已完成今天的备份" if made else "今天已经备份过，无需再备份")
        return 0
    info = create_backup(ws.folder, "manual")
    if args.json:
        emit_json({"file": str(info.path), "size": info.size})
    else:
        say(f"已备份到 {info.path}（{info.size // 1024} KB；最多保留最近 14 个）")
    return 0


def cmd_restore(args: argparse.Namespace, ws: Workspace) -> int:
    used, before = restore_backup(ws.folder, args.file)
    if args.json:
        emit_json({"restored_from": str(used), "previous_state": str(before.path)})
    else:
        say(f"已从 {used} 恢复。恢复前的数据已备份到 {before.path}")
    return 0
