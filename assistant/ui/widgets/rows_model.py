"""The shared part of the table models: rows handed over from core, shown by column."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")


class RowsModel(QAbstractTableModel, Generic[RowT]):
    """Subclasses set HEADERS (marked for translation) and implement data()."""

    # QT_TRANSLATE_NOOP marks: their stub says object, at run time each is the str it was given.
    HEADERS: tuple[object, ...] = ()

    def __init__(
        self, columns: tuple[int, ...] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []
        self._columns = columns if columns is not None else tuple(range(len(self.HEADERS)))

    def set_rows(self, rows: list[RowT]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> RowT | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[RowT]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    # Any, as in the overridden method's stub: a cell is whatever its role calls for.
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(str(self.HEADERS[self._columns[section]]))
        return None
