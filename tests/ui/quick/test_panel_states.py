"""The panel's smaller promises (issue 14, items 11 and 14): a no-result state that offers a
new phrase, a hint that says what Alt+1…9 does, more rows on a tall screen, columns that do
not jump with the query, and the notice of a sync."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant.core.sync.apply import ApplyReport
from assistant.core.sync.subscriptions import SyncResult
from assistant.ui.context import UiContext
from assistant.ui.packs.sync_notice import sync_notice
from assistant.ui.quick.launcher_window import panel_height
from assistant.ui.quick.quick_panel import QuickPanel
from tests.ui.quick.test_quick_panel import open_panel, search_for


def test_no_result_says_so_and_ctrl_n_opens_a_new_phrase(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    opened: list[str | None] = []
    ctx.open_editor = opened.append
    open_panel(panel, qtbot)
    assert not panel.empty.isVisible()
    search_for(panel, qtbot, "zzqqxx")
    assert panel.model.rowCount() == 0
    assert panel.empty.isVisible()
    assert panel.empty_label.text() == "没有找到“zzqqxx”。按 Ctrl+N 新建一条短语。"
    qtbot.keyClick(panel.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == [None]
    assert not panel.isVisible()  # the editor is never under the panel


def test_the_hint_says_alt_digits_copy_at_once(panel: QuickPanel, qtbot: QtBot) -> None:
    open_panel(panel, qtbot)
    assert "Alt+1…9 直接复制第 1…9 行" in panel.status.text()


def test_columns_keep_their_widths_from_query_to_query(panel: QuickPanel, qtbot: QtBot) -> None:
    open_panel(panel, qtbot)
    header = panel.table.horizontalHeader()
    widths = [header.sectionSize(c) for c in range(header.count())]
    for query in ("th", "cf", "tuihuo", "a"):
        search_for(panel, qtbot, query)
        assert [header.sectionSize(c) for c in range(header.count())] == widths


def test_the_panel_takes_more_of_a_tall_screen_and_never_more_than_it() -> None:
    assert panel_height(17, 800) == 17 * 30  # a laptop: 30 lines
    assert panel_height(17, 1440) > 17 * 40  # a tall screen: more rows
    assert panel_height(17, 400) == 400 - 32  # a tiny one: what it holds


def test_a_sync_notice_is_shown_at_the_next_opening_once(panel: QuickPanel, qtbot: QtBot) -> None:
    panel.set_notice("团队短语包已更新：「售后」已更新：新增 2 条，修改 0 条，删除 0 条")
    open_panel(panel, qtbot)
    assert panel.status.text().startswith("团队短语包已更新")
    panel.hide()
    open_panel(panel, qtbot)
    assert panel.status.text().startswith("Enter 复制")


def result(ok: bool, **report: int) -> SyncResult:
    return SyncResult(
        "http://127.0.0.1/team/",
        "team.sales",
        ok,
        "" if ok else "连接超时",
        "售后",
        ApplyReport(**report) if ok else None,
    )


def test_sync_notice_says_nothing_for_a_sync_that_changed_nothing() -> None:
    assert sync_notice([]) is None
    assert sync_notice([result(True, unchanged=40)]) is None


def test_sync_notice_names_the_updated_pack_and_the_counts() -> None:
    notice = sync_notice([result(True, added=2, updated=1, unchanged=40)])
    assert notice == ("团队短语包已更新", "「售后」已更新：新增 2 条，修改 1 条，删除 0 条")


def test_sync_notice_puts_a_failure_first() -> None:
    notice = sync_notice([result(True, added=2), result(False), result(False)])
    assert notice == ("短语包同步失败", "售后：连接超时（另有 1 个失败）")
