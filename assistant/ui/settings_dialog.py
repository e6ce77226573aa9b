"""设置: hotkey, auto-paste, language, start at login, shop profile, data folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from assistant.core.changes import Changed
from assistant.core.errors import KefuError
from assistant.core.platforms import LINT_PLATFORMS
from assistant.core.settings import AppSettings, default_hotkey
from assistant.core.shop import SHOP_KEYS
from assistant.core.store.backup import create_backup, list_backups, restore_backup
from assistant.core.system import autostart
from assistant.ui.context import UiContext
from assistant.ui.names import labelled, platform_label, shop_field
from assistant.ui.system.hotkey import unusable_reason
from assistant.ui.system.paste import auto_paste_unavailable
from assistant.ui.widgets.hotkey_edit import HotkeyEdit


class SettingsDialog(QDialog):
    def __init__(
        self, ctx: UiContext, hotkey_problem: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("设置 — 客服快捷助手"))
        general_box = self._build_general(hotkey_problem)
        shop_box = self._build_shop()
        data_box = self._build_data_folder()
        self.problem = self._note("")
        buttons = self._build_buttons()
        layout = QVBoxLayout(self)
        for w in (general_box, shop_box, data_box, self.problem, buttons):
            layout.addWidget(w)
        # Not the hotkey field, first in the tab order: there Esc would be a key to record.
        buttons.button(QDialogButtonBox.StandardButton.Save).setFocus()

    def _build_general(self, hotkey_problem: str | None) -> QGroupBox:
        s = self.ctx.ws.settings.load()
        reason = auto_paste_unavailable()
        self._build_hotkey_and_paste(s, reason)
        self._build_language_platform_autostart(s)
        general = QFormLayout()
        general.addRow(self.tr("快速查找快捷键："), self.hotkey)
        general.addRow(self.hotkey_refused)  # a row of its own, hidden until a key is refused
        if hotkey_problem:
            general.addRow("", self._note(hotkey_problem))
        general.addRow("", self.auto_paste)
        general.addRow(self.tr("粘贴前等待："), self.delay)
        if reason:
            general.addRow("", self._note(reason))
        general.addRow(self.tr("界面语言："), self.language)
        general.addRow(self.tr("检查规则（平台）："), self.platform)
        general.addRow("", self.autostart)
        general_box = QGroupBox(self.tr("常规"))
        general_box.setLayout(general)
        return general_box

    def _build_hotkey_and_paste(self, s: AppSettings, unavailable: str | None) -> None:
        self.hotkey = HotkeyEdit(s.hotkey)
        self.hotkey_refused = self._note("")
        self.hotkey_refused.setVisible(False)
        self.hotkey.refused.connect(self._show_hotkey_refused)
        self.auto_paste = QCheckBox(self.tr("复制后自动粘贴到原来的窗口"))
        self.auto_paste.setChecked(s.auto_paste)
        self.delay = QSpinBox()
        self.delay.setRange(0, 5000)
        self.delay.setSuffix(" ms")
        self.delay.setValue(s.paste_delay_ms)
        if unavailable:
            self.auto_paste.setChecked(False)
            self.auto_paste.setEnabled(False)
            self.delay.setEnabled(False)

    def _build_language_platform_autostart(self, s: AppSettings) -> None:
        self.language = QComboBox()
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        self.platform = QComboBox()
        for code in LINT_PLATFORMS:
            self.platform.addItem(platform_label(code), code)
        self.platform.setCurrentIndex(max(0, self.platform.findData(s.platform)))
        self.autostart = QCheckBox(self.tr("登录系统时自动启动"))
        # What the system will do at login, not what the data folder says: a folder restored
        # or copied from another computer brings its setting but not this computer's entry.
        self._autostart_was = autostart.is_enabled()
        self.autostart.setChecked(self._autostart_was)

    def _build_shop(self) -> QGroupBox:
        shop = self.ctx.ws.shop.get()
        self.shop_edits: dict[str, QLineEdit] = {}
        shop_form = QFormLayout()
        hints = {
            "店铺": self.tr("店铺名"),
            "客服": self.tr("如 小美 / 8号"),
            "活动": self.tr("如 满200减20"),
            "发货时间": self.tr("如 16:00"),
        }
        for key in SHOP_KEYS:
            edit = QLineEdit(shop.get(key, ""))
            edit.setPlaceholderText(hints.get(key, ""))
            shop_form.addRow(labelled(shop_field(key)), edit)
            self.shop_edits[key] = edit
        shop_box = QGroupBox(self.tr("店铺信息（用于 {店铺}、{客服}、{活动}、{发货时间}）"))
        shop_box.setLayout(shop_form)
        return shop_box

    def _build_data_folder(self) -> QGroupBox:
        folder = QLineEdit(str(self.ctx.ws.path))
        folder.setReadOnly(True)
        open_folder = QPushButton(self.tr("打开文件夹"))
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.ws.path)))
        )
        data_row = QHBoxLayout()
        data_row.addWidget(folder, 1)
        data_row.addWidget(open_folder)
        data_box = QGroupBox(self.tr("数据文件夹"))
        data_layout = QVBoxLayout(data_box)
        data_layout.addLayout(data_row)
        data_layout.addWidget(
            self._note(
                self.tr(
                    "每个数据文件保存时都另存一份副本（.bak），文件损坏或丢失时从它恢复；"
                    "另外每天自动备份整个数据文件夹，保留最近 14 份（按备份的先后，不按时钟）。"
                )
            )
        )
        self._build_backups(data_layout)
        return data_box

    def _build_backups(self, data_layout: QVBoxLayout) -> None:
        self.backups = QListWidget()
        data_layout.addWidget(self.backups)
        backup_row = QHBoxLayout()
        for label, slot in (
            (self.tr("立即备份"), self.backup_now),
            (self.tr("恢复所选备份…"), self.restore_selected),
        ):
            button = QPushButton(label)
            button.clicked.connect(slot)
            backup_row.addWidget(button)
        backup_row.addStretch(1)
        data_layout.addLayout(backup_row)
        self._fill_backups()

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        return buttons

    def _fill_backups(self) -> None:
        self.backups.clear()
        names = {
            "daily": self.tr("每日"),
            "manual": self.tr("手动"),
            "before-restore": self.tr("恢复前"),
        }
        for b in reversed(list_backups(self.ctx.ws.folder)):
            item = QListWidgetItem(
                f"{b.created:%Y-%m-%d %H:%M}  {names.get(b.reason, b.reason)}  {b.size // 1024} KB"
            )
            item.setData(Qt.ItemDataRole.UserRole, str(b.path))
            self.backups.addItem(item)

    def backup_now(self) -> None:
        if (
            self.ctx.run(
                self, lambda: create_backup(self.ctx.ws.folder, "manual"), changes=Changed.NONE
            )
            is not None
        ):
            self._fill_backups()

    def restore_selected(self) -> None:
        item = self.backups.currentItem()
        if item is None:
            return
        path = Path(item.data(Qt.ItemDataRole.UserRole))
        answer = QMessageBox.question(
            self,
            self.tr("恢复备份"),
            self.tr("用 {0} 的备份替换现在的全部数据吗？\n现在的数据会先自动备份。").format(
                item.text()
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            result = self.ctx.run(self, lambda: restore_backup(self.ctx.ws.folder, path))
            if result is not None:
                QMessageBox.information(self, self.tr("恢复备份"), self.tr("已恢复。"))
                self._fill_backups()

    def _show_hotkey_refused(self, reason: str) -> None:
        self.hotkey_refused.setText(reason)
        self.hotkey_refused.setVisible(bool(reason))

    @staticmethod
    def _note(text: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        return label

    def save(self) -> None:
        sequence = self.hotkey.sequence()
        refused = unusable_reason(sequence) if sequence else None
        if refused:
            self.problem.setText(refused)
            return
        if self.autostart.isChecked() != self._autostart_was:
            try:
                autostart.set_enabled(self.autostart.isChecked())
            except OSError as exc:
                self.problem.setText(str(exc))
                return
        try:
            self.ctx.ws.settings.update(
                hotkey=sequence or default_hotkey(),
                auto_paste=self.auto_paste.isChecked(),
                paste_delay_ms=self.delay.value(),
                language=self.language.currentData(),
                start_at_login=self.autostart.isChecked(),
                platform=self.platform.currentData(),
            )
            self.ctx.ws.shop.update({k: e.text() for k, e in self.shop_edits.items()})
        except KefuError as exc:
            self.problem.setText(str(exc))
            return
        self.ctx.changes.notify(Changed.SETTINGS)
        self.accept()
