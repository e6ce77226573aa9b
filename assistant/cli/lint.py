"""`kefu lint`: check phrases against platform rules and good-service rules."""

from __future__ import annotations

import argparse

from assistant.cli.commands import Subcommands, add_command
from assistant.cli.output import emit_json, say
from assistant.core.errors import InvalidInput
from assistant.core.phrases.lint import RULES, SEVERITY_NAMES, error_count, lint_phrases
from assistant.core.phrases.lint_words import linter_for
from assistant.core.phrases.model import Phrase
from assistant.core.platforms import lint_platform
from assistant.core.workspace import Workspace

EXIT_FOUND_ERRORS = 1


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    helptext = "检查短语：站外联系方式、绝对化用语、生硬拒绝等"
    p = add_command(sub, common, "lint", helptext, cmd_lint)
    p.add_argument("refs", nargs="*", metavar="ID", help="短语编号或编码（默认全部）")
    p.add_argument("--all", action="store_true", help="检查全部短语")
    p.add_argument("--platform", help="平台规则：taobao（默认）、tmall、jd、pdd")
    p.add_argument(
        "--accept", nargs=2, metavar=("ID", "RULE"), help="把某条短语标记为某条规则的已知例外"
    )
    p.add_argument("--unaccept", nargs=2, metavar=("ID", "RULE"), help="取消例外标记")


def cmd_lint(args: argparse.Namespace, ws: Workspace) -> int:
    library = ws.phrases
    for option, accepted in ((args.accept, True), (args.unaccept, False)):
        if option:
            ref, rule = option
            if rule not in RULES:
                raise InvalidInput(f"未知规则：{rule}（可选：{'、'.join(RULES)}）")
            phrase = library.set_rule_accepted(ref, rule, accepted)
            say(f"{'已标记' if accepted else '已取消'}：{phrase.title} 的 {rule}")
            return 0
    platform = lint_platform(args.platform or ws.settings.load().platform)
    linter = linter_for(ws.path, platform)
    phrases: list[Phrase] = (
        [library.resolve(r) for r in args.refs] if args.refs and not args.all else library.all()
    )
    results = lint_phrases(linter, phrases, library.accepted_rules, ws.shop.get())
    errors = error_count(f for _, fs in results for f in fs)
    if args.json:
        emit_json(
            {
                "platform": platform,
                "checked": len(phrases),
                "errors": errors,
                "phrases": [
                    {"id": p.id, "title": p.title, "findings": [f.to_json() for f in fs]}
                    for p, fs in results
                ],
            }
        )
    else:
        for phrase, found in results:
            say(f"{phrase.title}（{phrase.code or phrase.id}）")
            for f in found:
                snippet = phrase.text[f.start : f.end].replace("\n", " ")
                if len(snippet) > 30:
                    snippet = snippet[:29] + "…"
                tip = f" → {f.suggestion}" if f.suggestion else ""
                say(
                    f"  {SEVERITY_NAMES[f.severity]} [{f.rule}] 第 {f.start + 1} 字起「{snippet}」"
                    f"：{f.message}{tip}"
                )
        say(
            f"检查了 {len(phrases)} 条短语（平台规则：{platform}），{errors} 个错误，"
            f"{sum(len(fs) for _, fs in results) - errors} 个警告或提示"
        )
    return EXIT_FOUND_ERRORS if errors else 0
