"""A source never takes over a pack it does not own (issue 12, item 9), and a published
version whose ``version`` is not its integer is refused, not a crash (item 15)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.core.sync.service import PackSync
from assistant.core.workspace import Workspace, open_workspace
from tests.core.sync.hostile import WECHAT, plant, plant_doc, version_doc
from tests.core.sync.team import Shared, library_view, own_pack, sync_heads, texts

Agent = Callable[[str], Workspace]


def _state(ws: Workspace) -> tuple[Any, ...]:
    sync = PackSync(ws.phrases)
    return library_view(ws), [p.to_json() for p in ws.phrases.packs.list()], sync.status()


def test_a_source_publishing_the_builtin_pack_id_is_refused(shared: Shared, tmp_path: Path) -> None:
    b = open_workspace(tmp_path / "B")  # with the built-in packs, as every agent has
    builtin = next(p for p in b.phrases.packs.list() if p.kind == "builtin")
    plant(shared.folder, builtin.id)
    before = _state(b)

    results = shared.sync(b).subscribe(shared.spec, shared.user)

    [refused] = [r for r in results if r.pack_id == builtin.id]
    assert not refused.ok
    assert "内置短语包" in refused.message and builtin.name in refused.message
    assert _state(b) == before
    assert WECHAT not in texts(b).values()
    again = shared.sync(b).sync_all()
    assert [r.ok for r in again] == [False] and _state(b) == before


def test_a_second_source_with_the_same_pack_id_cannot_flip_it(
    shared: Shared, agent: Agent, tmp_path: Path
) -> None:
    a, b = agent("A"), agent("B")
    pack_id, ids = own_pack(a, "售前标准回复")
    shared.publish(a, pack_id)
    other = tmp_path / "别人的文件夹"
    plant(other, pack_id, texts={ids["post"]: WECHAT})
    shared.subscribe(b)
    mine = texts(b, pack_id)
    heads = sync_heads(b, pack_id)

    for _ in range(2):  # each sync used to hand the pack to the other source
        results = shared.sync(b).subscribe(str(other)) + shared.sync(b).sync_all()
        refused = [r for r in results if r.source == str(other)]
        assert refused and not any(r.ok for r in refused)
        assert "另一个源" in refused[0].message and shared.spec in refused[0].message
        assert texts(b, pack_id) == mine
        assert b.phrases.packs.get(pack_id).source == shared.spec
        assert sync_heads(b, pack_id) == heads  # its sync state is the first source's
        assert all(r.ok for r in results if r.source == shared.spec)

    # The team moved: once the first source is dropped, the new one may take the pack up.
    shared.sync(b).unsubscribe(shared.spec)
    [moved] = shared.sync(b).sync_all()
    assert moved.ok, moved.message
    assert texts(b, pack_id)[ids["post"]] == WECHAT


def test_a_source_publishing_an_own_pack_id_is_refused(shared: Shared, agent: Agent) -> None:
    b = agent("B")
    pack_id, ids = own_pack(b, "我的售前话术")
    plant(shared.folder, pack_id, texts={ids["post"]: WECHAT})
    plant(shared.folder, "mine", texts={"p-mine": WECHAT})  # the id of 我的短语
    before = _state(b)

    results = shared.sync(b).subscribe(shared.spec, shared.user)

    assert sorted(r.pack_id for r in results) == sorted(["mine", pack_id])
    assert not any(r.ok for r in results)
    assert all("您自己的短语包" in r.message for r in results)
    assert _state(b) == before


def test_an_own_pack_published_to_the_source_is_left_alone(shared: Shared, agent: Agent) -> None:
    a = agent("A")
    pack_id, _ = own_pack(a, "售前标准回复")
    shared.publish(a, pack_id)
    before = library_view(a)

    [result] = shared.subscribe(a)

    assert result.ok and "无需同步" in result.message
    assert library_view(a) == before


def test_a_version_that_is_not_an_integer_is_refused(shared: Shared, agent: Agent) -> None:
    a, b = agent("A"), agent("B")
    pack_id, _ = own_pack(a, "售前标准回复", ("post",))
    shared.publish(a, pack_id)
    shared.subscribe(b)
    [v1] = sync_heads(b, pack_id) or []
    before = _state(b)

    for bad in ("1.2.0", "二", "", {"major": 2}, [2], 3):  # 3: not the 2 of the file name
        for old in (shared.folder / pack_id).glob("v2-*.json"):
            old.unlink()
        name = plant_doc(shared.folder, pack_id, 2, version_doc(pack_id, bad, [v1]))

        [result] = shared.sync(b).sync_all()

        assert not result.ok, bad
        assert name in result.message and "version" in result.message
        assert "\n" not in result.message
        assert library_view(b) == before[0]
        assert sync_heads(b, pack_id) == [v1]

    for old in (shared.folder / pack_id).glob("v2-*.json"):
        old.unlink()
    plant_doc(shared.folder, pack_id, 2, version_doc(pack_id, "2", [v1]))
    [fixed] = shared.pull(b)
    assert "v2" in fixed.message and "亲，这是新版本的回复" in texts(b, pack_id).values()
