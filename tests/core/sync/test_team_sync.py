"""Two agents share a pack through a folder or a WebDAV server: A publishes, B subscribes."""

from __future__ import annotations

from collections.abc import Callable

from assistant.core.sync.conflicts import flagged, resolve
from assistant.core.workspace import Workspace
from tests.core.sync.team import (
    STANDARD,
    Shared,
    flagged_ids,
    own_pack,
    sync_heads,
    texts,
)

Agent = Callable[[str], Workspace]


def _found(ws: Workspace, query: str, phrase_id: str) -> bool:
    return any(p.id == phrase_id for p in ws.phrases.search(query))


def test_b_finds_a_published_phrases_by_pinyin_and_initials(shared: Shared, agent: Agent) -> None:
    a, b = agent("A"), agent("B")
    pack_id, ids = own_pack(a, "售前标准回复")

    result = shared.publish(a, pack_id)
    assert "v1" in result.message
    assert shared.version_files(pack_id)[0].startswith("v1-")

    results = shared.subscribe(b)
    assert [r.pack_id for r in results] == [pack_id]
    assert results[0].report is not None and results[0].report.added == len(STANDARD)

    assert texts(b, pack_id) == texts(a, pack_id)  # the same phrase ids and texts
    info = b.phrases.packs.get(pack_id)
    assert (info.kind, info.name, info.read_only) == ("subscribed", "售前标准回复", True)
    assert _found(b, "baoyou", ids["post"])  # full pinyin
    assert _found(b, "by", ids["post"])  # initials
    assert _found(b, "fahuo", ids["ship"])
    assert _found(b, "fh1", ids["ship"])  # the 快捷编码 travels with the phrase
    assert _found(b, "zhengpin", ids["genuine"])
    assert _found(b, "色差", ids["colour"])


def test_subscribe_to_one_pack_only(shared: Shared, agent: Agent) -> None:
    a, b = agent("A"), agent("B")
    wanted, _ = own_pack(a, "售前", ("post", "ship"))
    other, _ = own_pack(a, "售后", ("genuine",))
    shared.publish(a, wanted)
    shared.publish(a, other)

    shared.subscribe(b, wanted)

    assert b.phrases.packs.find(other) is None
    assert len(texts(b, wanted)) == 2
    assert [s.packs for s in shared.sync(b).subscriptions()] == [[wanted]]


def test_edit_and_delete_upstream_reach_b(shared: Shared, agent: Agent) -> None:
    a, b = agent("A"), agent("B")
    pack_id, ids = own_pack(a, "售前标准回复")
    shared.publish(a, pack_id)
    shared.subscribe(b)

    a.phrases.edit(ids["post"], text="亲，满99元包邮哦，再看看别的宝贝凑一凑吧")
    a.phrases.remove(ids["colour"])
    shared.publish(a, pack_id)
    [result] = shared.pull(b)

    assert result.report is not None
    assert (result.report.updated, result.report.removed) == (1, 1)
    assert texts(b, pack_id) == texts(a, pack_id)
    assert b.phrases.get(ids["post"]).text == "亲，满99元包邮哦，再看看别的宝贝凑一凑吧"
    assert ids["colour"] not in texts(b)
    assert _found(b, "couyicou", ids["post"])  # the new text is searchable
    assert not flagged_ids(b)
    assert len(shared.version_files(pack_id)) == 2  # v1 is kept: files are never overwritten


def test_sync_without_upstream_change_changes_nothing(shared: Shared, agent: Agent) -> None:
    a, b = agent("A"), agent("B")
    pack_id, _ = own_pack(a, "售前标准回复")
    shared.publish(a, pack_id)
    shared.subscribe(b)
    before = texts(b)

    [result] = shared.pull(b)

    assert result.report is not None and result.report.unchanged == len(STANDARD)
    assert texts(b) == before


def test_b_override_survives_and_is_flagged_when_upstream_changes_it(
    shared: Shared, agent: Agent
) -> None:
    a, b = agent("A"), agent("B")
    pack_id, ids = own_pack(a, "售前标准回复")
    shared.publish(a, pack_id)
    shared.subscribe(b)
    mine = "亲，我们店拍两件就包邮，还送运费险哦"
    b.phrases.edit(ids["post"], text=mine)

    # A changes another phrase: B's override stays, nothing to choose.
    a.phrases.edit(ids["ship"], text="亲，下午五点前付款当天发货哦")
    shared.publish(a, pack_id)
    shared.pull(b)
    assert b.phrases.get(ids["post"]).text == mine
    assert b.phrases.get(ids["ship"]).text == "亲，下午五点前付款当天发货哦"
    assert not flagged_ids(b)

    # A changes the phrase B edited: B keeps its text, and is told.
    upstream = "亲，满88元包邮哦"
    a.phrases.edit(ids["post"], text=upstream)
    shared.publish(a, pack_id)
    [result] = shared.pull(b)
    assert result.report is not None and result.report.overrides_flagged == 1
    assert b.phrases.get(ids["post"]).text == mine
    [item] = flagged(b.phrases)
    assert item.phrase_id == ids["post"]
    assert item.text == mine
    assert item.upstream is not None and item.upstream["text"] == upstream

    # Syncing again without a new upstream change keeps it flagged, text untouched.
    shared.pull(b)
    assert flagged_ids(b) == {ids["post"]}
    assert b.phrases.get(ids["post"]).text == mine

    resolve(b.phrases, ids["post"], "upstream")
    assert b.phrases.get(ids["post"]).text == upstream
    assert not flagged_ids(b)

    # Taking upstream ends the override: the next upstream change just arrives.
    a.phrases.edit(ids["post"], text="亲，满99元包邮哦")
    shared.publish(a, pack_id)
    shared.pull(b)
    assert b.phrases.get(ids["post"]).text == "亲，满99元包邮哦"
    assert not flagged_ids(b)


def test_resolve_mine_keeps_override_until_the_next_upstream_change(
    shared: Shared, agent: Agent
) -> None:
    a, b = agent("A"), agent("B")
    pack_id, ids = own_pack(a, "售前标准回复")
    shared.publish(a, pack_id)
    shared.subscribe(b)
    mine = "亲，尺码偏小，建议拍大一码哦"
    b.phrases.edit(ids["size"], text=mine)
    a.phrases.edit(ids["size"], text="亲，尺码标准，按平时的码数拍就好")
    shared.publish(a, pack_id)
    shared.pull(b)
    assert flagged_ids(b) == {ids["size"]}

    resolve(b.phrases, ids["size"], "mine")
    assert b.phrases.get(ids["size"]).text == mine
    assert not flagged_ids(b)

    # An unrelated upstream change: still B's text, still not flagged.
    a.phrases.edit(ids["ship"], text="亲，下午五点前付款当天发货哦")
    shared.publish(a, pack_id)
    shared.pull(b)
    assert b.phrases.get(ids["size"]).text == mine
    assert not flagged_ids(b)

    # The next change of that phrase upstream flags it again.
    a.phrases.edit(ids["size"], text="亲，这款鞋码偏大半码，建议拍小一码")
    shared.publish(a, pack_id)
    shared.pull(b)
    assert b.phrases.get(ids["size"]).text == mine
    [item] = flagged(b.phrases)
    assert item.upstream is not None
    assert item.upstream["text"] == "亲，这款鞋码偏大半码，建议拍小一码"


def test_use_counts_and_favourites_survive_updates(shared: Shared, agent: Agent) -> None:
    a, b = agent("A"), agent("B")
    pack_id, ids = own_pack(a, "售前标准回复")
    shared.publish(a, pack_id)
    shared.subscribe(b)
    for _ in range(3):
        b.phrases.record_use(ids["ship"], buyer="tb_小红")
    b.phrases.edit(ids["ship"], favourite=True)
    b.phrases.edit(ids["genuine"], favourite=True)

    a.phrases.edit(ids["ship"], text="亲，下午五点前付款当天发货哦")
    a.phrases.edit(ids["genuine"], text="亲，我们家都是品牌授权正品，支持七天无理由退换")
    shared.publish(a, pack_id)
    shared.pull(b)

    ship = b.phrases.get(ids["ship"])
    assert ship.text == "亲，下午五点前付款当天发货哦"  # taken: marking a favourite is no edit
    assert (ship.use_count, ship.favourite) == (3, True)
    assert b.phrases.get(ids["genuine"]).favourite
    assert {p.id for p in b.phrases.favourites()} == {ids["ship"], ids["genuine"]}
    assert not flagged_ids(b)


def test_upstream_deletions_disappear_unless_b_changed_them(shared: Shared, agent: Agent) -> None:
    a, b = agent("A"), agent("B")
    pack_id, ids = own_pack(a, "售前标准回复")
    shared.publish(a, pack_id)
    shared.subscribe(b)
    kept = "亲，颜色以实物为准，介意色差的亲慎拍哦"
    b.phrases.edit(ids["colour"], text=kept)
    b.phrases.record_use(ids["size"])

    a.phrases.remove(ids["colour"])
    a.phrases.remove(ids["size"])
    shared.publish(a, pack_id)
    shared.pull(b)

    assert ids["size"] not in texts(b)  # used, but not changed: it goes
    assert b.phrases.get(ids["colour"]).text == kept  # B's own version stays
    assert set(texts(b, pack_id)) == {ids["post"], ids["ship"], ids["genuine"], ids["colour"]}

    shared.pull(b)  # and stays on later syncs
    assert b.phrases.get(ids["colour"]).text == kept


def test_phrase_b_deleted_is_not_brought_back(shared: Shared, agent: Agent) -> None:
    a, b = agent("A"), agent("B")
    pack_id, ids = own_pack(a, "售前标准回复")
    shared.publish(a, pack_id)
    shared.subscribe(b)
    b.phrases.remove(ids["colour"])

    a.phrases.edit(ids["post"], text="亲，满99元包邮哦")
    shared.publish(a, pack_id)
    shared.pull(b)

    assert ids["colour"] not in texts(b)
    assert b.phrases.get(ids["post"]).text == "亲，满99元包邮哦"


def test_unsubscribe_keeps_the_phrases_and_stops_syncing(shared: Shared, agent: Agent) -> None:
    a, b = agent("A"), agent("B")
    pack_id, ids = own_pack(a, "售前标准回复")
    shared.publish(a, pack_id)
    shared.subscribe(b)

    shared.sync(b).unsubscribe(shared.spec)
    a.phrases.edit(ids["post"], text="亲，满99元包邮哦")
    shared.publish(a, pack_id)

    assert shared.sync(b).sync_all() == []
    assert b.phrases.get(ids["post"]).text == STANDARD["post"][1]


def test_state_records_heads_and_b_sees_a_new_head(shared: Shared, agent: Agent) -> None:
    a, b = agent("A"), agent("B")
    pack_id, ids = own_pack(a, "售前标准回复")
    shared.publish(a, pack_id)
    shared.subscribe(b)
    v1 = sync_heads(b, pack_id)
    assert v1 == sync_heads(a, pack_id) and v1 is not None and len(v1) == 1
    assert shared.version_files(pack_id)[0].endswith(f"-{v1[0]}.json")

    a.phrases.edit(ids["post"], text="亲，满99元包邮哦")
    shared.publish(a, pack_id)
    shared.pull(b)
    v2 = sync_heads(b, pack_id)
    assert v2 == sync_heads(a, pack_id) and v2 != v1


def test_example_questions_travel_with_a_pack_and_an_edit_of_them_alone_reaches_b(
    shared: Shared, agent: Agent
) -> None:
    a, b = agent("A"), agent("B")
    pack_id, ids = own_pack(a, "售前标准回复")
    a.phrases.edit(ids["post"], questions=["包邮吗", "运费谁出"])
    shared.publish(a, pack_id)
    shared.subscribe(b)
    assert b.phrases.get(ids["post"]).questions == ["包邮吗", "运费谁出"]
    assert b.phrases.get(ids["ship"]).questions == []

    a.phrases.edit(ids["post"], questions=["包邮吗", "运费谁出", "偏远地区包邮吗"])
    shared.publish(a, pack_id)
    [result] = shared.pull(b)

    assert result.report is not None and result.report.updated == 1
    assert b.phrases.get(ids["post"]).questions == ["包邮吗", "运费谁出", "偏远地区包邮吗"]
    assert not flagged_ids(b)
