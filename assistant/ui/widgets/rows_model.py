"""The shared part of the table models: rows handed over from core, shown by column."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

Index = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")


class RowsModel(QAbstractTableModel, Generic[RowT]):
    """Subclasses set HEADERS (marked for translation) and implement data()."""

    # QT_TRANSLATE_NOOP marks: their stub says object, at run time each is the str it was given.
    HEADERS: tuple[object, ...] = ()
    replaced = Signal()  # the rows were replaced (set_rows, replace_rows)

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
        self.replaced.emit()

    def replace_rows(self, rows: list[RowT]) -> None:
        """Like set_rows, but told to the views as rows changed, added or removed: a view
        keeps its headers and current row. After a reset a view rebuilt and redrew both
        headers and its selection, a few milliseconds at every keystroke in the panel."""
        new, old = list(rows), len(self._rows)
        if len(new) < old:
            self.beginRemoveRows(QModelIndex(), len(new), old - 1)
            self._rows = self._rows[: len(new)]
            self.endRemoveRows()
        elif len(new) > old:
            self.beginInsertRows(QModelIndex(), old, len(new) - 1)
            self._rows = self._rows + new[old:]
            self.endInsertRows()
        self._rows = new
        if new and self._columns:
            last = self.index(len(new) - 1, len(self._columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        self.replaced.emit()

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
