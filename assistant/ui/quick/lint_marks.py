"""The ⚠ marks of the quick panel's results, found after the results are on the screen.

Checking a phrase the panel has not checked before takes about a millisecond, and a new query
often brings dozens of them: checked before showing, they were most of a keystroke's time.
The results are shown at once and the marks follow: the first check waits until the frame
with the results has gone out, then a few phrases are checked per pass of the event loop, so
that a key pressed meanwhile is handled first; a new query drops what is left of the last.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from assistant.core.phrases.model import Phrase
from assistant.ui.phrases.phrase_model import PhraseTableModel
from assistant.ui.quick.lint_cache import LintCache

BATCH = 4  # phrases per pass: a few milliseconds at most before a waiting key is handled
AFTER_FRAME_MS = 30  # the results' frame is painted and sent well within this


class LintMarks(QObject):
    def __init__(
        self,
        model: PhraseTableModel,
        lint: Callable[[], LintCache | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._lint = lint
        self._waiting: list[Phrase] = []
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._check_some)

    def show_rows(self, rows: list[Phrase]) -> None:
        """Show ``rows``, unmarked; their marks come once they are checked."""
        self._model.flagged = set()
        self._model.replace_rows(rows)
        self._waiting = list(rows) if self._lint() is not None else []
        if self._waiting:
            self._timer.start(AFTER_FRAME_MS)
        else:
            self._timer.stop()

    @property
    def pending(self) -> bool:
        """Some rows of the current results are not checked yet."""
        return bool(self._waiting)

    def _check_some(self) -> None:
        lint = self._lint()
        batch, self._waiting = self._waiting[:BATCH], self._waiting[BATCH:]
        if lint is not None:
            self._model.add_flagged({p.id for p in batch if lint.has_error(p)})
        if self._waiting:
            self._timer.setInterval(0)
        else:
            self._timer.stop()
