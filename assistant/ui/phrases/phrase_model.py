"""A table model over phrases from core; data() never touches storage."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt

from assistant.core.phrases.model import Phrase
from assistant.ui.widgets.rows_model import Index, RowsModel

PHRASE_ROLE = Qt.ItemDataRole.UserRole + 1


class PhraseTableModel(RowsModel[Phrase]):
    HEADERS = (
        QT_TRANSLATE_NOOP("PhraseTableModel", "★"),
        QT_TRANSLATE_NOOP("PhraseTableModel", "标题"),
        QT_TRANSLATE_NOOP("PhraseTableModel", "内容"),
        QT_TRANSLATE_NOOP("PhraseTableModel", "分组"),
        QT_TRANSLATE_NOOP("PhraseTableModel", "编码"),
        QT_TRANSLATE_NOOP("PhraseTableModel", "使用次数"),
        QT_TRANSLATE_NOOP("PhraseTableModel", "最近使用"),
    )

    def __init__(
        self, columns: tuple[int, ...] = (0, 1, 2, 3, 4), parent: QObject | None = None
    ) -> None:
        super().__init__(columns, parent)
        self.flagged: set[str] = set()  # phrases with a lint error: marked in the first column

    def phrase(self, row: int) -> Phrase | None:
        return self.row_at(row)

    def add_flagged(self, ids: set[str]) -> None:
        """Mark more phrases as having a lint error; only their first cells are redrawn."""
        new = ids - self.flagged
        if not new:
            return
        self.flagged |= new
        for row, p in enumerate(self._rows):
            if p.id in new:
                cell = self.index(row, 0)
                self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DisplayRole])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return str(section + 1) if section < 9 else ""  # the row Alt+N picks
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        p = self._rows[index.row()]
        if role == PHRASE_ROLE:
            return p
        if role == Qt.ItemDataRole.DisplayRole:
            column = self._columns[index.column()]
            mark = ("★" if p.favourite else "") + ("⚠" if p.id in self.flagged else "")
            return (
                mark,
                p.title,
                p.first_line,
                p.group,
                p.code or "",
                p.use_count,
                (p.last_used_at or "")[:16].replace("T", " "),
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and self._columns[index.column()] == 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
