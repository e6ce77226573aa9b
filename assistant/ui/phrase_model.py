"""A table model over phrases from core; data() never touches storage."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from assistant.core.phrase import Phrase

Index = QModelIndex | QPersistentModelIndex
PHRASE_ROLE = Qt.ItemDataRole.UserRole + 1


class PhraseTableModel(QAbstractTableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("PhraseTableModel", "★"),
        QT_TRANSLATE_NOOP("PhraseTableModel", "标题"),
        QT_TRANSLATE_NOOP("PhraseTableModel", "内容"),
        QT_TRANSLATE_NOOP("PhraseTableModel", "分组"),
        QT_TRANSLATE_NOOP("PhraseTableModel", "编码"),
        QT_TRANSLATE_NOOP("PhraseTableModel", "使用次数"),
        QT_TRANSLATE_NOOP("PhraseTableModel", "最近使用"),
    )

    def __init__(self, columns: tuple[int, ...] = (0, 1, 2, 3, 4), parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Phrase] = []
        self._columns = columns
        self.flagged: set[str] = set()  # phrases with a lint error: marked in the first column

    def set_rows(self, phrases: list[Phrase]) -> None:
        self.beginResetModel()
        self._rows = list(phrases)
        self.endResetModel()

    def phrase(self, row: int) -> Phrase | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[Phrase]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.tr(self.HEADERS[self._columns[section]])
        return str(section + 1) if section < 9 else ""  # the row Alt+N picks

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
