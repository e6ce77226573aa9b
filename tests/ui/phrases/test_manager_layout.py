"""短语管理's table and toolbar (issue 14, items 11 and 15): columns keep their widths whatever
the query, an imported phrase's title leaves 内容 its room, every tool has an icon."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QToolBar, QToolButton
from pytestqt.qtbot import QtBot

from assistant.core.packs.importer import import_file
from assistant.ui.context import UiContext
from assistant.ui.phrases.phrase_manager import CONTENT, PhraseManager

TITLE = 1


@pytest.fixture
def manager(ctx: UiContext, qtbot: QtBot) -> PhraseManager:
    window = PhraseManager(ctx)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def widths(manager: PhraseManager) -> list[int]:
    header = manager.table.horizontalHeader()
    return [header.sectionSize(i) for i in range(header.count())]


def test_column_widths_do_not_follow_the_rows_shown(
    manager: PhraseManager, ctx: UiContext, qtbot: QtBot
) -> None:
    ctx.ws.phrases.add(
        "亲，这是一条很长的说明" * 5,
        title="一个特别特别特别特别特别特别特别特别长的标题",
        group="一个很长很长的分组名字",
        code="averyveryverylongcode",
    )
    ctx.ws.phrases.add("亲，短的", title="短", group="短", code="d")
    manager.refresh()
    before = widths(manager)
    for query in ("averyveryverylongcode", "d", "亲", ""):
        manager.search.setText(query)
        assert widths(manager)[:CONTENT] + widths(manager)[CONTENT + 1 :] == (
            before[:CONTENT] + before[CONTENT + 1 :]
        ), query
    header = manager.table.horizontalHeader()
    modes = [header.sectionResizeMode(i) for i in range(header.count())]
    assert modes[CONTENT] == QHeaderView.ResizeMode.Stretch
    assert {m for i, m in enumerate(modes) if i != CONTENT} == {QHeaderView.ResizeMode.Interactive}


def test_an_imported_phrase_without_a_title_leaves_the_content_column_its_room(
    manager: PhraseManager, ctx: UiContext, tmp_path: Path
) -> None:
    text = "亲，您好，欢迎光临本店，有什么可以帮您的吗？本店所有商品均为现货，下单后24小时内发货"
    table = tmp_path / "千牛.csv"
    table.write_text(f"快捷编码,快捷短语,快捷短语分组\nhy9,{text},问候\n", encoding="utf-8-sig")
    import_file(ctx.ws.phrases, table)
    manager.search.setText("hy9")

    assert manager.proxy.rowCount() == 1
    shown_title = manager.proxy.data(manager.proxy.index(0, TITLE), Qt.ItemDataRole.DisplayRole)
    assert shown_title == "亲，您好，欢迎光临本店"
    title_width, content_width = widths(manager)[TITLE], widths(manager)[CONTENT]
    fm = manager.table.fontMetrics()
    assert fm.horizontalAdvance(shown_title) < title_width  # the title is shown whole
    assert content_width > 2 * title_width


def test_every_tool_has_an_icon_beside_its_text(manager: PhraseManager) -> None:
    [toolbar] = manager.findChildren(QToolBar)
    assert toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    for name, action in manager.actions_by_name.items():
        assert not action.icon().isNull(), name
        assert not action.icon().pixmap(16, 16).isNull(), name
    buttons = [b for b in toolbar.findChildren(QToolButton) if b.defaultAction() is not None]
    assert {b.defaultAction().text() for b in buttons} >= {"新建", "删除", "导入…"}
