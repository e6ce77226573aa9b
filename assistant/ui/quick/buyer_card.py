"""A compact, plain-text card of the current buyer: who they are and what was promised."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from assistant.core.buyers.groups import ContactScheme
from assistant.core.buyers.model import PLATFORM_NAMES, Buyer


def card_text(buyer: Buyer, scheme: ContactScheme) -> str:
    lines = [buyer.account + (f"（{buyer.remark}）" if buyer.remark else "")]
    group = ""
    if buyer.group:
        g = scheme.group(buyer.group)
        group = g.label(padded=False)
        if buyer.subgroup and buyer.subgroup[-1] in g.subgroups:
            group += " / " + g.sub_label(buyer.subgroup[-1], padded=False)
    lines.append(f"{PLATFORM_NAMES.get(buyer.platform, buyer.platform)}  {group or '未分组'}")
    if buyer.order_count:
        lines.append(f"订单 {buyer.order_count} 笔 · 累计 {buyer.total_spent:.2f} 元")
    if buyer.tags:
        lines.append("标签：" + " ".join(buyer.tags))
    if buyer.attributes:
        lines.append("属性：" + "，".join(f"{k} {v}" for k, v in buyer.attributes.items()))
    if buyer.notes:
        lines.append("备注：" + buyer.notes)
    open_promises = [p for p in buyer.promises if not p.done]
    for p in open_promises:
        lines.append(f"承诺：{p.text}" + (f"（{p.due} 前）" if p.due else ""))
    return "\n".join(lines)


class BuyerCard(QPlainTextEdit):
    """Read-only; QPlainTextEdit never interprets its text as HTML."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setPlaceholderText(self.tr("未选择买家"))

    def show_buyer(self, buyer: Buyer | None, scheme: ContactScheme) -> None:
        self.setPlainText(card_text(buyer, scheme) if buyer else "")
