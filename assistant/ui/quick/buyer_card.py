"""A compact, plain-text card of the current buyer: who they are and what was promised."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from assistant.core.buyers.groups import ContactScheme
from assistant.core.buyers.model import Buyer
from assistant.ui.names import (
    group_label,
    joined,
    no_group,
    platform_label,
    subgroup_label,
    with_note,
)


def card_text(buyer: Buyer, scheme: ContactScheme) -> str:
    lines = [with_note(buyer.account, buyer.remark) if buyer.remark else buyer.account]
    group = ""
    if buyer.group:
        g = scheme.group(buyer.group)
        group = group_label(g)
        if buyer.subgroup and buyer.subgroup[-1] in g.subgroups:
            group += " / " + subgroup_label(g, buyer.subgroup[-1])
    lines.append(f"{platform_label(buyer.platform)}  {group or no_group()}")
    if buyer.order_count:
        lines.append(
            QCoreApplication.translate("BuyerCard", "订单 {0} 笔 · 累计 {1:.2f} 元").format(
                buyer.order_count, buyer.total_spent
            )
        )
    if buyer.tags:
        lines.append(
            QCoreApplication.translate("BuyerCard", "标签：{0}").format(" ".join(buyer.tags))
        )
    if buyer.attributes:
        pairs = joined([f"{k} {v}" for k, v in buyer.attributes.items()])
        lines.append(QCoreApplication.translate("BuyerCard", "属性：{0}").format(pairs))
    if buyer.notes:
        lines.append(QCoreApplication.translate("BuyerCard", "备注：{0}").format(buyer.notes))
    open_promises = [p for p in buyer.promises if not p.done]
    for p in open_promises:
        if p.due:
            lines.append(
                QCoreApplication.translate("BuyerCard", "承诺：{0}（{1} 前）").format(p.text, p.due)
            )
        else:
            lines.append(QCoreApplication.translate("BuyerCard", "承诺：{0}").format(p.text))
    return "\n".join(lines)


class BuyerCard(QPlainTextEdit):
    """Read-only; QPlainTextEdit never interprets its text as HTML."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setPlaceholderText(self.tr("未选择买家"))

    def show_buyer(self, buyer: Buyer | None, scheme: ContactScheme) -> None:
        self.setPlainText(card_text(buyer, scheme) if buyer else "")
