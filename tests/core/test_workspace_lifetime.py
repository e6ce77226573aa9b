"""A workspace that is dropped is freed: the app opens one for every background sync
(every 5 minutes, all day), so anything that keeps a dropped workspace alive grows the app
by the whole library each time (~46 MB at 20,000 phrases).

Counted with the garbage collector, not with RSS or time: the number of live search
indexes, collections and libraries after N open-sync-search-drop rounds is what it was
after the first round.
"""

from __future__ import annotations

import gc
from pathlib import Path

from assistant.core.phrases.library import PhraseLibrary
from assistant.core.search.index import CollectionIndex
from assistant.core.store import Collection
from assistant.core.sync.service import PackSync
from assistant.core.workspace import open_workspace

ROUNDS = 6


def live(kind: type) -> int:
    gc.collect()
    return sum(1 for obj in gc.get_objects() if isinstance(obj, kind))


def counts() -> dict[str, int]:
    return {k.__name__: live(k) for k in (CollectionIndex, Collection, PhraseLibrary)}


def one_round(data: Path) -> None:
    """What one background sync does, then what the app does with its answer."""
    ws = open_workspace(data, builtins=False)
    results = PackSync(ws.phrases).sync_all()
    assert results and all(r.ok for r in results), results
    assert ws.phrases.search("团队")  # builds the index and starts its cache writer
    assert ws.buyers.search("tb_first")
    for index in (ws.phrases._index, ws.buyers._index):
        index.flush()  # the write itself is not what this test is about


def test_dropped_workspaces_are_freed_sync_after_sync(tmp_path: Path) -> None:
    lead = open_workspace(tmp_path / "lead", builtins=False)
    pack = lead.phrases.packs.create("团队话术")
    for n in range(30):
        lead.phrases.add(f"团队短语{n}：亲，今天下单明天发货哦", pack=pack.id)
    share = tmp_path / "share"
    share.mkdir()
    assert PackSync(lead.phrases).publish(pack.id, str(share)).ok
    agent = tmp_path / "agent"
    assert all(r.ok for r in PackSync(open_workspace(agent).phrases).subscribe(str(share)))
    agent_ws = open_workspace(agent, builtins=False)
    agent_ws.buyers.add("tb_first")

    one_round(agent)
    before = counts()
    for _ in range(ROUNDS):
        one_round(agent)
    after = counts()

    assert after == before, f"live objects grew over {ROUNDS} syncs: {before} -> {after}"
