"""The buyer card editor: remark, group, tags, attributes, notes and promises.

添加承诺 and 复制备注 on a card not saved yet (a new buyer, or edits) save it first: what the
agent sees on the card is what gets the promise and what is copied. Without an account (or
without the promise's text) they are disabled, and their tooltip says why.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.core.buyers.model import READY_TAGS, Buyer
from assistant.core.buyers.remark import compose_remark
from assistant.core.changes import Changed
from assistant.core.platforms import DEFAULT_PLATFORM, PLATFORMS
from assistant.core.text import parse_pairs
from assistant.ui.buyers.promise_box import PromiseBox
from assistant.ui.context import UiContext
from assistant.ui.names import group_label, joined, no_group, platform_label, subgroup_label
from assistant.ui.phrases.phrase_editor import split_tags


def parse_attributes(text: str) -> dict[str, str]:
    return parse_pairs(split_tags(text), None, strip_values=True)


def card_values(buyer: Buyer) -> dict[str, Any]:
    """What the card's fields hold for a stored buyer, as :meth:`BuyerEditor.values` reads them."""
    return {
        "remark": buyer.remark,
        "group": buyer.group,
        "subgroup": buyer.subgroup,
        "tags": list(buyer.tags),
        "notes": buyer.notes,
        "attributes": dict(buyer.attributes),
    }


class BuyerEditor(QWidget):
    saved = Signal(object)  # the Buyer stored: saved, or a promise added or marked done

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.buyer: Buyer | None = None
        self._build_fields()
        self.promise_box = PromiseBox()
        self.promise_box.add_button.clicked.connect(self.add_promise)
        self.promise_box.done_button.clicked.connect(self.mark_done)
        self.promise_box.text.textChanged.connect(self._update_actions)
        self.promise_box.text.returnPressed.connect(self._promise_entered)
        self.promise_box.list.currentRowChanged.connect(self._update_actions)
        # the box's parts under the names the card has always had
        self.promises = self.promise_box.list
        self.promise_text = self.promise_box.text
        self.promise_due_on = self.promise_box.due_on
        self.promise_due = self.promise_box.due
        form = self._build_form(self._build_tag_row())
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addLayout(self._build_buttons())
        self._fill_groups()
        self.show_buyer(None)

    def _build_fields(self) -> None:
        self.account = QLineEdit()
        self.account.textChanged.connect(self._update_actions)
        self.platform = QComboBox()
        self.remark = QLineEdit()
        self.group = QComboBox()
        self.subgroup = QComboBox()
        self.group.currentIndexChanged.connect(self._fill_subgroups)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("用逗号分隔"))
        self.attributes = QLineEdit()
        self.attributes.setPlaceholderText(self.tr("如 尺码=38，脚型=偏宽"))
        self.notes = QPlainTextEdit()

    def _build_tag_row(self) -> QHBoxLayout:
        """The tags field with a menu of the ready-made buyer types beside it."""
        ready = QPushButton(self.tr("买家类型"))
        menu = QMenu(ready)
        for tag in READY_TAGS:
            menu.addAction(tag).triggered.connect(lambda _c=False, t=tag: self._add_tag(t))
        ready.setMenu(menu)
        tag_row = QHBoxLayout()
        tag_row.addWidget(self.tags, 1)
        tag_row.addWidget(ready)
        return tag_row

    def _build_form(self, tag_row: QHBoxLayout) -> QFormLayout:
        group_row = QHBoxLayout()
        group_row.addWidget(self.group, 1)
        group_row.addWidget(self.subgroup, 1)
        form = QFormLayout()
        form.addRow(self.tr("账号："), self.account)
        form.addRow(self.tr("平台："), self.platform)
        form.addRow(self.tr("备注名："), self.remark)
        form.addRow(self.tr("分组："), group_row)
        form.addRow(self.tr("标签："), tag_row)
        form.addRow(self.tr("属性："), self.attributes)
        form.addRow(self.tr("备注："), self.notes)
        form.addRow(self.tr("承诺："), self.promise_box)
        return form

    def _build_buttons(self) -> QHBoxLayout:
        save = QPushButton(self.tr("保存"))
        save.clicked.connect(self.save)
        self.copy_button = QPushButton(self.tr("复制备注"))
        self.copy_button.clicked.connect(self.copy_remark)
        buttons = QHBoxLayout()
        buttons.addWidget(save)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        return buttons

    def _fill_groups(self) -> None:
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(no_group(), None)
        for g in self.ctx.ws.buyers.scheme.groups():
            self.group.addItem(group_label(g), g.number)
        self.group.blockSignals(False)
        self._fill_subgroups()

    def _fill_subgroups(self) -> None:
        self.subgroup.clear()
        self.subgroup.addItem(self.tr("（无子分组）"), None)
        number = self.group.currentData()
        if number:
            g = self.ctx.ws.buyers.scheme.group(number)
            for letter in g.subgroups:
                self.subgroup.addItem(subgroup_label(g, letter), g.sub_code(letter))

    def _add_tag(self, tag: str) -> None:
        tags = split_tags(self.tags.text())
        if tag not in tags:
            tags.append(tag)
        self.tags.setText(joined(tags))

    def _fill_platforms(self, shown: str) -> None:
        """The known platforms, and the one shown if this version does not know it (data
        from a newer version or edited by hand): the buyer still opens, as it is stored."""
        self.platform.clear()
        for p in PLATFORMS if shown in PLATFORMS else (*PLATFORMS, shown):
            self.platform.addItem(platform_label(p), p)
        self.platform.setCurrentIndex(self.platform.findData(shown))

    def show_buyer(self, buyer: Buyer | None, account: str = "") -> None:
        self.buyer = buyer
        self._fill_groups()
        self.account.setReadOnly(buyer is not None)
        self.platform.setEnabled(buyer is None)
        self.account.setText(buyer.account if buyer else account)
        self._fill_platforms(buyer.platform if buyer else DEFAULT_PLATFORM)
        self.remark.setText(buyer.remark if buyer else "")
        self.group.setCurrentIndex(self.group.findData(buyer.group) if buyer and buyer.group else 0)
        self._fill_subgroups()
        if buyer and buyer.subgroup:
            self.subgroup.setCurrentIndex(max(0, self.subgroup.findData(buyer.subgroup)))
        self.tags.setText(joined(buyer.tags) if buyer else "")
        attrs = buyer.attributes if buyer else {}
        self.attributes.setText(joined([f"{k}={v}" for k, v in attrs.items()]))
        self.notes.setPlainText(buyer.notes if buyer else "")
        self.promise_box.show_promises(buyer.promises if buyer else [])
        if buyer:
            self.summary.setText(
                self.tr("订单 {0} 笔，累计 {1:.2f} 元").format(buyer.order_count, buyer.total_spent)
                + (self.tr("，回头客") if buyer.is_repeat else "")
            )
        else:
            self.summary.setText(self.tr("新建买家") if account else "")
        self._update_actions()

    def values(self) -> dict[str, Any]:
        """The card's fields as they would be saved."""
        return {
            "remark": self.remark.text(),
            "group": self.group.currentData(),
            "subgroup": self.subgroup.currentData(),
            "tags": split_tags(self.tags.text()),
            "notes": self.notes.toPlainText(),
            "attributes": parse_attributes(self.attributes.text()),
        }

    def has_unsaved_changes(self) -> bool:
        """A new buyer with an account typed, or a stored one whose fields were edited."""
        if self.buyer is None:
            return bool(self.account.text().strip())
        return self.values() != card_values(self.buyer)

    def _update_actions(self) -> None:
        """Enable what can act now; a disabled button's tooltip says what is missing."""
        has_account = bool(self.account.text().strip())
        new = self.buyer is None and has_account
        first = self.tr("会先保存这位新买家") if new else ""
        missing = "" if has_account else self.tr("先填写买家账号")
        self.copy_button.setEnabled(has_account)
        self.copy_button.setToolTip(missing or first)
        self.promise_box.update_actions(missing, first)

    def save(self) -> Buyer | None:
        result = self._store()
        if result is not None:
            self._show_stored(result, True)
        return result

    def _saved(self) -> tuple[Buyer | None, bool]:
        """The buyer as the card shows it, saved first if it is not; and whether it was just
        saved. None: the save was refused, and the message said why."""
        if not self.has_unsaved_changes():
            return self.buyer, False
        return self._store(), True

    def _store(self) -> Buyer | None:
        """Add the new buyer or edit the stored one with the card's fields."""
        book = self.ctx.ws.buyers
        values = self.values()
        attrs = values.pop("attributes")
        if self.buyer is None:
            return self.ctx.run(
                self,
                lambda: book.add(
                    self.account.text(),
                    platform=self.platform.currentData(),
                    attributes=attrs,
                    **values,
                ),
                changes=Changed.BUYERS,
            )
        b = self.buyer
        dropped = [k for k in b.attributes if k not in attrs]
        return self.ctx.run(
            self,
            lambda: book.edit(
                b.account, b.platform, attributes=attrs, remove_attributes=dropped, **values
            ),
            changes=Changed.BUYERS,
        )

    def _show_stored(self, buyer: Buyer, just_saved: bool) -> None:
        """After an action: the whole card if it was just saved, else only its promises
        (edits not saved yet stay on the card)."""
        if just_saved:
            self.show_buyer(buyer)
        else:
            self.buyer = buyer
            self.promise_box.show_promises(buyer.promises)
            self._update_actions()
        self.saved.emit(buyer)

    def _promise_entered(self) -> None:
        """Enter in the new promise's text adds it, as 添加承诺 does (when it may)."""
        if self.promise_box.add_button.isEnabled():
            self.add_promise()

    def add_promise(self) -> None:
        text = self.promise_text.text()
        if not text.strip():  # the button is disabled then
            return
        due = self.promise_box.due_date()
        b, just_saved = self._saved()
        if b is None:
            return
        result = self.ctx.run(
            self,
            lambda: self.ctx.ws.buyers.promise(b.account, text, due, b.platform),
            changes=Changed.BUYERS,
        )
        if result is not None:
            self.promise_text.clear()
        self._show_stored(result or b, just_saved)

    def mark_done(self) -> None:
        n = self.promise_box.chosen()
        if self.buyer is None or n is None:  # the button is disabled then
            return
        b = self.buyer
        result = self.ctx.run(
            self, lambda: self.ctx.ws.buyers.done(b.account, n, b.platform), changes=Changed.BUYERS
        )
        if result is not None:
            self._show_stored(result, False)

    def copy_remark(self) -> None:
        b, just_saved = self._saved()
        if b is not None:
            self.ctx.copy(compose_remark(b))
            if just_saved:
                self._show_stored(b, True)
