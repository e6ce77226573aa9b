"""The 买家 window shares its width out at the first showing (issue 14): the list as wide as
its eight columns, the group tree as wide as its names, the card the rest. Left to the
splitter, a 1280-pixel screen showed 累计金额 and 最近下单 only behind a scroll bar while the
tree had room to spare."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from assistant.ui.buyers.buyer_manager import COLUMN_EMS, BuyerManager
from assistant.ui.context import UiContext


def opened(ctx: UiContext, qtbot: QtBot, width: int) -> BuyerManager:
    ctx.ws.buyers.add("tb_xiaohua88", remark="小花")
    window = BuyerManager(ctx)
    qtbot.addWidget(window)
    window.resize(width, 600)
    with qtbot.waitExposed(window):
        window.show()
    return window


def test_every_column_shows_on_a_screen_as_wide_as_a_laptops(ctx: UiContext, qtbot: QtBot) -> None:
    window = opened(ctx, qtbot, 1177)  # 1280 pixels less a window manager's frame
    table, header = window.table, window.table.horizontalHeader()
    em = window.fontMetrics().horizontalAdvance("中")
    last = len(COLUMN_EMS) - 1
    assert header.sectionViewportPosition(last) + em * COLUMN_EMS[last] <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    tree, _middle, card = window.split.sizes()
    assert tree <= window.tree.sizeHintForColumn(0) + 40  # the names, not a third of the room
    assert card >= window.editor.minimumSizeHint().width()


@pytest.mark.parametrize("width", [700, 900])
def test_on_a_narrow_window_the_card_keeps_its_minimum(
    ctx: UiContext, qtbot: QtBot, width: int
) -> None:
    window = opened(ctx, qtbot, width)
    tree, middle, card = window.split.sizes()
    assert card >= window.editor.minimumSizeHint().width()
    assert min(tree, middle) >= 0
