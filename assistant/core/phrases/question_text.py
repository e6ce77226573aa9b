"""A buyer's question as the suggestion engine reads it, and as a learned question is kept.

Buyers ask one thing in a hundred wordings. Before matching, a question is brought to one form:
full-width to half-width and lower case (NFKC), traditional characters to simplified (OpenCC),
each word of a synonym family to the family's first word (便宜 / 折扣 / 少点 → 优惠), every run
of digits to one mark (a size, a weight or a price matters as "a number", not as which one), and
the greetings buyers open with (亲、在吗、你好) left out when something follows them.

A question kept for learning loses what identifies a person first: phone numbers, order numbers
and anything that looks like an account name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from assistant.core.text import normalize

MAX_QUESTION = 500  # characters of a buyer's message looked at; the rest is cut
NUMBER = "0"  # a word character, so the clean-up of punctuation keeps it

# Each family's first word is the one the others become. Written from how buyers ask; longest
# words win where one contains another (少点 before 少).
SYNONYMS: tuple[tuple[str, ...], ...] = (
    (
        "优惠",
        "便宜",
        "折扣",
        "打折",
        "少点",
        "少一点",
        "让点",
        "减点",
        "降价",
        "砍价",
        "抹零",
        "优惠券",
        "券",
        "划算",
        "实惠",
        "再少",
        "能少",
        "便宜点",
        "贵",
    ),
    (
        "发货",
        "寄出",
        "发出",
        "出货",
        "发件",
        "寄件",
        "发走",
        "寄走",
        "发或",
        "法货",
        "几时发",
        "几时发货",
        "发了吗",
        "什么时候发",
        "什么时候发货",
        "啥时候发",
        "啥时候发货",
        "寄",
    ),
    ("订单", "订单号", "下单", "拍下", "拍了", "已拍"),
    ("到货", "收到", "到手", "送到", "几天到", "多久到", "多久能到", "到了"),
    ("快递", "物流", "单号", "运单", "顺丰", "圆通", "中通", "韵达", "申通", "邮政", "京东快递"),
    ("退货", "退款", "退掉", "退了", "退回", "不想要", "不要了", "七天无理由", "7天无理由", "退"),
    ("换货", "换码", "换个", "换一", "调换", "换"),
    ("尺码", "码数", "尺寸", "大小", "多大", "几码", "什么码", "哪个码", "穿多大", "选码", "码"),
    ("体重", "斤", "公斤", "kg"),
    ("身高", "cm", "厘米", "米"),
    ("邮费", "运费", "包邮", "邮资", "快递费", "运费险"),
    ("正品", "真的", "假的", "假货", "正版", "专柜", "官方", "原装", "高仿", "a货"),
    ("质量", "质量怎么样", "做工", "耐穿", "结实", "耐用", "好不好"),
    ("色差", "颜色", "实物", "图片一样", "和图片", "跟图片", "照片一样", "一样吗", "偏色"),
    ("缺货", "没货", "有货", "现货", "库存", "断货", "补货", "还有吗", "卖完"),
    (
        "坏了",
        "破了",
        "破损",
        "开线",
        "脱线",
        "掉色",
        "褪色",
        "起球",
        "瑕疵",
        "有问题",
        "质量问题",
        "烂了",
        "漏了",
        "坏的",
    ),
    ("赠品", "送什么", "有送", "小礼物", "礼品"),
    ("发票", "开票", "专票", "普票"),
    ("客服", "人工", "真人", "有人吗"),
)
GREETINGS = (
    "亲亲",
    "亲",
    "在吗",
    "在不在",
    "在么",
    "你好",
    "您好",
    "hello",
    "hi",
    "请问",
    "老板",
    "掌柜",
    "客服你好",
    "美女",
    "小姐姐",
)

_PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_LONG_NUMBER = re.compile(r"\d{8,}")  # order numbers, tracking numbers, QQ numbers
_ACCOUNT = re.compile(r"[a-z][a-z0-9_.\-]{3,}|[\w.\-]+@[\w.\-]+|tb\d{4,}", re.IGNORECASE)
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_SPACE = re.compile(r"[\s\W_]+")


@lru_cache(maxsize=1)
def _to_simplified() -> Any:
    import opencc  # ~30 ms to load its tables: only when a question is read

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _synonym_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    table: dict[str, str] = {}
    for family in SYNONYMS:
        for word in family:
            table.setdefault(normalize(word), normalize(family[0]))
    words = sorted(table, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words)), table


def simplified(text: str) -> str:
    return str(_to_simplified().convert(text))


def canonical(text: str) -> str:
    """The question as it is matched: one form for its many wordings (see the module)."""
    text = normalize(simplified(text[:MAX_QUESTION]))
    text = _DIGITS.sub(NUMBER, text)
    text = _SPACE.sub(" ", text).strip()
    text = _without_greeting(text)
    pattern, table = _synonym_pattern()
    # A family's word is marked off by spaces, so its characters don't pair with the next ones.
    return pattern.sub(lambda m: f" {table[m.group(0)]} ", text)


def _without_greeting(text: str) -> str:
    changed = True
    while changed:
        changed = False
        for word in GREETINGS:
            rest = text[len(word) :].lstrip()
            if text.startswith(word) and rest:
                text, changed = rest, True
    return text


def terms(text: str) -> list[str]:
    """What a canonical text is matched by: each family word whole, single characters and
    pairs of neighbouring characters within each run, each number as one mark."""
    out: list[str] = []
    _, table = _synonym_pattern()
    families = set(table.values())
    for run in text.split():
        if run in families:
            out.append(run)
            continue
        out.extend(run)
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def scrubbed(question: str) -> str:
    """A question as it may be kept: no phone, order or account number, no account name."""
    question = _PHONE.sub(" ", question[:MAX_QUESTION])
    question = _LONG_NUMBER.sub(" ", question)
    question = _ACCOUNT.sub(" ", question)
    return " ".join(question.split())


def question_terms(texts: Iterable[str]) -> list[list[str]]:
    return [terms(canonical(t)) for t in texts]
