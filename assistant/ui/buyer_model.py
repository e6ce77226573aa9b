"""A table model over buyers from core; data() never touches storage."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from assistant.core.buyer import PLATFORM_NAMES, Buyer

Index = QModelIndex | QPersistentModelIndex
BUYER_ROLE = Qt.ItemDataRole.UserRole + 2


class BuyerTableModel(QAbstractTableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("BuyerTableModel", "账号"),
        QT_TRANSLATE_NOOP("BuyerTableModel", "平台"),
        QT_TRANSLATE_NOOP("BuyerTableModel", "分组"),
        QT_TRANSLATE_NOOP("BuyerTableModel", "备注名"),
        QT_TRANSLATE_NOOP("BuyerTableModel", "标签"),
        QT_TRANSLATE_NOOP("BuyerTableModel", "订单"),
        QT_TRANSLATE_NOOP("BuyerTableModel", "累计金额"),
        QT_TRANSLATE_NOOP("BuyerTableModel", "最近下单"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Buyer] = []

    def set_rows(self, buyers: list[Buyer]) -> None:
        self.beginResetModel()
        self._rows = list(buyers)
        self.endResetModel()

    def buyer(self, row: int) -> Buyer | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        b = self._rows[index.row()]
        if role == BUYER_ROLE:
            return b
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                b.account,
                PLATFORM_NAMES.get(b.platform, b.platform),
                b.subgroup or (str(b.group) if b.group else ""),
                b.remark,
                " ".join(b.tags),
                b.order_count,
                f"{b.total_spent:.2f}",
                (b.last_order_at or "")[:10],
            )[index.column()]
        return None
