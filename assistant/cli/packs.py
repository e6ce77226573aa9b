"""`kefu pack ...`: pack files (list, show, new, rm, export, import) and team sync."""

from __future__ import annotations

import argparse

from assistant.cli import pack_files, pack_sync
from assistant.cli.commands import Subcommands


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    top = sub.add_parser("pack", parents=[common], help="短语包：导入导出、团队共享与同步")
    psub = top.add_subparsers(dest="pack_command", metavar="子命令", required=True)
    pack_files.register(psub, common)
    pack_sync.register(psub, common)
