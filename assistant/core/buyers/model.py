"""A buyer (买家) as the agent remembers them, and the rules for each field."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from assistant.core.errors import InvalidInput
from assistant.core.platforms import DEFAULT_PLATFORM

# Imported from here by book.py and the quick panel's buyer card:
from assistant.core.platforms import PLATFORM_NAMES as PLATFORM_NAMES
from assistant.core.platforms import PLATFORMS as PLATFORMS
from assistant.core.platforms import clean_platform as clean_platform
from assistant.core.text import clean_tags as clean_tag_list

REPEAT_TAG = "回头客"
INACTIVE_DAYS = 180  # no order and no contact for this long: a buyer worth archiving
BUYER_TYPES = (
    "需求明确",
    "需求迷茫",
    "自主型",
    "摇摆型",
    "价格敏感",
    "价格不敏感",
    "急购",
    "随便逛",
    "自用",
    "送礼",
    "要求高",
    "要求随意",
    "信任型",
    "多疑型",
)
READY_TAGS = (*BUYER_TYPES, REPEAT_TAG)
MAX_ACCOUNT = 64
MAX_ORDER_NO = 64  # an order number in an order report
MAX_REMARK = 40
MAX_NOTES = 5000
MAX_ATTRS = 30
MAX_ATTR_NAME = 20
MAX_ATTR_VALUE = 100
MAX_TAGS = 50
MAX_TAG = 20
MAX_PROMISE = 500
# No platform allows them in an account, and some (ESC) would drive the terminal that
# prints the account: line breaks and tabs too.
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f]")

JSON_KEYS = (
    "account",
    "platform",
    "remark",
    "group",
    "subgroup",
    "tags",
    "notes",
    "promises",
    "attributes",
    "order_count",
    "total_spent",
    "first_order_at",
    "last_order_at",
    "last_contact_at",
    "archived",
    "created_at",
    "updated_at",
)


@dataclass(slots=True)
class Promise:
    text: str
    created: str  # ISO date
    due: str | None = None  # ISO date
    done: bool = False
    done_at: str | None = None


@dataclass(slots=True)
class Buyer:
    account: str
    platform: str = DEFAULT_PLATFORM
    remark: str = ""
    group: int | None = None
    subgroup: str | None = None
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    promises: list[Promise] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    order_count: int = 0
    total_spent: float = 0.0
    first_order_at: str | None = None
    last_order_at: str | None = None
    last_contact_at: str | None = None
    archived: bool = False
    created_at: str = ""
    updated_at: str = ""

    @property
    def key(self) -> str:
        return buyer_key(self.platform, self.account)

    @property
    def is_repeat(self) -> bool:
        return REPEAT_TAG in self.tags

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        return {k: data[k] for k in JSON_KEYS}


def buyer_key(platform: str, account: str) -> str:
    return f"{platform}:{account}"


# Where a copied line separates an account from what surrounds it ("买家：tb_abc 10:02").
_WORD_BREAKS = re.compile(r"[\s,，、:：;；()（）\[\]【】<>《》\"'“”‘’|]+")
MAX_SCANNED = 2000  # characters of copied text looked at for an account
MAX_WORDS = 64


def account_words(text: str) -> list[str]:
    """The words of a copied text that could be an account, first ones first, capped."""
    words = [w for w in _WORD_BREAKS.split(text[:MAX_SCANNED]) if 0 < len(w) <= MAX_ACCOUNT]
    return list(dict.fromkeys(words))[:MAX_WORDS]


def looks_like_account(text: str) -> bool:
    """A copied text that may be an unknown buyer's account: one short word, not a sentence,
    not an order or phone number (all digits)."""
    word = text.strip()
    return (
        0 < len(word) <= min(MAX_ACCOUNT, 40)
        and not _WORD_BREAKS.search(word)
        and not word.isdigit()
        and not any(ch in word for ch in "。？！?!…")
    )


def clean_account(account: str) -> str:
    if not isinstance(account, str):
        raise InvalidInput("买家账号必须是文字")
    account = account.strip().replace("\x00", "")
    if not account:
        raise InvalidInput("买家账号不能为空")
    if len(account) > MAX_ACCOUNT or CONTROL_CHARS.search(account):
        raise InvalidInput(f"买家账号无效：{account[:20]!r}")
    return account


def clean_remark(remark: str | None) -> str:
    remark = (remark or "").strip().replace("\n", " ")
    if len(remark) > MAX_REMARK:
        raise InvalidInput(f"备注名太长：最多 {MAX_REMARK} 个字符")
    return remark


def clean_notes(notes: str | None) -> str:
    notes = (notes or "").replace("\r\n", "\n").replace("\x00", "").strip()
    if len(notes) > MAX_NOTES:
        raise InvalidInput(f"备注太长：最多 {MAX_NOTES} 个字符")
    return notes


def clean_tags(tags: list[str]) -> list[str]:
    return clean_tag_list(tags, MAX_TAG, MAX_TAGS)


def clean_attributes(attrs: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in attrs.items():
        key, value = key.strip(), str(value).strip()
        if not key or len(key) > MAX_ATTR_NAME or len(value) > MAX_ATTR_VALUE:
            raise InvalidInput(
                f"属性无效：{key}={value[:20]}"
                f"（名称 1–{MAX_ATTR_NAME} 字，值最多 {MAX_ATTR_VALUE} 字）"
            )
        out[key] = value
    if len(out) > MAX_ATTRS:
        raise InvalidInput(f"属性太多：最多 {MAX_ATTRS} 个")
    return out


_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")


def parse_date(text: str) -> str:
    m = _DATE.match(text.strip())
    try:
        if not m:
            raise ValueError
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        raise InvalidInput(f"日期格式应为 YYYY-MM-DD，收到：{text!r}") from None


def promise_from(doc: dict[str, Any]) -> Promise:
    return Promise(
        text=str(doc.get("text", "")),
        created=str(doc.get("created", "")),
        due=doc.get("due"),
        done=bool(doc.get("done", False)),
        done_at=doc.get("done_at"),
    )


def buyer_from(doc: dict[str, Any]) -> Buyer:
    return Buyer(
        account=doc["account"],
        platform=doc.get("platform", DEFAULT_PLATFORM),
        remark=doc.get("remark", ""),
        group=doc.get("group"),
        subgroup=doc.get("subgroup"),
        tags=list(doc.get("tags", [])),
        notes=doc.get("notes", ""),
        promises=[promise_from(p) for p in doc.get("promises", [])],
        attributes=dict(doc.get("attributes", {})),
        order_count=int(doc.get("order_count", 0)),
        total_spent=float(doc.get("total_spent", 0.0)),
        first_order_at=doc.get("first_order_at"),
        last_order_at=doc.get("last_order_at"),
        last_contact_at=doc.get("last_contact_at"),
        archived=bool(doc.get("archived", False)),
        created_at=doc.get("created_at", ""),
        updated_at=doc.get("updated_at", ""),
    )
