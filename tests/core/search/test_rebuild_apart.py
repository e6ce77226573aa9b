"""A background rebuild made by another process (issue 15: merged in the app, a team pack's
sync of hundreds of phrases took it to 389 MB for a moment): the real `kefu search
--prepare` writes the cache, the app's index maps it and keeps what changed meanwhile."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.core.search import index as index_module
from assistant.core.workspace import Workspace, open_workspace
from tests.helpers import run_kefu


def ids(ws: Workspace, query: str, **options: Any) -> list[str]:
    return [p.id for p in ws.phrases.search(query, **options)]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    ws = open_workspace(tmp_path / "data", builtins=False)
    for n in range(40):
        ws.phrases.add(f"亲，第{n}条的内容：发货很快哦", title=f"标题{n}", group="物流")
    return ws


def _rebuilding_at_once(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, int]:
    """The index, its base merged, with a rebuild started after 3 changes; its base version."""
    monkeypatch.setattr(index_module, "REBUILD_AT", 3)
    monkeypatch.setattr(index_module, "REBUILD_EVERY_S", 0.0)
    index = ws.phrases._index
    assert ids(ws, "第1条")
    index.flush()
    return index, index.base_version


def _apart(ws: Workspace, calls: list[int], edit_meanwhile: Any = None) -> None:
    def make() -> bool:
        calls.append(1)
        done = run_kefu(ws.path, "search", "--prepare")
        if edit_meanwhile is not None:
            edit_meanwhile()  # after the child read the files: must stay in the delta
        return done.returncode == 0

    ws.phrases.rebuild_apart(make)


def test_a_rebuild_made_apart_is_mapped_with_every_change_found(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    index, base = _rebuilding_at_once(ws, monkeypatch)
    calls: list[int] = []
    late: list[str] = []
    phrases = ws.phrases.all()
    other = open_workspace(ws.path, builtins=False)

    def meanwhile() -> None:
        late.append(other.phrases.edit(phrases[10].id, text="亲，合并之后才改的：樱桃").id)

    _apart(ws, calls, meanwhile)
    for n, phrase in enumerate(phrases[:4]):  # another process: as a sync's writes
        other.phrases.edit(phrase.id, text=f"亲，别处改的第{n}个：蓝莓")
        assert phrase.id in ids(ws, "lanmei")
    index.flush()
    assert sorted(ids(ws, "lanmei")) == sorted(p.id for p in phrases[:4])
    assert ids(ws, "yingtao") == late  # changed after the child read it: still found
    assert calls and index.base_version > base  # the mapped base was taken over
    # Every stored phrase in the new base (the child, a `kefu` command, also installed the
    # built-in packs, as the app does at its start).
    assert sorted(index.keys[: index.base_size]) == sorted(ws.phrases.stored(lambda d: True))
    assert "亲，别处改的第0个：蓝莓" in [p.text for p in ws.phrases.search("lanmei")]


def test_a_child_that_fails_leaves_the_delta_and_the_results(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    index, base = _rebuilding_at_once(ws, monkeypatch)
    ws.phrases.rebuild_apart(lambda: False)
    phrases = ws.phrases.all()
    for n, phrase in enumerate(phrases[:5]):
        ws.phrases.edit(phrase.id, text=f"亲，改的第{n}个：蓝莓")
    index.flush()
    assert sorted(ids(ws, "lanmei")) == sorted(p.id for p in phrases[:5])
    assert index.base_version == base


def test_kefu_search_prepare_merges_what_changed_into_the_cache(ws: Workspace) -> None:
    assert ids(ws, "第1条")
    ws.phrases._index.flush()
    phrase = ws.phrases.all()[0]
    ws.phrases.edit(phrase.id, text="亲，改过之后：芒果")
    assert run_kefu(ws.path, "search", "--prepare").returncode == 0
    fresh = open_workspace(ws.path, builtins=False)
    index = fresh.phrases._index
    assert ids(fresh, "mangguo") == [phrase.id]
    assert phrase.id in index.keys[: index.base_size] and index.base_size == len(index.keys)
