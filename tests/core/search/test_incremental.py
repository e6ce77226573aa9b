"""The index after a change: an edit, an add, a removal or hiding is found (or no longer
found) by the very next search, in this process and in another one; a change committed here
is indexed document by document (no shard, no base merged again), a change made elsewhere
shard by shard; a base merged in the background is taken over with what changed while it
was merged. Every result is checked against the brute-force reference."""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.core.search import index as index_module
from assistant.core.search import threads as threads_module
from assistant.core.search.index import CollectionIndex, wait_for_cache_writes
from assistant.core.store import Collection
from assistant.core.workspace import Workspace, open_workspace
from tests.core.search.test_search import (
    ENGINE_FIELDS,
    FIELD_TEXT,
    MEMORY_DIR,
    draw_queries,
    engine_entries,
    engine_keys,
    reference_keys,
    stored,
)
from tests.helpers import run_kefu


@pytest.fixture(autouse=True, scope="module")
def _no_fsync() -> Iterator[None]:
    from unittest import mock

    with mock.patch("os.fsync"):
        yield


def ids(ws: Workspace, query: str, **options: Any) -> list[str]:
    return [p.id for p in ws.phrases.search(query, **options)]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    ws = open_workspace(tmp_path / "data", builtins=False)
    for n in range(40):  # several shards' worth, and a base to search first
        ws.phrases.add(f"亲，第{n}条的内容：发货很快哦", title=f"标题{n}", group="物流")
    return ws


def test_an_edit_add_hide_and_removal_are_found_by_the_next_search(ws: Workspace) -> None:
    index = ws.phrases._index
    assert ids(ws, "lanmei") == []
    base = index.base_version

    added = ws.phrases.add("亲，蓝莓味的今天有货", title="蓝莓")
    assert ids(ws, "lanmei") == [added.id]
    assert ids(ws, "蓝莓") == [added.id]

    ws.phrases.edit(added.id, text="亲，草莓味的今天有货", title="草莓")
    assert ids(ws, "lanmei") == []  # the old text leaves no stale hit
    assert ids(ws, "caomei") == [added.id]

    some = ws.phrases.search("第7条")[0]
    ws.phrases.edit(some.id, hidden=True)
    assert ws.phrases.search("第7条") == []
    assert ids(ws, "第7条", include_hidden=True) == [some.id]

    ws.phrases.remove(added.id)
    assert ids(ws, "caomei") == []
    assert ids(ws, "caomei", include_hidden=True) == []
    # Each change was indexed on its own: no base merged again, two documents in the delta.
    assert index.base_version == base
    assert sorted(index.keys[index.base_size :]) == sorted([some.id])


def test_a_buyer_edit_is_found_by_the_next_search(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "data", builtins=False)
    for n in range(30):
        ws.buyers.add(f"tb_{n:03d}", remark=f"老客户{n}")
    assert [b.account for b in ws.buyers.search("tb_007")] == ["tb_007"]
    base = ws.buyers._index.base_version
    ws.buyers.edit("tb_007", remark="要发顺丰")
    assert [b.account for b in ws.buyers.search("shunfeng")] == ["tb_007"]
    assert [b.account for b in ws.buyers.search("老客户7")] == []
    ws.buyers.add("tb_new", remark="顺丰到付")
    assert [b.account for b in ws.buyers.search("shunfeng")] == ["tb_007", "tb_new"]
    ws.buyers.remove("tb_007")  # an erase drops the cache: the base is merged again
    assert [b.account for b in ws.buyers.search("shunfeng")] == ["tb_new"]
    assert ws.buyers._index.base_version > base


def test_changes_in_another_process_are_seen_and_ours_are_seen_there(ws: Workspace) -> None:
    some = ws.phrases.search("第3条")[0]
    other = ws.phrases.search("第4条")[0]
    data = ws.path
    done = run_kefu(data, "edit", some.id, "--text", "亲，换成蓝莓味的了")
    assert done.returncode == 0, done.stderr
    assert ids(ws, "lanmei") == [some.id]
    assert ws.phrases.search("第3条") == []

    ws.phrases.edit(other.id, text="亲，换成草莓味的了")
    wait_for_cache_writes()
    found = run_kefu(data, "--json", "search", "caomei")
    assert found.returncode == 0, found.stderr
    assert other.id in found.stdout
    gone = run_kefu(data, "--json", "search", "第4条")
    assert other.id not in gone.stdout

    done = run_kefu(data, "rm", some.id)
    assert done.returncode == 0, done.stderr
    assert ids(ws, "lanmei") == []


def test_a_shard_changed_elsewhere_indexes_again_only_the_documents_that_differ(
    ws: Workspace,
) -> None:
    """Another process's edit rewrites a whole shard file; what it changed is compared
    document by document with what the index shows, so one edited phrase is one document
    in the delta (the shard's others stay in the base), and a removal there is seen."""
    assert ids(ws, "第1条")
    index = ws.phrases._index
    other = open_workspace(ws.path, builtins=False)  # its commits are not in ours' record
    shard_of = ws.folder.phrases.shard_of
    by_shard: dict[int, list[str]] = {}
    for phrase in ws.phrases.all():
        by_shard.setdefault(shard_of(phrase.id), []).append(phrase.id)
    edited, removed, *_ = max(by_shard.values(), key=len)
    other.phrases.edit(edited, text="亲，换成蓝莓味的了")
    assert ids(ws, "lanmei") == [edited]
    assert index.keys[index.base_size :] == [edited]

    other.phrases.remove(removed)
    assert removed not in ids(ws, "发货", limit=100)
    assert sorted(index.keys[index.base_size :]) == [edited]  # the removal masks its entry
    assert not index.live()[index.keys.index(removed)]
    other.phrases.edit(edited, text="亲，第1条的内容：发货很快哦")  # back as it was
    assert ids(ws, "lanmei") == []


def test_a_buyer_edited_elsewhere_is_one_document_in_the_delta(tmp_path: Path) -> None:
    """The buyer index keeps no copy of what it shows, but the book holds the shards it
    read: another process's edit of one buyer is compared there, and only that buyer is
    indexed again (the whole shard took ~100 ms of the next search at 50,000 buyers)."""
    ws = open_workspace(tmp_path / "data", builtins=False)
    ws.buyers.add("tb_buyer07", remark="第7位买家")
    assert [b.account for b in ws.buyers.search("tb_buyer07")] == ["tb_buyer07"]
    index = ws.buyers._index
    key = index.keys[0]
    prefix, shard_of = key[: -len("tb_buyer07")], ws.folder.buyers.shard_of
    neighbours = [f"tb_buyer{n}" for n in range(3000)]
    neighbours = [a for a in neighbours if shard_of(prefix + a) == shard_of(key)][:6]
    assert len(neighbours) == 6
    for account in neighbours:  # the same shard file as tb_buyer07
        ws.buyers.add(account, remark="同一个分片的买家")
    assert len(ws.buyers.search("同一个分片", limit=20)) == 6
    ws.buyers._index.flush()
    shutil.rmtree(ws.path / "cache")
    ws = open_workspace(ws.path, builtins=False)  # a base merged with all seven
    assert len(ws.buyers.search("tb_buyer", limit=20)) == 7
    index = ws.buyers._index
    base = index.base_version
    other = open_workspace(ws.path, builtins=False)
    other.buyers.edit("tb_buyer07", remark="顺丰到付的老客户")
    assert [b.account for b in ws.buyers.search("shunfeng")] == ["tb_buyer07"]
    assert [k.rsplit(":", 1)[-1] for k in index.keys[index.base_size :]] == ["tb_buyer07"]
    assert index.base_version == base


def test_a_document_damaged_elsewhere_is_read_recovered(ws: Workspace) -> None:
    """A shard file rewritten elsewhere with a document of the wrong shape: the index reads
    the shard as the collection recovers it (its last good copy), and searches go on."""
    assert ids(ws, "第1条")
    other = open_workspace(ws.path, builtins=False)
    target = ws.phrases.search("第5条")[0]
    other.phrases.edit(target.id, text="亲，换成蓝莓味的了")
    path = ws.folder.phrases._shards[ws.folder.phrases.shard_of(target.id)].storage.path
    data = orjson.loads(path.read_bytes())
    data["docs"][target.id]["title"] = 12345  # not a title
    path.write_bytes(orjson.dumps(data))
    found = ids(ws, "发货", limit=100)
    assert len(found) >= 39
    assert all(isinstance(p.title, str) for p in ws.phrases.search("发货", limit=100))


def test_a_base_merged_in_the_background_keeps_what_changed_meanwhile(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rebuild reads the shard files while edits and searches go on: an edit of a shard
    it has read already stays in the delta when the new base is taken over, one of a shard
    it reads later is in the new base."""
    monkeypatch.setattr(index_module, "REBUILD_AT", 3)
    monkeypatch.setattr(index_module, "REBUILD_EVERY_S", 0.0)
    index = ws.phrases._index
    assert ids(ws, "第1条")
    base = index.base_version
    gate, waiting = threading.Event(), threading.Event()
    shards_read: list[int] = []
    read = Collection.read_shard_file

    def read_then_wait(self: Collection, i: int, checked: bool = True) -> Any:
        found = read(self, i, checked)
        shards_read.append(i)
        if not waiting.is_set():
            waiting.set()
            gate.wait(30)
        return found

    monkeypatch.setattr(Collection, "read_shard_file", read_then_wait)
    phrases = ws.phrases.all()
    for n, phrase in enumerate(phrases[:3]):
        ws.phrases.edit(phrase.id, text=f"亲，先改的第{n}个：蓝莓")
        assert phrase.id in ids(ws, "lanmei")
    assert waiting.wait(30)  # the rebuild has read its first shard, and waits
    shard_of = ws.folder.phrases.shard_of
    read_already = next(p for p in phrases[:3] if shard_of(p.id) == shards_read[0])
    other = phrases[3]
    ws.phrases.edit(read_already.id, text="亲，后改的：草莓")
    ws.phrases.edit(other.id, text="亲，也是后改的：草莓")
    assert sorted(ids(ws, "caomei")) == sorted([read_already.id, other.id])
    assert index.base_version == base  # still merging
    gate.set()
    index.flush()
    assert sorted(ids(ws, "caomei")) == sorted([read_already.id, other.id])
    assert sorted(ids(ws, "lanmei")) == sorted(p.id for p in phrases[:3] if p != read_already)
    assert index.base_version == base + 1  # taken over
    # Left in the delta: the edit the rebuild could not see, and the other one unless the
    # rebuild read its shard later (it reads the shards that had changed when it began).
    kept = {read_already.id} | ({other.id} if shard_of(other.id) not in shards_read[1:] else set())
    assert set(index.keys[index.base_size :]) == kept


def test_a_first_search_answers_before_its_base_has_every_postings_list(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The first search merges a base with its first postings only and answers; the others
    are made in the background, and the next search takes them over: the same results
    before and after, then a cache with every list, which a new workspace reads."""
    held: list[Any] = []
    start = threads_module.start

    def hold_completion(target: Any, name: str) -> Any:
        if name != "kefu-index-cache":
            return start(target, name)
        thread = _Later(target)
        held.append(thread)
        return thread

    monkeypatch.setattr(threads_module, "start", hold_completion)
    index = ws.phrases._index
    queries = ["fahuo", "第7条", "fhhk", "dqt", "di7tiao", "标题1", "nrfh", "lanmei", "lmdl"]
    edited = ws.phrases.search("第3条")[0]  # the first search
    assert index._base is not None and index._base.corpus.first_only
    ws.phrases.edit(edited.id, text="亲，蓝莓到了")  # a change while the base is partial
    before = {q: ids(ws, q) for q in queries}
    assert before["lanmei"] == before["lmdl"] == [edited.id]
    assert before["第7条"] and before["fhhk"] and before["di7tiao"]
    assert edited.id not in before["fahuo"]
    assert len(held) == 1 and index._base.corpus.first_only
    held[0].join()
    after = {q: ids(ws, q) for q in queries}
    assert after == before
    base = index._base.corpus
    assert not base.first_only  # taken over by the first of those searches
    assert base.by_pair.keys.size and base.by_long.keys.size

    monkeypatch.setattr(threads_module, "start", start)
    again = open_workspace(ws.path, builtins=False)
    assert {q: ids(again, q) for q in queries} == after
    assert not again.phrases._index._base.corpus.first_only  # read from the cache


# -- against the reference, changes and searches interleaved ------------------------------

ROW = st.tuples(FIELD_TEXT, FIELD_TEXT, FIELD_TEXT)
STEP = st.one_of(
    st.tuples(st.just("put"), st.integers(0, 30), ROW),  # through the index's collection
    st.tuples(st.just("other"), st.integers(0, 30), ROW),  # through another one: a process
    st.tuples(st.just("other again"), st.integers(0, 30)),  # rewritten there as it was
    st.tuples(st.just("other delete"), st.integers(0, 30)),
    st.tuples(st.just("delete"), st.integers(0, 30)),
    st.tuples(st.just("search")),
    st.tuples(st.just("wait")),  # for a background rebuild
    st.tuples(st.just("lose log")),  # the change log gone (an erase; a writer killed)
)


def shown_without_pinyin(doc: dict[str, Any]) -> bytes:
    return orjson.dumps({k: v for k, v in doc.items() if k != "_py"})


class _Later:
    """A rebuild's thread that runs when told (or joined): the files it reads, and the
    changes made before it is taken over, fall where the test puts them."""

    def __init__(self, target: Any) -> None:
        self.target, self.ran = target, False

    def is_alive(self) -> bool:
        return not self.ran

    def join(self) -> None:
        if not self.ran:
            self.ran = True
            self.target()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(ROW, min_size=1, max_size=25),
    steps=st.lists(STEP, min_size=1, max_size=40),
    rebuild_at=st.integers(1, 6),
    when=st.sampled_from(["thread", "at once", "at wait"]),
    with_shown=st.booleans(),
    with_log=st.booleans(),
    data=st.data(),
)
def test_edits_and_searches_interleaved_match_the_reference(
    rows: list[tuple[str, ...]],
    steps: list[tuple[Any, ...]],
    rebuild_at: int,
    when: str,
    with_shown: bool,
    with_log: bool,
    data: st.DataObject,
) -> None:
    """Background rebuilds after a few changes, and the completion of a first search's base
    (its other postings, then the cache written), run in a thread, or at once (so the
    changes until the next search come after its reads), or at the next wait (so it reads
    files changed since the index last looked, and the base answers with its first postings
    only until then)."""
    later: list[_Later] = []
    start = threads_module.start

    def start_rebuild(target: Any, name: str) -> Any:
        if when == "thread" or name not in ("kefu-index-rebuild", "kefu-index-cache"):
            return start(target, name)
        thread = _Later(target)
        if when == "at once":
            thread.join()
        later.append(thread)
        return thread

    saved = index_module.REBUILD_AT, index_module.REBUILD_EVERY_S
    index_module.REBUILD_AT, index_module.REBUILD_EVERY_S = rebuild_at, 0.0
    threads_module.start = start_rebuild  # type: ignore[assignment]
    try:
        with tempfile.TemporaryDirectory(prefix="kefu-incr-", dir=MEMORY_DIR) as folder:
            _interleave(Path(folder), rows, steps, data, later, with_shown, with_log)
    finally:
        index_module.REBUILD_AT, index_module.REBUILD_EVERY_S = saved
        threads_module.start = start


def _interleave(
    folder: Path,
    rows: list[tuple[str, ...]],
    steps: list[tuple[Any, ...]],
    data: st.DataObject,
    later: list[_Later],
    with_shown: bool,
    with_log: bool = False,
) -> None:
    """``with_shown``: the index keeps what results show (all but the stored pinyin, as
    the phrase library does), and a shard changed elsewhere is compared document by
    document with it. ``with_log``: the collections keep a log of recent changes
    (store/change_log.py), which tells the keys another process changed."""
    ours = Collection(folder, "docs", shards=6, change_log=with_log)
    # Its commits are not in ours' record: another process.
    elsewhere = Collection(folder, "docs", shards=6, change_log=with_log)
    docs = {f"d{n}": stored(row) for n, row in enumerate(rows)}
    with ours.transaction():
        ours.put_many(docs)
    shown = shown_without_pinyin if with_shown else None
    cache = folder / "cache" / "docs-index"
    index = CollectionIndex(ours, ENGINE_FIELDS, engine_entries, cache, shown=shown)
    texts = list(rows)
    for step in [("search",), *steps, ("wait",), ("search",)]:
        kind = step[0]
        if kind in ("put", "other"):
            key, doc = f"d{step[1]}", stored(step[2])
            texts.append(step[2])
            collection = ours if kind == "put" else elsewhere
            with collection.transaction():
                collection.put(key, doc)
            docs[key] = doc
        elif kind == "other again":
            key = f"d{step[1]}"
            with elsewhere.transaction():
                if key in docs:
                    elsewhere.put(key, dict(docs[key]))
                else:
                    elsewhere.delete(key)
        elif kind == "other delete":
            key = f"d{step[1]}"
            with elsewhere.transaction():
                elsewhere.delete(key)
            docs.pop(key, None)
        elif kind == "delete":
            key = f"d{step[1]}"
            with ours.transaction():
                ours.delete(key)
            docs.pop(key, None)
        elif kind == "lose log":
            (folder / "docs" / ".recent-changes").unlink(missing_ok=True)
        elif kind == "wait":
            for thread in later:
                thread.join()
            index.flush()
        else:
            for query in draw_queries(data, texts):
                assert engine_keys(index, query) == reference_keys(query, docs), query
            assert sorted(index.keys[i] for i in index.live().nonzero()[0]) == sorted(docs)
    index.flush()
    fresh = CollectionIndex(ours, ENGINE_FIELDS, engine_entries, cache, shown=shown)
    for query in draw_queries(data, texts):
        assert engine_keys(fresh, query) == reference_keys(query, docs), query
    fresh.flush()


def test_results_after_edits_are_ordered_as_a_fresh_index_orders_them(
    tmp_path: Path,
) -> None:
    """The delta's entries are placed among the base's sorted ones (library order,
    favourites, frecency; buyers alphabetically): the same order as a base merged from the
    files, whatever was edited, favoured, used or added."""
    import random
    import shutil

    rng = random.Random(15)
    ws = open_workspace(tmp_path / "data", builtins=False)
    words = ["发货", "快递", "退货", "亲", "包邮", "尺码", "好评"]
    phrases = [
        ws.phrases.add(f"亲，{rng.choice(words)}{rng.choice(words)}第{n}条", code=f"k{n}")
        for n in range(60)
    ]
    accounts = [f"tb_{rng.choice('abc')}{n}" for n in range(30)]
    for account in accounts:
        ws.buyers.add(account, remark=rng.choice(words))
    queries = ["亲", "fh", "kd", "k1", "th", "baoyou", "第1"]
    ws.phrases.search("亲")
    ws.buyers.search("tb")
    for n in range(25):  # edits, favourites, uses and additions, each searched after
        p = rng.choice(phrases)
        roll = rng.random()
        if roll < 0.4:
            ws.phrases.edit(
                p.id, text=f"亲，{rng.choice(words)}改{n}", favourite=rng.random() < 0.3
            )
        elif roll < 0.6:
            ws.phrases.record_use(p.id)
        elif roll < 0.8:
            phrases.append(ws.phrases.add(f"亲，新的{rng.choice(words)}{n}", code=f"k{n}x"))
        else:
            ws.buyers.edit(rng.choice(accounts), remark="改了")
        assert ws.phrases.search(rng.choice(queries))  # keeps the delta up to date
    assert ws.phrases._index.base_size < len(ws.phrases._index.keys)  # there is a delta
    got = {q: [p.id for p in ws.phrases.search(q, limit=None)] for q in queries}
    got_buyers = [b.key for b in ws.buyers.search("tb", limit=None)]
    wait_for_cache_writes()
    shutil.rmtree(ws.path / "cache")
    fresh = open_workspace(ws.path, builtins=False)  # merges a base from the files
    for q in queries:
        assert [p.id for p in fresh.phrases.search(q, limit=None)] == got[q], q
    assert fresh.phrases._index.base_size == len(fresh.phrases._index.keys)  # no delta
    assert [b.key for b in fresh.buyers.search("tb", limit=None)] == got_buyers
