"""A buyer's question as the suggestion engine reads it, and as a learned question is kept.

Buyers ask one thing in a hundred wordings. Before matching, a question is brought to one form:
full-width to half-width and lower case (NFKC), traditional characters to simplified (OpenCC),
every run of digits to one mark (a size, a weight or a price matters as "a number", not as which
one), the greetings buyers open with (亲、在吗、你好) left out when something follows them, and
each word of a synonym family made one token, the family's (便宜 / 折扣 / 少点 → 优惠).

Its terms are then its characters and its pairs of neighbouring characters, each a number: a
character's code point, or two code points side by side. Texts are read many at a time (all the
phrases of a library at once), in a few passes of C code over one joined string.

A question kept for learning loses what identifies a person first: phone numbers, order numbers
and anything that looks like an account name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.core.text import normalize

MAX_QUESTION = 500  # characters of a buyer's message looked at; the rest is cut
NUMBER = "0"  # a word character, so the clean-up of punctuation keeps it

# One family per line (an indented line goes on with the one above), its first word the one the
# others become. Written from how buyers ask; where one word contains another the longer wins.
SYNONYMS = """
优惠 便宜 便宜点 折扣 打折 少点 少一点 让点 减点 砍价 抹零 优惠券 券 划算 实惠 再少 能少 贵 一口价
    多买 多拿 买两件 买多 团购 批发价 最低价 底价 降价吗 能降
价保 降了 降价了 补差 补差价 差价 保价 买贵了 跌价
发货 寄出 发出 出货 发件 寄件 发走 寄走 发或 法货 几时发 几时发货 发了吗 寄
    什么时候发 什么时候发货 啥时候发 啥时候发货
订单 订单号 下单 拍下 拍了 已拍
到货 收到 到手 送到 几天到 多久到 多久能到 到了
快递 物流 单号 运单 顺丰 圆通 中通 韵达 申通 邮政 京东快递 ems 极兔
退货 退款 退掉 退了 退回 不想要 不要了 七天无理由 7天无理由 退 寄回 寄回去 寄回来 退回去
换货 换码 换个 换一 调换 换
尺码 码数 尺寸 大小 多大 几码 什么码 哪个码 穿多大 选码 码 偏大 偏小 买大 买小 往大 往小 大一码
    小一码 拍大 拍小 合身 穿不下
体重 斤 公斤 kg
身高 cm 厘米
邮费 运费 包邮 免邮 邮资 快递费 运费险 补运费 另外出 加钱 多几块 多几块钱
偏远 新疆 西藏 拉萨 青海 内蒙 内蒙古 海南 宁夏 甘肃 港澳台 香港 澳门 台湾 海外
正品 真的 假的 假货 正版 专柜 官方 原装 高仿 a货 仿品 仿的 品牌方 正规 授权 山寨 验货
质量 做工 耐穿 结实 耐用 材质 面料 料子 透气 厚不厚 薄不薄 起不起球
质量差 太次 太差 差劲 垃圾 很差 质量不好 做工差 什么破 破玩意 太烂 失望
色差 颜色 实物 图片一样 和图片 跟图片 照片一样 偏色 偏紫 偏红 偏黄 偏蓝 偏绿 偏暗 偏深 偏浅
    显色 发色
缺货 没货 有货 现货 库存 断货 补货 还有吗 卖完 无货 上货 到货通知 售罄 没码
坏了 破了 破损 开线 脱线 掉色 褪色 起球 瑕疵 有问题 质量问题 烂了 漏了 坏的 线开 线全开 开胶
    破洞 污渍 脏了 压坏
赠品 送什么 有送 小礼物 礼品 送个 送点 小东西 送的
放心 靠谱 靠得住 可靠 信得过 保障 安心 放心买 第一次买 头一回 新店
站外 微信 vx v信 威信 加微 加v 发v qq 扣扣 私下 私聊 加我 联系方式 支付宝转账 线下交易
    收款码 扫码付 转账 二维码
验证 认证 验证码 点击链接 链接 冻结 账户异常 中奖 官方客服 平台客服 客服中心
发票 开票 专票 普票
客服 人工 真人 有人吗
"""
GREETINGS = "亲亲 亲 在吗 在不在 在么 你好 您好 hello hi 请问 老板 掌柜 美女 小姐姐"

FAMILY_BASE = 0xF0000  # a family's token: one code point of the private-use plane 15
PAIR = 1 << 21  # code points are below 2**21: a pair (a, b) is (a + 1) * 2**21 + b
_PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_LONG_NUMBER = re.compile(r"\d{8,}")  # order numbers, tracking numbers, QQ numbers
_ACCOUNT = re.compile(r"[a-z][a-z0-9_.\-]{3,}|[\w.\-]+@[\w.\-]+|tb\d{4,}", re.IGNORECASE)
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_LINE_BREAKS = re.compile(r"[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_SPACE = re.compile(r"(?:[^\w\n]|_)+")  # punctuation and spaces, but not the line breaks


@lru_cache(maxsize=1)
def _to_simplified() -> Any:
    import opencc  # ~30 ms to load its tables: only when a question is read

    return opencc.OpenCC("t2s")


def _plain(text: str) -> str:
    """NFKC, lower case, one mark for numbers, single spaces: the first passes over a text."""
    text = normalize(str(_to_simplified().convert(text)))
    return _SPACE.sub(" ", _DIGITS.sub(NUMBER, text))


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    table: dict[str, str] = {}
    families = re.split(r"\n(?! )", SYNONYMS.strip())
    for n, line in enumerate(families):
        token = f" {chr(FAMILY_BASE + n)} "
        for word in line.split():
            table.setdefault(_plain(word).strip(), token)
    synonyms = re.compile(_any_of(list(table)))
    greeting = _any_of([_plain(g).strip() for g in GREETINGS.split()])
    # At the start of a line, one greeting or more, when something follows on that line.
    greetings = re.compile(rf"^ ?(?:(?:{greeting}) ?)+(?=[^\s])", re.MULTILINE)
    return synonyms, greetings, table


def _any_of(words: list[str]) -> str:
    """A pattern for the longest of ``words`` at each place: a Latin word only as a whole word
    (hi never inside high), the others as a tree of their characters, which the regex engine
    walks once per place instead of trying some 300 words one by one; and first a look at the
    character, which lets it skip the places no word starts at (2.0 s → 0.5 s at 20,000)."""
    latin = sorted((w for w in words if w.isascii() and w[-1].isalnum()), key=len, reverse=True)
    tree: dict[str, Any] = {}
    for word in words:
        if word not in latin:
            node = tree
            for ch in word:
                node = node.setdefault(ch, {})
            node[""] = {}
    parts = [rf"(?<![a-z0-9])(?:{'|'.join(map(re.escape, latin))})(?![a-z0-9])"] if latin else []
    if tree:
        parts.append(_branches(tree))
    starts = "".join(sorted({re.escape(w[0]) for w in words}))
    return f"(?=[{starts}])(?:{'|'.join(parts)})" if parts else "(?!)"


def _branches(node: dict[str, Any]) -> str:
    alternatives = [re.escape(ch) + _branches(rest) for ch, rest in sorted(node.items()) if ch]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
    # A word may end here: the longer one is tried first (greedy), as longest-first would.
    return f"(?:{body})?" if "" in node else body


def canonical_many(texts: Sequence[str]) -> list[str]:
    """Each text in the form it is matched in (see the module); one line each."""
    if not texts:
        return []
    joined = "\n".join(_LINE_BREAKS.sub(" ", t) for t in texts)
    synonyms, greetings, table = _rules()
    joined = greetings.sub("", _plain(joined))
    joined = synonyms.sub(lambda m: table[m.group(0)], joined)
    return [" ".join(line.split()) for line in joined.split("\n")]


def canonical(text: str) -> str:
    return canonical_many([text[:MAX_QUESTION]])[0]


def term_codes(lines: Sequence[str]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The terms of canonical texts as numbers, with the index of the text each belongs to:
    every character but a space, and every two neighbouring characters without a space."""
    joined = "\n".join(lines)
    if not joined:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    points = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    line = np.cumsum(points == ord("\n")) - (points == ord("\n"))
    gap = (points == ord(" ")) | (points == ord("\n"))
    single = ~gap
    pair = single[:-1] & single[1:]
    codes = np.concatenate([points[single], (points[:-1][pair] + 1) * PAIR + points[1:][pair]])
    owners = np.concatenate([line[single], line[:-1][pair]])
    return codes, owners


def scrubbed(question: str) -> str:
    """A question as it may be kept: no phone, order or account number, no account name."""
    question = _PHONE.sub(" ", question[:MAX_QUESTION])
    question = _LONG_NUMBER.sub(" ", question)
    question = _ACCOUNT.sub(" ", question)
    question = "".join(ch for ch in question if unicodedata.category(ch)[0] != "C")
    return " ".join(question.split())
