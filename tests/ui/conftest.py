"""Fixtures for the Qt tests: real widgets over real data folders in tmp_path.

Only what cannot run here is replaced by a double, and each double says so:
- the global hotkey's registration with the OS → ``assistant.ui.system.hotkey.FakeHotkey``;
- key injection into another window (auto-paste's Ctrl+V) → ``RecordingKeySender``.
Everything else (widgets, clipboard, file watcher, local socket, storage) is real.
"""

from __future__ import annotations

import gc
import os

from pytestqt.qtbot import QtBot

# Before anything imports Qt: the offscreen platform, also under xvfb-run (where DISPLAY is set
# but these tests must not depend on a window manager, focus or a real X clipboard).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from assistant.core.workspace import Workspace, open_workspace
from assistant.ui.app import KefuApp
from assistant.ui.changes import ChangeNotifier
from assistant.ui.context import UiContext
from assistant.ui.quick.quick_panel import QuickPanel
from assistant.ui.system.hotkey import FakeHotkey
from assistant.ui.system.paste import AutoPaster
from tests.ui.helpers import RecordingKeySender
from tests.ui.modals import Modals


@pytest.fixture
def ws(seeded_dir: Path) -> Workspace:
    """A data folder with the built-in packs, as on a first run."""
    return open_workspace(seeded_dir)


@pytest.fixture
def key_sender() -> RecordingKeySender:
    return RecordingKeySender()


@pytest.fixture(autouse=True)
def _clean_clipboard(qapp: QApplication) -> Iterator[None]:
    QGuiApplication.clipboard().clear()
    yield
    QGuiApplication.clipboard().clear()


@pytest.fixture(autouse=True)
def _windows_gone_after_each_test(qapp: QApplication) -> Iterator[None]:
    """Windows a test closed or scheduled for deletion are gone before the next test: left
    to the end of the session, PySide's clean-up at exit met wrappers of objects already
    deleted and crashed the process after every test had passed."""
    yield
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.collect()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture(autouse=True)
def _no_key_held_from_an_earlier_test(qapp: QApplication) -> None:
    """Qt takes the modifiers of the last key event as the ones held: after
    ``qtbot.keyClick(w, key, Shift)`` Shift stays "held" for the rest of the session, and a
    later test's ``selectRow`` extended a range instead of selecting (CI failed on it in one
    order). A key event without modifiers lets go of them before each test."""
    if QGuiApplication.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QWidget

        target = QWidget()
        QTest.keyRelease(target, Qt.Key.Key_Shift)
        target.deleteLater()
    assert QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier


@pytest.fixture
def modals(qapp: QApplication) -> Iterator[Modals]:
    """Answers the message boxes and input dialogs that come up (see tests/ui/modals.py)."""
    answering = Modals()
    yield answering
    answering.stop()


@pytest.fixture
def ctx(ws: Workspace, key_sender: RecordingKeySender, qapp: QApplication) -> Iterator[UiContext]:
    changes = ChangeNotifier(ws.path)
    paster = AutoPaster(key_sender, modifiers=lambda: Qt.KeyboardModifier.NoModifier)
    yield UiContext(ws, changes, paster)
    changes.deleteLater()
    paster.deleteLater()


@pytest.fixture
def panel(ctx: UiContext, qtbot: QtBot) -> QuickPanel:
    widget = QuickPanel(ctx)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def make_app(key_sender: RecordingKeySender, qtbot: QtBot) -> Iterator[Callable[..., KefuApp]]:
    """Build the whole app in this process; the hotkey's OS registration is FakeHotkey."""
    apps: list[KefuApp] = []

    def make(ws: Workspace, *, use_tray: bool = True) -> KefuApp:
        app = KefuApp(ws, hotkey_factory=FakeHotkey, key_sender=key_sender, use_tray=use_tray)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.jobs.stop()  # its timers and the sync thread end with the test, not at exit
        app.hotkey.unregister()
        app.server.close()
        if app.tray is not None:
            app.tray.hide()
        windows = [app.panel, app.main_window, *app.windows.all()]
        for window in windows:
            if window is not None:
                window.hide()
                window.deleteLater()
        app.deleteLater()
