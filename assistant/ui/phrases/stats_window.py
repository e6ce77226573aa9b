"""统计: uses per day and the most used phrases as bar charts, and the phrases nobody used,
with one click to hide (archive) them."""

from __future__ import annotations

import math
from functools import partial

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from assistant.core.changes import Changed
from assistant.core.phrases.stats import UsageStats, compute, to_csv
from assistant.core.store.atomic import atomic_write
from assistant.ui.context import UiContext
from assistant.ui.widgets.file_dialogs import STATS_FILES, save_file


class BarChart(QWidget):
    """Plain bars drawn with QPainter: no chart library needed for two simple charts."""

    def __init__(
        self, colour: str, horizontal: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.bars: list[tuple[str, int]] = []
        self.colour = QColor(colour)
        self.horizontal = horizontal
        self.setMinimumHeight(self.fontMetrics().height() * 8)

    def set_bars(self, bars: list[tuple[str, int]]) -> None:
        self.bars = bars
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        top = max((n for _, n in self.bars), default=0)
        if not self.bars or top == 0:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("还没有使用记录"))
            return
        w, h, line = self.width(), self.height(), fm.height()
        if self.horizontal:
            label_w = min(w // 3, max(fm.horizontalAdvance(t) for t, _ in self.bars) + 8)
            row = h / len(self.bars)
            for i, (title, n) in enumerate(self.bars):
                y = i * row
                painter.setPen(self.palette().text().color())
                shown = fm.elidedText(title, Qt.TextElideMode.ElideRight, label_w - 4)
                painter.drawText(
                    QRectF(0, y, label_w - 4, row),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    shown,
                )
                bar = (w - label_w - fm.horizontalAdvance("0000")) * n / top
                painter.fillRect(QRectF(label_w, y + row * 0.15, bar, row * 0.7), self.colour)
                painter.drawText(
                    QRectF(label_w + bar + 4, y, w, row), Qt.AlignmentFlag.AlignVCenter, str(n)
                )
            return
        usable = h - line * 2
        slot = w / len(self.bars)
        for i, (_label, n) in enumerate(self.bars):
            bar = usable * n / top
            x = i * slot
            painter.fillRect(
                QRectF(x + slot * 0.15, line + usable - bar, slot * 0.7, bar), self.colour
            )
            painter.setPen(self.palette().text().color())
            if n:
                painter.drawText(
                    QRectF(x, line + usable - bar - line, slot, line),
                    Qt.AlignmentFlag.AlignCenter,
                    str(n),
                )
        for rect, label in self.date_labels():
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)

    def date_labels(self) -> list[tuple[QRectF, str]]:
        """Where each date under the bars is drawn: centred under its bar but kept inside the
        chart (the first one, centred under a narrow bar, lost its first digit: "1-02")."""
        if self.horizontal or not self.bars:
            return []
        fm = self.fontMetrics()
        w, h, line = self.width(), self.height(), fm.height()
        slot = w / len(self.bars)
        fit = max(1, int(w // (fm.horizontalAdvance("00-00") * 1.6)))
        step = max(1, math.ceil(len(self.bars) / fit))
        out: list[tuple[QRectF, str]] = []
        for i in range(0, len(self.bars), step):
            label = self.bars[i][0]
            width = min(float(w), fm.horizontalAdvance(label) + 2.0)
            left = min(max(0.0, (i + 0.5) * slot - width / 2), w - width)
            out.append((QRectF(left, h - line, width, line), label))
        return out


class StatsWindow(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("统计 — 客服快捷助手"))
        self.days = QSpinBox()
        self.days.setRange(1, 365)
        self.days.setValue(30)
        self.days.setSuffix(self.tr(" 天"))
        self.days.valueChanged.connect(self.refresh)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.per_day = BarChart("#1f7a8c")
        self.top = BarChart("#e3a008", horizontal=True)
        self.unused = QListWidget()
        self.unused.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        hide = QPushButton(self.tr("隐藏所选（不再出现在查找里，可在短语管理恢复）"))
        hide.clicked.connect(self.hide_selected)
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("统计最近：")))
        head.addWidget(self.days)
        head.addWidget(self.summary, 1)
        export = QPushButton(self.tr("导出 CSV…"))
        export.clicked.connect(self.export_csv)
        head.addWidget(export)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(QLabel(self.tr("每天使用次数")))
        layout.addWidget(self.per_day, 2)
        layout.addWidget(QLabel(self.tr("最常用的短语")))
        layout.addWidget(self.top, 2)
        layout.addWidget(QLabel(self.tr("这段时间没用过的短语（可以改进或隐藏）")))
        layout.addWidget(self.unused, 2)
        layout.addWidget(hide)
        ctx.changes.listen(self, Changed.PHRASES | Changed.USAGE, self.refresh)
        h = self.fontMetrics().height()
        self.resize(h * 50, h * 44)
        self.stats: UsageStats | None = None
        self.refresh()

    def refresh(self) -> None:
        stats = compute(self.ctx.ws.phrases, self.days.value())
        self.stats = stats
        self.summary.setText(
            self.tr("{0} 至 {1}，共使用 {2} 次").format(stats.start, stats.end, stats.total)
        )
        self.per_day.set_bars([(d[5:], n) for d, n in stats.per_day])
        self.top.set_bars([(p.title, n) for p, n in stats.top])
        self.unused.clear()
        for phrase in stats.unused:
            item = QListWidgetItem(f"{phrase.title}  [{phrase.group}]")
            item.setData(Qt.ItemDataRole.UserRole, phrase.id)
            self.unused.addItem(item)

    def export_csv(self) -> None:
        name = self.tr("短语使用统计.csv")  # the file name offered, in the UI's language
        path = save_file(self, self.ctx.ws, STATS_FILES, self.tr("导出统计"), name, "CSV (*.csv)")
        if path is not None:
            days = self.days.value()
            self.ctx.run(
                self,
                lambda: atomic_write(path, to_csv(compute(self.ctx.ws.phrases, days, 10**6))),
                changes=Changed.NONE,
            )

    def hide_selected(self) -> None:
        ids = [i.data(Qt.ItemDataRole.UserRole) for i in self.unused.selectedItems()]
        for pid in ids:
            self.ctx.run(
                self, partial(self.ctx.ws.phrases.edit, pid, hidden=True), changes=Changed.PHRASES
            )
