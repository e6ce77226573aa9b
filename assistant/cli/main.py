"""Entry point of `kefu`: global options, sub-commands, and one way to report errors."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Collection, Sequence

from assistant import __version__
from assistant.cli.output import warn
from assistant.core.errors import KefuError
from assistant.core.text import one_line

EXIT_USAGE = 2

# Every command with its help line, by the module (a command family) that adds it, in the
# order `kefu --help` lists them. The help and the list of choices need only these, so a
# command imports its own family alone: all of them, with what they import, cost every
# one-shot command (`kefu render cf1`) about 0.3 s. tests/cli/test_command_table.py holds
# this table to what the families register.
FAMILIES: dict[str, tuple[tuple[str, str], ...]] = {
    "phrases": (
        ("add", "新增短语"),
        ("edit", "修改短语"),
        ("rm", "删除短语"),
        ("show", "查看短语；不带 ID 则打开快速查找"),
        ("list", "列出短语"),
        ("search", "搜索短语（中文、拼音、首字母、编码）"),
        ("render", "填充占位符并输出短语（不计使用次数）"),
        ("copy", "填充占位符并复制到剪贴板（计一次使用）"),
    ),
    "suggest": (("suggest", "根据买家的问题推荐回复短语"),),
    "groups": (("groups", "短语分组与十大分组（含子分组和人数）"),),
    "buyers": (("buyer", "买家备注、承诺、十大分组、订单导入"),),
    "packs": (("pack", "短语包：导入导出、团队共享与同步"),),
    "lint": (("lint", "检查短语：站外联系方式、绝对化用语、生硬拒绝等"),),
    "stats": (("stats", "使用统计：每天用量、常用短语、从未用过的短语"),),
    "backups": (
        ("backup", "立即备份数据文件夹（--list 列出已有备份）"),
        ("restore", "从备份恢复（先自动备份当前数据）"),
    ),
    "shop": (("shop", "查看或设置店铺信息（店铺、客服、活动、发货时间）"),),
}


def family_of(command: str | None) -> str | None:
    return next((f for f, cmds in FAMILIES.items() if any(c == command for c, _ in cmds)), None)


def build_parser(families: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line, with the arguments of ``families`` only (all when None); any
    other command is there by name and help line, enough to list it and to choose it."""
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
    for family, commands in FAMILIES.items():
        if families is None or family in families:
            importlib.import_module(f"assistant.cli.{family}").register(sub, common)
        else:
            for name, helptext in commands:
                sub.add_parser(name, help=helptext, add_help=False)
    return parser


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse twice: by names alone to learn the command (``--help``, ``--version`` and a
    wrong command end here, as they would in the whole parser), then with its family."""
    known, _ = build_parser(families=()).parse_known_args(argv)
    family = family_of(known.command)
    return build_parser(families=[family] if family else []).parse_args(argv)


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
    args = _parse(argv)
    garbled = _undecodable_text(args)
    if garbled is not None:
        warn(f"错误：参数不是有效的 UTF-8 文字：{garbled!a}（请检查终端的编码）")
        return EXIT_USAGE
    if not getattr(args, "func", None):
        from assistant.cli.launch import start_app  # the app's hand-over: not for commands

        return start_app(args.data_dir)
    if args.command == "show" and getattr(args, "ref", None) is None:
        from assistant.cli.launch import start_app

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
