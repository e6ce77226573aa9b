"""Two leads publish the same pack at the same time: neither publication is lost."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant.core.sync.conflicts import flagged, resolve
from assistant.core.sync.service import SyncResult
from assistant.core.sync.sources import PackSource, open_source
from assistant.core.workspace import Workspace
from tests.core.sync.team import Shared, flagged_ids, own_pack, sync_heads, texts

Agent = Callable[[str], Workspace]

A_ONLY = "亲，下午五点前付款当天发货哦"  # ship: changed by A only
C_ONLY = "亲，尺码偏小，建议拍大一码哦"  # size: changed by C only
BOTH_A = "亲，满88元包邮哦"  # post: changed by both, differently
BOTH_C = "亲，拍三件包邮，还送小礼品哦"
ADDED_A = "亲，双十一当天付款前一小时半价哦"
ADDED_C = "亲，收到货满意的话麻烦给个五星好评哦"


class _MeetBeforeWriting:
    """A source whose publishers both finish looking at the source before either
    writes: the interleaving of two leads pressing 发布 at the same moment."""

    def __init__(self, inner: PackSource, barrier: threading.Barrier) -> None:
        self.inner = inner
        self.label = inner.label
        self.barrier = barrier

    def pack_ids(self) -> list[str]:
        return self.inner.pack_ids()

    def list(self, pack_id: str) -> list[str]:
        return self.inner.list(pack_id)

    def read(self, pack_id: str, name: str) -> bytes:
        return self.inner.read(pack_id, name)

    def write_new(self, pack_id: str, name: str, data: bytes) -> None:
        self.barrier.wait()
        self.inner.write_new(pack_id, name, data)


@dataclass
class Team:
    a: Workspace
    b: Workspace
    c: Workspace
    pack_id: str
    ids: dict[str, str]


def _team_at_v1(shared: Shared, agent: Agent) -> Team:
    """A owns the pack and published v1; C and B subscribed to it."""
    a, b, c = agent("A"), agent("B"), agent("C")
    pack_id, ids = own_pack(a, "售前标准回复")
    shared.publish(a, pack_id)
    shared.subscribe(c)
    shared.subscribe(b)
    return Team(a, b, c, pack_id, ids)


def _both_edit(team: Team) -> tuple[str, str]:
    a, c, ids = team.a, team.c, team.ids
    a.phrases.edit(ids["ship"], text=A_ONLY)
    a.phrases.edit(ids["post"], text=BOTH_A)
    a.phrases.remove(ids["colour"])
    added_a = a.phrases.add(ADDED_A, title="双十一", pack=team.pack_id).id
    c.phrases.edit(ids["size"], text=C_ONLY)
    c.phrases.edit(ids["post"], text=BOTH_C)
    added_c = c.phrases.add(ADDED_C, title="求好评", pack=team.pack_id).id
    return added_a, added_c


def _publish_together(shared: Shared, team: Team) -> list[SyncResult]:
    barrier = threading.Barrier(2, timeout=30)
    results: dict[str, SyncResult] = {}
    errors: list[BaseException] = []

    def factory(*args: Any) -> PackSource:
        return _MeetBeforeWriting(open_source(*args), barrier)

    def publish(who: str, ws: Workspace) -> None:
        try:
            sync = shared.sync(ws, source_factory=factory)
            results[who] = sync.publish(team.pack_id, shared.spec, shared.user)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
            barrier.abort()

    threads = [
        threading.Thread(target=publish, args=("A", team.a)),
        threading.Thread(target=publish, args=("C", team.c)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert all(r.ok for r in results.values()), results
    return [results["A"], results["C"]]


def _hash(name: str) -> str:
    """The content hash in a version file's name: ``v<version>-<hash>.json``."""
    return name.removesuffix(".json").split("-", 1)[1]


def _parents(shared: Shared, pack_id: str, name: str) -> list[str]:
    data = json.loads((shared.folder / pack_id / name).read_bytes())
    return list(data["parents"])


def test_two_concurrent_publications_are_both_kept_and_merged(shared: Shared, agent: Agent) -> None:
    team = _team_at_v1(shared, agent)
    v1 = sync_heads(team.b, team.pack_id)
    assert v1 is not None and len(v1) == 1
    added_a, added_c = _both_edit(team)

    _publish_together(shared, team)

    files = shared.version_files(team.pack_id)
    assert [f.split("-")[0] for f in files] == ["v1", "v2", "v2"]  # nothing overwritten
    assert all(_parents(shared, team.pack_id, f) == v1 for f in files[1:])

    [result] = shared.pull(team.b)
    assert "v2、v2" in result.message
    heads_b = sync_heads(team.b, team.pack_id)
    assert heads_b is not None and len(heads_b) == 2
    got = texts(team.b, team.pack_id)
    ids = team.ids
    assert got[ids["ship"]] == A_ONLY
    assert got[ids["size"]] == C_ONLY
    assert got[added_a] == ADDED_A and got[added_c] == ADDED_C
    assert ids["colour"] not in got  # deleted by A, untouched by C
    assert got[ids["genuine"]] == team.a.phrases.get(ids["genuine"]).text
    # The phrase both changed: one text kept, the other kept beside it, flagged.
    assert got[ids["post"]] in (BOTH_A, BOTH_C)
    [item] = flagged(team.b.phrases)
    assert item.phrase_id == ids["post"]
    assert {item.text, *(alt["text"] for alt in item.alternatives)} == {BOTH_A, BOTH_C}
    # No phrase lost: everything either side has, except the one deletion.
    everyone = set(texts(team.a, team.pack_id)) | set(texts(team.c, team.pack_id))
    everyone.discard(ids["colour"])
    assert set(got) == everyone

    # A publishes again: its version merges both heads, and B then sees one head.
    merged = shared.publish(team.a, team.pack_id)
    assert "两边改得不同" in merged.message
    files = shared.version_files(team.pack_id)
    v3 = [f for f in files if f.startswith("v3-")]
    assert len(v3) == 1
    v2_hashes = sorted(_hash(f) for f in files if f.startswith("v2-"))
    assert sorted(_parents(shared, team.pack_id, v3[0])) == v2_hashes
    assert flagged_ids(team.a) == {ids["post"]}  # the publisher is asked to choose

    [result] = shared.pull(team.b)
    assert sync_heads(team.b, team.pack_id) == [_hash(v3[0])]
    assert "v3" in result.message and "v2" not in result.message
    got3 = texts(team.b, team.pack_id)
    assert set(got3) == everyone
    assert got3[ids["post"]] in (BOTH_A, BOTH_C)

    # A chooses C's text and publishes: B follows.
    [a_item] = flagged(team.a.phrases)
    choice = "1" if a_item.alternatives[0]["text"] == BOTH_C else "mine"
    resolve(team.a.phrases, ids["post"], choice)
    assert team.a.phrases.get(ids["post"]).text == BOTH_C
    shared.publish(team.a, team.pack_id)
    shared.pull(team.b)
    assert team.b.phrases.get(ids["post"]).text == BOTH_C
    assert not flagged_ids(team.b)

    # C, a subscriber that published, follows the merged pack too.
    shared.pull(team.c)
    assert texts(team.c, team.pack_id) == texts(team.a, team.pack_id)


def test_a_publisher_behind_the_source_merges_before_publishing(
    shared: Shared, agent: Agent
) -> None:
    """C publishes after A while C's state still says v1: C's version merges A's in."""
    team = _team_at_v1(shared, agent)
    added_a, added_c = _both_edit(team)

    shared.publish(team.a, team.pack_id)
    assert sync_heads(team.c, team.pack_id) == sync_heads(team.b, team.pack_id)  # still v1
    result = shared.publish(team.c, team.pack_id)

    assert "两边改得不同" in result.message
    files = shared.version_files(team.pack_id)
    assert [f.split("-")[0] for f in files] == ["v1", "v2", "v3"]
    v2 = next(f for f in files if f.startswith("v2-"))
    v3 = next(f for f in files if f.startswith("v3-"))
    assert _parents(shared, team.pack_id, v3) == [_hash(v2)]
    got_c = texts(team.c, team.pack_id)
    ids = team.ids
    assert (got_c[ids["ship"]], got_c[ids["size"]]) == (A_ONLY, C_ONLY)
    assert got_c[ids["post"]] == BOTH_C  # C's own text, A's kept as the alternative
    [item] = flagged(team.c.phrases)
    assert [alt["text"] for alt in item.alternatives] == [BOTH_A]
    assert {added_a, added_c} <= set(got_c)
    assert ids["colour"] not in got_c

    shared.pull(team.b)
    assert texts(team.b, team.pack_id) == got_c
