"""Entry point of `kefu`: global options, sub-commands, and one way to report errors."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from assistant import __version__
from assistant.cli import backups, buyers, groups, lint, packs, phrases, shop, stats
from assistant.cli.launch import start_app
from assistant.cli.output import warn
from assistant.core.errors import KefuError
from assistant.core.text import one_line

EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    # Options valid both before and after the sub-command; SUPPRESS keeps a value given
    # before the sub-command from being reset by the sub-parser's default.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help="数据文件夹")
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="以 JSON（UTF-8）输出"
    )

    parser = argparse.ArgumentParser(
        prog="kefu",
        description="客服快捷助手：快捷短语、买家备注、十大分组。不带参数运行将启动托盘程序。",
    )
    parser.add_argument(
        "--data-dir", default=None, help="数据文件夹（也可用环境变量 KEFU_DATA_DIR）"
    )
    parser.add_argument("--json", action="store_true", default=False, help="以 JSON（UTF-8）输出")
    parser.add_argument("--version", action="version", version=f"kefu {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    phrases.register(sub, common)
    groups.register(sub, common)
    buyers.register(sub, common)
    packs.register(sub, common)
    lint.register(sub, common)
    stats.register(sub, common)
    backups.register(sub, common)
    shop.register(sub, common)
    return parser


# Paths only name files: a name in another encoding is still a file that can be opened.
_PATH_ARGUMENTS = frozenset({"data_dir", "out"})


def _undecodable_text(args: argparse.Namespace) -> str | None:
    """A text argument holding bytes that were not valid UTF-8 (Python keeps them as lone
    surrogates): it could never be saved, and would fail deep in storage otherwise."""
    for name, value in vars(args).items():
        if name in _PATH_ARGUMENTS:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    return item
    return None


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    parser = build_parser()
    args = parser.parse_args(argv)
    garbled = _undecodable_text(args)
    if garbled is not None:
        warn(f"错误：参数不是有效的 UTF-8 文字：{garbled!a}（请检查终端的编码）")
        return EXIT_USAGE
    if not getattr(args, "func", None):
        return start_app(args.data_dir)
    if args.command == "show" and getattr(args, "ref", None) is None:
        # The quick panel: ask the app before opening the data folder here, or a writer
        # holding its lock (the app starting, a sync, an import) makes `kefu show` wait.
        return start_app(args.data_dir, show=True)
    try:
        from assistant.core.workspace import open_workspace

        ws = open_workspace(args.data_dir)
        code: int = args.func(args, ws)
        for message in ws.folder.recovered():
            warn("提示：" + one_line(message))
        return code
    except KefuError as exc:
        warn(f"错误：{one_line(str(exc))}")  # one short line, whatever the message quotes
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
