"""Copying a phrase one chat message at a time.

A phrase may hold several messages (lines of ``---`` between them, split by
``core.phrases.template.split_messages``): the first copy renders it and hands over message 1,
each further copy of the same phrase the next one. Before the first message a phrase with a
lint error asks once per session, and a phrase with fill-ins shows its form.

Its texts keep the panel's translation context ("QuickPanel"), where they were written first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from assistant.core.buyers.model import Buyer
from assistant.core.changes import Changed
from assistant.core.errors import KefuError
from assistant.core.phrases.model import Phrase
from assistant.core.phrases.template import fill_ins, split_messages
from assistant.core.workspace import BuyerRef
from assistant.ui.context import UiContext
from assistant.ui.quick.fill_in_dialog import FillInDialog
from assistant.ui.widgets.dialogs import ask


def buyer_ref(buyer: Buyer | None) -> BuyerRef | None:
    return None if buyer is None else BuyerRef(buyer.account, buyer.remark or None)


@dataclass
class PendingMessages:
    phrase_id: str
    messages: list[str]
    next_index: int


@dataclass(frozen=True)
class CopiedMessage:
    text: str
    number: int  # 1-based
    total: int

    @property
    def more(self) -> bool:
        return self.number < self.total

    def progress(self) -> str:
        return QCoreApplication.translate(
            "QuickPanel", "已复制第 {0}/{1} 条，再按 Enter 复制第 {2} 条"
        ).format(self.number, self.total, self.number + 1)


class MessageStepper:
    """Which message of which phrase comes next, and the copying of it."""

    def __init__(self, ctx: UiContext, parent: QWidget, say: Callable[[str], None]) -> None:
        self.ctx = ctx
        self.parent = parent  # of the confirmation and the fill-in form
        self.say = say  # where a refusal to render is explained
        self.pending: PendingMessages | None = None  # a phrase copied part-way
        self.confirmed: set[str] = set()  # flagged phrases the agent chose to copy anyway

    def forget_unless(self, phrase: Phrase | None) -> bool:
        """Start over unless ``phrase`` is the one being stepped through; True if forgotten."""
        if self.pending is None or (phrase is not None and phrase.id == self.pending.phrase_id):
            return False
        self.pending = None
        return True

    def copy_next(self, phrase: Phrase, buyer: Buyer | None) -> CopiedMessage | None:
        """Copy the phrase's next message; None when the agent declined or it cannot render."""
        pending = self.pending
        if pending is None or pending.phrase_id != phrase.id:
            if not self._confirm_if_flagged(phrase):
                return None
            messages = self._render(phrase, buyer)
            if messages is None:
                return None
            pending = PendingMessages(phrase.id, messages, 0)
        index = pending.next_index
        text = pending.messages[index]
        self.ctx.copy(text)
        if index == 0:
            account = buyer.account if buyer else None
            self.ctx.run(
                self.parent,
                lambda: self.ctx.ws.phrases.record_use(phrase.id, buyer=account),
                changes=Changed.USAGE,
            )
        copied = CopiedMessage(text, index + 1, len(pending.messages))
        if copied.more:
            pending.next_index = index + 1
            self.pending = pending
        else:
            self.pending = None
        return copied

    def _confirm_if_flagged(self, phrase: Phrase) -> bool:
        """A phrase with a lint error asks once (per phrase, per session) before copying."""
        lint = self.ctx.lint
        if lint is None or phrase.id in self.confirmed or not lint.has_error(phrase):
            return True
        problems = "\n".join(
            f"· {f.message}" for f in lint.findings(phrase) if f.severity == "error"
        )
        answer = QMessageBox.question(
            self.parent,
            QCoreApplication.translate("QuickPanel", "这条短语可能违规"),
            QCoreApplication.translate("QuickPanel", "「{0}」有问题：\n{1}\n\n仍然复制吗？").format(
                phrase.title, problems
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.confirmed.add(phrase.id)
        return True

    def _render(self, phrase: Phrase, buyer: Buyer | None) -> list[str] | None:
        try:
            fills = fill_ins(phrase.text)
        except KefuError as exc:
            self.say(str(exc))
            return None
        values: dict[str, str] = {}
        if fills:
            dialog = FillInDialog(fills, phrase.title, self.parent)
            if ask(dialog) != QDialog.DialogCode.Accepted:
                return None
            values = dialog.values()
        try:
            text = self.ctx.ws.render(
                phrase, buyer=buyer_ref(buyer), fills=values, clipboard=self.ctx.clipboard_text
            )
        except KefuError as exc:
            self.say(str(exc))
            return None
        return split_messages(text)
