"""The panel's buyer field offers matches from the buyer index's copy of each buyer, and
reads the document of the one picked only: at 50,000 buyers each keystroke had parsed the
shards of up to twelve matches (a few ms each, kept in memory afterwards)."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from assistant.core.buyers.model import Buyer
from assistant.core.search.index import wait_for_cache_writes
from assistant.core.workspace import Workspace, open_workspace
from assistant.ui.context import UiContext
from assistant.ui.quick.buyer_bar import MATCH_LIMIT, BuyerBar
from tests.ui.helpers import type_via_ime


def parsed_shards(ws: Workspace) -> int:
    shards: list[Any] = ws.folder.buyers._shards
    return sum(s.storage._cache is not None for s in shards)


def test_matches_come_from_the_index_and_the_pick_from_its_document(
    ctx: UiContext, qtbot: QtBot
) -> None:
    book = ctx.ws.buyers
    with book.batch():
        for i in range(300):
            book.add(f"tb_buyer{i:03d}", remark=f"老客{i}" if i % 2 else "")
    book.search("tb")  # the index and its cache made
    wait_for_cache_writes()
    fresh = open_workspace(ctx.ws.path, builtins=False)
    bar = BuyerBar(UiContext(fresh, ctx.changes, ctx.paster))
    qtbot.addWidget(bar)
    picked: list[Buyer] = []
    bar.picked.connect(picked.append)

    type_via_ime(bar.field, "tb_buyer01")
    labels = bar.completer.model().stringList()  # type: ignore[attr-defined]
    assert labels[:3] == ["tb_buyer010", "tb_buyer011（老客11）", "tb_buyer012"]
    assert len(labels) == 10 <= MATCH_LIMIT
    assert parsed_shards(fresh) == 0
    bar.completer.activated.emit("tb_buyer011（老客11）")
    assert [(b.account, b.remark) for b in picked] == [("tb_buyer011", "老客11")]
    assert parsed_shards(fresh) == 1


def test_typing_an_unknown_account_parses_no_shard(ctx: UiContext, qtbot: QtBot) -> None:
    """新建买家 is offered only for an account that is no buyer's: asking that on every
    platform parsed a shard per platform at each keystroke."""
    book = ctx.ws.buyers
    with book.batch():
        for i in range(300):
            book.add(f"tb_buyer{i:03d}")
    book.search("tb")
    wait_for_cache_writes()
    fresh = open_workspace(ctx.ws.path, builtins=False)
    bar = BuyerBar(UiContext(fresh, ctx.changes, ctx.paster))
    qtbot.addWidget(bar)
    type_via_ime(bar.field, "zz_newcomer")
    assert bar.new_buyer_button.isVisibleTo(bar) and parsed_shards(fresh) == 0
    bar.field.selectAll()  # typed over
    type_via_ime(bar.field, "tb_buyer007")  # a buyer's: found, not offered
    assert not bar.new_buyer_button.isVisibleTo(bar)
