"""设置: hotkey, auto-paste, language, start at login, shop profile, data folder."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from assistant.core.errors import KefuError
from assistant.core.shop import SHOP_KEYS
from assistant.ui.context import UiContext
from assistant.ui.paste import auto_paste_unavailable


class SettingsDialog(QDialog):
    def __init__(
        self, ctx: UiContext, hotkey_problem: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("设置 — 客服快捷助手"))
        s = ctx.ws.settings.load()
        self.hotkey = QKeySequenceEdit(
            QKeySequence(s.hotkey, QKeySequence.SequenceFormat.PortableText)
        )
        self.hotkey.setMaximumSequenceLength(1)
        self.auto_paste = QCheckBox(self.tr("复制后自动粘贴到原来的窗口"))
        self.auto_paste.setChecked(s.auto_paste)
        self.delay = QSpinBox()
        self.delay.setRange(0, 5000)
        self.delay.setSuffix(" ms")
        self.delay.setValue(s.paste_delay_ms)
        reason = auto_paste_unavailable()
        if reason:
            self.auto_paste.setChecked(False)
            self.auto_paste.setEnabled(False)
            self.delay.setEnabled(False)
        self.language = QComboBox()
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        self.autostart = QCheckBox(self.tr("登录系统时自动启动"))
        self.autostart.setChecked(s.start_at_login)

        general = QFormLayout()
        general.addRow(self.tr("快速查找快捷键："), self.hotkey)
        if hotkey_problem:
            general.addRow("", self._note(hotkey_problem))
        general.addRow("", self.auto_paste)
        general.addRow(self.tr("粘贴前等待："), self.delay)
        if reason:
            general.addRow("", self._note(reason))
        general.addRow(self.tr("界面语言："), self.language)
        general.addRow("", self.autostart)
        general_box = QGroupBox(self.tr("常规"))
        general_box.setLayout(general)

        shop = ctx.ws.shop.get()
        self.shop_edits: dict[str, QLineEdit] = {}
        shop_form = QFormLayout()
        hints = {
            "店铺": "店铺名",
            "客服": "如 小美 / 8号",
            "活动": "如 满200减20",
            "发货时间": "如 16:00",
        }
        for key in SHOP_KEYS:
            edit = QLineEdit(shop.get(key, ""))
            edit.setPlaceholderText(hints.get(key, ""))
            shop_form.addRow(f"{key}：", edit)
            self.shop_edits[key] = edit
        shop_box = QGroupBox(self.tr("店铺信息（用于 {店铺}、{客服}、{活动}、{发货时间}）"))
        shop_box.setLayout(shop_form)

        folder = QLineEdit(str(ctx.ws.path))
        folder.setReadOnly(True)
        open_folder = QPushButton(self.tr("打开文件夹"))
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(ctx.ws.path)))
        )
        data_row = QHBoxLayout()
        data_row.addWidget(folder, 1)
        data_row.addWidget(open_folder)
        data_box = QGroupBox(self.tr("数据文件夹"))
        data_layout = QVBoxLayout(data_box)
        data_layout.addLayout(data_row)
        data_layout.addWidget(self._note(self.tr("每个数据文件保存时都会保留上一版本（.bak）。")))

        self.problem = self._note("")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (general_box, shop_box, data_box, self.problem, buttons):
            layout.addWidget(w)

    @staticmethod
    def _note(text: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        return label

    def save(self) -> None:
        sequence = self.hotkey.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
        try:
            self.ctx.ws.settings.update(
                hotkey=sequence or "Ctrl+Alt+Space",
                auto_paste=self.auto_paste.isChecked(),
                paste_delay_ms=self.delay.value(),
                language=self.language.currentData(),
                start_at_login=self.autostart.isChecked(),
            )
            self.ctx.ws.shop.update({k: e.text() for k, e in self.shop_edits.items()})
        except KefuError as exc:
            self.problem.setText(str(exc))
            return
        self.ctx.changes.notify()
        self.accept()
