"""The quick panel's results: one row per phrase, numbered for Alt+1…9; keys stay in the
search field, so the table never takes focus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from assistant.core.phrases.model import Phrase
from assistant.ui.phrases.phrase_model import PhraseTableModel
from assistant.ui.widgets.han_font import with_han_fallback
from assistant.ui.widgets.laid_out_text import LaidOutTextDelegate
from assistant.ui.widgets.selection import select_only_row


class ResultTable(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(with_han_fallback(self.font()))  # a quarter of painting was its lookup
        self.phrases = PhraseTableModel()
        self.setModel(self.phrases)
        # Texts laid out once and drawn from that at the next keystrokes (plain text).
        self.setItemDelegate(LaidOutTextDelegate(self, picture_column=0))  # the marks column
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.verticalHeader().setVisible(True)
        # Rows are one line each, so one height fits all: measured once from the first rows
        # shown, then fixed. Sized to contents, every keystroke measured the text of all 60
        # rows (and each cell's fallback fonts) — most of a keystroke's time in the panel.
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._row_height_set = False
        self.phrases.replaced.connect(self._fit_row_height)
        # Widths in character widths, the same for every query: sized to contents, the
        # columns jumped with each keystroke. 内容 takes what is left.
        header = self.horizontalHeader()
        em = self.fontMetrics().horizontalAdvance("汉")
        for column, chars in ((0, 2), (1, 9), (3, 5), (4, 5)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, em * chars + em // 2)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def _fit_row_height(self) -> None:
        if self._row_height_set or not self.phrases.rowCount():
            return
        rows = range(min(self.phrases.rowCount(), 9))
        self.verticalHeader().setDefaultSectionSize(max(self.sizeHintForRow(r) for r in rows))
        self._row_height_set = True

    def current_phrase(self) -> Phrase | None:
        index = self.currentIndex()
        return self.phrases.phrase(index.row()) if index.isValid() else None

    def row_of(self, phrase_id: str) -> int | None:
        for row, p in enumerate(self.phrases.rows()):
            if p.id == phrase_id:
                return row
        return None

    def select_row(self, row: int) -> None:
        """Make ``row`` current and selected, scrolled into view; a negative row clears."""
        select_only_row(self, row)

    def row_moved_by(self, delta: int) -> int | None:
        """The row ``delta`` rows from the current one, kept inside the table; None if empty."""
        count = self.phrases.rowCount()
        if not count:
            return None
        return max(0, min(count - 1, self.currentIndex().row() + delta))
