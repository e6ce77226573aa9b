"""The dates under the 统计 bars are drawn whole (issue 14, item 15): the first one, centred
under a narrow bar, was cut at the chart's left edge and read "1-02" instead of "01-02".

The chart is rendered to an image and the first and last labels' ink is measured against the
same text drawn on its own in the chart's font."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assistant.ui.phrases.stats_window import BarChart

DAYS = [(f"01-{day:02d}", day % 5 + 1) for day in range(2, 32)]  # 30 days, as 统计 shows


def _dark(image: QImage, x: int, top: int, bottom: int) -> bool:
    return any(image.pixelColor(x, y).lightness() < 160 for y in range(top, bottom))


def ink_runs(image: QImage, top: int, bottom: int, gap: int) -> list[tuple[int, int]]:
    """Horizontal extents of the inked parts of a strip, parts closer than ``gap`` joined."""
    runs: list[tuple[int, int]] = []
    for x in range(image.width()):
        if not _dark(image, x, top, bottom):
            continue
        if runs and x - runs[-1][1] <= gap:
            runs[-1] = (runs[-1][0], x)
        else:
            runs.append((x, x))
    return runs


def ink_width(chart: BarChart, text: str) -> int:
    fm = chart.fontMetrics()
    image = QImage(fm.horizontalAdvance(text) + 40, fm.height(), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(chart.font())
    painter.setPen(QColor("black"))
    painter.drawText(20, fm.ascent(), text)
    painter.end()
    [(left, right)] = ink_runs(image, 0, image.height(), fm.horizontalAdvance("0"))
    return right - left + 1


@pytest.mark.parametrize("width", [420, 600, 900])
def test_the_first_and_last_dates_are_drawn_whole(
    qapp: QApplication, qtbot: QtBot, width: int
) -> None:
    chart = BarChart("#1f7a8c")
    qtbot.addWidget(chart)
    chart.resize(width, 200)
    chart.set_bars(DAYS)
    image = chart.grab().toImage()
    fm = chart.fontMetrics()
    strip_top = image.height() - fm.height()  # the labels' line, under the bars
    runs = ink_runs(image, strip_top, image.height(), fm.horizontalAdvance("0"))

    first_left, first_right = runs[0]
    assert first_right - first_left + 1 >= ink_width(chart, "01-02") - 1  # not "1-02"
    assert first_left > 0  # clear of the edge

    labels = chart.date_labels()  # the places the chart drew them
    assert len(runs) == len(labels) >= 3
    last_left, last_right = runs[-1]
    assert last_right - last_left + 1 >= ink_width(chart, labels[-1][1]) - 1
    assert last_right < image.width() - 1
    assert labels[0][1] == "01-02"
    for rect, text in labels:
        assert rect.left() >= 0 and rect.right() <= width
        assert rect.width() >= fm.horizontalAdvance(text)
