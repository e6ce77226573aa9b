"""The first start: say how the app is used and offer the shop profile.

Phrases use {店铺}, {客服}, {活动} and {发货时间}; with the profile empty the panel has to ask
for each of them while the agent is chatting. Asked once, here, when there is time; 以后再说
skips it (the same fields are in 设置, and the panel still asks for an unset one).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from assistant.core.changes import Changed
from assistant.core.errors import KefuError
from assistant.core.shop import MAX_VALUE, SHOP_KEYS
from assistant.core.workspace import Workspace
from assistant.ui.context import UiContext
from assistant.ui.names import labelled, shop_field


def needs_first_run(ws: Workspace) -> bool:
    """Offered once: on a first start, while the shop profile is still empty."""
    if ws.settings.load().setup_done:
        return False
    return not any(value.strip() for value in ws.shop.get().values())


class FirstRunDialog(QDialog):
    def __init__(self, ctx: UiContext, hotkey: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("欢迎使用客服快捷助手"))
        heading = QLabel(self.tr("欢迎！先花半分钟填一下店铺信息"))
        font = QFont(heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        how = QLabel(
            self.tr(
                "在聊天窗口里按 {0} 打开快速查找，输入 cf 之类的编码或拼音，按 Enter，"
                "短语就复制好了，切回聊天窗口粘贴即可。\n"
                "短语里的 {{店铺}}、{{客服}}、{{活动}}、{{发货时间}} 会换成下面填的内容；"
                "留空的以后用到时会再问。随时可以在“设置”里修改。"
            ).format(hotkey)
        )
        how.setTextFormat(Qt.TextFormat.PlainText)
        how.setWordWrap(True)
        hints = {
            "店铺": self.tr("例如：小花服饰旗舰店"),
            "客服": self.tr("例如：小美"),
            "活动": self.tr("例如：全场满199减20"),
            "发货时间": self.tr("例如：48小时内"),
        }
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for key in SHOP_KEYS:
            edit = QLineEdit()
            edit.setMaxLength(MAX_VALUE)
            edit.setPlaceholderText(hints[key])
            form.addRow(labelled(shop_field(key)), edit)
            self.edits[key] = edit
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: #b00020;")
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("保存"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.later_button = buttons.addButton(
            self.tr("以后再说"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(how)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.edits[SHOP_KEYS[0]].setFocus()

    def save(self) -> None:
        values = {key: edit.text() for key, edit in self.edits.items() if edit.text().strip()}
        try:
            if values:
                self.ctx.ws.shop.update(values)
            self.ctx.ws.settings.update(setup_done=True)
        except KefuError as exc:
            self.problem.setText(str(exc))
            return
        self.ctx.changes.notify(Changed.SETTINGS)
        self.accept()

    def later(self) -> None:
        self.reject()

    def reject(self) -> None:
        """以后再说, Esc and the window's close button all mean the same: not now, and do not
        greet again at the next start (the shop profile stays in 设置)."""
        try:
            self.ctx.ws.settings.update(setup_done=True)
        except KefuError as exc:
            self.problem.setText(str(exc))
            return
        self.ctx.changes.notify(Changed.SETTINGS)
        super().reject()
