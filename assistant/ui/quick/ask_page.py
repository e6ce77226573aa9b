"""Questions the quick panel asks before it copies, shown inside the panel itself.

A fill-in form, an unset shop field, the "这条短语可能违规" confirmation and 新建买家 used to be
separate dialogs. Under a window manager such a dialog could open under the always-on-top
panel, take the keyboard and stay hidden; inside the panel it is always where the agent looks.
Enter moves to the next field and, on the last one, answers; Esc cancels (the panel routes it).

Its texts keep the panel's translation context ("QuickPanel"), where they were written first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.ui.names import labelled, listing

MAX_ANSWER = 500  # characters in one answer; a fill-in is a size, an address, a date


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    label: str
    value: str = ""
    required: bool = True


@dataclass(frozen=True, slots=True)
class Answer:
    values: dict[str, str]
    option: bool  # the check box under the fields, when one was offered


# Returns None when the answer is taken (the page closes), or a line saying what is wrong.
OnAnswer = Callable[[Answer], str | None]


def _plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # phrase titles are user text: never HTML
    label.setWordWrap(True)
    return label


class AskPage(QWidget):
    started = Signal()  # a question is up: the panel shows this page
    finished = Signal()  # answered or cancelled: the panel shows its results again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AskPage")
        self.heading = _plain_label()
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.message = _plain_label()
        self._form_host = QWidget()
        self._form = QFormLayout(self._form_host)
        self._form.setContentsMargins(0, 0, 0, 0)
        self.option = QCheckBox()
        self.problem = _plain_label()
        self.problem.setStyleSheet("color: #b00020;")
        self.ok_button = QPushButton()
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.answer)
        self.cancel_button = QPushButton(QCoreApplication.translate("QuickPanel", "取消（Esc）"))
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addWidget(self._form_host)
        layout.addWidget(self.option)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.edits: dict[str, QLineEdit] = {}
        self._fields: list[Field] = []
        self._on_answer: OnAnswer | None = None

    @property
    def asking(self) -> bool:
        return self._on_answer is not None

    def ask(
        self,
        heading: str,
        message: str,
        fields: Sequence[Field],
        ok_text: str,
        on_answer: OnAnswer,
        option: str | None = None,
        option_checked: bool = True,
    ) -> None:
        """Show the question; ``on_answer`` runs when the agent answers (never on cancel)."""
        self._clear_form()
        self.heading.setText(heading)
        self.message.setText(message)
        self.message.setVisible(bool(message))
        self._fields = list(fields)
        for field in self._fields:
            edit = QLineEdit(field.value)
            edit.setMaxLength(MAX_ANSWER)
            edit.setPlaceholderText(field.label)
            edit.returnPressed.connect(lambda e=edit: self._next_or_answer(e))
            label = _plain_label(labelled(field.label))
            self._form.addRow(label, edit)
            label.show()  # at once, not at the next event loop pass: the edit takes focus now
            edit.show()
            self.edits[field.key] = edit
        self.option.setVisible(option is not None)
        self.option.setText(option or "")
        self.option.setChecked(option_checked)
        self.problem.clear()
        self.ok_button.setText(ok_text)
        self._on_answer = on_answer
        self.started.emit()
        self.focus_first()

    def focus_first(self) -> None:
        if self.edits:
            first = next(iter(self.edits.values()))
            first.setFocus()
            first.selectAll()
        else:
            self.ok_button.setFocus()

    def values(self) -> dict[str, str]:
        return {key: edit.text() for key, edit in self.edits.items()}

    def answer(self) -> None:
        if self._on_answer is None:
            return
        missing = [f for f in self._fields if f.required and not self.edits[f.key].text().strip()]
        if missing:
            self.problem.setText(
                QCoreApplication.translate("QuickPanel", "请填写：{0}").format(
                    listing([f.label for f in missing])
                )
            )
            self.edits[missing[0].key].setFocus()
            return
        problem = self._on_answer(Answer(self.values(), self.option.isChecked()))
        if problem:
            self.problem.setText(problem)
            return
        self._close()

    def cancel(self) -> None:
        if self._on_answer is not None:
            self._close()

    def _next_or_answer(self, edit: QLineEdit) -> None:
        # Every field in turn, a default too: skipping filled ones copied a default the agent
        # had not reached yet, where the bottom line promises "Enter 下一项".
        edits = list(self.edits.values())
        at = edits.index(edit)
        if at + 1 < len(edits):
            edits[at + 1].setFocus()
            edits[at + 1].selectAll()  # typing replaces the default, as in the first field
        else:
            self.answer()  # says what is missing and goes there, if something is

    def _close(self) -> None:
        self._on_answer = None
        self._clear_form()
        self.finished.emit()

    def _clear_form(self) -> None:
        # Taken out now, deleted later: the answer may come from a key press inside one of
        # these very edits, which must outlive its own event handler.
        while self._form.rowCount():
            row = self._form.takeRow(0)
            for item in (row.labelItem, row.fieldItem):
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
        self.edits = {}
        self._fields = []
