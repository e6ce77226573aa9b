"""The app's windows: each opened once, on first use, and brought to the front after that.

The window modules are imported when first opened, so start-up loads only the quick panel.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from assistant.ui.context import UiContext
from assistant.ui.widgets.dialogs import ask
from assistant.ui.widgets.placement import fit_on_screen


class AppWindows:
    def __init__(self, ctx: UiContext, icon: QIcon, editor_parent: QWidget) -> None:
        self.ctx = ctx
        self.icon = icon
        self.editor_parent = editor_parent  # the phrase editor opens over the quick panel
        self._open: dict[str, QWidget] = {}

    def get(self, name: str) -> QWidget | None:
        return self._open.get(name)

    def all(self) -> list[QWidget]:
        return list(self._open.values())

    def _show(self, name: str, factory: Callable[[UiContext], QWidget]) -> QWidget:
        window = self._open.get(name)
        if window is None:
            window = factory(self.ctx)
            window.setWindowIcon(self.icon)
            self._open[name] = window
        fit_on_screen(window)  # whole, title bar included, whatever the screen
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def phrases(self) -> None:
        from assistant.ui.phrases.phrase_manager import PhraseManager

        self._show("phrases", PhraseManager)

    def editor(self, phrase_id: str | None) -> None:
        from assistant.ui.phrases.phrase_editor import PhraseEditor

        phrase = self.ctx.ws.phrases.get(phrase_id) if phrase_id else None
        ask(PhraseEditor(self.ctx, phrase, self.editor_parent))

    def buyers(self, account: str | None) -> None:
        from assistant.ui.buyers.buyer_manager import BuyerManager

        window = self._show("buyers", BuyerManager)
        if account and isinstance(window, BuyerManager):
            window.focus_account(account)

    def packs(self) -> None:
        from assistant.ui.packs.packs_window import PacksWindow

        self._show("packs", PacksWindow)

    def stats(self) -> None:
        from assistant.ui.phrases.stats_window import StatsWindow

        self._show("stats", StatsWindow)
