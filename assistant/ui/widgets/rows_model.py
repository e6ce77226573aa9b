"""The shared part of the table models: rows handed over from core, shown by column."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """Subclasses set HEADERS (marked for translation) and implement data()."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, columns: tuple[int, ...] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._columns = columns if columns is not None else tuple(range(len(self.HEADERS)))

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[Any]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(self.HEADERS[self._columns[section]])
        return None
