"""The quick panel: type, pick, Enter — the reply is on the clipboard.

Keys: typing searches (Chinese, pinyin, initials, codes); Up/Down move; Enter or a
double-click copies; Alt+1…9 copy one of the first nine rows; Ctrl+F toggles favourite;
Ctrl+E edits; Esc hides. A phrase holding several messages (lines of ``---`` between them)
copies one message per Enter and shows "2/3" meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QCursor, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assistant.core.buyers.model import Buyer
from assistant.core.errors import KefuError
from assistant.core.phrases.model import Phrase
from assistant.core.phrases.template import fill_ins, split_messages, unset_shop_values
from assistant.core.workspace import BuyerRef
from assistant.ui.context import UiContext
from assistant.ui.phrases.phrase_model import PhraseTableModel
from assistant.ui.quick.buyer_card import BuyerCard
from assistant.ui.quick.fill_in_dialog import FillInDialog
from assistant.ui.widgets.search_field import SearchField

RESULT_LIMIT = 60


@dataclass
class PendingMessages:
    phrase_id: str
    messages: list[str]
    next_index: int


class QuickPanel(QWidget):
    copied = Signal(str)  # the text put on the clipboard

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.buyer: Buyer | None = None
        self.pending: PendingMessages | None = None
        self.confirmed: set[str] = set()  # flagged phrases the agent chose to copy anyway
        self.auto_paste = False
        self.paste_delay_ms = 150
        self.setWindowTitle(self.tr("快速查找 — 客服快捷助手"))
        self.setWindowFlags(Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("QuickPanel")

        self.search = SearchField()
        self.search.setPlaceholderText(self.tr("输入中文、拼音、首字母或快捷编码…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_query_changed)
        self.search.move.connect(self._move)
        self.search.activated.connect(self.copy_current)
        self.search.pick.connect(self.copy_row)

        self.table = QTableView()
        self.model = PhraseTableModel()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay in the search field
        self.table.verticalHeader().setVisible(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self.copy_row(index.row()))
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)

        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setPlaceholderText(self.tr("预览"))

        self.buyer_field = QLineEdit()
        self.buyer_field.setPlaceholderText(self.tr("买家账号或备注名…"))
        self.buyer_field.setClearButtonEnabled(True)
        self.buyer_field.textEdited.connect(self._on_buyer_typed)
        self.buyer_field.returnPressed.connect(self._on_buyer_entered)
        self.buyer_completer = QCompleter([], self)
        self.buyer_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.buyer_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.buyer_completer.activated.connect(self._on_buyer_completed)
        self.buyer_field.setCompleter(self.buyer_completer)
        self.new_buyer_button = QPushButton(self.tr("新建买家"))
        self.new_buyer_button.setVisible(False)
        self.new_buyer_button.clicked.connect(self._new_buyer)
        self.card = BuyerCard()

        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)

        buyer_row = QHBoxLayout()
        buyer_row.addWidget(QLabel(self.tr("买家：")))
        buyer_row.addWidget(self.buyer_field, 1)
        buyer_row.addWidget(self.new_buyer_button)

        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.preview)
        bottom.addWidget(self.card)
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(frame)
        inner.addWidget(self.search)
        inner.addLayout(buyer_row)
        inner.addWidget(split, 1)
        inner.addWidget(self.status)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)

        for keys, slot in (
            ("Esc", self.hide),
            ("Ctrl+F", self.toggle_favourite),
            ("Ctrl+E", self.edit_current),
            ("Ctrl+B", self.buyer_field.setFocus),
            ("Ctrl+L", self.search.setFocus),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
        self._hint()
        font_h = self.fontMetrics().height()
        self.resize(font_h * 46, font_h * 30)
        ctx.changes.changed.connect(self.refresh)

    # -- showing ------------------------------------------------------------------------
    def open_near_pointer(self) -> None:
        self._pick_buyer_from_clipboard()
        if self.pending is None:
            self.search.selectAll()
        self.refresh()
        self._place_near(QCursor.pos())
        self.show()
        self.raise_()
        self.activateWindow()
        self.search.setFocus()

    def _place_near(self, point: QPoint) -> None:
        screen = QGuiApplication.screenAt(point) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        x = min(max(point.x() - self.width() // 3, area.left()), area.right() - self.width())
        y = min(max(point.y() - 20, area.top()), area.bottom() - self.height())
        self.move(max(x, area.left()), max(y, area.top()))

    # -- searching ----------------------------------------------------------------------
    def _on_query_changed(self) -> None:
        self.refresh(keep_selection=False)  # a new query starts at its best result

    def refresh(self, keep_selection: bool = True) -> None:
        """Re-run the search; a refresh after a data change keeps the selected phrase."""
        query = self.search.text()
        current = self.current_phrase() if keep_selection else None
        if query.strip():
            rows = self.ctx.ws.phrases.search(query, limit=RESULT_LIMIT)
        else:
            rows = self.ctx.ws.phrases.suggested(RESULT_LIMIT)
        lint = self.ctx.lint
        self.model.flagged = {p.id for p in rows if lint is not None and lint.has_error(p)}
        self.model.set_rows(rows)
        keep = 0
        if current is not None:
            for i, p in enumerate(rows):
                if p.id == current.id:
                    keep = i
                    break
        if self.pending and (current is None or current.id != self.pending.phrase_id):
            self.pending = None
        self._select(keep if rows else -1)
        if self.buyer is not None:
            self.buyer = self._reload_buyer(self.buyer)
            self.card.show_buyer(self.buyer, self.ctx.ws.buyers.scheme)

    def current_phrase(self) -> Phrase | None:
        index = self.table.currentIndex()
        return self.model.phrase(index.row()) if index.isValid() else None

    def _select(self, row: int) -> None:
        if row < 0:
            self.table.clearSelection()
            self.preview.setPlainText("")
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self._update_preview()

    def _move(self, delta: int) -> None:
        count = self.model.rowCount()
        if not count:
            return
        row = self.table.currentIndex().row()
        self._select(max(0, min(count - 1, row + delta)))

    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        phrase = self.model.phrase(current.row())
        if self.pending and (phrase is None or phrase.id != self.pending.phrase_id):
            self.pending = None
            self._hint()
        self._update_preview()

    def _update_preview(self) -> None:
        phrase = self.current_phrase()
        if phrase is None:
            self.preview.setPlainText("")
            return
        sample = {f.name: f.default or f"【{f.name}】" for f in fill_ins_safe(phrase.text)}
        try:
            text = self.ctx.ws.render(phrase, buyer=self._buyer_ref(), fills=sample)
        except KefuError as exc:
            text = f"{phrase.text}\n\n（{exc}）"
        self.preview.setPlainText(text)
        unset = unset_shop_values(phrase.text, self.ctx.ws.shop.get())
        findings = self.ctx.lint.findings(phrase) if self.ctx.lint is not None else []
        if findings and self.pending is None:
            f = findings[0]
            self.status.setText(
                f"⚠ {f.message}" + (f"（建议：{f.suggestion}）" if f.suggestion else "")
            )
        elif unset and self.pending is None:
            self.status.setText(
                self.tr("店铺信息「{0}」还没有设置，会留空（托盘菜单 → 设置…）").format(
                    "、".join(unset)
                )
            )
        elif self.pending is None:
            self._hint()

    # -- copying ------------------------------------------------------------------------
    def copy_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self._select(row)
            self.copy_current()

    def copy_current(self) -> None:
        phrase = self.current_phrase()
        if phrase is None:
            return
        pending = self.pending
        if pending is None or pending.phrase_id != phrase.id:
            if not self._confirm_if_flagged(phrase):
                return
            messages = self._render_messages(phrase)
            if messages is None:
                return
            pending = PendingMessages(phrase.id, messages, 0)
        index = pending.next_index
        text = pending.messages[index]
        self.ctx.copy(text)
        if index == 0:
            buyer = self.buyer.account if self.buyer else None
            self.ctx.run(self, lambda: self.ctx.ws.phrases.record_use(phrase.id, buyer=buyer))
        self.copied.emit(text)
        total = len(pending.messages)
        if index + 1 < total:
            pending.next_index = index + 1
            self.pending = pending
            self.status.setText(
                self.tr("已复制第 {0}/{1} 条，再按 Enter 复制第 {2} 条").format(
                    index + 1, total, index + 2
                )
            )
            if self.auto_paste:
                self.hide()
                self.ctx.paster.paste_soon(self.paste_delay_ms)
            return
        self.pending = None
        self._hint()
        self.hide()
        if self.auto_paste:
            self.ctx.paster.paste_soon(self.paste_delay_ms)

    def _confirm_if_flagged(self, phrase: Phrase) -> bool:
        """A phrase with a lint error asks once (per phrase, per session) before copying."""
        lint = self.ctx.lint
        if lint is None or phrase.id in self.confirmed or not lint.has_error(phrase):
            return True
        problems = "\n".join(
            f"· {f.message}" for f in lint.findings(phrase) if f.severity == "error"
        )
        answer = QMessageBox.question(
            self,
            self.tr("这条短语可能违规"),
            self.tr("「{0}」有问题：\n{1}\n\n仍然复制吗？").format(phrase.title, problems),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.confirmed.add(phrase.id)
        return True

    def _render_messages(self, phrase: Phrase) -> list[str] | None:
        try:
            fills = fill_ins(phrase.text)
        except KefuError as exc:
            self.status.setText(str(exc))
            return None
        values: dict[str, str] = {}
        if fills:
            dialog = FillInDialog(fills, phrase.title, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            values = dialog.values()
        try:
            text = self.ctx.ws.render(
                phrase, buyer=self._buyer_ref(), fills=values, clipboard=self.ctx.clipboard_text
            )
        except KefuError as exc:
            self.status.setText(str(exc))
            return None
        return split_messages(text)

    def toggle_favourite(self) -> None:
        phrase = self.current_phrase()
        if phrase is not None:
            self.ctx.run(
                self, lambda: self.ctx.ws.phrases.edit(phrase.id, favourite=not phrase.favourite)
            )
            self.refresh()

    def edit_current(self) -> None:
        phrase = self.current_phrase()
        if phrase is not None:
            self.ctx.open_editor(phrase.id)

    # -- the current buyer --------------------------------------------------------------
    def _buyer_ref(self) -> BuyerRef | None:
        if self.buyer is None:
            return None
        return BuyerRef(self.buyer.account, self.buyer.remark or None)

    def set_buyer(self, buyer: Buyer | None) -> None:
        self.buyer = buyer
        self.buyer_field.setText(buyer.account if buyer else "")
        self.new_buyer_button.setVisible(False)
        self.card.show_buyer(buyer, self.ctx.ws.buyers.scheme)
        self._update_preview()

    def _reload_buyer(self, buyer: Buyer) -> Buyer | None:
        try:
            return self.ctx.ws.buyers.get(buyer.account, buyer.platform)
        except KefuError:
            return None

    def _pick_buyer_from_clipboard(self) -> None:
        found = self.ctx.ws.buyers.find_in_text(self.ctx.clipboard_text())
        if found is not None:
            self.set_buyer(found)

    def _on_buyer_typed(self, text: str) -> None:
        matches = self.ctx.ws.buyers.search(text, limit=12) if text.strip() else []
        labels = [f"{b.account}（{b.remark}）" if b.remark else b.account for b in matches]
        self._buyer_matches = {label: b for label, b in zip(labels, matches, strict=True)}
        self.buyer_completer.model().setStringList(labels)  # type: ignore[attr-defined]
        known = bool(text.strip()) and self.ctx.ws.buyers.exists(text.strip())
        self.new_buyer_button.setVisible(bool(text.strip()) and not known)
        if not text.strip():
            self.set_buyer(None)

    def _on_buyer_completed(self, label: str) -> None:
        buyer = getattr(self, "_buyer_matches", {}).get(label)
        if buyer is not None:
            self.set_buyer(buyer)
            self.search.setFocus()

    def _on_buyer_entered(self) -> None:
        text = self.buyer_field.text().strip()
        if not text:
            self.set_buyer(None)
            return
        matches = getattr(self, "_buyer_matches", {})
        if text in matches:
            self.set_buyer(matches[text])
        elif self.ctx.ws.buyers.exists(text):
            self.set_buyer(self.ctx.ws.buyers.get(text))
        elif len(matches) == 1:
            self.set_buyer(next(iter(matches.values())))
        else:
            self.new_buyer_button.setVisible(True)
            return
        self.search.setFocus()

    def _new_buyer(self) -> None:
        self.ctx.open_buyer(self.buyer_field.text().strip() or None)

    def _hint(self) -> None:
        self.status.setText(
            self.tr(
                "Enter 复制 · Alt+1…9 选择 · Ctrl+F 收藏 · Ctrl+E 编辑 · Ctrl+B 买家 · Esc 关闭"
            )
        )


def fill_ins_safe(text: str) -> list:  # type: ignore[type-arg]
    try:
        return fill_ins(text)
    except KefuError:
        return []
