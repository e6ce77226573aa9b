"""A row the program selects is the only one selected, whatever keys the agent holds: Qt's
``selectRow`` reads the held modifiers (Shift extends a range, Ctrl toggles)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QTableView
from pytestqt.qtbot import QtBot

from assistant.ui.widgets.selection import select_only_row

HELD = [Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier]


def hold(qtbot: QtBot, modifier: Qt.KeyboardModifier) -> None:
    """Leave ``modifier`` held as Qt sees it: the last key event carried it."""
    field = QLineEdit()
    qtbot.addWidget(field)
    qtbot.keyClick(field, Qt.Key.Key_A, modifier)
    assert QGuiApplication.keyboardModifiers() == modifier


def selected_rows(view: QTableView) -> list[int]:
    return sorted({i.row() for i in view.selectionModel().selectedIndexes()})


@pytest.mark.parametrize("modifier", HELD)
def test_the_chosen_row_alone_is_selected_with_a_modifier_held(
    qtbot: QtBot, modifier: Qt.KeyboardModifier
) -> None:
    view = QTableView()
    view.setModel(QStringListModel(["一", "二", "三", "四"]))
    qtbot.addWidget(view)
    select_only_row(view, 0)
    hold(qtbot, modifier)
    select_only_row(view, 2)
    assert selected_rows(view) == [2] and view.currentIndex().row() == 2
    select_only_row(view, 2)  # again: Ctrl's toggle would have cleared it
    assert selected_rows(view) == [2]
    select_only_row(view, 9)
    assert selected_rows(view) == []
