"""The quick panel's buyer row: who the reply is for, shown prominently; type an account or a
remark name to pick one of the matches, or create the buyer when the account is not known yet
(typed, or an unknown account found on the clipboard).

Its texts keep the panel's translation context ("QuickPanel"), where they were written first.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.core.buyers.listing import BuyerRow
from assistant.core.buyers.model import Buyer
from assistant.ui.context import UiContext
from assistant.ui.names import with_note

MATCH_LIMIT = 12


def match_label(buyer: Buyer | BuyerRow) -> str:
    return with_note(buyer.account, buyer.remark) if buyer.remark else buyer.account


class BuyerBar(QWidget):
    picked = Signal(Buyer)  # chosen from the matches, or typed in full
    cleared = Signal()  # the field was emptied: no current buyer
    new_buyer = Signal(str)  # 新建买家 for this account

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._matches: dict[str, str] = {}  # buyer keys, by the label the completer shows

        self.field = QLineEdit()
        self.field.setPlaceholderText(QCoreApplication.translate("QuickPanel", "买家账号或备注名…"))
        self.field.setClearButtonEnabled(True)
        self.field.textEdited.connect(self._on_typed)
        self.field.returnPressed.connect(self._on_entered)
        self._labels = QStringListModel(self)
        self.completer = QCompleter(self._labels, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.activated.connect(self._on_completed)
        self.field.setCompleter(self.completer)
        self.new_buyer_button = QPushButton(QCoreApplication.translate("QuickPanel", "新建买家"))
        self.new_buyer_button.setVisible(False)
        self.new_buyer_button.clicked.connect(self._new_buyer)
        self._offered: str | None = None  # an unknown account seen on the clipboard

        self.current = QLabel()
        self.current.setObjectName("CurrentBuyer")
        self.current.setTextFormat(Qt.TextFormat.PlainText)  # names are user text
        font = QFont(self.current.font())
        font.setBold(True)
        self.current.setFont(font)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(QCoreApplication.translate("QuickPanel", "买家：")))
        row.addWidget(self.field, 1)
        row.addWidget(self.new_buyer_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.current)
        column.addLayout(row)
        self._show_current(None)

    def show_buyer(self, buyer: Buyer | None) -> None:
        self.field.setText(buyer.account if buyer else "")
        self._offered = None
        self.new_buyer_button.setVisible(False)
        self._show_current(buyer)

    def offer(self, account: str) -> None:
        """An unknown account was copied: offer to create it (the field stays as it is)."""
        self._offered = account
        self.new_buyer_button.setText(
            QCoreApplication.translate("QuickPanel", "新建买家 {0}").format(account)
        )
        self.new_buyer_button.setVisible(True)

    def _show_current(self, buyer: Buyer | None) -> None:
        if buyer is None:
            self.current.setText(
                QCoreApplication.translate("QuickPanel", "未选择买家：{昵称} 会写成“亲”")
            )
            self.current.setStyleSheet("color: palette(mid);")
        else:
            name = with_note(buyer.remark, buyer.account) if buyer.remark else buyer.account
            self.current.setText(
                QCoreApplication.translate("QuickPanel", "当前买家：{0}").format(name)
            )
            self.current.setStyleSheet(
                "background: #fff4d6; color: #5a3b00; padding: 2px 6px; border-radius: 3px;"
            )

    def _on_typed(self, text: str) -> None:
        typed = text.strip()
        book = self.ctx.ws.buyers
        # Labels from the index's copy of each buyer (no shard read per keystroke); the
        # document is read for the one picked.
        keys = book.listing.keys(text, limit=MATCH_LIMIT) if typed else []
        rows = [row for key in keys if (row := book.listing.row(key)) is not None]
        matches = {match_label(row): row.key for row in rows}
        self._matches = matches
        self._labels.setStringList(list(self._matches))
        self._offered = None
        self.new_buyer_button.setText(QCoreApplication.translate("QuickPanel", "新建买家"))
        # Offered only when nothing matches: while the text matches a buyer, pick that one.
        self.new_buyer_button.setVisible(bool(typed) and not matches and not book.exists(typed))
        if not typed:
            self.cleared.emit()

    def _on_completed(self, label: str) -> None:
        key = self._matches.get(label)
        buyer = self.ctx.ws.buyers.of_key(key) if key is not None else None
        if buyer is not None:
            self.picked.emit(buyer)

    def _on_entered(self) -> None:
        text = self.field.text().strip()
        book = self.ctx.ws.buyers
        if not text:
            self.cleared.emit()
        elif text in self._matches and (found := book.of_key(self._matches[text])):
            self.picked.emit(found)
        elif book.exists(text):
            self.picked.emit(book.get(text))
        elif len(self._matches) == 1 and (only := book.of_key(next(iter(self._matches.values())))):
            self.picked.emit(only)
        else:
            self.new_buyer_button.setVisible(True)

    def _new_buyer(self) -> None:
        self.new_buyer.emit(self._offered or self.field.text().strip())
