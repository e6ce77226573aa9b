"""The buyer card editor: remark, group, tags, attributes, notes and promises."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.core.buyers.model import READY_TAGS, Buyer
from assistant.core.buyers.remark import compose_remark
from assistant.core.changes import Changed
from assistant.core.platforms import PLATFORMS, platform_name
from assistant.core.text import parse_pairs
from assistant.ui.context import UiContext
from assistant.ui.phrases.phrase_editor import split_tags


def parse_attributes(text: str) -> dict[str, str]:
    return parse_pairs(split_tags(text), None, strip_values=True)


class BuyerEditor(QWidget):
    saved = Signal(object)  # Buyer

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.buyer: Buyer | None = None
        self._build_fields()
        form = self._build_form(self._build_tag_row(), *self._build_promise_fields())
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
        self.platform = QComboBox()
        for p in PLATFORMS:
            self.platform.addItem(platform_name(p), p)
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

    def _build_promise_fields(self) -> tuple[QHBoxLayout, QPushButton]:
        """The promise list, and the row that adds one with its due date; and 标为已完成."""
        self.promises = QListWidget()
        self.promise_text = QLineEdit()
        self.promise_text.setPlaceholderText(self.tr("新承诺，如 到货通知"))
        self.promise_due_on = QCheckBox(self.tr("到期日"))
        self.promise_due = QDateEdit(QDate.currentDate().addDays(3))
        self.promise_due.setCalendarPopup(True)
        self.promise_due.setDisplayFormat("yyyy-MM-dd")
        add_promise = QPushButton(self.tr("添加承诺"))
        add_promise.clicked.connect(self.add_promise)
        done = QPushButton(self.tr("标为已完成"))
        done.clicked.connect(self.mark_done)
        promise_row = QHBoxLayout()
        promise_row.addWidget(self.promise_due_on)
        promise_row.addWidget(self.promise_due)
        promise_row.addStretch(1)
        promise_row.addWidget(add_promise)
        return promise_row, done

    def _build_form(
        self, tag_row: QHBoxLayout, promise_row: QHBoxLayout, done: QPushButton
    ) -> QFormLayout:
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
        form.addRow(self.tr("承诺："), self.promises)
        form.addRow("", self.promise_text)
        form.addRow("", promise_row)
        form.addRow("", done)
        return form

    def _build_buttons(self) -> QHBoxLayout:
        save = QPushButton(self.tr("保存"))
        save.clicked.connect(self.save)
        copy_remark = QPushButton(self.tr("复制备注"))
        copy_remark.clicked.connect(self.copy_remark)
        buttons = QHBoxLayout()
        buttons.addWidget(save)
        buttons.addWidget(copy_remark)
        buttons.addStretch(1)
        return buttons

    def _fill_groups(self) -> None:
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(self.tr("未分组"), None)
        for g in self.ctx.ws.buyers.scheme.groups():
            self.group.addItem(g.label(padded=False), g.number)
        self.group.blockSignals(False)
        self._fill_subgroups()

    def _fill_subgroups(self) -> None:
        self.subgroup.clear()
        self.subgroup.addItem(self.tr("（无子分组）"), None)
        number = self.group.currentData()
        if number:
            g = self.ctx.ws.buyers.scheme.group(number)
            for letter in g.subgroups:
                self.subgroup.addItem(g.sub_label(letter, padded=False), g.sub_code(letter))

    def _add_tag(self, tag: str) -> None:
        tags = split_tags(self.tags.text())
        if tag not in tags:
            tags.append(tag)
        self.tags.setText("，".join(tags))

    def show_buyer(self, buyer: Buyer | None, account: str = "") -> None:
        self.buyer = buyer
        self._fill_groups()
        self.account.setReadOnly(buyer is not None)
        self.platform.setEnabled(buyer is None)
        self.account.setText(buyer.account if buyer else account)
        self.platform.setCurrentIndex(PLATFORMS.index(buyer.platform) if buyer else 0)
        self.remark.setText(buyer.remark if buyer else "")
        self.group.setCurrentIndex(self.group.findData(buyer.group) if buyer and buyer.group else 0)
        self._fill_subgroups()
        if buyer and buyer.subgroup:
            self.subgroup.setCurrentIndex(max(0, self.subgroup.findData(buyer.subgroup)))
        self.tags.setText("，".join(buyer.tags) if buyer else "")
        attrs = buyer.attributes if buyer else {}
        self.attributes.setText("，".join(f"{k}={v}" for k, v in attrs.items()))
        self.notes.setPlainText(buyer.notes if buyer else "")
        self.promises.clear()
        for n, p in enumerate(buyer.promises if buyer else [], start=1):
            state = "✓ " if p.done else ""
            item = QListWidgetItem(f"{state}{n}. {p.text}" + (f"（{p.due} 前）" if p.due else ""))
            item.setData(Qt.ItemDataRole.UserRole, n)
            self.promises.addItem(item)
        if buyer:
            self.summary.setText(
                self.tr("订单 {0} 笔，累计 {1:.2f} 元").format(buyer.order_count, buyer.total_spent)
                + (self.tr("，回头客") if buyer.is_repeat else "")
            )
        else:
            self.summary.setText(self.tr("新建买家") if account else "")

    def save(self) -> Buyer | None:
        book = self.ctx.ws.buyers
        values = {
            "remark": self.remark.text(),
            "group": self.group.currentData(),
            "subgroup": self.subgroup.currentData(),
            "tags": split_tags(self.tags.text()),
            "notes": self.notes.toPlainText(),
        }
        attrs = parse_attributes(self.attributes.text())
        if self.buyer is None:
            result = self.ctx.run(
                self,
                lambda: book.add(
                    self.account.text(),
                    platform=self.platform.currentData(),
                    attributes=attrs,
                    **values,
                ),
                changes=Changed.BUYERS,
            )
        else:
            b = self.buyer
            dropped = [k for k in b.attributes if k not in attrs]
            result = self.ctx.run(
                self,
                lambda: book.edit(
                    b.account, b.platform, attributes=attrs, remove_attributes=dropped, **values
                ),
                changes=Changed.BUYERS,
            )
        if result is not None:
            self.show_buyer(result)
            self.saved.emit(result)
        return result

    def add_promise(self) -> None:
        if self.buyer is None or not self.promise_text.text().strip():
            return
        due = (
            self.promise_due.date().toString("yyyy-MM-dd")
            if self.promise_due_on.isChecked()
            else None
        )
        b = self.buyer
        result = self.ctx.run(
            self,
            lambda: self.ctx.ws.buyers.promise(
                b.account, self.promise_text.text(), due, b.platform
            ),
            changes=Changed.BUYERS,
        )
        if result is not None:
            self.promise_text.clear()
            self.show_buyer(result)

    def mark_done(self) -> None:
        item = self.promises.currentItem()
        if self.buyer is None or item is None:
            return
        b, n = self.buyer, int(item.data(Qt.ItemDataRole.UserRole))
        result = self.ctx.run(
            self, lambda: self.ctx.ws.buyers.done(b.account, n, b.platform), changes=Changed.BUYERS
        )
        if result is not None:
            self.show_buyer(result)

    def copy_remark(self) -> None:
        if self.buyer is not None:
            self.ctx.copy(compose_remark(self.buyer))
