"""Property tests (issue 8, item 8), with hypothesis, kept small so the suite stays fast.

Here: the storage round trip, the template renderer, and the search engine against the
brute force at the level of a whole workspace, with a plain model as the oracle.
Elsewhere, and not repeated here:
- pack JSON, CSV and XLSX round trips: tests/core/test_pack_io.py
  (test_any_valid_phrase_survives_json / _csv / _xlsx);
- the search index itself (corpus, matcher, cache, edits) against an independent reference:
  tests/core/search/test_search.py::test_the_collection_index_matches_the_reference_before_and_after_edits,
  tests/core/search/test_independent_reference.py (built-in phrases, libraries of 50-500 phrases)
  and tests/core/buyers/test_search_reference.py (buyer search and its order);
- the pack merge never loses a phrase: tests/core/sync/test_merge_properties.py.

fsync is switched off inside these examples: they are about what is stored and read
back, not about surviving a power cut, and a few hundred fsyncs per example would make
them slow.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.core.errors import TemplateError
from assistant.core.phrases.template import (
    RenderContext,
    fill_ins,
    render,
    split_messages,
    unset_shop_values,
    validate,
)
from assistant.core.store import Collection
from assistant.core.workspace import open_workspace
from tests.search_reference import matches

FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@contextlib.contextmanager
def scratch(base: Path | None = None) -> Iterator[Path]:
    """A fresh folder per example. Under ``base`` (pytest's own temporary folder) it is
    not removed at once: a search writes its index cache in a background thread that
    may still run when the example ends."""
    with mock.patch("os.fsync"):
        if base is not None:
            yield Path(tempfile.mkdtemp(dir=base))
            return
        with tempfile.TemporaryDirectory(prefix="kefu-prop-") as folder:
            yield Path(folder)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


# -- storage round trip ----------------------------------------------------------------
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=10,
)
documents = st.dictionaries(st.text(max_size=8), json_values, max_size=5)
keys = st.text(min_size=1, max_size=10)
# (put or delete, key, document, end the transaction after this change)
changes = st.lists(
    st.tuples(st.sampled_from(["put", "put", "delete"]), keys, documents, st.booleans()),
    max_size=16,
)


@settings(FAST, max_examples=60)
@given(changes=changes, shards=st.sampled_from([1, 4, 16]))
def test_any_documents_read_back_the_same_here_and_from_disk(
    changes: list[tuple[str, str, dict[str, Any], bool]], shards: int
) -> None:
    with scratch() as folder:
        coll = Collection(folder, "notes", shards=shards)
        model: dict[str, dict[str, Any]] = {}
        pending = list(changes)
        while pending:
            with coll.transaction():
                while pending:
                    action, key, doc, end = pending.pop(0)
                    if action == "put":
                        coll.put(key, doc)
                        model[key] = doc
                    else:
                        assert coll.delete(key) == (key in model)
                        model.pop(key, None)
                    if end:
                        break
        assert {k: coll.get(k) for k in model} == model
        reopened = Collection(folder, "notes", shards=shards)
        assert dict(reopened.items()) == model
        assert len(reopened) == len(model)
        assert reopened.recovered == []


# -- the template renderer ---------------------------------------------------------------
PIECES = [
    *"{}?:!.%$_0rsx[]() \n",
    "买家",
    "昵称",
    "活动",
    "店铺",
    "buyer",
    "__class__",
    "__init__",
    "__globals__",
    "亲",
    "{{",
    "}}",
    ">99",
]
templates = st.lists(st.sampled_from(PIECES), max_size=24).map("".join) | st.text(max_size=30)
fills = st.dictionaries(st.text(max_size=6), st.text(max_size=6), max_size=3)

FORBIDDEN_CALLS = {"format", "format_map", "__format__", "eval", "exec", "compile", "getattr"}
FORBIDDEN_CALLS |= {"__import__", "vars", "globals", "locals", "__getattribute__"}
OBJECT_REPRS = ("<class", "object at 0x", "<built-in", "<function", "<module", "<bound")


class TrapText(str):
    """Text whose formatting methods fail: the renderer must never call them."""

    def format(self, *args: object, **kwargs: object) -> str:
        raise AssertionError("str.format called on phrase text")

    def format_map(self, mapping: object) -> str:
        raise AssertionError("str.format_map called on phrase text")

    def __mod__(self, other: object) -> str:
        raise AssertionError("% formatting applied to phrase text")

    def __format__(self, spec: str) -> str:
        raise AssertionError("format() applied to phrase text")


@contextlib.contextmanager
def calls_watched() -> Iterator[list[str]]:
    """Every builtin the code calls meanwhile (sys.setprofile sees C calls)."""
    seen: list[str] = []

    def profile(frame: object, event: str, arg: Any) -> None:
        if event == "c_call":
            seen.append(getattr(arg, "__name__", ""))

    sys.setprofile(profile)
    try:
        yield seen
    finally:
        sys.setprofile(None)


@settings(FAST, max_examples=300)
@given(text=templates, given_fills=fills, nickname=st.none() | st.text(max_size=5))
def test_the_renderer_raises_only_template_errors_and_never_evaluates(
    text: str, given_fills: dict[str, str], nickname: str | None
) -> None:
    context = RenderContext(
        buyer_account="小王",
        buyer_nickname=nickname,
        shop={"店铺": "小店", "活动": "满200减20"},
        clipboard=lambda: "剪贴板内容",
    )
    with calls_watched() as called:
        try:
            out = render(TrapText(text), context, given_fills)
        except TemplateError:
            out = None
        for check in (validate, fill_ins):
            with contextlib.suppress(TemplateError):
                check(TrapText(text))
        unset_shop_values(TrapText(text), {})
        split_messages(TrapText(text))
    assert not FORBIDDEN_CALLS & set(called), FORBIDDEN_CALLS & set(called)
    if out is not None:
        for marker in OBJECT_REPRS:
            assert (
                marker not in out
                or marker in text
                or any(marker in v for v in given_fills.values())
            )


# -- the search engine against the brute force, over a whole workspace -------------------
# The oracle is a plain dict kept by the test (what it gave each phrase) and the independent
# matcher of tests/search_reference.py (pypinyin and unicodedata, nothing from the product).
# Titles and groups are always given and already clean, so what is stored is what was given.
PHRASE_CHARS = st.sampled_from([*"退货包邮亲在的还行重长乐西安先银单 abhixnz1，", "ＶＩＰ", "Ⅻ"])
QUERY_CHARS = st.sampled_from([*"退货包邮还行西安abcdeghijklnoqrstuvxyz1", "ｈ", "Ｘ"])
texts = st.lists(PHRASE_CHARS, min_size=1, max_size=20).map("".join).filter(str.strip)
titles = st.lists(PHRASE_CHARS, min_size=1, max_size=8).map(lambda t: "".join(t).strip())
groups = st.sampled_from(["退换货", "ＶＩＰ", "还价", "银行卡", "Misc"])
# (what, which phrase (an index into those added so far), text, title, group, hidden)
operations = st.lists(
    st.tuples(
        st.sampled_from(["add", "add", "add", "edit", "hide", "remove"]),
        st.integers(0, 63),
        texts,
        titles.filter(bool),
        groups,
        st.booleans(),
    ),
    min_size=1,
    max_size=40,
)
queries = st.lists(
    st.lists(QUERY_CHARS, min_size=1, max_size=6).map("".join), min_size=1, max_size=2
).map(" ".join)


@settings(FAST, max_examples=200)
@given(ops=operations, query_list=st.lists(queries, min_size=1, max_size=4))
def test_workspace_search_returns_exactly_what_the_brute_force_finds(
    base: Path, ops: list[tuple[str, int, str, str, str, bool]], query_list: list[str]
) -> None:
    with scratch(base) as folder:
        ws = open_workspace(folder / "data", builtins=False)
        model: dict[str, dict[str, Any]] = {}  # phrase id -> what the test gave it
        order: list[str] = []  # ids in the order they were added
        for n, (what, which, text, title, group, hidden) in enumerate(ops):
            if what == "add" or not order:
                phrase = ws.phrases.add(text, title=title, group=group)
                model[phrase.id] = {"text": text, "title": title, "group": group, "hidden": False}
                order.append(phrase.id)
            else:
                key = order[which % len(order)]
                if what == "edit":
                    ws.phrases.edit(key, text=text, title=title, group=group)
                    model[key].update(text=text, title=title, group=group)
                elif what == "hide":
                    ws.phrases.edit(key, hidden=hidden)
                    model[key]["hidden"] = hidden
                else:
                    ws.phrases.remove(key)
                    del model[key]
                    order.remove(key)
            if n % 13 == 12 or n == len(ops) - 1:  # searched part-way too: deltas, rebuilds
                for query in query_list:
                    for hidden_too in (True, False):
                        expected = {
                            key
                            for key, m in model.items()
                            if (hidden_too or not m["hidden"])
                            and matches(query, [m["title"], m["group"], m["text"]])
                        }
                        found = ws.phrases.search(query, limit=None, include_hidden=hidden_too)
                        got = [p.id for p in found]
                        assert len(got) == len(set(got)), query
                        assert set(got) == expected, (query, hidden_too)
