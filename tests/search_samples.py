"""Text that looks like a shop's phrases and buyers, and queries typed the way agents type.

Shared by the search equality tests. Readings for typing come from ``tests.search_reference``
(pypinyin), never from the product.
"""

from __future__ import annotations

import random

from tests.search_reference import fold, is_chinese, readings

# Words whose characters have two common readings, or that sit next to a trap (xi+an).
POLYPHONE_WORDS = (  # noqa: SIM905
    "银行 行情 行走 还款 还有 还是 重新 重量 重要 长度 成长 长大 快乐 音乐 发货 头发 "
    "颜色 色差 便宜 方便 觉得 睡觉 地址 的确 目的 差不多 出差 了解 好了 尺码 单号 简单 "
    "着急 看着 调换 调货 都是 首都 朝阳 和气 暖和 只有 一只 传送 自传 弹力 子弹 "
    "曾经 姓曾 单先生 查收 查先生 解释 解先生 区先生 仇先生 朴素 会员 会计 西安 先生"
).split()
WORDS = (  # noqa: SIM905
    "退货 换货 退换 包邮 运费 偏大 偏小 正品 质量 快递 物流 优惠 满减 活动 催付 付款 "
    "库存 现货 预售 好评 售后 您好 谢谢 麻烦 女装 绿色 略微 虐心 下单 拍下 修改 客服 "
    "亲 哦 嗯 的 了 呢 吧 欸"
).split()
LATIN = (  # noqa: SIM905
    "VIP vip OK XL xl sku iPhone 7天 48h 100元 Size ok-la cf1 th2 A-01 tb_2024 Alice.W"
).split()
FULL_WIDTH = ["ＶＩＰ", "ＸＬ", "ｃｆ１", "Ｏｋ", "１００", "ＡＢＣ"]
ODD = ["ﬁ", "①", "㎏", "ß", "İ", "⾏", "⼀", "Ⅻ", "№"]  # NFKC/casefold change length or kind
PUNCT = ["，", "。", "！", "？", " ", "、", "~", "\n", "（", "）", "：", "-", "·"]
# Level-1 GB2312: the 3,755 most common characters, for readings no word list above holds.
COMMON = [
    ch
    for hi in range(0xB0, 0xD8)
    for lo in range(0xA1, 0xFF)
    if (ch := bytes([hi, lo]).decode("gb2312", errors="ignore")) and is_chinese(ch)
]
SURNAMES = list("张王李赵刘陈杨黄周吴曾单查解区仇朴盖乐翟")


def sentence(rng: random.Random, pieces: int) -> str:
    parts = []
    for _ in range(pieces):
        roll = rng.random()
        if roll < 0.30:
            parts.append(rng.choice(POLYPHONE_WORDS))
        elif roll < 0.55:
            parts.append(rng.choice(WORDS))
        elif roll < 0.70:
            parts.append("".join(rng.choice(COMMON) for _ in range(rng.randint(1, 3))))
        elif roll < 0.80:
            parts.append(rng.choice(LATIN))
        elif roll < 0.84:
            parts.append(rng.choice(FULL_WIDTH))
        elif roll < 0.86:
            parts.append(rng.choice(ODD))
        else:
            parts.append(rng.choice(PUNCT))
    return "".join(parts).strip() or "亲"


def short_name(rng: random.Random) -> str:
    """A 备注名 or a nickname: a surname and a word, or Latin."""
    roll = rng.random()
    if roll < 0.6:
        return rng.choice(SURNAMES) + rng.choice(["姐", "哥", "先生", "女士", "小姐", *WORDS[:6]])
    if roll < 0.8:
        return rng.choice(SURNAMES) + "".join(rng.choice(COMMON) for _ in range(rng.randint(1, 2)))
    return rng.choice(LATIN) + str(rng.randint(1, 99))


def typed(rng: random.Random, chunk: str, style: str) -> str:
    """``chunk`` as an agent might type it: full pinyin, initials, spaced, mixed, upper case."""
    out = []
    for ch in fold(chunk):
        options = readings(ch)
        if not options:
            out.append(ch)
            continue
        reading = rng.choice(options)
        if style == "full":
            out.append(reading)
        elif style == "initials":
            out.append(reading[0])
        elif style == "spaced":
            out.append(reading + " ")
        else:  # mixed: some characters kept, some readings cut short
            pick = rng.random()
            if pick < 0.3:
                out.append(ch)
            elif pick < 0.6:
                out.append(reading[: rng.randint(1, len(reading))])
            else:
                out.append(reading)
    text = "".join(out)
    if rng.random() < 0.1:
        text = text.upper()
    if rng.random() < 0.1:  # as a Chinese input method in full-width mode types it
        text = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)
    return text


STYLES = ("same", "full", "full", "initials", "initials", "spaced", "mixed", "mixed", "random")


def query_from(rng: random.Random, texts: list[str]) -> str:
    """One query: one or two terms, each a piece of one of ``texts`` typed some way, or noise."""
    terms = []
    for _ in range(rng.choice((1, 1, 1, 2))):
        source = rng.choice([t for t in texts if t.strip()] or ["亲"])
        start = rng.randrange(len(source))
        chunk = source[start : start + rng.randint(1, 5)]
        style = rng.choice(STYLES)
        if style == "random":
            noise = rng.choices("abcdefghjklmnopqrstwxyz", k=rng.randint(1, 5))
            terms.append("".join(noise))
        else:
            terms.append(chunk if style == "same" else typed(rng, chunk, style))
    return " ".join(terms)
