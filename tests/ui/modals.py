"""Answering the app's modal dialogs as a person would: the real dialog comes up, is read,
and gets an answer.

``QMessageBox.question`` and ``QInputDialog.getText`` block in an event loop of their own,
so the answers come from a timer on the GUI thread: each tick looks at the active modal
widget and answers a message box or an input dialog it has not answered yet, with the next
answer in the queue (a message box with no answer queued gets Yes, else OK; an input
dialog with none is cancelled). Progress dialogs are left alone: they go by themselves.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget

Answer = Callable[[QWidget], None]
_ANSWERED = "kefu_test_answered"


@dataclass(frozen=True)
class Seen:
    kind: str  # "message" | "input"
    title: str
    text: str  # the message box text, or the input dialog's label


def press(button: QMessageBox.StandardButton) -> Answer:
    def answer(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox), f"expected a message box, got {widget!r}"
        found = widget.button(button)
        assert found is not None, f"the message box has no {button}: {widget.text()}"
        found.click()

    return answer


def type_text(text: str) -> Answer:
    def answer(widget: QWidget) -> None:
        assert isinstance(widget, QInputDialog), f"expected an input dialog, got {widget!r}"
        widget.setTextValue(text)
        widget.accept()

    return answer


def _default(widget: QWidget) -> None:
    if isinstance(widget, QMessageBox):
        found = widget.button(QMessageBox.StandardButton.Yes) or widget.button(
            QMessageBox.StandardButton.Ok
        )
        assert found is not None, widget.text()
        found.click()
    else:
        widget.reject()


class Modals:
    def __init__(self) -> None:
        self.seen: list[Seen] = []
        self._answers: deque[Answer] = deque()
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def then(self, *answers: Answer) -> Modals:
        self._answers.extend(answers)
        return self

    def texts(self, kind: str = "message") -> list[str]:
        return [s.text for s in self.seen if s.kind == kind]

    @property
    def pending(self) -> int:
        return len(self._answers)

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, QMessageBox | QInputDialog) or not widget.isVisible():
            return
        if widget.property(_ANSWERED):
            return  # answered; it closes on the next pass of the loop
        widget.setProperty(_ANSWERED, True)
        if isinstance(widget, QMessageBox):
            self.seen.append(Seen("message", widget.windowTitle(), widget.text()))
        else:
            self.seen.append(Seen("input", widget.windowTitle(), widget.labelText()))
        answer = self._answers.popleft() if self._answers else _default
        answer(widget)
