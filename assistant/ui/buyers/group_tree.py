"""The buyers window's list of what to show: 待兑现承诺, 全部买家, 未分组, the ten groups with
their subgroups, 已归档; each with how many it holds."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QTreeWidgetItemIterator, QWidget

from assistant.core.buyers.groups import ContactGroup
from assistant.core.buyers.model import Buyer
from assistant.ui.names import counted, group_label, subgroup_label

PROMISES, ALL, NONE, ARCHIVED = "promises", "all", "none", "archived"
Filter = str | int  # one of the above, a group number or a subgroup code ("1A")
OVERDUE = QColor(200, 30, 30)


def narrow(buyers: list[Buyer], chosen: Filter, tag: str | None) -> list[Buyer]:
    """The buyers in the chosen entry (a group, a subgroup, 未分组) with ``tag``, if given."""
    if isinstance(chosen, int):
        buyers = [b for b in buyers if b.group == chosen]
    elif chosen == NONE:
        buyers = [b for b in buyers if not b.group]
    elif chosen not in (ALL, ARCHIVED, PROMISES):
        buyers = [b for b in buyers if b.subgroup == chosen]
    return [b for b in buyers if tag in b.tags] if tag else buyers


class GroupTree(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)

    def fill(
        self,
        groups: list[ContactGroup],
        counts: Counter[str],
        due: int,
        overdue: int,
        current: Filter,
    ) -> None:
        """Rebuild the entries, keeping ``current`` chosen; without signals (the filter it
        shows is already the window's)."""
        self.blockSignals(True)
        self.clear()
        promises = self._add(None, self.tr("待兑现承诺（{0}）").format(due), PROMISES)
        tip = self.tr("今天到期和已逾期的承诺")
        if overdue:
            promises.setForeground(0, QBrush(OVERDUE))
            tip += self.tr("，其中 {0} 条已逾期").format(overdue)
        promises.setToolTip(0, tip)
        self._add(None, self.tr("全部买家（{0}）").format(counts.get(ALL, 0)), ALL)
        self._add(None, self.tr("未分组（{0}）").format(counts.get(NONE, 0)), NONE)
        for g in groups:
            n = counts.get(str(g.number), 0)
            item = self._add(None, counted(group_label(g), n), g.number)
            for letter in g.subgroups:
                code = g.sub_code(letter)
                self._add(item, counted(subgroup_label(g, letter), counts.get(code, 0)), code)
        self._add(None, self.tr("已归档（{0}）").format(counts.get(ARCHIVED, 0)), ARCHIVED)
        self.expandAll()
        chosen = self.item_for(current)
        if chosen is not None:  # else the filter's group is gone, and the cleared tree has none
            self.setCurrentItem(chosen)
        self.blockSignals(False)

    def _add(self, parent: QTreeWidgetItem | None, text: str, key: Filter) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        item.setData(0, Qt.ItemDataRole.UserRole, key)
        if parent is None:
            self.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    def item_for(self, key: Filter) -> QTreeWidgetItem | None:
        found = QTreeWidgetItemIterator(self)
        while (item := found.value()) is not None:
            if item.data(0, Qt.ItemDataRole.UserRole) == key:
                return item
            found += 1
        return None

    def choose(self, key: Filter) -> None:
        """Make ``key`` the chosen entry without announcing it."""
        item = self.item_for(key)
        if item is not None:
            self.blockSignals(True)
            self.setCurrentItem(item)
            self.blockSignals(False)
