"""A table model over the buyers a listing found: rows are buyer keys, each one's columns
read from the buyer index's copy when the view first asks (``listing.BuyerRow``), never
from the documents: the view asks for the rows it shows, a few dozen of 50,000."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt

from assistant.core.buyers.listing import BuyerRow
from assistant.ui.names import platform_label
from assistant.ui.widgets.rows_model import Index, RowsModel

BUYER_ROLE = Qt.ItemDataRole.UserRole + 2
KEPT_ROWS = 512  # rows read and kept: a few screens' worth, scrolling back reads none again
RowOf = Callable[[str], BuyerRow | None]


class BuyerTableModel(RowsModel[str]):
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

    def __init__(self, row_of: RowOf, parent: QObject | None = None) -> None:
        super().__init__(None, parent)
        self._row_of = row_of
        # key -> its row and the texts of its cells (the view asks for each cell several
        # times per paint: made once)
        self._kept: OrderedDict[str, tuple[BuyerRow | None, tuple[Any, ...]]] = OrderedDict()

    def set_rows(self, rows: list[str]) -> None:
        self._kept.clear()  # a new listing: the buyers may have changed since
        super().set_rows(rows)

    def buyer(self, row: int) -> BuyerRow | None:
        return self._kept_row(row)[0]

    def _kept_row(self, row: int) -> tuple[BuyerRow | None, tuple[Any, ...]]:
        key = self.row_at(row)
        if key is None:
            return None, ()
        kept = self._kept.get(key)
        if kept is not None:
            self._kept.move_to_end(key)
            return kept
        b = self._row_of(key)
        kept = self._kept[key] = (b, _cells(b) if b is not None else ())
        if len(self._kept) > KEPT_ROWS:
            self._kept.popitem(last=False)
        return kept

    def row_of_key(self, key: str) -> int | None:
        try:
            return self._rows.index(key)
        except ValueError:
            return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, BUYER_ROLE):
            return None
        b, cells = self._kept_row(index.row())
        if b is None or role == BUYER_ROLE:
            return b
        return cells[index.column()]


def _cells(b: BuyerRow) -> tuple[Any, ...]:
    return (
        b.account,
        platform_label(b.platform),
        b.subgroup or (str(b.group) if b.group else ""),
        b.remark,
        " ".join(b.tags),
        b.order_count,
        f"{b.total_spent:.2f}",
        (b.last_order_at or "")[:10],
    )
