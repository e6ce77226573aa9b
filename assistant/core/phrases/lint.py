"""Checks a reply against the platform's rules and the rules of good service.

Each finding names its rule, a severity, the exact span of text, a message in Chinese and,
where one exists, a suggestion. Rule words are loaded by lint_words.py. A phrase can accept
one rule to silence a known exception.

The message is Chinese, as the CLI prints it. ``code`` (which variant of the rule: a WeChat ID
or a phone number) and ``args`` (the word found, the limit and the count) say the same thing
in parts, so that a UI in another language can word it itself; ``to_json`` leaves them out, so
the CLI's output is what it always was.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from assistant.core.errors import TemplateError
from assistant.core.phrases.model import Phrase
from assistant.core.phrases.template import RenderContext, fill_ins, parse, render
from assistant.core.platforms import DEFAULT_PLATFORM, lint_platform

RULES = ("off-platform", "absolute", "flat-refusal", "too-short", "auto-reply-length", "template")
ERROR, WARNING, HINT = "error", "warning", "hint"
SEVERITY_NAMES = {ERROR: "错误", WARNING: "警告", HINT: "提示"}


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: str
    start: int
    end: int
    message: str
    suggestion: str | None = None
    code: str = ""  # the rule's variant, e.g. "off-platform.wechat"; "" for none
    args: dict[str, str | int] = field(default_factory=dict, hash=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "message": self.message,
            "suggestion": self.suggestion,
        }


# Full-width digits, letters, ＠ and ． (an input method in full-width mode) read as their ASCII
# twins: one character for one, so the spans found stay the spans of the original text.
_HALF_WIDTH = {
    **{c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)},
    **{c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)},
    **{c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)},
    0xFF20: ord("@"),
    0xFF0E: ord("."),
}
ABSOLUTE_FALLBACK = "改为客观、具体的说法（如材质、数据），或删去"
# What an off-platform finding found, by the variant its code names ("off-platform.wechat").
CONTACT_NAMES = {
    "wechat": "微信号",
    "qq": "QQ 号",
    "email": "邮箱",
    "phone": "手机号",
    "link": "站外链接",
}


def _alternation(items: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))


class Linter:
    def __init__(self, words: dict[str, Any], platform: str = DEFAULT_PLATFORM) -> None:
        self.w = words
        self.platform = lint_platform(platform)

    # -- compiled patterns -----------------------------------------------------------
    @cached_property
    def _phone(self) -> re.Pattern[str]:
        return re.compile(r"(?<![0-9０-９])1[3-9][0-9](?:[-\s]?[0-9]{4}){2}(?![0-9０-９])")

    @cached_property
    def _qq(self) -> re.Pattern[str]:
        markers = _alternation(self.w["off_platform"]["qq_markers"])
        return re.compile(rf"(?:{markers})\s*(?:号码|号)?\s*[:：是为]?\s*[0-9]{{5,11}}(?![0-9])")

    @cached_property
    def _wechat(self) -> re.Pattern[str]:
        markers = _alternation(self.w["off_platform"]["wechat_markers"])
        return re.compile(
            rf"(?:{markers})\s*(?:号码|号)?\s*[:：是为]?\s*[A-Za-z0-9][-_A-Za-z0-9]{{4,19}}"
        )

    _email = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
    _link = re.compile(
        r"(?:https?://|www\.)[^\s，。！？、）)]+"
        r"|(?<![A-Za-z0-9@.])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\."
        r"(?:com|cn|net|org|top|xyz|cc|me|io|shop|vip|hk)(?![A-Za-z0-9])(?:/[^\s，。！？]*)?"
    )

    # -- the rules -----------------------------------------------------------------------
    def check(
        self, text: str, tags: list[str] | None = None, shop: dict[str, str] | None = None
    ) -> list[Finding]:
        findings = self._template(text)
        findings += self._off_platform(text)
        findings += self._absolute(text)
        findings += self._flat_refusal(text)
        findings += self._too_short(text)
        findings += self._auto_reply(text, tags or [], shop or {})
        return sorted(findings, key=lambda f: (f.start, f.rule))

    def _template(self, text: str) -> list[Finding]:
        try:
            parse(text)
        except TemplateError as exc:
            error = str(exc)
            return [
                Finding("template", ERROR, 0, len(text), error, None, "template", {"error": error})
            ]
        return []

    def _off_platform(self, text: str) -> list[Finding]:
        original, text = text, text.translate(_HALF_WIDTH)
        out: list[Finding] = []
        taken: list[tuple[int, int]] = []

        def add(m: re.Match[str], kind: str) -> None:
            if any(s <= m.start() < e for s, e in taken):
                return
            taken.append((m.start(), m.end()))
            message = f"{CONTACT_NAMES[kind]}会把买家引到平台外，平台会处罚"
            out.append(_off_platform_finding(m, message, "删除联系方式，请买家在平台内联系", kind))

        for m in self._wechat.finditer(text):
            add(m, "wechat")
        for m in self._qq.finditer(text):
            add(m, "qq")
        for m in self._email.finditer(text):
            add(m, "email")
        for m in self._phone.finditer(text):
            add(m, "phone")
        allowed = self.w["off_platform"]["allowed_domains"].get(self.platform, [])
        for m in self._link.finditer(text):
            host = re.sub(r"^(?:https?://)?", "", m.group(0).lower()).split("/")[0]
            if any(host == d or host.endswith("." + d) for d in allowed):
                continue
            add(m, "link")
        if self.platform == "jd":
            own = set(self.w["off_platform"]["own_platform_names"].get("jd", []))
            others = [n for n in self.w["off_platform"]["platform_names"] if n not in own]
            for m in re.finditer(_alternation(others), original):
                message = f"京东会屏蔽提到其他平台（{m.group(0)}）的消息"
                out.append(
                    _off_platform_finding(
                        m, message, "改为“其他店铺”或直接删去", "other-platform", m.group(0)
                    )
                )
        return out

    def _absolute(self, text: str) -> list[Finding]:
        rule = self.w["absolute"]
        shielded: list[tuple[int, int]] = []
        for exc in rule["exceptions"]:
            shielded += [(m.start(), m.end()) for m in re.finditer(re.escape(exc), text)]

        def free(start: int, end: int) -> bool:
            return not any(s <= start and end <= e for s, e in shielded)

        out: list[Finding] = []
        hits = [
            (m.start(), m.end(), m.group(0)) for m in re.finditer(_alternation(rule["words"]), text)
        ]
        prefix = rule["superlative_prefix"]
        allowed_after = set(rule["superlative_allowed_after"])
        for m in re.finditer(re.escape(prefix) + r"(.)", text):
            if m.group(1) not in allowed_after and _is_cjk(m.group(1)):
                hits.append((m.start(), m.end(), m.group(0)))
        for start, end, word in hits:
            if not free(start, end):
                continue
            key = prefix if word.startswith(prefix) and word not in rule["suggestions"] else word
            out.append(
                Finding(
                    "absolute",
                    WARNING,
                    start,
                    end,
                    f"「{word}」是绝对化用语：广告法禁止，也容易引起纠纷",
                    rule["suggestions"].get(key) or ABSOLUTE_FALLBACK,
                    "absolute",
                    {"word": word},
                )
            )
        return out

    def _strip_greeting(self, text: str) -> int:
        """Where the reply proper starts, after 亲、您好 and punctuation."""
        greetings = sorted(self.w["flat_refusal"]["greetings"], key=len, reverse=True)
        i = 0
        while i < len(text):
            if text[i].isspace() or unicodedata.category(text[i]).startswith("P"):
                i += 1
                continue
            for g in greetings:
                if text.startswith(g, i):
                    i += len(g)
                    break
            else:
                break
        return i

    def _flat_refusal(self, text: str) -> list[Finding]:
        rule = self.w["flat_refusal"]
        i = self._strip_greeting(text)
        if any(text.startswith(x, i) for x in rule.get("exceptions", [])):
            return []  # 没问题、没关系: a yes, not a no
        for word in sorted(rule["starts"], key=len, reverse=True):
            if text.startswith(word, i):
                # Only what follows the refusing clause counts as an alternative offered.
                clause_end = re.search(r"[，,。！!～~；;？?\n]", text[i:])
                rest = text[i + clause_end.end() :] if clause_end else ""
                if _offers(rest, rule["alternatives"]):
                    return []
                return [
                    Finding(
                        "flat-refusal",
                        HINT,
                        i,
                        i + len(word),
                        "直接拒绝容易流失买家：先说能做到的",
                        "给出当前活动或有条件的办法，如“拍两件就包邮哦”",
                        "flat-refusal",
                    )
                ]
        return []

    def _too_short(self, text: str) -> list[Finding]:
        body = re.sub(r"\{[^{}]*\}", "", text)
        meaningful = [c for c in body if c.isalnum() or _is_cjk(c)]
        if len(meaningful) < int(self.w["too_short"]["min_chars"]):
            return [
                Finding(
                    "too-short",
                    HINT,
                    0,
                    len(text),
                    "回复太短，买家得不到有用的信息",
                    "回答问题后再补一句推荐或说明",
                    "too-short",
                )
            ]
        return []

    def _auto_reply(self, text: str, tags: list[str], shop: dict[str, str]) -> list[Finding]:
        rule = self.w["auto_reply"]
        if rule["tag"] not in tags:
            return []
        try:
            sample = {f.name: f.default or f.name for f in fill_ins(text)}
            rendered = render(text, RenderContext(shop=shop), sample)
        except TemplateError:
            rendered = text
        count, limit = len(rendered), int(rule["max_chars"])
        if count <= limit:
            return []
        return [
            Finding(
                "auto-reply-length",
                ERROR,
                0,
                len(text),
                f"自动回复最多 {limit} 个字（每个字符算一个），现在 {count} 个",
                f"删减 {count - limit} 个字",
                "auto-reply-length",
                {"limit": limit, "count": count},
            )
        ]


def _off_platform_finding(
    m: re.Match[str], message: str, suggestion: str, kind: str, word: str = ""
) -> Finding:
    args: dict[str, str | int] = {"word": word} if word else {}
    return Finding(
        "off-platform", ERROR, m.start(), m.end(), message, suggestion, f"off-platform.{kind}", args
    )


def _offers(rest: str, alternatives: list[str]) -> bool:
    """An alternative is offered, not negated in turn (没有优惠, 不能换 offer nothing)."""
    for alt in alternatives:
        for m in re.finditer(re.escape(alt), rest):
            if not any(c in "不没无别" for c in rest[max(0, m.start() - 3) : m.start()]):
                return True
    return False


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def error_count(findings: Iterable[Finding]) -> int:
    return sum(1 for f in findings if f.severity == ERROR)


def has_error(findings: Iterable[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)


def lint_phrase(
    linter: Linter,
    text: str,
    tags: list[str],
    accepted: list[str],
    shop: dict[str, str] | None = None,
) -> list[Finding]:
    return [f for f in linter.check(text, tags, shop) if f.rule not in accepted]


def lint_phrases(
    linter: Linter,
    phrases: Iterable[Phrase],
    accepted: Callable[[str], list[str]],
    shop: dict[str, str] | None = None,
) -> list[tuple[Phrase, list[Finding]]]:
    """Each phrase that has findings, with them; ``accepted`` gives a phrase id's accepted rules."""
    found = ((p, lint_phrase(linter, p.text, p.tags, accepted(p.id), shop)) for p in phrases)
    return [(phrase, findings) for phrase, findings in found if findings]
