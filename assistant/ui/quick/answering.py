"""The buyer's question the quick panel answers, and the suggestion index kept ready for it.

The agent copies the buyer's message in the chat window and presses the hotkey: the panel opens
with the phrases that answer it. Making the index reads every phrase (a few seconds and ~200 MB
at 20,000), so a process of its own (``kefu suggest --prepare``) makes it into the cache file,
at start and again after the phrases or the learned questions changed, and a thread reads it
back mapped; the GUI thread only asks the index it was handed, and until the first one is
ready the panel shows what it shows without a question.
"""

from __future__ import annotations

import itertools
import re
import sys
import threading
import traceback
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel

from assistant.core.buyers.model import looks_like_account
from assistant.core.changes import Changed
from assistant.core.memory import release_free_memory
from assistant.core.phrases.model import Phrase
from assistant.core.phrases.suggest import SuggestionIndex
from assistant.core.text import has_han
from assistant.core.workspace import open_workspace
from assistant.ui.context import UiContext
from assistant.ui.system.apart import made_apart

MAX_MESSAGE = 300  # characters: a longer clipboard text is a document, not a chat message
MAX_LINES = 6
SHOWN = 80  # characters of the question shown above the answers
AGAIN_AFTER_MS = 10_000  # a build for changes made during the last one waits this long


# What marks a message as asking: question particles and question words. Buyers leave out the
# punctuation, so without one of these a short word of Chinese is more likely a nickname.
_ASKING = re.compile(
    r"[吗嗎呢么麼嘛吧呗啊呀？?]|什么|怎么|多少|多久|[几幾]|哪|咋|啥|可以|([\u4e00-\u9fff])[不没]\1"
    r"|(?:没|没有|不|了)\s*$"  # "有尺码表没", "包邮不", "已经付款了": said by the last word
    r"|[我你谁]|一下|别家|別家"  # a message to someone: few nicknames have these
)
ACCOUNT_LIKE = 12  # characters: a longer single word is a sentence typed without spaces


def looks_like_question(text: str) -> bool:
    """Whether clipboard text reads as a buyer's chat message: short, with Chinese in it, and
    asking something or too long for an account name."""
    text = text.strip()
    if not (2 <= len(text) <= MAX_MESSAGE and text.count("\n") < MAX_LINES and has_han(text)):
        return False
    return bool(_ASKING.search(text)) or not looks_like_account(text) or len(text) > ACCOUNT_LIKE


class _Relay(QObject):
    """Carries a made index from its thread to the GUI thread. It lives as long as the app: a
    thread must never emit on an object the GUI thread may have deleted meanwhile (a panel
    closed in a test, or at exit), so each source listens here for its own token."""

    made = Signal(int, object, object)  # token, signature, index


_relay: list[_Relay] = []  # made once, on the GUI thread
_tokens = itertools.count(1)


def _the_relay() -> _Relay:
    if not _relay:
        _relay.append(_Relay())
    return _relay[0]


class AnswerSource(QObject):
    made = Signal(object, object)  # the signature it was made for, the SuggestionIndex

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._token = next(_tokens)
        self._relay = _the_relay()
        self._relay.made.connect(self._from_thread)
        self._index: SuggestionIndex | None = None
        self._signature: Any = None
        self._building = False
        self._again = False
        # A change that came during a build is made into the next one a little later: while
        # another process edits or a sync pulls, each build (a process of a few seconds at
        # 20,000 phrases) would otherwise follow the last without a pause, all day.
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(AGAIN_AFTER_MS)
        self._later.timeout.connect(self.start)
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
        if self._later.isActive():
            return  # the build it waits to start takes this change in too
        self._building = True
        args = (self._relay, self._token, self.ctx.ws.path)  # the thread touches nothing else
        threading.Thread(target=_build, args=args, name="kefu-suggestions", daemon=True).start()

    def _from_thread(self, token: int, signature: Any, index: SuggestionIndex | None) -> None:
        if token == self._token:
            self.made.emit(signature, index)

    def _take(self, signature: Any, index: SuggestionIndex | None) -> None:
        self._building = False
        if index is not None:
            if self._index is None:  # once: for the log, and for tests that drive the app
                print(f"kefu: answers ready ({len(index)} phrases)", file=sys.stderr, flush=True)
            self._index, self._signature = index, signature
        if self._again:
            self._again = False
            self._later.start()

    def _on_changed(self, what: Changed) -> None:
        if what & (Changed.PHRASES | Changed.USAGE) and self._stale():
            self.start()

    def _stale(self) -> bool:
        return self._signature is None or self._signature != self.ctx.ws.suggestions.version()

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


class PanelQuestion(QObject):
    """The buyer's question the panel answers at this opening, and its line above the results.

    Taken at each opening from the clipboard (the agent's Ctrl+C in the chat window), or pasted
    with Ctrl+V into the empty search box. While the search box is empty the results are its
    answers; typing searches as usual. A phrase copied while a question is held teaches the pair.
    """

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.source = AnswerSource(ctx, self)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # the buyer's words, never markup
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        self.label.setVisible(False)
        self.text: str | None = None

    def take(self, clip: str, *, pasted: bool = False) -> bool:
        """At an opening (or a paste): hold ``clip`` if it reads as a buyer's message.

        The app's own last copy on the clipboard means the same conversation goes on."""
        if not pasted and clip and clip == self.ctx.last_copied:
            return self.text is not None
        is_question = looks_like_question(clip)
        self.text = " ".join(clip.split()) if is_question else None
        return is_question

    def rows(self, query: str, limit: int) -> list[Phrase] | None:
        """The answers to show for an empty query, or None to show what the panel shows."""
        if query.strip() or self.text is None:
            self.label.setVisible(False)
            return None
        rows = self.source.answers(self.text, limit)
        if rows is None:
            note = self.tr("（正在准备推荐…）")
        elif not rows:
            note = self.tr("（没有合适的推荐）")
        else:
            note = ""
        shown = self.text if len(self.text) <= SHOWN else self.text[: SHOWN - 1] + "…"
        self.label.setText(self.tr("回答买家：{0}").format(shown) + note)
        self.label.setVisible(True)
        return rows or None

    def copied(self, phrase_id: str) -> None:
        if self.text is not None:
            self.source.learn(phrase_id, self.text)


def _build(relay: _Relay, token: int, path: Any) -> None:
    """In its thread: have the index made apart, read it on a workspace of its own, and hand
    it over; made here only when no process of its own could make it."""
    signature: Any = None
    index: SuggestionIndex | None = None
    try:
        apart = _prepare_apart(path)
        suggestions = open_workspace(path, builtins=False).suggestions
        index = suggestions.prepared() if apart else None  # mapped from the file made apart
        if index is None:
            index = suggestions.index()  # made here (and kept in the file)
        made = suggestions.made()
        signature = made[0] if made else None
    except Exception:  # a bug must not take the app down: no suggestions, said on stderr
        traceback.print_exc(file=sys.stderr)
    release_free_memory()  # start-up's leftovers too: the app is ready by now
    relay.made.emit(token, signature, index)


PREPARE_TIMEOUT_S = 300


def _prepare_apart(path: Any) -> bool:
    """Have a process of its own make the index file (``ui.system.apart``); whether it did
    (if that process cannot run, the index is made here)."""
    return made_apart(path, "suggest", "--prepare", timeout=PREPARE_TIMEOUT_S, what="suggestions")
