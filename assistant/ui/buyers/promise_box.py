"""The buyer card's promises: the list, a new one with its due date, and 标为已完成.

The card (``BuyerEditor``) acts on the buttons; this box shows the promises and says, on a
disabled button, what is missing.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.core.buyers.model import Promise

NUMBER_ROLE = Qt.ItemDataRole.UserRole  # the promise's 1-based number
DONE_ROLE = Qt.ItemDataRole.UserRole + 1


class PromiseBox(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("新承诺，如 到货通知"))
        self.due_on = QCheckBox(self.tr("到期日"))
        self.due = QDateEdit(QDate.currentDate().addDays(3))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.add_button = QPushButton(self.tr("添加承诺"))
        self.done_button = QPushButton(self.tr("标为已完成"))
        row = QHBoxLayout()
        row.addWidget(self.due_on)
        row.addWidget(self.due)
        row.addStretch(1)
        row.addWidget(self.add_button)
        done_row = QHBoxLayout()
        done_row.addWidget(self.done_button)
        done_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addLayout(done_row)

    def show_promises(self, promises: list[Promise]) -> None:
        self.list.clear()
        for n, p in enumerate(promises, start=1):
            state = "✓ " if p.done else ""
            text = f"{state}{n}. {p.text}"
            item = QListWidgetItem(self.tr("{0}（{1} 前）").format(text, p.due) if p.due else text)
            item.setData(NUMBER_ROLE, n)
            item.setData(DONE_ROLE, p.done)
            self.list.addItem(item)

    def select(self, number: int) -> None:
        """Make promise ``number`` (1-based) the current one."""
        self.list.setCurrentRow(number - 1)

    def chosen(self) -> int | None:
        """The number of the promise chosen in the list, if it is still open."""
        item = self.list.currentItem()
        if item is None or item.data(DONE_ROLE):
            return None
        return int(item.data(NUMBER_ROLE))

    def due_date(self) -> str | None:
        return self.due.date().toString("yyyy-MM-dd") if self.due_on.isChecked() else None

    def update_actions(self, missing: str, note: str) -> None:
        """``missing``: why nothing can be added (no account yet), or empty; ``note``: the
        tooltip of an enabled 添加承诺 (that it saves the new buyer first)."""
        if not missing and not self.text.text().strip():
            missing = self.tr("先写下承诺内容")
        self.add_button.setEnabled(not missing)
        self.add_button.setToolTip(missing or note)
        chosen = self.chosen() is not None
        self.done_button.setEnabled(chosen)
        self.done_button.setToolTip("" if chosen else self.tr("先在上面选一条未完成的承诺"))
