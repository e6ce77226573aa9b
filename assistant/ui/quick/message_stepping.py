"""Copying a phrase one chat message at a time.

A phrase may hold several messages (lines of ``---`` between them, split by
``core.phrases.template.split_messages``): the first copy renders it and hands over message 1,
each further copy of the same phrase the next one. Before the first message a phrase with a
lint error asks once per session, and a phrase with fill-ins or unset shop fields (活动,
发货时间…) asks for them. The questions are asked inside the panel (``AskPage``), so copying
is asynchronous: ``copy_next`` hands the copied message to a callback.

Its texts keep the panel's translation context ("QuickPanel"), where they were written first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from assistant.core.buyers.model import Buyer
from assistant.core.changes import Changed
from assistant.core.errors import KefuError
from assistant.core.phrases.messages import Message, messages_of
from assistant.core.phrases.model import Phrase, PhraseImage
from assistant.core.phrases.template import fill_ins, unset_shop_values
from assistant.core.workspace import BuyerRef
from assistant.ui import lint_texts
from assistant.ui.context import UiContext
from assistant.ui.names import shop_field
from assistant.ui.quick.ask_page import Answer, Field, OnAnswer
from assistant.ui.quick.image_line import image_line


def buyer_ref(buyer: Buyer | None) -> BuyerRef | None:
    return None if buyer is None else BuyerRef(buyer.account, buyer.remark or None)


@dataclass
class PendingMessages:
    phrase_id: str
    messages: list[Message]  # texts rendered, and images
    next_index: int


@dataclass(frozen=True)
class CopiedMessage:
    text: str  # the text copied; for an image, how it is named: "[图片 尺码表.png]"
    number: int  # 1-based
    total: int
    image: PhraseImage | None = None

    @property
    def more(self) -> bool:
        return self.number < self.total

    def progress(self) -> str:
        return QCoreApplication.translate(
            "QuickPanel", "已复制第 {0}/{1} 条，再按 Enter 复制第 {2} 条"
        ).format(self.number, self.total, self.number + 1)


class Asker(Protocol):
    """Where the stepper asks its questions: the panel's ``AskPage``."""

    def ask(
        self,
        heading: str,
        message: str,
        fields: Sequence[Field],
        ok_text: str,
        on_answer: OnAnswer,
        option: str | None = None,
        option_checked: bool = True,
    ) -> None: ...


Done = Callable[[CopiedMessage], None]
SHOP_FIELD = "shop:"  # the key prefix of an unset shop field in the form


class MessageStepper:
    """Which message of which phrase comes next, and the copying of it."""

    def __init__(
        self, ctx: UiContext, parent: QWidget, asker: Asker, say: Callable[[str], None]
    ) -> None:
        self.ctx = ctx
        self.parent = parent  # of a refusal message from core
        self.asker = asker
        self.say = say  # where a refusal to render is explained
        self.pending: PendingMessages | None = None  # a phrase copied part-way
        self.confirmed: set[str] = set()  # flagged phrases the agent chose to copy anyway

    def forget_unless(self, phrase: Phrase | None) -> bool:
        """Start over unless ``phrase`` is the one being stepped through; True if forgotten."""
        if self.pending is None or (phrase is not None and phrase.id == self.pending.phrase_id):
            return False
        self.pending = None
        return True

    def copy_next(self, phrase: Phrase, buyer: Buyer | None, done: Done) -> None:
        """Copy the phrase's next message and hand it to ``done`` — at once, or once the
        agent has answered the panel's questions; never when they cancel or it cannot render."""
        pending = self.pending
        if pending is not None and pending.phrase_id == phrase.id:
            self._hand_over(phrase, buyer, pending, done)
            return

        def rendered(messages: list[Message]) -> None:
            self._hand_over(phrase, buyer, PendingMessages(phrase.id, messages, 0), done)

        self._confirm_if_flagged(phrase, lambda: self._render(phrase, buyer, rendered))

    def _hand_over(
        self, phrase: Phrase, buyer: Buyer | None, pending: PendingMessages, done: Done
    ) -> None:
        index = pending.next_index
        message = pending.messages[index]
        image = None
        if isinstance(message, str):
            text = message
            self.ctx.copy(text)
        else:
            image = message
            text = image_line(image)
            try:
                self.ctx.copy_image(image)
            except KefuError as exc:  # its file is missing or damaged: said, not skipped
                self.say(str(exc))
                return
        if index == 0:
            account = buyer.account if buyer else None
            self.ctx.run(
                self.parent,
                lambda: self.ctx.ws.phrases.record_use(phrase.id, buyer=account),
                changes=Changed.USAGE,
            )
        copied = CopiedMessage(text, index + 1, len(pending.messages), image)
        if copied.more:
            pending.next_index = index + 1
            self.pending = pending
        else:
            self.pending = None
        done(copied)

    def _confirm_if_flagged(self, phrase: Phrase, then: Callable[[], None]) -> None:
        """A phrase with a lint error asks once (per phrase, per session) before copying."""
        lint = self.ctx.lint
        if lint is None or phrase.id in self.confirmed or not lint.has_error(phrase):
            then()
            return
        problems = "\n".join(
            f"· {lint_texts.message(f)}" for f in lint.findings(phrase) if f.severity == "error"
        )

        def yes(_answer: Answer) -> None:
            self.confirmed.add(phrase.id)
            then()

        self.asker.ask(
            QCoreApplication.translate("QuickPanel", "这条短语可能违规"),
            QCoreApplication.translate("QuickPanel", "「{0}」有问题：\n{1}\n\n仍然复制吗？").format(
                phrase.title, problems
            ),
            [],
            QCoreApplication.translate("QuickPanel", "仍然复制"),
            yes,
        )

    def _render(
        self, phrase: Phrase, buyer: Buyer | None, then: Callable[[list[Message]], None]
    ) -> None:
        try:
            fills = fill_ins(phrase.text)
        except KefuError as exc:
            self.say(str(exc))
            return
        unset = unset_shop_values(phrase.text, self.ctx.ws.shop.get())
        if not fills and not unset:
            messages = self._rendered(phrase, buyer, {}, {})
            if messages is not None:
                then(messages)
            return
        fields = [Field(f.name, f.name, f.default or "") for f in fills]
        fields += [
            Field(
                SHOP_FIELD + name,
                QCoreApplication.translate("QuickPanel", "{0}（店铺资料里还没填）").format(
                    shop_field(name)
                ),
            )
            for name in unset
        ]

        def answered(answer: Answer) -> str | None:
            values = {k: v for k, v in answer.values.items() if not k.startswith(SHOP_FIELD)}
            shop = {
                k.removeprefix(SHOP_FIELD): v.strip()
                for k, v in answer.values.items()
                if k.startswith(SHOP_FIELD)
            }
            if shop and answer.option:
                try:
                    self.ctx.ws.shop.update(shop)
                except KefuError as exc:
                    return str(exc)
                self.ctx.changes.notify(Changed.SETTINGS)
            messages = self._rendered(phrase, buyer, values, shop)
            if messages is None:
                return QCoreApplication.translate(
                    "QuickPanel", "无法生成这条短语，原因见下方状态栏"
                )
            then(messages)
            return None

        self.asker.ask(
            QCoreApplication.translate("QuickPanel", "填写内容 — {0}").format(phrase.title),
            "",
            fields,
            QCoreApplication.translate("QuickPanel", "复制（Enter）"),
            answered,
            option=(
                QCoreApplication.translate("QuickPanel", "同时保存到店铺资料（以后不再询问）")
                if unset
                else None
            ),
        )

    def _rendered(
        self,
        phrase: Phrase,
        buyer: Buyer | None,
        fills: dict[str, str],
        shop: dict[str, str],
    ) -> list[Message] | None:
        try:
            text = self.ctx.ws.render(
                phrase,
                buyer=buyer_ref(buyer),
                fills=fills,
                shop=shop,
                clipboard=self.ctx.clipboard_text,
            )
        except KefuError as exc:
            self.say(str(exc))
            return None
        return messages_of(text, phrase.images)
