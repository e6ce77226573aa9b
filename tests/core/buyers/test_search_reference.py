"""Buyer search returns what an independent brute force returns, in the documented order.

``BuyerBook.search``: a buyer matches when every word of the query matches its account, 备注名,
one of its tags or its 备注 (attributes and promises are not searched), by Chinese, pinyin,
initials or a mix, as phrases are; the exact account comes first, then buyers matched in the
account or 备注名, then the rest, alphabetically by account (then platform) among equals;
archived buyers only when asked. The reference is ``tests/search_reference.py`` (pypinyin and
unicodedata, nothing from the product); the buyers are a plain dict kept by the test.
"""

from __future__ import annotations

import os
import random
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from assistant.core.buyers import cleanup
from assistant.core.clock import now
from assistant.core.search.index import wait_for_cache_writes
from assistant.core.workspace import Workspace, open_workspace
from tests.search_reference import buyer_tier, matches
from tests.search_samples import (
    COMMON,
    LATIN,
    POLYPHONE_WORDS,
    query_from,
    sentence,
    short_name,
    typed,
)

MEMORY_DIR = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
PLATFORMS = ["taobao", "tmall", "jd", "pdd", "wechat", "other"]
TAGS = ["价格敏感", "回头客", "VIP", "重要客户", "长期合作", "还价", "ｘｌ码", "差评风险"]
Model = dict[str, dict[str, Any]]  # buyer key -> what the test gave it


def new_account(rng: random.Random, n: int) -> str:
    roll = rng.random()
    if roll < 0.35:
        return rng.choice(POLYPHONE_WORDS) + rng.choice(COMMON) + str(n)  # 银行啊12
    if roll < 0.55:
        return short_name(rng) + str(n)
    if roll < 0.75:
        return f"tb_{rng.choice(LATIN)}{n}".replace(" ", "")
    if roll < 0.85:
        return "ｔｂ" + "".join(chr(0xFF10 + int(d)) for d in str(n))  # full-width ｔｂ１２
    return rng.choice(["Alice", "BOB", "xiaohua", "Zhang", "li"]) + str(n)


def new_buyer(rng: random.Random, n: int) -> dict[str, Any]:
    return {
        "account": new_account(rng, n),
        "platform": rng.choice(PLATFORMS),
        "remark": short_name(rng) if rng.random() < 0.7 else "",
        "tags": sorted(set(rng.sample(TAGS, rng.randint(0, 3)))),
        "notes": sentence(rng, rng.randint(1, 8)) if rng.random() < 0.5 else "",
        "attributes": {"尺码": rng.choice(["38", "XL", "重码"])} if rng.random() < 0.3 else {},
        "archived": False,
    }


def fields(b: dict[str, Any]) -> list[str]:
    return [b["account"], b["remark"], *b["tags"], b["notes"]]


def expected(query: str, model: Model, archived: bool) -> list[str]:
    found = [k for k, b in model.items() if b["archived"] == archived and matches(query, fields(b))]
    return sorted(
        found,
        key=lambda k: (
            buyer_tier(query, model[k]["account"], model[k]["remark"]),
            model[k]["account"],
            model[k]["platform"],
        ),
    )


def add(ws: Workspace, model: Model, b: dict[str, Any]) -> None:
    if any(m["account"] == b["account"] and m["platform"] == b["platform"] for m in model.values()):
        return
    kept = ws.buyers.add(
        b["account"],
        platform=b["platform"],
        remark=b["remark"],
        tags=b["tags"],
        notes=b["notes"],
        attributes=b["attributes"],
    )
    model[kept.key] = dict(b)


def queries(rng: random.Random, model: Model) -> tuple[str, list[str]]:
    """A buyer not archived, and queries: its account typed several ways, then anything."""
    key = rng.choice(sorted(k for k, b in model.items() if not b["archived"]))
    texts = [t for b in model.values() for t in fields(b)]
    mine = model[key]
    account = mine["account"]
    return (
        key,
        [
            account,  # the exact account: first
            typed(rng, account, "full"),
            account[: max(1, len(account) // 2)],
            typed(rng, mine["remark"] or account, rng.choice(("initials", "mixed"))),
            *(query_from(rng, texts) for _ in range(5)),
        ],
    )


def check(ws: Workspace, model: Model, rng: random.Random) -> None:
    key, asked = queries(rng, model)
    first = expected(asked[0], model, archived=False)
    assert key in first and model[first[0]]["account"] == model[key]["account"]  # not vacuous
    for query in asked:
        for archived in (False, True):
            want = expected(query, model, archived)
            got = [b.key for b in ws.buyers.search(query, archived=archived)]
            assert got == want, (query, archived)
        top = [b.key for b in ws.buyers.search(query, limit=3)]
        assert top == expected(query, model, archived=False)[:3], query


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
)
@given(size=st.integers(20, 150), seed=st.integers(0, 2**32 - 1))
def test_buyer_search_returns_the_reference_in_the_documented_order(size: int, seed: int) -> None:
    """Buyers added one by one (some archived by a clean-up, some on two platforms), searched;
    then 备注名, tags and 备注 edited, one archived buyer restored, and searched again."""
    rng = random.Random(seed)
    with (
        tempfile.TemporaryDirectory(prefix="kefu-buyers-", dir=MEMORY_DIR) as folder,
        mock.patch("os.fsync"),
    ):
        ws = open_workspace(Path(folder) / "data", builtins=False)
        model: Model = {}
        old = rng.randint(0, size // 4)
        for n in range(old):
            add(ws, model, new_buyer(rng, n))
        # A clean-up a day later archives everyone added so far (buyers nobody contacted).
        with mock.patch.object(cleanup, "now", lambda: now() + timedelta(days=1)):
            archived = {b.key for b in ws.buyers.prune(0)}
        assert archived == set(model)
        for b in model.values():
            b["archived"] = True
        for n in range(old, size):
            b = new_buyer(rng, n)
            add(ws, model, b)
            if rng.random() < 0.1:  # the same account on a second platform
                add(ws, model, {**b, "platform": rng.choice(PLATFORMS), "remark": short_name(rng)})
        check(ws, model, rng)

        for key in rng.sample(sorted(model), min(4, len(model))):
            b, change = model[key], new_buyer(rng, 0)
            ws.buyers.edit(
                b["account"], b["platform"], remark=change["remark"], notes=change["notes"]
            )
            ws.buyers.tag(b["account"], ["新标签"], platform=b["platform"])
            b.update(remark=change["remark"], notes=change["notes"])
            b["tags"] = [*b["tags"], "新标签"]
        back = [k for k, b in model.items() if b["archived"]]
        if back:
            b = model[rng.choice(back)]
            ws.buyers.restore(b["account"], b["platform"])
            b["archived"] = False
        check(ws, model, rng)
        wait_for_cache_writes()  # before the folder goes
