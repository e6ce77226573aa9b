"""The small window shown instead of a tray icon where the desktop has no system tray."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from assistant.ui.tray_menu import TrayActions


class MainWindow(QWidget):
    def __init__(self, actions: TrayActions, hotkey: str) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("客服快捷助手"))
        self.setMinimumWidth(self.fontMetrics().height() * 22)
        layout = QVBoxLayout(self)
        self.notice = QLabel()
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        layout.addWidget(self.notice)
        self.quick_find = QPushButton()
        self.quick_find.clicked.connect(actions.quick_find)
        layout.addWidget(self.quick_find)
        self.set_hotkey(hotkey)
        for label, slot in (
            (self.tr("买家…"), actions.buyers),
            (self.tr("短语管理…"), actions.phrases),
            (self.tr("短语包与同步…"), actions.packs),
            (self.tr("统计…"), actions.stats),
            (self.tr("设置…"), actions.settings),
            (self.tr("退出"), actions.quit),
        ):
            button = QPushButton(label)
            button.clicked.connect(slot)
            layout.addWidget(button)

    def set_hotkey(self, hotkey: str) -> None:
        """The hotkey that opens 快速查找, shown on its button ("" when there is none)."""
        self.quick_find.setText(self.tr("快速查找") + (f"（{hotkey}）" if hotkey else ""))

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(True)
        self.adjustSize()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()  # closing never quits: 退出 does
        self.showMinimized()
