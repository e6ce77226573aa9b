"""The buyer's question the quick panel answers, and the suggestion index kept ready for it.

The agent copies the buyer's message in the chat window and presses the hotkey: the panel opens
with the phrases that answer it. Making the index reads every phrase (about a second at 20,000),
so it is made in a thread on a workspace of its own, at start and again after the phrases or the
learned questions changed; the GUI thread only asks the index it was handed, and until the first
one is ready the panel shows what it shows without a question.
"""

from __future__ import annotations

import sys
import threading
import traceback
from typing import Any

from PySide6.QtCore import QObject, Signal

from assistant.core.changes import Changed
from assistant.core.phrases.model import Phrase
from assistant.core.phrases.suggest import SuggestionIndex
from assistant.core.text import has_han
from assistant.core.workspace import open_workspace
from assistant.ui.context import UiContext

MAX_MESSAGE = 300  # characters: a longer clipboard text is a document, not a chat message
MAX_LINES = 6


def looks_like_question(text: str) -> bool:
    """Whether clipboard text reads as a buyer's chat message: short, with Chinese in it."""
    text = text.strip()
    return 2 <= len(text) <= MAX_MESSAGE and text.count("\n") < MAX_LINES and has_han(text)


class AnswerSource(QObject):
    made = Signal(object, object)  # the signature it was made for, the SuggestionIndex

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._index: SuggestionIndex | None = None
        self._signature: Any = None
        self._building = False
        self._again = False
        self.made.connect(self._take)
        ctx.changes.changed.connect(self._on_changed)

    @property
    def ready(self) -> bool:
        return self._index is not None

    @property
    def building(self) -> bool:
        return self._building

    def start(self) -> None:
        """Make the index in the background (again after a change, if one is running)."""
        if self._building:
            self._again = True
            return
        self._building = True
        threading.Thread(target=self._build, name="kefu-suggestions", daemon=True).start()

    def _build(self) -> None:
        try:
            suggestions = open_workspace(self.ctx.ws.path, builtins=False).suggestions
            index = suggestions.index()
            made = suggestions.made()
            self.made.emit(made[0] if made else None, index)
        except Exception:  # a bug must not take the app down: no suggestions, said on stderr
            traceback.print_exc(file=sys.stderr)
            self.made.emit(None, None)

    def _take(self, signature: Any, index: SuggestionIndex | None) -> None:
        self._building = False
        if index is not None:
            self._index, self._signature = index, signature
        if self._again:
            self._again = False
            self.start()

    def _on_changed(self, what: Changed) -> None:
        if what & (Changed.PHRASES | Changed.USAGE) and self._stale():
            self.start()

    def _stale(self) -> bool:
        return self._signature is None or self._signature != self.ctx.ws.suggestions.signature()

    def answers(self, question: str, limit: int) -> list[Phrase] | None:
        """The phrases that answer ``question``, best first; None until an index is ready."""
        if self._index is None:
            self.start()
            return None
        found = self.ctx.ws.suggestions.suggest(question, limit, self._index)
        return [s.phrase for s in found]

    def learn(self, phrase_id: str, question: str) -> None:
        """The agent copied ``phrase_id`` while answering ``question``."""
        if self.ctx.ws.suggestions.learn(phrase_id, question) is not None:
            self.start()
