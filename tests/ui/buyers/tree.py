"""Finding an entry of the buyers window's list (全部买家, a group, 1A…) the way any view of a
QTreeWidget would: by the key each entry carries."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem


def find_entry(tree: QTreeWidget, key: object) -> QTreeWidgetItem:
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for item in (top, *(top.child(j) for j in range(top.childCount()))):
            if item.data(0, Qt.ItemDataRole.UserRole) == key:
                return item
    raise AssertionError(f"no entry for {key!r}")
