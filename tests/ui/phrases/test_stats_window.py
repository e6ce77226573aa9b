"""The 统计 window (issue 6): bars of uses per day and top phrases, the never-used list,
hiding selected phrases in one click, CSV export."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from assistant.core.clock import now
from assistant.core.phrases.model import Phrase
from assistant.core.workspace import Workspace
from assistant.ui.context import UiContext
from assistant.ui.phrases.stats_window import StatsWindow
from tests.ui.helpers import CHANGE_TIMEOUT_MS, when_modal


def log_use(ws: Workspace, phrase: Phrase, at: datetime) -> None:
    folder = ws.path / "usage-log"
    folder.mkdir(exist_ok=True)
    with (folder / f"{at:%Y-%m}.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps({"phrase": phrase.id, "at": at.isoformat()}) + "\n")


@pytest.fixture
def phrases(ws: Workspace) -> list[Phrase]:
    """Uses of three phrases: 3, 2 and 1, over the last few days (today from a real copy)."""
    all_ = ws.phrases.all()
    a, b, c = all_[0], all_[1], all_[2]
    noon = now().replace(hour=12, minute=0, second=0)
    log_use(ws, a, noon - timedelta(days=1))
    log_use(ws, a, noon - timedelta(days=3))
    log_use(ws, b, noon - timedelta(days=3))
    log_use(ws, b, noon - timedelta(days=5))
    log_use(ws, c, noon - timedelta(days=40))  # outside 30 days, inside 60
    ws.phrases.record_use(a.id, buyer="tb_buyer01")
    log_use(ws, c, noon - timedelta(days=2))
    return [a, b, c]


@pytest.fixture
def window(ctx: UiContext, phrases: list[Phrase], qtbot: QtBot) -> StatsWindow:
    w = StatsWindow(ctx)
    qtbot.addWidget(w)
    with qtbot.waitExposed(w):
        w.show()
    return w


def unused_ids(window: StatsWindow) -> list[str]:
    items = [window.unused.item(i) for i in range(window.unused.count())]
    return [i.data(Qt.ItemDataRole.UserRole) for i in items]


def test_bars_have_every_day_of_the_window_and_the_top_phrases(
    window: StatsWindow, ctx: UiContext, phrases: list[Phrase]
) -> None:
    a, b, c = phrases
    stats = window.stats
    assert stats is not None and stats.days == 30 and stats.total == 6
    assert len(window.per_day.bars) == 30
    assert window.per_day.bars == [(d[5:], n) for d, n in stats.per_day]
    assert sum(n for _, n in window.per_day.bars) == 6
    assert window.top.bars[0] == (a.title, 3)
    assert sorted(window.top.bars[1:]) == sorted([(b.title, 2), (c.title, 1)])
    assert "共使用 6 次" in window.summary.text()
    window.grab()  # paints both charts (offscreen) without error


def test_the_unused_list_is_every_phrase_not_used_in_the_window(
    window: StatsWindow, ctx: UiContext, phrases: list[Phrase]
) -> None:
    listed = unused_ids(window)
    assert set(listed) == {p.id for p in ctx.ws.phrases.all()} - {p.id for p in phrases}
    assert len(listed) == len(set(listed))


def test_changing_the_days_recomputes(
    window: StatsWindow, ctx: UiContext, phrases: list[Phrase]
) -> None:
    window.days.setValue(60)
    assert len(window.per_day.bars) == 60
    assert window.stats is not None and window.stats.total == 7  # the 40-day-old use too
    window.days.setValue(1)
    assert window.stats is not None and window.stats.total == 1  # today's copy only
    assert len(window.per_day.bars) == 1


def test_hide_selected_hides_the_phrase_and_drops_it_from_the_list(
    window: StatsWindow, ctx: UiContext, qtbot: QtBot
) -> None:
    first, second = window.unused.item(0), window.unused.item(3)
    ids = [first.data(Qt.ItemDataRole.UserRole), second.data(Qt.ItemDataRole.UserRole)]
    first.setSelected(True)
    second.setSelected(True)
    (hide,) = [b for b in window.findChildren(QPushButton) if b.text().startswith("隐藏所选")]
    with qtbot.waitSignal(ctx.changes.changed, timeout=CHANGE_TIMEOUT_MS):
        qtbot.mouseClick(hide, Qt.MouseButton.LeftButton)
    assert [ctx.ws.phrases.get(pid).hidden for pid in ids] == [True, True]
    assert not set(ids) & set(unused_ids(window))
    assert not set(ids) & {p.id for p in ctx.ws.phrases.all()}  # gone from the lists


def test_hide_with_nothing_selected_changes_nothing(
    window: StatsWindow, ctx: UiContext, qtbot: QtBot
) -> None:
    before = unused_ids(window)
    (hide,) = [b for b in window.findChildren(QPushButton) if b.text().startswith("隐藏所选")]
    qtbot.mouseClick(hide, Qt.MouseButton.LeftButton)
    assert not any(ctx.ws.phrases.get(pid).hidden for pid in before)


def test_export_csv_writes_every_phrase_with_its_count(
    window: StatsWindow, ctx: UiContext, phrases: list[Phrase], tmp_path, qtbot: QtBot
) -> None:
    target = tmp_path / "统计.csv"

    def save_as(dialog: object) -> None:
        assert isinstance(dialog, QFileDialog)
        dialog.selectFile(str(target))
        dialog.accept()

    when_modal(save_as)
    (export,) = [b for b in window.findChildren(QPushButton) if b.text().startswith("导出 CSV")]
    qtbot.mouseClick(export, Qt.MouseButton.LeftButton)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header = rows.index(["短语编号", "标题", "分组", "使用次数"])
    counts: dict[str, int] = {}
    for row in rows[header + 1 :]:
        if not row:
            break
        counts[row[0]] = int(row[3])
    a, b, c = phrases
    assert set(counts) == {p.id for p in ctx.ws.phrases.all()}
    assert {k: n for k, n in counts.items() if n} == {a.id: 3, b.id: 2, c.id: 1}
