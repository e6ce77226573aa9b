"""A table model over buyers from core; data() never touches storage."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt

from assistant.core.buyers.model import Buyer
from assistant.ui.names import platform_label
from assistant.ui.widgets.rows_model import Index, RowsModel

BUYER_ROLE = Qt.ItemDataRole.UserRole + 2


class BuyerTableModel(RowsModel[Buyer]):
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

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(None, parent)

    def buyer(self, row: int) -> Buyer | None:
        return self.row_at(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        b = self._rows[index.row()]
        if role == BUYER_ROLE:
            return b
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                b.account,
                platform_label(b.platform),
                b.subgroup or (str(b.group) if b.group else ""),
                b.remark,
                " ".join(b.tags),
                b.order_count,
                f"{b.total_spent:.2f}",
                (b.last_order_at or "")[:10],
            )[index.column()]
        return None
