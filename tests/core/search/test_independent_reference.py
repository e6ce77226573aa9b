"""The app's phrase search returns exactly what an independent brute force returns.

The reference (``tests/search_reference.py``) takes readings from pypinyin and normalisation
from unicodedata and imports nothing from the product, so a reading lost, a normalisation
skipped or a cut of the letters missed shows up here. Searches go through
``Workspace.phrases.search``, as the quick panel, the phrase manager and ``kefu search`` do:
the numpy corpus and matcher behind ``CollectionIndex``, with its on-disk cache and deltas.
Ranking is not compared (sets only): its rules are tested in tests/core/phrases.
"""

from __future__ import annotations

import ast
import json
import os
import random
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from assistant.core.phrases.shape import make_fields, new_doc
from assistant.core.search.index import wait_for_cache_writes
from assistant.core.workspace import Workspace, open_workspace
from tests.search_reference import fold, matches, readings, term_in, typings
from tests.search_samples import query_from, sentence, typed

ROOT = Path(__file__).resolve().parents[3]
MEMORY_DIR = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None


def test_the_reference_and_its_samples_import_nothing_from_the_product() -> None:
    for name in ("search_reference.py", "search_samples.py"):
        tree = ast.parse((ROOT / "tests" / name).read_text(encoding="utf-8"))
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert imported, name
        assert not {m for m in imported if m.split(".")[0] == "assistant"}, name


def test_the_reference_follows_the_documented_rules() -> None:
    assert term_in("tuihuo", "申请退货") and term_in("th", "退货") and term_in("退h", "退货")
    assert term_in("tuhuo", "退货")  # "tu" is a prefix of tui
    assert term_in("xian", "西安") and term_in("xa", "西安")  # xi + an, and initials
    assert term_in("hai", "还") and term_in("huan", "还")  # both common readings
    assert term_in("hang", "银行") and term_in("xing", "银行")  # per character, no word context
    assert not term_in("fu", "还")  # a third, rare reading (pypinyin lists hai, huan, fu)
    assert term_in("lv", "绿") and term_in("lve", "略") and term_in("lue", "略")
    assert not term_in("ht", "退货") and not term_in("thx", "退货") and not term_in("uihuo", "退货")
    assert matches("ＶＩＰ", ["vip会员"]) and matches("VIPhy", ["ＶＩＰ会员"])
    assert matches("ｃｆ１", ["CF1"]) and matches("xing", ["⾏"])  # a Kangxi radical is 行
    assert matches("th dz", ["退货", "地址"]) and not matches("th dz", ["退货"])
    assert not matches("", ["退货"]) and not matches("　", ["退货"])
    assert typings("还") == {"还", "h", "ha", "hai", "hu", "hua", "huan"}


# -- the built-in phrases, with every polyphone in them -----------------------------------
def builtin_phrases() -> dict[str, dict[str, Any]]:
    """The phrases of the packs in phrases/, read from their JSON as shipped."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted((ROOT / "phrases").glob("*.json")):
        for phrase in json.loads(path.read_text(encoding="utf-8"))["phrases"]:
            out[phrase["id"]] = phrase
    return out


def fields_of(p: dict[str, Any]) -> list[str]:
    return [p.get("code") or "", p["title"], p["group"], *p.get("tags", []), p["text"]]


def polyphone_queries(phrases: dict[str, dict[str, Any]]) -> dict[str, str]:
    """For every character with two readings, every reading typed in a word of a phrase:
    alone, with the next character's reading, as initials, after the previous character.
    Each query, with the phrase it was typed from."""
    out: dict[str, str] = {}
    done: set[str] = set()
    for key, p in sorted(phrases.items()):
        for text in fields_of(p):
            text = fold(text)
            for i, ch in enumerate(text):
                if len(set(readings(ch))) < 2 or ch in done:
                    continue
                done.add(ch)
                after = readings(text[i + 1])[:1] if i + 1 < len(text) else ()
                before = readings(text[i - 1])[:1] if i else ()
                for r in readings(ch):
                    out.setdefault(r, key)
                    if after:
                        out.setdefault(r + after[0], key)
                        out.setdefault(r[0] + after[0][0], key)
                        out.setdefault(ch + after[0], key)
                    if before:
                        out.setdefault(before[0] + r, key)
                        out.setdefault(before[0][0] + r[:2], key)
    return out


@pytest.fixture(scope="module")
def builtins(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return open_workspace(tmp_path_factory.mktemp("builtins") / "data", builtins=True)


def app_keys(ws: Workspace, query: str, include_hidden: bool = True) -> set[str]:
    found = [p.id for p in ws.phrases.search(query, limit=None, include_hidden=include_hidden)]
    assert len(found) == len(set(found)), query
    return set(found)


def test_every_polyphone_of_the_builtin_phrases_is_found_under_both_readings(
    builtins: Workspace,
) -> None:
    phrases = builtin_phrases()
    assert {p.id for p in builtins.phrases.all(include_hidden=True)} == set(phrases)
    queries = polyphone_queries(phrases)
    assert len(queries) > 1000
    wrong = []
    for query, source in queries.items():
        expected = {k for k, p in phrases.items() if matches(query, fields_of(p))}
        assert source in expected, query  # the reference finds the phrase typed from
        got = app_keys(builtins, query)
        if got != expected:
            wrong.append((query, sorted(expected - got)[:3], sorted(got - expected)[:3]))
    assert not wrong, f"{len(wrong)} of {len(queries)} queries differ, e.g. {wrong[:8]}"


def test_builtin_phrases_found_by_words_codes_and_mixed_typing(builtins: Workspace) -> None:
    phrases = builtin_phrases()
    rng = random.Random(20261122)
    texts = [t for p in phrases.values() for t in fields_of(p) if t]
    queries = {query_from(rng, texts) for _ in range(600)}
    for p in phrases.values():
        code = p.get("code")
        if code:
            queries |= {code, code.upper(), code[:1], fold(code) + "x", typed(rng, code, "full")}
            queries.add("".join(chr(ord(c) + 0xFEE0) for c in code))  # full-width ｗｈ１
    hits = 0
    wrong = []
    for query in sorted(queries):
        expected = {k for k, p in phrases.items() if matches(query, fields_of(p))}
        hits += bool(expected)
        if app_keys(builtins, query) != expected:
            wrong.append(query)
    assert not wrong, f"{len(wrong)} of {len(queries)} queries differ, e.g. {wrong[:10]}"
    assert hits > len(queries) * 0.6  # most queries find something, and some find nothing
    assert hits < len(queries)


# -- generated libraries of realistic size ------------------------------------------------
@pytest.fixture(autouse=True, scope="module")
def _no_fsync() -> Iterator[None]:
    """Hundreds of libraries: no fsync (these tests are about matching, not power cuts)."""
    with mock.patch("os.fsync"):
        yield


GROUPS = ["退换货", "催付", "物流", "尺码", "Misc", "还价", "银行卡", "重要通知", "ＶＩＰ专享"]
TAGS = ["自动回复", "老顾客", "VIP", "重要", "行业", "长期", "ｘｌ", "还款"]


def new_phrase(rng: random.Random, n: int) -> dict[str, Any]:
    """A phrase's content, already as the library stores it (clean), so the model is the input."""
    code = None
    if rng.random() < 0.5:
        code = rng.choice(["cf", "th", "wl", "yh", "VIP", "ＸＬ", "退", "还", "hp"]) + str(n)
    return {
        "title": sentence(rng, rng.randint(1, 3)).replace("\n", " ").strip() or "标题",
        "text": sentence(rng, rng.randint(2, 16)),
        "group": rng.choice(GROUPS),
        "code": code,
        "tags": sorted(set(rng.sample(TAGS, rng.randint(0, 2)))),
        "hidden": rng.random() < 0.08,
    }


def model_fields(p: dict[str, Any]) -> list[str]:
    return [p["code"] or "", p["title"], p["group"], *p["tags"], p["text"]]


def expected_keys(query: str, model: dict[str, dict[str, Any]], hidden: bool) -> set[str]:
    return {
        k
        for k, p in model.items()
        if (hidden or not p["hidden"]) and matches(query, model_fields(p))
    }


def sure_hit(rng: random.Random, model: dict[str, dict[str, Any]]) -> tuple[str, str]:
    """A query typed from a piece of one visible phrase, and that phrase's key."""
    key = rng.choice(sorted(k for k, p in model.items() if not p["hidden"]))
    text = rng.choice([t for t in model_fields(model[key]) if t.strip()])
    start = rng.choice([i for i, ch in enumerate(text) if not ch.isspace()])
    chunk = text[start : start + rng.randint(1, 6)]
    return typed(rng, chunk, rng.choice(("full", "initials", "mixed", "spaced"))), key


def check(ws: Workspace, model: dict[str, dict[str, Any]], rng: random.Random) -> None:
    """One query sure to find a phrase, and four typed from anywhere (some find nothing)."""
    first, key = sure_hit(rng, model)
    assert key in expected_keys(first, model, hidden=False), first  # never vacuous
    texts = [t for p in model.values() for t in model_fields(p)]
    for query in [first, *(query_from(rng, texts) for _ in range(4))]:
        every = expected_keys(query, model, hidden=True)
        assert app_keys(ws, query) == every, query
        assert app_keys(ws, query, include_hidden=False) == expected_keys(query, model, False)


# Hypothesis draws the size and a seed; the library comes from random.Random(seed). Drawing
# every character through hypothesis would overrun its buffer at these sizes. No shrinking:
# a failure names the size and seed, which replay it exactly.
@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
)
@given(size=st.integers(50, 500), seed=st.integers(0, 2**32 - 1))
def test_generated_libraries_search_exactly_like_the_reference(size: int, seed: int) -> None:
    """Built in bulk (as a pack import stores phrases), searched, then changed through the
    library (add, edit, hide, remove: a delta over the cached base), searched again."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="kefu-oracle-", dir=MEMORY_DIR) as folder:
        ws = open_workspace(Path(folder) / "data", builtins=False)
        model: dict[str, dict[str, Any]] = {}
        docs = []
        for n in range(size):
            p = new_phrase(rng, n)
            doc = new_doc(make_fields(p["text"], p["title"], p["group"], p["code"], p["tags"]))
            doc["hidden"] = p["hidden"]
            docs.append(doc)
            model[doc["id"]] = p
        ws.phrases.put_docs(docs)
        check(ws, model, rng)

        for n in range(rng.randint(1, 4)):
            p = new_phrase(rng, size + n)
            added = ws.phrases.add(
                p["text"], title=p["title"], group=p["group"], code=p["code"], tags=p["tags"]
            )
            model[added.id] = {**p, "hidden": False}
        for key in rng.sample(sorted(model), 3):
            change = new_phrase(rng, 0)
            edited = ("title", "text", "group", "tags", "hidden")
            ws.phrases.edit(key, **{f: change[f] for f in edited})
            model[key] = {**model[key], **{f: change[f] for f in edited}}
        gone = rng.choice(sorted(model))
        ws.phrases.remove(gone)
        del model[gone]
        check(ws, model, rng)
        wait_for_cache_writes()  # before the folder goes
