"""What the quick panel shows about the selected phrase before it is copied: the rendered
text (fill-ins show their default or their name) and a warning worth reading first.

Its texts keep the panel's translation context ("QuickPanel"), where they were written first.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from assistant.core.buyers.model import Buyer
from assistant.core.errors import KefuError
from assistant.core.phrases.messages import messages_of
from assistant.core.phrases.model import Phrase
from assistant.core.phrases.template import MESSAGE_BREAK, FillIn, fill_ins, unset_shop_values
from assistant.core.workspace import Workspace
from assistant.ui.lint_texts import warning_text
from assistant.ui.names import bracketed, fill_in_sample, listing, shop_field
from assistant.ui.quick.image_line import image_line
from assistant.ui.quick.lint_cache import LintCache
from assistant.ui.quick.message_stepping import buyer_ref


def fill_ins_safe(text: str) -> list[FillIn]:
    try:
        return fill_ins(text)
    except KefuError:
        return []


def preview_text(ws: Workspace, phrase: Phrase, buyer: Buyer | None) -> str:
    """The rendered text; with images, every message in sending order, an image as a line
    naming it."""
    sample = {f.name: f.default or fill_in_sample(f.name) for f in fill_ins_safe(phrase.text)}
    try:
        text = ws.render(phrase, buyer=buyer_ref(buyer), fills=sample)
    except KefuError as exc:
        return f"{phrase.text}\n\n{bracketed(str(exc))}"
    if not phrase.images:
        return text
    return f"\n{MESSAGE_BREAK}\n".join(
        m if isinstance(m, str) else image_line(m) for m in messages_of(text, phrase.images)
    )


def phrase_warning(ws: Workspace, lint: LintCache | None, phrase: Phrase) -> str | None:
    """The phrase's first lint finding, else the shop values it uses that are not set."""
    findings = lint.findings(phrase) if lint is not None else []
    if findings:
        return warning_text(findings[0])
    unset = unset_shop_values(phrase.text, ws.shop.get())
    if unset:
        return QCoreApplication.translate(
            "QuickPanel", "店铺信息「{0}」还没有设置，会留空（托盘菜单 → 设置…）"
        ).format(listing([shop_field(key) for key in unset]))
    return None
