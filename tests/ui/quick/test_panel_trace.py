"""KEFU_TRACE_PANEL: the timing trace the benchmark reads (bench/measure_panel.py). With the
variable set, the panel writes a monotonic timestamp for each key press, result list, showing
and frame; without it, nothing is installed at all."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant.ui.context import UiContext
from assistant.ui.quick.panel_trace import ENV
from assistant.ui.quick.quick_panel import QuickPanel


def lines(path: Path) -> list[list[str]]:
    if not path.exists():
        return []
    return [line.split(" ") for line in path.read_text("utf-8").splitlines()]


def kinds(path: Path) -> list[str]:
    return [fields[0] for fields in lines(path)]


def frame_after_results(path: Path, keys: int) -> bool:
    seen = kinds(path)
    if seen.count("key") < keys:
        return False
    last_results = len(seen) - 1 - seen[::-1].index("results") if "results" in seen else -1
    return last_results >= 0 and "frame" in seen[last_results:]


def test_the_trace_stamps_each_key_its_results_and_the_frame(
    ctx: UiContext, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trace = tmp_path / "trace.txt"
    monkeypatch.setenv(ENV, str(trace))
    before = time.monotonic_ns()
    panel = QuickPanel(ctx)
    qtbot.addWidget(panel)
    with qtbot.waitExposed(panel):
        panel.open_near_pointer()
    qtbot.waitUntil(lambda: "frame" in kinds(trace))
    qtbot.keyClick(panel.search, Qt.Key.Key_Home)  # no character: "-"
    qtbot.keyClicks(panel.search, "t h")
    qtbot.waitUntil(lambda: frame_after_results(trace, keys=4))
    after = time.monotonic_ns()

    rows = lines(trace)
    assert {"show", "results", "paint", "frame", "key"} <= {fields[0] for fields in rows}
    stamps = [int(fields[1]) for fields in rows]
    assert stamps == sorted(stamps) and before <= stamps[0] and stamps[-1] <= after
    cpu = [int(fields[2]) for fields in rows]  # the GUI thread's CPU time, never going back
    assert cpu == sorted(cpu) and cpu[-1] <= time.thread_time_ns()
    keys = [fields for fields in rows if fields[0] == "key"]
    assert [fields[-1] for fields in keys] == ["-", "t", "space", "h"]  # what was typed, last
    assert all(fields[3].isdigit() for fields in keys)  # the window system's time of the key
    results = [fields for fields in rows if fields[0] == "results"]
    assert int(results[-1][3]) == panel.model.rowCount() > 0


def test_without_the_variable_nothing_is_traced(
    ctx: UiContext, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV, raising=False)
    here = tmp_path / "cwd"
    here.mkdir()
    monkeypatch.chdir(here)
    panel = QuickPanel(ctx)
    qtbot.addWidget(panel)
    with qtbot.waitExposed(panel):
        panel.open_near_pointer()
    qtbot.keyClicks(panel.search, "th")
    assert panel._trace is None
    assert list(here.iterdir()) == []


def test_the_trace_says_when_the_rows_answer_the_buyers_question(
    ctx: UiContext, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QGuiApplication

    from tests.ui.helpers import CHANGE_TIMEOUT_MS

    trace = tmp_path / "trace.txt"
    monkeypatch.setenv(ENV, str(trace))
    panel = QuickPanel(ctx)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.question.source.made, timeout=CHANGE_TIMEOUT_MS):
        panel.question.source.start()
    QGuiApplication.clipboard().setText("亲 这个能便宜点吗")
    with qtbot.waitExposed(panel):
        panel.open_near_pointer()
    qtbot.waitUntil(lambda: "frame" in kinds(trace))
    qtbot.keyClicks(panel.search, "th")
    qtbot.waitUntil(lambda: frame_after_results(trace, keys=2))

    results = [fields for fields in lines(trace) if fields[0] == "results"]
    assert results[0][4] == "answers"  # the rows were set for the question, before the show
    assert kinds(trace).index("results") < kinds(trace).index("show")
    assert results[-1][4] == "search"  # typing searches
