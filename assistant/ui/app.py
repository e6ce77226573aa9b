"""The tray app: start-up, single instance, tray (or a small window), hotkey, windows.

Started by `kefu` with no arguments or by the `kefu-gui` launcher.
"""

from __future__ import annotations

import argparse
import faulthandler
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QSystemTrayIcon, QWidget

from assistant.core.changes import Changed
from assistant.core.errors import KefuError
from assistant.core.memory import limit_arenas
from assistant.core.paths import data_dir, resources_dir
from assistant.core.phrases.model import Phrase
from assistant.core.phrases.template import fill_ins, split_messages
from assistant.core.settings import AppSettings
from assistant.core.sync.service import SyncResult
from assistant.core.system.autostart import set_enabled as set_autostart
from assistant.core.workspace import Workspace, open_workspace
from assistant.ui.background import BackgroundJobs
from assistant.ui.changes import ChangeNotifier
from assistant.ui.context import UiContext
from assistant.ui.i18n import install_translator
from assistant.ui.names import with_value
from assistant.ui.packs.sync_notice import sync_notice
from assistant.ui.quick.quick_panel import QuickPanel
from assistant.ui.system.apart import run_apart
from assistant.ui.system.focus import focus_keeper
from assistant.ui.system.hotkey import (
    FakeHotkey,
    Hotkey,
    HotkeySignal,
    hotkey_label,
    wayland_session,
)
from assistant.ui.system.hotkey_backends import system_hotkey
from assistant.ui.system.instance_server import InstanceServer, hand_over
from assistant.ui.system.paste import AutoPaster, KeySender, PynputKeySender, auto_paste_unavailable
from assistant.ui.tray_menu import TrayActions, fill_menu
from assistant.ui.widgets.dialogs import ask
from assistant.ui.widgets.front import show_in_front
from assistant.ui.windows import AppWindows

if TYPE_CHECKING:
    from assistant.ui.main_window import MainWindow

INDEX_TIMEOUT_S = 300  # the search index made apart (~3 s at 20,000 phrases)
NO_TRAY_REASON = QT_TRANSLATE_NOOP(
    "KefuApp",
    "没有检测到系统托盘（例如 GNOME 未安装 AppIndicator 扩展，或部分 Wayland 桌面），"
    "因此改为显示这个小窗口。关闭窗口不会退出程序；要退出请点“退出”。",
)


def app_icon() -> QIcon:
    return QIcon(str(resources_dir() / "icons" / "kefu.svg"))


PRESENCE_WAIT_MS = 3000  # a main window a window manager never shows must not hold the start


class KefuApp(QObject):
    def __init__(
        self,
        ws: Workspace,
        *,
        hotkey_factory: Callable[[HotkeySignal], Hotkey] | None = None,
        key_sender: KeySender | None = None,
        use_tray: bool | None = None,
        background_sync: bool = False,
    ) -> None:
        super().__init__()
        self.ws = ws
        self.settings: AppSettings = ws.settings.load()
        self.changes = ChangeNotifier(ws.path, self)
        paster = AutoPaster(
            key_sender or PynputKeySender(),
            self,
            focus=focus_keeper(QGuiApplication.platformName()) if key_sender is None else None,
        )
        self.ctx = UiContext(ws, self.changes, paster)
        self.panel = QuickPanel(self.ctx)
        self.panel.setWindowIcon(app_icon())
        self.windows = AppWindows(self.ctx, app_icon(), self.panel)
        self.ctx.open_editor = self.windows.editor
        self.ctx.open_buyer = self.windows.buyers
        self._apply_paste_settings()
        self.hotkey_signal = HotkeySignal(self)
        self.hotkey_signal.pressed.connect(self.show_panel)
        self.hotkey: Hotkey = (hotkey_factory or system_hotkey)(self.hotkey_signal)
        self.hotkey_problem = self.hotkey.register(self.settings.hotkey)
        if self.hotkey_problem:
            print(f"kefu: {self.hotkey_problem}", file=sys.stderr, flush=True)
            if not wayland_session():  # on Wayland it is how things are: 设置 says so
                QTimer.singleShot(0, self._warn_hotkey_problem)
        self.server = InstanceServer(ws.path, self)
        self.server.command.connect(self._on_command)
        self.server.listen()
        self.tray: QSystemTrayIcon | None = None
        self.first_run: QWidget | None = None
        self.main_window: MainWindow | None = None
        tray_ok = QSystemTrayIcon.isSystemTrayAvailable() if use_tray is None else use_tray
        self.present = tray_ok  # a tray icon needs nothing more; the main window, the screen
        self._waiting: list[Callable[[], None]] = []  # what opens once the presence is up
        if tray_ok:
            self._make_tray()
        else:
            self._make_main_window()
        self.changes.changed.connect(self._on_changed)
        self.jobs = BackgroundJobs(ws, self)
        self.jobs.sync.finished.connect(self._on_synced)
        if background_sync:
            self.jobs.start()

    def load_indexes(self) -> None:
        """Once, at the start: the search index loaded now, not at the first keystroke (made
        by a process of its own when there is none, as after an import), its background
        rebuilds made apart too (a team pack's sync changes hundreds of phrases), and the
        suggestion index made in a thread. The app's memory never holds a merge."""
        ws = self.ws
        if not ws.phrases.index_cached():
            why = run_apart(ws.path, "search", "--prepare", timeout=INDEX_TIMEOUT_S)
            said = f"made in the app ({why})" if why is not None else "made apart"
            print(f"kefu: search index {said}", file=sys.stderr, flush=True)
        ws.phrases.suggested(1)
        ws.phrases.rebuild_apart(
            lambda: run_apart(ws.path, "search", "--prepare", timeout=INDEX_TIMEOUT_S) is None
        )
        self.panel.question.source.start()

    # -- presence -------------------------------------------------------------------------
    def _make_tray(self) -> None:
        self.tray = QSystemTrayIcon(app_icon(), self)
        self.tray.setToolTip(self.tr("客服快捷助手"))
        self.menu = QMenu()
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.rebuild_menu()
        self.tray.setContextMenu(self.menu)
        self.tray.activated.connect(self._on_tray_activated)
        self.tray.show()

    def _make_main_window(self) -> None:
        from assistant.ui.main_window import MainWindow

        window = MainWindow(self.actions(), self._working_hotkey())
        window.setWindowIcon(app_icon())
        # In front once mapped, by the app itself: left to the window manager's focus-on-map,
        # the start's window took the focus whenever its map came, after a panel the hotkey
        # had opened meanwhile (which then hid, having lost the focus).
        show_in_front(window, self._on_present)
        self.main_window = window
        if not self.settings.tray_notice_shown:
            window.show_notice(self.tr(str(NO_TRAY_REASON)))
            self.settings = self.ws.settings.update(tray_notice_shown=True)

    def _on_present(self) -> None:
        if self.present:
            return  # the wait's limit, after the window came
        self.present = True
        waiting, self._waiting = self._waiting, []
        for then in waiting:
            then()

    def when_present(self, then: Callable[[], None]) -> None:
        """Call ``then`` from the event loop once the app's presence is up (the tray icon, or
        the main window on the screen and in front), or after PRESENCE_WAIT_MS at most: what
        opens then (the panel, the first-run window) is not covered by the start's window."""
        if self.present:
            QTimer.singleShot(0, self, then)
            return
        self._waiting.append(then)
        if len(self._waiting) == 1:
            QTimer.singleShot(PRESENCE_WAIT_MS, self, self._on_present)

    def _working_hotkey(self) -> str:
        """The hotkey to show next to 快速查找, as this system writes it: none when it could
        not be registered."""
        return "" if self.hotkey_problem else hotkey_label(self.settings.hotkey)

    def _warn_hotkey_problem(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("快捷键不可用 — 客服快捷助手"),
            self.hotkey_problem or "",
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setTextFormat(Qt.TextFormat.PlainText)
        # A message box is modal by default; this one must not hold the keyboard: the panel
        # still opens (from the menu or `kefu show`) while it is up.
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()  # not exec(): the app goes on starting behind it
        self._hotkey_box = box

    def _on_tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.show_panel()

    def actions(self) -> TrayActions:
        return TrayActions(
            quick_find=self.show_panel,
            copy_phrase=self.copy_from_menu,
            buyers=lambda: self.windows.buyers(None),
            phrases=self.windows.phrases,
            packs=self.windows.packs,
            stats=self.windows.stats,
            settings=self.open_settings,
            quit=self.quit,
        )

    def rebuild_menu(self) -> None:
        fill_menu(self.menu, self.ws, self.actions(), self._working_hotkey())

    def _on_command(self, command: str) -> None:
        if command == "show":
            self.when_present(self.show_panel)
        elif command == "quit":
            self.quit()

    def _on_changed(self, what: Changed) -> None:
        if not what & Changed.SETTINGS:
            return
        self.settings = self.ws.settings.load()
        self._apply_paste_settings()

    def _on_synced(self, results: list[SyncResult]) -> None:
        self.changes.notify(Changed.PHRASES | Changed.PACKS)
        window = self.windows.get("packs")
        if window is not None:
            from assistant.ui.packs.packs_window import PacksWindow  # loaded: its window exists

            if isinstance(window, PacksWindow):
                window.show_results(results)
        notice = sync_notice(results)
        if notice is None:
            return
        title, text = notice
        self.panel.set_notice(with_value(title, text))
        if self.tray is not None:
            self.tray.showMessage(title, text)
        elif self.main_window is not None:
            self.main_window.show_notice(with_value(title, text))

    def _apply_paste_settings(self) -> None:
        self.panel.auto_paste = self.settings.auto_paste and auto_paste_unavailable() is None
        self.panel.paste_delay_ms = self.settings.paste_delay_ms

    # -- actions --------------------------------------------------------------------------
    def show_panel(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.window() is not self.panel:
            # A dialog of the app (设置, an editor) holds the keyboard: a panel opened now
            # would get none of the typing. Bring that dialog to the front instead.
            modal.show()
            modal.raise_()
            modal.activateWindow()
            return
        if not self.panel.isVisible() or not self.panel.isActiveWindow():
            self.ctx.paster.focus.remember()  # the window to go back to: not the panel
        self.panel.open_near_pointer()

    def offer_first_run(self) -> None:
        """On a first start, a window that says how the app is used and asks for the shop
        profile; not modal, in front (a window of its own: nothing else is open yet)."""
        from assistant.ui.first_run import FirstRunDialog, needs_first_run

        if not needs_first_run(self.ws):
            return
        dialog = FirstRunDialog(self.ctx, hotkey_label(self.settings.hotkey))
        dialog.setWindowIcon(app_icon())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Tests on a desktop wait for this line before using another window.
        show_in_front(dialog, lambda: print("kefu: welcome shown", file=sys.stderr, flush=True))
        self.first_run = dialog

    def copy_from_menu(self, phrase: Phrase) -> None:
        flagged = self.ctx.lint is not None and self.ctx.lint.has_error(phrase)
        if fill_ins(phrase.text) or flagged:  # a form or a confirmation: go through the panel
            self.panel.search.setText(phrase.code or phrase.title)
            self.show_panel()
            return
        try:
            text = self.ws.render(phrase, clipboard=self.ctx.clipboard_text)
        except KefuError as exc:
            QMessageBox.warning(None, self.tr("客服快捷助手"), str(exc))
            return
        messages = split_messages(text)
        if len(messages) > 1:
            # Several chat messages: the panel copies the first and says "1/3"; each Enter
            # there copies the next, exactly as when the phrase is picked in the panel.
            self.show_panel()
            self.panel.copy_phrase(phrase)
            return
        self.ctx.copy(messages[0])
        self.ctx.run(None, lambda: self.ws.phrases.record_use(phrase.id), changes=Changed.USAGE)

    def open_settings(self) -> None:
        from assistant.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self.hotkey_problem)
        dialog.setWindowIcon(app_icon())
        if ask(dialog):
            old = self.settings
            self.settings = self.ws.settings.load()
            if self.settings.hotkey != old.hotkey:
                self.hotkey_problem = self.hotkey.register(self.settings.hotkey)
                if self.hotkey_problem:
                    QMessageBox.warning(None, self.tr("客服快捷助手"), self.hotkey_problem)
                if self.main_window is not None:
                    self.main_window.set_hotkey(self._working_hotkey())
            if self.settings.start_at_login != old.start_at_login:
                try:
                    set_autostart(self.settings.start_at_login)
                except OSError as exc:
                    QMessageBox.warning(None, self.tr("客服快捷助手"), str(exc))
            if self.settings.language != old.language:
                QMessageBox.information(
                    None, self.tr("客服快捷助手"), self.tr("语言将在重新启动后生效")
                )
            self._apply_paste_settings()

    def quit(self) -> None:
        # Every write is committed when the call that made it returns; nothing is pending.
        self.hotkey.unregister()
        self.jobs.stop()
        self.server.close()
        if self.tray is not None:
            self.tray.hide()
        # exit(), not quit(): Qt 6's quit() first asks every window to close and gives up if
        # one refuses, and the no-tray main window refuses (closing it never quits).
        QApplication.exit(0)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kefu-gui")
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--show", action="store_true", help="启动后立即打开快速查找")
    parser.add_argument("--fake-hotkey", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(list(argv))


def apply_language(app: QApplication, language: str) -> None:
    """Install the UI's language, and name the app in it: on X11 and Windows Qt appends the
    display name to every window title that lacks it ("Buyers — Kefu Assistant — 客服快捷助手")."""
    install_translator(app, language)
    app.setApplicationDisplayName(QCoreApplication.translate("KefuApp", "客服快捷助手"))


def run(data: str | None = None, show: bool = False, fake_hotkey: bool = False) -> int:
    limit_arenas()  # before Qt or the app starts a thread (core/memory.py)
    if hasattr(signal, "SIGUSR1"):  # not on Windows
        # `kill -USR1 <pid>`: every thread's Python stack on stderr, for an app that seems stuck
        # (the desktop tests ask for it when a window they wait for never comes).
        faulthandler.register(signal.SIGUSR1, all_threads=True)
    folder = data_dir(data)
    if hand_over(folder, "show"):
        return 0  # the running app opened its panel
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("kefu-assistant")
    app.setApplicationDisplayName("客服快捷助手")
    app.setQuitOnLastWindowClosed(False)  # closing windows never quits; 退出 does
    app.setWindowIcon(app_icon())
    try:
        ws = open_workspace(folder)
    except KefuError as exc:
        QMessageBox.critical(None, "客服快捷助手", str(exc))
        return 2
    apply_language(app, ws.settings.load().language)
    kefu = KefuApp(ws, hotkey_factory=FakeHotkey if fake_hotkey else None, background_sync=True)
    for message in ws.folder.recovered():
        QMessageBox.warning(None, app.applicationDisplayName(), message)
    kefu.load_indexes()

    def started() -> None:
        if show:
            kefu.show_panel()
        kefu.offer_first_run()
        # Tests on a desktop wait for this line: from now on no window of the start takes
        # the focus by itself (the first-run window says so with a line of its own).
        print(f"kefu: ready ({Path(ws.path)})", file=sys.stderr, flush=True)

    kefu.when_present(started)
    return app.exec()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    return run(args.data_dir, args.show, args.fake_hotkey)


if __name__ == "__main__":
    raise SystemExit(main())
