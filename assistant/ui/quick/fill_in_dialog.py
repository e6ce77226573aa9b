"""Asks for the fill-in placeholders (`{?尺码:38}`) before a phrase is copied."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from assistant.core.phrases.template import FillIn


class FillInDialog(QDialog):
    def __init__(self, fills: list[FillIn], title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("填写内容 — {0}").format(title))
        layout = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}
        for fill in fills:
            edit = QLineEdit(fill.default or "")
            edit.setPlaceholderText(fill.name)
            edit.returnPressed.connect(self._next_or_accept)
            layout.addRow(fill.name + "：", edit)
            self.edits[fill.name] = edit
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("复制"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._accept_if_filled)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)
        if self.edits:
            first = next(iter(self.edits.values()))
            first.setFocus()
            first.selectAll()

    def values(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self.edits.items()}

    def _next_or_accept(self) -> None:
        self._accept_if_filled()

    def _accept_if_filled(self) -> None:
        for edit in self.edits.values():
            if not edit.text().strip():
                edit.setFocus()
                return
        self.accept()
