"""The fixed query set: what agents type in the quick panel and the buyer lookup.

Chinese substrings and buyer names are drawn from the generated data with a fixed seed,
so the set is the same on every run of the same sizes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from assistant.core.text import is_han
from bench.generate import Dataset

PINYIN = ("fahuo", "kuaidi", "tuihuo", "youhui", "baoyou", "chima", "yanse", "zhiliang",
          "kucun", "fukuan", "cuifu", "shunfeng")  # fmt: skip
INITIALS = ("fh", "kd", "th", "yh", "by", "cm", "hp", "yf")
MIXED = ("退h", "发huo", "快d", "尺ma", "包y", "yh券")
MULTI = ("发货 快递", "亲 尺码", "退换 运费", "fahuo kd", "满减 包邮")
LATIN = ("vip", "sf", "xl", "jd", "ok")
NOTHING = ("zzzq", "量子力学")
BUYER_FIXED = (
    ("remark", "老客户"),
    ("remark", "宽脚"),
    ("remark pinyin", "songli"),
    ("remark initials", "yfp"),
    ("account pinyin", "xiaohua"),
    ("account prefix", "tb_1"),
    ("tag", "回头客"),
    ("notes", "顺丰"),
)


@dataclass(frozen=True)
class Query:
    target: str  # "phrases" | "buyers"
    kind: str
    text: str


def _han_substrings(texts: list[str], length: int, count: int, rng: random.Random) -> list[str]:
    out: list[str] = []
    while len(out) < count:
        text = rng.choice(texts)
        start = rng.randrange(len(text))
        piece = text[start : start + length]
        if len(piece) == length and all(is_han(ch) for ch in piece) and piece not in out:
            out.append(piece)
    return out


def query_set(ds: Dataset) -> list[Query]:
    rng = random.Random(ds.sizes.seed + 100)
    texts = [d["text"] for d in ds.phrases]
    out: list[Query] = []
    for length in (1, 2, 3, 4):
        out += [
            Query("phrases", f"chinese {length}", q) for q in _han_substrings(texts, length, 3, rng)
        ]
    out += [Query("phrases", "pinyin", q) for q in PINYIN]
    out += [Query("phrases", "initials", q) for q in INITIALS]
    codes = sorted(d["code"] for d in ds.phrases if d.get("code"))
    picked = rng.sample(codes, 3) if len(codes) >= 3 else codes
    code_queries = ["cf", "cf1", *(c[:3] for c in picked[:1]), *picked[1:]]
    out += [Query("phrases", "code", q) for q in dict.fromkeys(code_queries)]
    out += [Query("phrases", "mixed", q) for q in MIXED]
    out += [Query("phrases", "multi-word", q) for q in MULTI]
    out += [Query("phrases", "latin", q) for q in LATIN]
    out += [Query("phrases", "no match", q) for q in NOTHING]
    out += _buyer_queries(ds, rng)
    return out


def _buyer_queries(ds: Dataset, rng: random.Random) -> list[Query]:
    accounts = [d["account"] for _, d in ds.buyers if not d.get("archived")]
    latin = [a for a in accounts if a.isascii() and not a.startswith("tb_")]
    numeric = [a for a in accounts if a.startswith("tb_")]
    chinese = [a for a in accounts if not a.isascii()]
    out: list[Query] = []
    for kind, pool in (("account", numeric), ("account", latin), ("account", chinese)):
        if pool:
            out.append(Query("buyers", kind, rng.choice(pool)))
    if chinese:
        out.append(Query("buyers", "account prefix", rng.choice(chinese)[:2]))
    out += [Query("buyers", kind, q) for kind, q in BUYER_FIXED]
    return out
