"""`kefu suggest`: the phrases that answer a buyer's question, best first."""

from __future__ import annotations

import argparse

from assistant.cli.commands import Subcommands, add_command
from assistant.cli.output import emit_json, one_line, report_prepared, say
from assistant.core.errors import InvalidInput
from assistant.core.workspace import Workspace

DEFAULT_LIMIT = 5


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    p = add_command(sub, common, "suggest", "根据买家的问题推荐回复短语", cmd_suggest)
    p.add_argument("text", nargs="*", help="买家的问题，如 能便宜点吗")
    p.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="最多几条（默认 5）")
    p.add_argument("--forget", action="store_true", help="忘掉从使用中学到的全部问法")
    p.add_argument(
        "--prepare",
        action="store_true",
        help="只准备推荐索引（存入缓存，供之后的推荐使用；程序启动时自动运行）",
    )


def cmd_suggest(args: argparse.Namespace, ws: Workspace) -> int:
    if args.prepare:
        if args.text or args.forget:
            raise InvalidInput("--prepare 不和问题或 --forget 一起使用")
        report_prepared(args.json, len(ws.suggestions.index()), "推荐索引")
        return 0
    if args.forget:
        if args.text:
            raise InvalidInput("--forget 不和问题一起使用")
        gone = ws.suggestions.forget()
        if args.json:
            emit_json({"forgotten": gone})
        else:
            say(f"已忘掉学到的 {gone} 条问法")
        return 0
    question = " ".join(args.text)
    if not question.strip():
        raise InvalidInput("请给出买家的问题，如：kefu suggest 能便宜点吗")
    if args.limit < 1:
        raise InvalidInput("--limit 至少为 1")
    found = ws.suggestions.suggest(question, args.limit)
    if args.json:
        emit_json([{**s.phrase.to_json(), "score": round(s.score, 4)} for s in found])
        return 0
    if not found:
        say("没有找到合适的回复")
    for n, s in enumerate(found, start=1):
        p = s.phrase
        code = p.code or "-"
        say(f"{n}. {code:<8} {p.title}  [{p.group}]  {one_line(p.text, 36)}  ({p.id})")
    return 0
