"""短语包与同步: the packs in the library. Import, export and team sync come with the packs
feature; until then this window lists what is installed."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from assistant.ui.context import UiContext


class PacksWindow(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("短语包与同步 — 客服快捷助手"))
        self.list = QListWidget()
        note = QLabel(
            self.tr(
                "团队共享（共享文件夹、WebDAV）和导入导出将在后续版本提供；"
                "现在可以用命令行 kefu list --pack 查看各短语包。"
            )
        )
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(note)
        ctx.changes.changed.connect(self.refresh)
        self.refresh()
        self.resize(self.fontMetrics().height() * 30, self.fontMetrics().height() * 20)

    def refresh(self) -> None:
        counts = Counter(p.pack for p in self.ctx.ws.phrases.all(include_hidden=True))
        self.list.clear()
        for pack, n in sorted(counts.items()):
            self.list.addItem(self.tr("{0}（{1} 条）").format(pack, n))
