"""The shop platforms the app knows: their codes, Chinese names, the default, and which have
their own set of checking rules (``resources/lint``)."""

from __future__ import annotations

from assistant.core.errors import InvalidInput

PLATFORM_NAMES: dict[str, str] = {
    "taobao": "淘宝",
    "tmall": "天猫",
    "jd": "京东",
    "pdd": "拼多多",
    "wechat": "微信",
    "wxshop": "微信小店",
    "other": "其他",
}
PLATFORMS = tuple(PLATFORM_NAMES)
DEFAULT_PLATFORM = "taobao"
LINT_PLATFORMS = ("taobao", "tmall", "jd", "pdd")  # the platforms with checking rules
_BY_NAME = {name: code for code, name in PLATFORM_NAMES.items()}


def platform_name(code: str) -> str:
    """淘宝 for ``taobao``; an unknown code as it is."""
    return PLATFORM_NAMES.get(code, code)


def platform_choices(codes: tuple[str, ...] = PLATFORMS) -> str:
    """``taobao（淘宝）、tmall（天猫）…``: the codes with their names, for help texts."""
    return "、".join(f"{code}（{platform_name(code)}）" for code in codes)


def unknown_platform(given: str | None, choices: tuple[str, ...]) -> InvalidInput:
    return InvalidInput(f"未知平台：{given}（可选：{'、'.join(choices)}）")


def clean_platform(platform: str | None) -> str:
    """A buyer's platform: its code or its Chinese name; empty means the default."""
    if not platform:
        return DEFAULT_PLATFORM
    value = _BY_NAME.get(platform.strip(), platform.strip().lower())
    if value not in PLATFORMS:
        raise unknown_platform(platform, PLATFORMS)
    return value


def lint_platform(platform: str | None) -> str:
    """The platform whose checking rules apply (a code only); empty means the default."""
    value = (platform or DEFAULT_PLATFORM).strip().lower()
    if value not in LINT_PLATFORMS:
        raise unknown_platform(platform, LINT_PLATFORMS)
    return value
