"""Placeholders in phrase text, checked on save and filled at render time.

The renderer is a small scanner, not ``str.format``: a placeholder is a name looked up in
a fixed table, so user text can never reach attributes, indexes or code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from assistant.core.errors import MissingFillIn, TemplateError
from assistant.core.text import quote_input

# canonical name -> aliases (the canonical Chinese name is an alias of itself)
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "买家": ("买家", "buyer"),
    "昵称": ("昵称", "nickname"),
    "店铺": ("店铺", "shop"),
    "客服": ("客服", "agent"),
    "活动": ("活动", "promo"),
    "发货时间": ("发货时间", "ship_time"),
    "日期": ("日期", "date"),
    "时间": ("时间", "time"),
    "星期": ("星期", "weekday"),
    "剪贴板": ("剪贴板", "clipboard"),
}
_ALIASES = {alias: name for name, aliases in PLACEHOLDERS.items() for alias in aliases}
_WEEKDAYS = "一二三四五六日"
_FORBIDDEN_IN_FILL_NAME = set("{}:?")
DEFAULT_NICKNAME = "亲"


@dataclass(frozen=True, slots=True)
class FillIn:
    name: str
    default: str | None


@dataclass(frozen=True, slots=True)
class _Literal:
    text: str


@dataclass(frozen=True, slots=True)
class _Named:
    name: str  # canonical


Part = _Literal | _Named | FillIn


def parse(text: str) -> list[Part]:
    """Split text into literals and placeholders; raise TemplateError naming the problem."""
    parts: list[Part] = []
    buf: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "{" and text.startswith("{{", i):
            buf.append("{")
            i += 2
        elif ch == "}" and text.startswith("}}", i):
            buf.append("}")
            i += 2
        elif ch == "}":
            raise TemplateError(f"第 {i + 1} 个字符处有多余的 “}}”（字面的花括号请写成 }}}}）")
        elif ch == "{":
            end = text.find("}", i + 1)
            inner_open = text.find("{", i + 1)
            if end < 0 or (0 <= inner_open < end):
                raise TemplateError(f"第 {i + 1} 个字符处的 “{{” 没有配对的 “}}”")
            if buf:
                parts.append(_Literal("".join(buf)))
                buf = []
            parts.append(_placeholder(text[i + 1 : end]))
            i = end + 1
        else:
            buf.append(ch)
            i += 1
    if buf:
        parts.append(_Literal("".join(buf)))
    return parts


def _placeholder(body: str) -> Part:
    if body.startswith("?"):
        name, sep, default = body[1:].partition(":")
        name = name.strip()
        if not name or _FORBIDDEN_IN_FILL_NAME & set(name):
            raise TemplateError(f"填空占位符 {{{quote_input(body)}}} 的名称无效")
        return FillIn(name, default if sep else None)
    canonical = _ALIASES.get(body.strip())
    if canonical is None:
        known = "、".join("{" + n + "}" for n in PLACEHOLDERS)
        raise TemplateError(
            f"未知的占位符 {{{quote_input(body)}}}；可用：{known}，或填空 {{?名称:默认值}}"
        )
    return _Named(canonical)


def validate(text: str) -> None:
    parse(text)


def uses_placeholders(text: str) -> bool:
    """Whether the text has a placeholder to fill ({昵称}, {?尺码}); {{ and }} are not."""
    try:
        return any(not isinstance(part, _Literal) for part in parse(text))
    except TemplateError:
        return False


def fill_ins(text: str) -> list[FillIn]:
    """The fill-ins a text asks for, in order, each name once."""
    seen: dict[str, FillIn] = {}
    for part in parse(text):
        if isinstance(part, FillIn) and part.name not in seen:
            seen[part.name] = part
    return list(seen.values())


@dataclass(slots=True)
class RenderContext:
    buyer_account: str | None = None
    buyer_nickname: str | None = None
    shop: Mapping[str, str] = field(default_factory=dict)
    now: datetime | None = None
    clipboard: Callable[[], str] | None = None  # read only when the text asks for it

    def value(self, name: str) -> str:
        moment = self.now or datetime.now().astimezone()
        if name == "买家":
            return self.buyer_account or ""
        if name == "昵称":
            return self.buyer_nickname or DEFAULT_NICKNAME
        if name == "日期":
            return f"{moment.month}月{moment.day}日"
        if name == "时间":
            return moment.strftime("%H:%M")
        if name == "星期":
            return "星期" + _WEEKDAYS[moment.weekday()]
        if name == "剪贴板":
            return self.clipboard() if self.clipboard else ""
        return str(self.shop.get(name, ""))


def unset_shop_values(text: str, shop: Mapping[str, str]) -> list[str]:
    """Shop placeholders the text uses whose value is not set yet (they would render empty)."""
    try:
        parts = parse(text)
    except TemplateError:
        return []
    shop_names = ("店铺", "客服", "活动", "发货时间")
    out: list[str] = []
    for part in parts:
        if (
            isinstance(part, _Named)
            and part.name in shop_names
            and not str(shop.get(part.name, "")).strip()
            and part.name not in out
        ):
            out.append(part.name)
    return out


def render(text: str, context: RenderContext, fills: Mapping[str, str] | None = None) -> str:
    fills = fills or {}
    out: list[str] = []
    missing: list[str] = []
    for part in parse(text):
        if isinstance(part, _Literal):
            out.append(part.text)
        elif isinstance(part, _Named):
            out.append(context.value(part.name))
        elif part.name in fills:
            out.append(str(fills[part.name]))
        elif part.default is not None:
            out.append(part.default)
        elif part.name not in missing:
            missing.append(part.name)
    if missing:
        shown = "、".join(quote_input(n) for n in missing[:MAX_NAMES_SHOWN])
        if len(missing) > MAX_NAMES_SHOWN:
            shown += f" 等 {len(missing)} 个"
        raise MissingFillIn(missing, f"缺少填空内容：{shown}（命令行用 --set 名称=值 提供）")
    return "".join(out)


MAX_NAMES_SHOWN = 5
MESSAGE_BREAK = "---"


def split_messages(text: str) -> list[str]:
    """A phrase may hold several chat messages, separated by a line holding only ``---``."""
    messages: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.strip() == MESSAGE_BREAK:
            messages.append("\n".join(current).strip("\n"))
            current = []
        else:
            current.append(line)
    messages.append("\n".join(current).strip("\n"))
    return [m for m in messages if m.strip()] or [text]
