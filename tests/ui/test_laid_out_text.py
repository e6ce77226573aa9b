"""The quick panel's cell painter: texts laid out once, drawn as plain text, elided to the
cell, the selection drawn, and a bounded number of texts kept. Checked on the pixels of a
real table rendered offscreen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot

from assistant.ui.widgets import laid_out_text
from assistant.ui.widgets.laid_out_text import LaidOutTextDelegate
from assistant.ui.widgets.selection import select_only_row
from tests.ui.test_drawn_text import ink_box, plain_width


class Texts(QAbstractTableModel):
    def __init__(self, rows: list[str]) -> None:
        super().__init__()
        self.rows = rows

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()]
        return None


def table_of(qtbot: QtBot, rows: list[str], width: int) -> QTableView:
    view = QTableView()
    view.setModel(Texts(rows))
    view.setItemDelegate(LaidOutTextDelegate(view))
    view.horizontalHeader().hide()
    view.verticalHeader().hide()
    view.setShowGrid(False)
    view.setColumnWidth(0, width)
    view.resize(width + 40, 300)
    qtbot.addWidget(view)
    with qtbot.waitExposed(view):
        view.show()
    QApplication.processEvents()
    return view


def cell_image(view: QTableView) -> QImage:
    return view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def test_a_text_that_fits_is_drawn_whole_and_as_wide_as_plain_text(qtbot: QtBot) -> None:
    text = "亲，<b>今天</b>下单明天发货"
    view = table_of(qtbot, [text], plain_width(text, QApplication.font()) + 80)
    box = ink_box(cell_image(view), view.visualRect(view.model().index(0, 0)))
    assert abs(box[2] - plain_width(text, view.font())) <= 3
    [laid] = view.itemDelegate().laid_out()  # type: ignore[attr-defined]
    assert laid.text() == text and laid.textFormat() == Qt.TextFormat.PlainText


def test_a_long_text_is_elided_inside_its_cell(qtbot: QtBot) -> None:
    text = "亲，这款是纯棉面料，洗后不变形不起球，尺码偏大半码，建议拍小一码哦" * 3
    view = table_of(qtbot, [text], 160)
    rect = view.visualRect(view.model().index(0, 0))
    left, _, width, _ = ink_box(cell_image(view), rect)
    assert width > 100 and left + width <= rect.right() + 1
    [laid] = view.itemDelegate().laid_out()  # type: ignore[attr-defined]
    assert laid.text().endswith("…") and len(laid.text()) < len(text)


def test_the_selected_row_is_drawn_in_the_highlight(qtbot: QtBot) -> None:
    view = table_of(qtbot, ["第一行", "第二行"], 200)
    select_only_row(view, 1)
    QApplication.processEvents()
    image = cell_image(view)
    highlight = view.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    inactive = view.palette().color(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight)

    def colours(row: int) -> set[int]:
        r = view.visualRect(view.model().index(row, 0))  # its top line, above the text
        return {image.pixel(x, r.top() + 1) for x in range(r.left(), r.right())}

    painted = {QColor(highlight).rgb(), QColor(inactive).rgb()}
    assert colours(1) & painted
    assert not colours(0) & painted


def test_it_keeps_a_bounded_number_of_texts(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(laid_out_text, "KEPT", 8)
    rows = [f"短语{n}" for n in range(40)]
    view = table_of(qtbot, rows, 200)
    view.resize(240, 2000)
    QApplication.processEvents()
    view.viewport().grab()
    delegate = view.itemDelegate()
    assert isinstance(delegate, LaidOutTextDelegate)
    assert 0 < len(delegate.laid_out()) <= 8
