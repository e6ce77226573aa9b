"""The app's full garbage collections wait until no window of the app is active, and come
at most once per interval (ui/background.py). Real widgets under offscreen Qt."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from assistant.ui.background import IdleCollector, no_window_active


@pytest.fixture(autouse=True)
def _thawed() -> Iterator[None]:
    yield
    gc.unfreeze()  # the rest of the test run collects as usual


def test_it_collects_only_when_idle_and_due(qtbot: QtBot) -> None:
    idle = [False]
    collector = IdleCollector(is_idle=lambda: idle[0], every_s=3600.0)
    assert not collector.check()  # the agent is typing in a window of the app
    assert collector.collections == 0 and gc.get_freeze_count() == 0
    idle[0] = True
    assert collector.check()
    assert collector.collections == 1
    assert collector.set_aside > 1000 and gc.get_freeze_count() > 1000  # (some freed since)
    assert not collector.check()  # idle, but the last one was just now
    collector.every_s = 0.0
    assert collector.check()
    assert collector.collections == 2


def test_an_active_window_of_the_app_is_not_idle(qtbot: QtBot) -> None:
    assert no_window_active()
    box = QLineEdit()
    qtbot.addWidget(box)
    box.show()
    box.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box)
    assert not no_window_active()
    box.close()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is None)
    assert no_window_active()
