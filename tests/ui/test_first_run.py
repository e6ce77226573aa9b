"""The first start offers the shop profile (issue 14, item 4), once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assistant.core.workspace import open_workspace
from assistant.ui.context import UiContext
from assistant.ui.first_run import FirstRunDialog, needs_first_run
from tests.ui.helpers import type_via_ime


def test_saving_the_first_run_form_fills_the_shop_profile_once(
    ctx: UiContext, qtbot: QtBot
) -> None:
    assert needs_first_run(ctx.ws)
    dialog = FirstRunDialog(ctx, "Ctrl+Alt+Space")
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Ctrl+Alt+Space" in " ".join(w.text() for w in dialog.findChildren(type(dialog.problem)))
    type_via_ime(dialog.edits["店铺"], "小花服饰旗舰店")
    type_via_ime(dialog.edits["发货时间"], "48小时内")
    dialog.save_button.click()

    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    shop = ctx.ws.shop.get()
    assert shop["店铺"] == "小花服饰旗舰店" and shop["发货时间"] == "48小时内"
    assert shop["活动"] == ""  # left empty: the panel asks when a phrase needs it
    assert not needs_first_run(ctx.ws)


def test_later_is_remembered_and_changes_no_shop_field(ctx: UiContext, qtbot: QtBot) -> None:
    dialog = FirstRunDialog(ctx, "Ctrl+Alt+Space")
    qtbot.addWidget(dialog)
    dialog.show()
    type_via_ime(dialog.edits["店铺"], "不要保存")
    dialog.later_button.click()
    assert ctx.ws.shop.get()["店铺"] == ""
    assert ctx.ws.settings.load().setup_done
    assert not needs_first_run(ctx.ws)


def test_a_shop_profile_set_elsewhere_means_no_first_run(ctx: UiContext) -> None:
    ctx.ws.shop.update({"店铺": "已有的店"})
    assert not needs_first_run(ctx.ws)


def test_esc_and_closing_the_window_mean_later(ctx: UiContext, qtbot: QtBot) -> None:
    """Esc (or the title bar's close) used to close the welcome without remembering it: it
    greeted again at every start."""
    dialog = FirstRunDialog(ctx, "Ctrl+Alt+Space")
    qtbot.addWidget(dialog)
    dialog.show()
    type_via_ime(dialog.edits["店铺"], "不要保存")
    qtbot.keyClick(dialog.edits["店铺"], Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == FirstRunDialog.DialogCode.Rejected
    assert ctx.ws.shop.get()["店铺"] == ""
    assert not needs_first_run(open_workspace(ctx.ws.path))  # on disk, as the next start reads it

    again = FirstRunDialog(ctx, "Ctrl+Alt+Space")
    qtbot.addWidget(again)
    again.show()
    again.close()  # the window manager's close button
    QApplication.processEvents()
    assert not again.isVisible()
    assert ctx.ws.settings.load().setup_done
