"""A sync that brings nothing new writes no phrase file (issue 12, item 8): the app syncs
every 5 minutes, and rewriting all 64 shards each time bumped every ``updated_at`` and threw
away the search cache."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.core.search.index import wait_for_cache_writes
from assistant.core.workspace import Workspace, open_workspace
from tests.core.sync.team import Shared, own_pack

Agent = Callable[[str], Workspace]


def _files(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file with its bytes, inode and mtime: a rewrite of the same bytes shows too."""
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            st = os.stat(p)
            out[str(p.relative_to(folder))] = (p.read_bytes(), st.st_ino, st.st_mtime_ns)
    return out


def _stamps(ws: Workspace) -> dict[str, str]:
    return {p.id: p.updated_at for p in ws.phrases.all(include_hidden=True)}


def test_a_sync_with_nothing_new_writes_no_phrase_file(shared: Shared, agent: Agent) -> None:
    a, b = agent("A"), agent("B")
    pack_id, ids = own_pack(a, "售前标准回复")
    shared.publish(a, pack_id)
    shared.subscribe(b)
    b.phrases.edit(ids["size"], text="亲，这款偏小，建议拍大一码")  # an agent's override too
    a.phrases.remove(ids["colour"])
    b.phrases.edit(ids["colour"], text="亲，颜色以实物为准哦")  # kept though removed upstream
    shared.publish(a, pack_id)
    shared.pull(b)
    assert b.phrases.search("baoyou")
    wait_for_cache_writes()
    phrases, cache = b.path / "phrases", b.path / "cache" / "phrases-index"
    before = (_files(phrases), _files(cache), _stamps(b), b.phrases.packs.get(pack_id).to_json())
    settings = (b.path / "settings.json").stat().st_mtime_ns

    for _ in range(2):
        [result] = shared.pull(b)
        assert result.report is not None and result.report.added == 0

    fresh = open_workspace(b.path, builtins=False)  # as the app's next start
    assert fresh.phrases.search("baoyou")
    wait_for_cache_writes()
    after = (
        _files(phrases),
        _files(cache),
        _stamps(fresh),
        fresh.phrases.packs.get(pack_id).to_json(),
    )
    assert after == before
    assert (b.path / "settings.json").stat().st_mtime_ns == settings


def test_a_sync_with_news_rewrites_only_the_shard_of_the_changed_phrase(
    shared: Shared, agent: Agent
) -> None:
    a, b = agent("A"), agent("B")
    pack_id, ids = own_pack(a, "售前标准回复")
    shared.publish(a, pack_id)
    shared.subscribe(b)
    before = _files(b.path / "phrases")
    a.phrases.edit(ids["post"], text="亲，满99元包邮哦")
    shared.publish(a, pack_id)

    [result] = shared.pull(b)

    assert result.report is not None and result.report.updated == 1
    after = _files(b.path / "phrases")
    changed = {name for name in after if after[name] != before.get(name)}
    holding = {n for n, (data, _, _) in after.items() if ids["post"].encode() in data}
    assert changed and changed <= holding
    assert b.phrases.get(ids["post"]).text == "亲，满99元包邮哦"


def _parsed_phrase_shards(ws: Workspace) -> int:
    shards: list[Any] = ws.folder.phrases._shards
    return sum(s.storage._cache is not None for s in shards)


def test_a_sync_with_nothing_new_reads_no_phrase(shared: Shared, agent: Agent) -> None:
    """The heads applied last time are the heads now: nothing is applied again, so no
    phrase is read (each app sync read the whole library, ~50 MB at 20,000 phrases)."""
    a, b = agent("A"), agent("B")
    pack_id, ids = own_pack(a, "售前标准回复")
    shared.publish(a, pack_id)
    shared.subscribe(b)
    b.phrases.remove(ids["size"])  # the agent's own deletion stays one
    fresh = open_workspace(b.path, builtins=False)  # as the app's sync worker opens it

    [result] = shared.pull(fresh)

    assert result.message == "已同步到 v1"
    assert result.report is not None and (result.report.added, result.report.updated) == (0, 0)
    assert _parsed_phrase_shards(fresh) == 0
    assert ids["size"] not in {p.id for p in fresh.phrases.all(include_hidden=True)}
    assert shared.sync(fresh).status()[pack_id]["last_error"] is None

    a.phrases.edit(ids["post"], text="亲，满99元包邮哦")  # news: applied as before
    shared.publish(a, pack_id)
    [result] = shared.pull(open_workspace(b.path, builtins=False))
    assert result.message == "已同步到 v2" and result.report is not None
    assert result.report.updated == 1
    after = open_workspace(b.path, builtins=False)
    assert after.phrases.get(ids["post"]).text == "亲，满99元包邮哦"
