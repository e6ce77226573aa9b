"""A compact remark for the chat client's remark field: ``8A 张姐 38码 价格敏感 回头客``.

Parts in order of usefulness: group/subgroup code, the agent's nickname, the size, the most
telling tags, other attributes. Parts are added while they fit in ``max_len`` characters.
"""

from __future__ import annotations

from assistant.core.buyers.model import REPEAT_TAG, Buyer
from assistant.core.errors import InvalidInput

# Tags that change how to answer come first; 回头客 last because the group already hints it.
TAG_PRIORITY = (
    "多疑型",
    "价格敏感",
    "急购",
    "送礼",
    "要求高",
    "摇摆型",
    "需求迷茫",
    "信任型",
    "价格不敏感",
    "需求明确",
    "自主型",
    "要求随意",
    "自用",
    "随便逛",
    REPEAT_TAG,
)
SIZE_KEYS = ("尺码", "鞋码", "码数", "size")


def _size_part(key: str, value: str) -> str:
    return f"{value}码" if value.replace(".", "", 1).isdigit() else value


def compose_remark(buyer: Buyer, max_len: int = 20) -> str:
    if max_len < 1:
        raise InvalidInput("--max 至少为 1")
    parts: list[str] = []
    if buyer.subgroup or buyer.group:
        parts.append(buyer.subgroup or str(buyer.group))
    if buyer.remark:
        parts.append(buyer.remark)
    attrs = dict(buyer.attributes)
    for key in SIZE_KEYS:
        if key in attrs:
            parts.append(_size_part(key, attrs.pop(key)))
            break
    ranked = sorted((t for t in buyer.tags if t in TAG_PRIORITY), key=TAG_PRIORITY.index) + [
        t for t in buyer.tags if t not in TAG_PRIORITY
    ]
    parts.extend(ranked)
    parts.extend(attrs.values())

    out = ""
    for part in parts:
        candidate = f"{out} {part}" if out else part
        if len(candidate) <= max_len:
            out = candidate
        elif not out:
            out = part[:max_len]  # even the first part is too long: keep its start
    return out
