"""Selecting a row from code, whatever keys the agent holds.

``QAbstractItemView.selectRow`` asks the keyboard how to select: with Shift held (typing a
capital, switching the input method) it extends a range, with Ctrl it toggles, so a list
refreshed while the agent types could end with no row, or several, selected. A row chosen by
the program is selected through the selection model instead: only that row, made current.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView

Flag = QItemSelectionModel.SelectionFlag
ONLY_THIS_ROW = Flag.ClearAndSelect | Flag.Rows


def select_only_row(view: QAbstractItemView, row: int) -> None:
    """Make ``row`` current and the only row selected, scrolled into view."""
    model = view.model()
    if model is None or not 0 <= row < model.rowCount():
        view.clearSelection()
        return
    index = model.index(row, 0)
    view.selectionModel().setCurrentIndex(index, ONLY_THIS_ROW)
    view.scrollTo(index)
