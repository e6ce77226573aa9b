"""Search results are shown from what the index keeps of each phrase (issue 15): the same
phrases ``get`` gives, after edits here and elsewhere, with or without the index cache, and
without parsing the shard files of the phrases shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.core.search.index import wait_for_cache_writes
from assistant.core.workspace import Workspace, open_workspace

QUERIES = ["baoyou", "亲", "fh", "tuihuo", "尺码"]


def _as_got(ws: Workspace, query: str) -> tuple[list[object], list[object]]:
    shown = ws.phrases.search(query)
    return shown, [ws.phrases.get(p.id) for p in shown]


def _parsed_shards(ws: Workspace) -> int:
    return sum(s.storage._cache is not None for s in ws.folder.phrases._shards)


def test_results_equal_the_stored_phrases_without_and_with_the_cache(seeded_dir: Path) -> None:
    ws = open_workspace(seeded_dir, builtins=False)
    ws.phrases.record_use(ws.phrases.search("baoyou")[0].id)
    for query in QUERIES:  # no cache: the index is merged from the files
        shown, got = _as_got(open_workspace(seeded_dir, builtins=False), query)
        assert shown and shown == got
    wait_for_cache_writes()
    for query in QUERIES:  # from the cache written by the first
        shown, got = _as_got(open_workspace(seeded_dir, builtins=False), query)
        assert shown and shown == got


def test_showing_results_parses_no_shard_file(seeded_dir: Path) -> None:
    open_workspace(seeded_dir, builtins=False).phrases.search("亲")  # writes the cache
    wait_for_cache_writes()
    for fresh in (True, False):
        if fresh:
            (seeded_dir / "cache" / "phrases-index").rename(seeded_dir / "cache" / "aside")
        ws = open_workspace(seeded_dir, builtins=False)

        assert len(ws.phrases.search("亲", limit=60)) > 10
        assert len(ws.phrases.suggested(60)) > 10
        assert _parsed_shards(ws) == 0
        wait_for_cache_writes()


def test_results_show_a_phrase_as_edited_here_and_elsewhere(seeded_dir: Path) -> None:
    ws = open_workspace(seeded_dir, builtins=False)
    target = ws.phrases.search("包邮")[0]
    wait_for_cache_writes()

    ws.phrases.edit(target.id, text="亲，新疆也包邮的哦", title="包邮新疆", favourite=True)
    (shown,) = [p for p in ws.phrases.search("包邮") if p.id == target.id]
    assert (shown.text, shown.title, shown.favourite) == ("亲，新疆也包邮的哦", "包邮新疆", True)
    assert shown == ws.phrases.get(target.id)

    other = open_workspace(seeded_dir, builtins=False)  # another process's change
    other.phrases.edit(target.id, text="亲，西藏也包邮的哦", tags=["西藏"])
    (shown,) = [p for p in ws.phrases.search("包邮") if p.id == target.id]
    assert (shown.text, shown.tags) == ("亲，西藏也包邮的哦", ["西藏"])
    assert shown == ws.phrases.get(target.id)

    ws.phrases.remove(target.id)
    assert target.id not in {p.id for p in ws.phrases.search("包邮")}


def test_the_accepted_lint_rules_of_shown_phrases_need_no_shard(seeded_dir: Path) -> None:
    ws = open_workspace(seeded_dir, builtins=False)
    shown = ws.phrases.search("亲", limit=60)
    first = shown[0].id

    assert all(ws.phrases.accepted_rules(p.id) == [] for p in shown)  # as the panel lints
    assert _parsed_shards(ws) == 0

    ws.phrases.set_rule_accepted(first, "absolute", True)
    assert ws.phrases.accepted_rules(first) == ["absolute"]
    ws.phrases.search("亲", limit=60)
    assert ws.phrases.accepted_rules(first) == ["absolute"]
    ws.phrases.set_rule_accepted(first, "absolute", False)
    assert ws.phrases.accepted_rules(first) == []


def test_a_shown_phrase_is_made_again_only_when_it_or_its_use_changed(seeded_dir: Path) -> None:
    """The phrases of the last results are reused after an edit of another phrase (the
    index's version changed, their entries did not); an edited phrase, or one used since,
    is made again and shown as it is now."""
    ws = open_workspace(seeded_dir, builtins=False)
    first, second, *_ = ws.phrases.search("亲", limit=60)
    again = {p.id: p for p in ws.phrases.search("亲", limit=60)}
    assert again[first.id] is first and again[second.id] is second

    ws.phrases.edit(second.id, text="亲，改过的第二条")
    ws.phrases.record_use(first.id)
    unrelated = next(
        p for p in ws.phrases.search("亲", limit=60) if p.id not in (first.id, second.id)
    )
    ws.phrases.edit(unrelated.id, title="别的标题")
    after = {p.id: p for p in ws.phrases.search("亲", limit=60)}
    kept = [p for p in after.values() if p.id not in (first.id, second.id, unrelated.id)]
    assert all(p is again[p.id] for p in kept if p.id in again)
    assert after[second.id].text == "亲，改过的第二条"
    assert after[first.id].use_count == first.use_count + 1
    assert after[unrelated.id].title == "别的标题"
    assert all(p == ws.phrases.get(p.id) for p in after.values())


def test_a_search_repeated_while_nothing_changed_is_not_ranked_again(
    seeded_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The panel's searches are kept while the index and the use counts are as they were:
    the same query again is not ranked again; a use, an edit here or in another process,
    and a hidden phrase each make it ranked again, and shown as it is now."""
    from assistant.core.phrases.ranking import Ranking

    ranked: list[str] = []
    order = Ranking.order

    def counting(self: Ranking, matches: Any, limit: Any, include_hidden: bool) -> Any:
        ranked.append("x")
        return order(self, matches, limit, include_hidden)

    monkeypatch.setattr(Ranking, "order", counting)
    ws = open_workspace(seeded_dir, builtins=False)
    first = ws.phrases.search("b", limit=60)
    assert ws.phrases.search("b", limit=60) == first and len(ranked) == 1
    assert ws.phrases.search("b", limit=30) == first[:30] and len(ranked) == 2  # another key

    last = first[-1]
    for _ in range(3):
        ws.phrases.record_use(last.id)
    used = ws.phrases.search("b", limit=60)
    assert len(ranked) == 3 and used.index(ws.phrases.get(last.id)) < len(first) - 1

    other = open_workspace(seeded_dir, builtins=False)
    other.phrases.edit(first[0].id, text="亲，另一个进程改的 b")
    assert any(p.text == "亲，另一个进程改的 b" for p in ws.phrases.search("b", limit=60))
    ws.phrases.edit(first[1].id, hidden=True)
    assert first[1].id not in {p.id for p in ws.phrases.search("b", limit=60)}
    assert len(ranked) == 5
    assert [p.id for p in ws.phrases.search("b", limit=None)][:60] == [
        p.id for p in ws.phrases.search("b", limit=60)
    ]


def test_an_edit_here_is_taken_into_the_index_at_once_once_it_is_in_use(
    seeded_dir: Path,
) -> None:
    """The agent saves in the editor, then searches: the index takes the edit in as it is
    saved, so that the search only checks the files. A process that has not searched (a
    one-shot `kefu edit`) makes no index for it."""
    one_shot = open_workspace(seeded_dir, builtins=False)
    some = next(iter(one_shot.phrases.all()))
    one_shot.phrases.edit(some.id, title="一次性改的")
    assert one_shot.phrases._index._base is None

    ws = open_workspace(seeded_dir, builtins=False)
    target = ws.phrases.search("包邮")[0]
    version = ws.phrases._index.version
    ws.phrases.edit(target.id, text="亲，偏远地区也包邮", title="偏远包邮")
    assert ws.phrases._index.version != version  # before any search
    synced = ws.phrases._index.version
    (shown,) = [p for p in ws.phrases.search("偏远") if p.id == target.id]
    assert shown.title == "偏远包邮" and ws.phrases._index.version == synced


def test_the_phrases_shown_most_lately_stay_parsed(
    seeded_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the limit the phrases shown least lately are let go, not all of them: the
    next keystroke's results are mostly the same phrases, reused."""
    from assistant.core.phrases import library

    ws = open_workspace(seeded_dir, builtins=False)
    a = ws.phrases.search("亲", limit=8)
    b = [p for p in ws.phrases.search("fh", limit=8) if p.id not in {q.id for q in a}]
    assert len(a) == 8 and b
    monkeypatch.setattr(library, "PARSED_KEPT", 8 + len(b) - 1)
    a = ws.phrases.search("亲", limit=8)  # shown again: now the least lately shown
    fh = ws.phrases.search("fh", limit=8)  # one over the limit: one of a's goes
    assert len(ws.phrases._parsed) == 8 + len(b) - 1
    assert all(p is q for p, q in zip(ws.phrases.search("fh", limit=8), fh, strict=True))
    again = ws.phrases.search("亲", limit=8)
    assert sum(p is q for p, q in zip(again, a, strict=True)) == 7


def test_an_edit_saved_is_reported_saved_when_the_index_cannot_take_it_in(
    seeded_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.core.search.index import CollectionIndex

    ws = open_workspace(seeded_dir, builtins=False)
    target = ws.phrases.search("包邮")[0]

    def broken(self: CollectionIndex) -> None:
        raise OSError("the cache file went away")

    monkeypatch.setattr(CollectionIndex, "sync", broken)
    edited = ws.phrases.edit(target.id, title="存了就算")
    assert edited.title == "存了就算"
    assert open_workspace(seeded_dir, builtins=False).phrases.get(target.id).title == "存了就算"
