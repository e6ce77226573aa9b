"""待兑现承诺: the promises due today or overdue, across all buyers, the longest overdue first.

Choosing a row shows its buyer on the card beside the list; a double-click takes the focus to
that promise on the card; 标为已完成 marks the chosen one done and moves on to the next.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assistant.core.buyers.promises import OpenPromise, overdue_days
from assistant.core.changes import Changed
from assistant.ui.buyers.group_tree import OVERDUE
from assistant.ui.context import UiContext
from assistant.ui.names import with_note
from assistant.ui.widgets.rows_model import Index, RowsModel
from assistant.ui.widgets.selection import select_only_row


class DuePromiseModel(RowsModel[OpenPromise]):
    HEADERS = (
        QT_TRANSLATE_NOOP("DuePromiseModel", "到期日"),
        QT_TRANSLATE_NOOP("DuePromiseModel", "状态"),
        QT_TRANSLATE_NOOP("DuePromiseModel", "买家"),
        QT_TRANSLATE_NOOP("DuePromiseModel", "承诺"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(None, parent)
        self.today = date.today()

    def show(self, rows: list[OpenPromise], today: date) -> None:
        self.today = today
        self.set_rows(rows)

    def late(self, row: int) -> int:
        """Days overdue of the promise in ``row``: 0 when it is due today."""
        found = self.row_at(row)
        return overdue_days(found.promise, self.today) if found else 0

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        o = self._rows[index.row()]
        late = overdue_days(o.promise, self.today)
        if role == Qt.ItemDataRole.ForegroundRole and late > 0:
            return QBrush(OVERDUE)
        if role == Qt.ItemDataRole.DisplayRole:
            b = o.buyer
            return (
                o.promise.due,
                self.tr("逾期 {0} 天").format(late) if late > 0 else self.tr("今天到期"),
                with_note(b.account, b.remark) if b.remark else b.account,
                o.promise.text,
            )[index.column()]
        return None


class DuePromises(QWidget):
    chosen = Signal(object)  # the OpenPromise of the current row, or None
    opened = Signal(object)  # the OpenPromise double-clicked
    marked = Signal()  # one was marked done

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = DuePromiseModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        self.table.doubleClicked.connect(self._on_double_click)
        self.done_button = QPushButton(self.tr("标为已完成"))
        self.done_button.clicked.connect(self.mark_done)
        buttons = QHBoxLayout()
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_actions()

    def show_promises(self, rows: list[OpenPromise], today: date) -> None:
        """Show ``rows``; the promise chosen before stays chosen, and if it is gone (done),
        the one that took its place."""
        before = self.current()
        row = self.table.currentIndex().row()
        self.model.show(rows, today)
        keys = [(o.buyer.key, o.number) for o in rows]
        if before is not None and (before.buyer.key, before.number) in keys:
            row = keys.index((before.buyer.key, before.number))
        elif before is None or not rows:
            row = -1
        else:
            row = min(row, len(rows) - 1)
        if row >= 0:
            select_only_row(self.table, row)
        self._update_actions()

    def current(self) -> OpenPromise | None:
        return self.model.row_at(self.table.currentIndex().row())

    def overdue(self) -> int:
        return sum(1 for r in range(self.model.rowCount()) if self.model.late(r) > 0)

    def _on_row(self, index: QModelIndex, _prev: QModelIndex) -> None:
        self._update_actions()
        self.chosen.emit(self.model.row_at(index.row()))

    def _on_double_click(self, index: QModelIndex) -> None:
        found = self.model.row_at(index.row())
        if found is not None:
            self.opened.emit(found)

    def _update_actions(self) -> None:
        chosen = self.current() is not None
        self.done_button.setEnabled(chosen)
        self.done_button.setToolTip("" if chosen else self.tr("先在列表中选一条承诺"))

    def mark_done(self) -> None:
        o = self.current()
        if o is None:  # the button is disabled then
            return
        book = self.ctx.ws.buyers
        done = self.ctx.run(
            self,
            lambda: book.done(o.buyer.account, o.number, o.buyer.platform),
            changes=Changed.BUYERS,
        )
        if done is not None:
            self.marked.emit()
