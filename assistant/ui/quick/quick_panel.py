"""The quick panel: type, pick, Enter — the reply is on the clipboard.

Keys: typing searches (Chinese, pinyin, initials, codes); Up/Down move; Enter or a
double-click copies; Alt+1…9 copy one of the first nine rows; Ctrl+F toggles favourite;
Ctrl+E edits; Esc hides (or cancels a question). A phrase holding several messages (lines of
``---`` between them) copies one message per Enter and shows "2/3" meanwhile.

Everything the panel asks (fill-ins, an unset shop field, a lint confirmation, 新建买家) is
asked on its own ``AskPage``, never in a separate window that a window manager could stack
under the always-on-top panel. Like a launcher, the panel hides when another window takes the
focus, and gives the focus back to the window it came from when it hides itself.

The buyer is derived from the clipboard at every opening: a known account in the copied text
picks that buyer; anything else clears it, unless the clipboard still holds what the panel
itself copied last (the same conversation goes on).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QCursor, QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from assistant.core.buyers.model import Buyer, looks_like_account
from assistant.core.changes import Changed
from assistant.core.errors import KefuError
from assistant.core.phrases.model import Phrase
from assistant.ui.context import UiContext
from assistant.ui.quick.answering import PanelQuestion, looks_like_question
from assistant.ui.quick.ask_page import Answer, AskPage, Field
from assistant.ui.quick.buyer_bar import BuyerBar
from assistant.ui.quick.buyer_card import BuyerCard
from assistant.ui.quick.launcher_window import LauncherWindow
from assistant.ui.quick.lint_marks import LintMarks
from assistant.ui.quick.message_stepping import CopiedMessage, MessageStepper, PendingMessages
from assistant.ui.quick.panel_trace import install as install_trace
from assistant.ui.quick.preview import phrase_warning, preview_text
from assistant.ui.quick.result_table import ResultTable
from assistant.ui.widgets.han_font import with_han_fallback
from assistant.ui.widgets.search_field import SearchField

RESULT_LIMIT = 60
SHORTCUTS = ("Ctrl+F", "Ctrl+E", "Ctrl+B", "Ctrl+L", "Ctrl+N")  # the panel's, not the search box's


class QuickPanel(LauncherWindow):
    copied = Signal(str)  # the text put on the clipboard

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.restore_focus = ctx.paster.focus.restore
        self.buyer: Buyer | None = None
        self._notice: str | None = None  # shown on the status line at the next opening
        self._opened_with: str | None = None  # the clipboard the buyer was derived from
        self.ask_page = AskPage()
        self.ask_page.started.connect(self._show_question)
        self.ask_page.finished.connect(self._back_to_results)
        self.stepper = MessageStepper(ctx, self, self.ask_page, self._say)
        self.auto_paste = False
        self.paste_delay_ms = 150
        self.setWindowTitle(self.tr("快速查找 — 客服快捷助手"))
        self.setWindowFlags(Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("QuickPanel")
        self.setFont(with_han_fallback(self.font()))  # its children's text is laid out sooner
        self.question = PanelQuestion(ctx, self)  # the buyer's message it answers, if any
        self.question.source.made.connect(self._on_answers_ready)
        self._build_search()
        self._build_table()
        self._build_buyer_bar()
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setPlaceholderText(self.tr("预览"))
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self._build_layout()
        self._connect_shortcuts()
        self._hint()
        font_h = self.fontMetrics().height()
        self.resize(font_h * 46, font_h * 30)
        ctx.changes.listen(self, Changed.ALL, self.refresh)
        # Only with KEFU_TRACE_PANEL set (bench/measure_panel.py): timings of each keystroke.
        self._trace = install_trace(
            self, self.search, self.table, answering=lambda: not self.question.label.isHidden()
        )

    def _build_search(self) -> None:
        self.search = SearchField()
        self.search.setPlaceholderText(self.tr("输入中文、拼音、首字母或快捷编码…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_query_changed)
        self.search.move_by.connect(self._move)
        self.search.activated.connect(self.copy_current)
        self.search.pick.connect(self.copy_row)
        self.search.keep_for_window(SHORTCUTS)
        self.search.paste_hook = self._paste_question

    def _build_table(self) -> None:
        self.table = ResultTable()
        self.model = self.table.phrases
        self.model.show_thumbnails(self.ctx.thumbnails())
        self.lint_marks = LintMarks(self.model, lambda: self.ctx.lint, self)
        self.table.doubleClicked.connect(lambda index: self.copy_row(index.row()))
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)

    def _build_buyer_bar(self) -> None:
        self.buyer_bar = BuyerBar(self.ctx)
        self.buyer_bar.picked.connect(self._on_buyer_picked)
        self.buyer_bar.cleared.connect(lambda: self.set_buyer(None))
        self.buyer_bar.new_buyer.connect(self.ask_new_buyer)
        self.buyer_field = self.buyer_bar.field
        self.new_buyer_button = self.buyer_bar.new_buyer_button
        self.card = BuyerCard()

    def _build_layout(self) -> None:
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
        self.empty = QWidget()
        empty_row = QHBoxLayout(self.empty)
        empty_row.setContentsMargins(0, 0, 0, 0)
        self.empty_label = QLabel()
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)  # the query is user text
        self.new_phrase_button = QPushButton(self.tr("新建短语（Ctrl+N）"))
        self.new_phrase_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.new_phrase_button.clicked.connect(self.new_phrase)
        empty_row.addWidget(self.empty_label, 1)
        empty_row.addWidget(self.new_phrase_button)
        self.empty.setVisible(False)
        results = QWidget()
        page = QVBoxLayout(results)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.search)
        page.addWidget(self.question.label)
        page.addWidget(self.buyer_bar)
        page.addWidget(self.empty)
        page.addWidget(split, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(results)
        self.pages.addWidget(self.ask_page)
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(frame)
        inner.addWidget(self.pages, 1)
        inner.addWidget(self.status)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)

    def _connect_shortcuts(self) -> None:
        for keys, slot in (
            ("Esc", self.escape),
            ("Ctrl+F", self.toggle_favourite),
            ("Ctrl+E", self.edit_current),
            ("Ctrl+B", self.buyer_field.setFocus),
            ("Ctrl+L", self.search.setFocus),
            ("Ctrl+N", self.new_phrase),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

    @property
    def pending(self) -> PendingMessages | None:
        """The multi-message phrase being copied one message per Enter, if any."""
        return self.stepper.pending

    @property
    def confirmed(self) -> set[str]:
        return self.stepper.confirmed

    # -- showing ------------------------------------------------------------------------
    def open_near_pointer(self) -> None:
        clip = self.ctx.clipboard_text()
        # A new opening: hidden, or still showing while the agent copied something else in
        # the chat (the hotkey can be handled before the focus change that hides the panel).
        if not self.isVisible() or clip != self._opened_with:
            self._opened_with = clip
            self._derive_buyer_from_clipboard(clip)
            if self.question.take(clip) and self.pending is None:
                self.search.clear()  # the empty search box shows the answers
        if self.pending is None:
            self.search.selectAll()
        self.refresh()
        if self._notice and self.pending is None:
            self.status.setText(self._notice)
            self._notice = None
        self.opening()
        self.fit_height(QCursor.pos())
        self.place_near(QCursor.pos())
        self.show()
        self.raise_()
        self.activateWindow()
        if self.asking:
            self.ask_page.focus_first()
        else:
            self.search.setFocus()

    def set_notice(self, text: str) -> None:
        """Something the agent should see next time (a team pack updated, a sync failed)."""
        self._notice = text
        if self.isVisible() and self.pending is None and not self.asking:
            self.status.setText(text)
            self._notice = None

    def escape(self) -> None:
        """Esc: cancel a question, else hide and give the focus back to the chat window."""
        if self.asking:
            self.ask_page.cancel()
            return
        self.hide_and_return()

    def hideEvent(self, event: QHideEvent) -> None:
        self.ask_page.cancel()  # the next opening starts clean
        super().hideEvent(event)

    # -- asking, inside the panel ----------------------------------------------------------
    @property
    def asking(self) -> bool:
        return self.ask_page.asking

    def _show_question(self) -> None:
        self.pages.setCurrentWidget(self.ask_page)
        self._say(self._question_hint())  # the results' shortcuts do nothing here

    def _back_to_results(self) -> None:
        self.pages.setCurrentIndex(0)
        if self.status.text() == self._question_hint():  # not a copy's progress line
            self._hint()
        if self.isVisible():
            self.search.setFocus()

    def _question_hint(self) -> str:
        return self.tr("Enter 下一项，填完确定 · Tab 切换 · Esc 取消")

    # -- answering the buyer's question -------------------------------------------------
    def _paste_question(self) -> bool:
        """Ctrl+V into the empty search box with a buyer's message on the clipboard: answer it."""
        if self.search.text() or not self.question.take(self.ctx.clipboard_text(), pasted=True):
            return False  # an ordinary paste
        self.refresh(keep_selection=False)
        return True

    def _on_answers_ready(self) -> None:
        if self.isVisible() and self.question.text and not self.search.text():
            self.refresh(keep_selection=False)

    # -- searching ----------------------------------------------------------------------
    def _on_query_changed(self) -> None:
        self.refresh(keep_selection=False)  # a new query starts at its best result

    def refresh(self, keep_selection: bool = True) -> None:
        """Re-run the search; a refresh after a data change keeps the selected phrase."""
        query = self.search.text()
        current = self.current_phrase() if keep_selection else None
        answers = self.question.rows(query, RESULT_LIMIT)
        if answers is not None:
            rows = answers
        elif query.strip():
            rows = self.ctx.ws.phrases.search(query, limit=RESULT_LIMIT)
        else:
            rows = self.ctx.ws.phrases.suggested(RESULT_LIMIT)
        self.lint_marks.show_rows(rows)
        self._show_empty(query if not rows and query.strip() else None)
        keep = (self.table.row_of(current.id) if current is not None else None) or 0
        self.stepper.forget_unless(current)
        self._select(keep if rows else -1)
        if self.buyer is not None:
            self.buyer = self._reload_buyer(self.buyer)
            self.card.show_buyer(self.buyer, self.ctx.ws.buyers.scheme)

    def _show_empty(self, query: str | None) -> None:
        """No result: say so, and offer to write the phrase that was looked for."""
        self.empty.setVisible(query is not None)
        if query is not None:
            self.empty_label.setText(
                self.tr("没有找到“{0}”。按 Ctrl+N 新建一条短语。").format(query.strip())
            )

    def new_phrase(self) -> None:
        if self.asking:
            return
        self.hide()  # the editor is a window of its own: never under the panel
        self.ctx.open_editor(None)

    def current_phrase(self) -> Phrase | None:
        return self.table.current_phrase()

    def _select(self, row: int) -> None:
        moves = row != self.table.currentIndex().row()  # then _on_current_changed is called
        self.table.select_row(row)
        if row < 0:
            self.preview.setPlainText("")
        elif not moves:  # the same row, maybe another phrase in it (new results)
            self._on_current_changed(self.table.currentIndex(), self.table.currentIndex())

    def _move(self, delta: int) -> None:
        row = self.table.row_moved_by(delta)
        if row is not None:
            self._select(row)

    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self.stepper.forget_unless(self.model.phrase(current.row())):
            self._hint()
        self._update_preview()

    def _update_preview(self) -> None:
        phrase = self.current_phrase()
        if phrase is None:
            self.preview.setPlainText("")
            return
        self.preview.setPlainText(preview_text(self.ctx.ws, phrase, self.buyer))
        if self.pending is not None:
            return  # the status says which message comes next
        warning = phrase_warning(self.ctx.ws, self.ctx.lint, phrase)
        if warning is not None:
            self.status.setText(warning)
        else:
            self._hint()

    # -- copying ------------------------------------------------------------------------
    def copy_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self._select(row)
            self.copy_current()

    def copy_current(self) -> None:
        phrase = self.current_phrase()
        if phrase is None or self.asking:
            return
        self.stepper.copy_next(phrase, self.buyer, self._after_copy)

    def copy_phrase(self, phrase: Phrase) -> None:
        """Copy ``phrase`` as Enter on it would: its first message, the next one per Enter.

        For the tray menu; the panel is open and shows the phrase."""
        self.search.setText(phrase.code or phrase.title)
        row = self.table.row_of(phrase.id)
        if row is not None:
            self._select(row)
            self.copy_current()
            return

        # Not among the results for its own code or title: copy the first message, say so.
        def first_only(copied: CopiedMessage) -> None:
            self.stepper.pending = None  # stepping follows the selected row: not listed
            self._after_copy(copied)
            if copied.more:
                self.status.setText(
                    self.tr("已复制第 1/{0} 条；其余几条请在列表中选中「{1}」后按 Enter").format(
                        copied.total, phrase.title
                    )
                )

        self.stepper.copy_next(phrase, self.buyer, first_only)

    def _after_copy(self, copied: CopiedMessage) -> None:
        self.copied.emit(copied.text)
        phrase = self.current_phrase()
        if copied.number == 1 and phrase is not None:
            self.question.copied(phrase.id)  # the answer the agent chose for the question
        if copied.more:
            self.status.setText(copied.progress())
            if self.auto_paste:
                self.hide()
                self.ctx.paster.paste_soon(self.paste_delay_ms)
            return
        self._hint()
        if self.auto_paste:
            self.hide()
            self.ctx.paster.paste_soon(self.paste_delay_ms)  # gives the focus back first
        else:
            self.hide_and_return()

    def toggle_favourite(self) -> None:
        phrase = self.current_phrase()
        if phrase is not None:
            self.ctx.run(
                self,
                lambda: self.ctx.ws.phrases.edit(phrase.id, favourite=not phrase.favourite),
                changes=Changed.PHRASES,
                say=self._say,
            )
            self.refresh()

    def edit_current(self) -> None:
        phrase = self.current_phrase()
        if phrase is not None and not self.asking:
            self.hide()  # the editor is a window of its own: never under the panel
            self.ctx.open_editor(phrase.id)

    # -- the current buyer --------------------------------------------------------------
    def set_buyer(self, buyer: Buyer | None) -> None:
        self.buyer = buyer
        self.buyer_bar.show_buyer(buyer)
        self.card.show_buyer(buyer, self.ctx.ws.buyers.scheme)
        self._update_preview()

    def _on_buyer_picked(self, buyer: Buyer) -> None:
        self.set_buyer(buyer)
        self.search.setFocus()

    def _reload_buyer(self, buyer: Buyer) -> Buyer | None:
        try:
            return self.ctx.ws.buyers.get(buyer.account, buyer.platform)
        except KefuError:
            return None

    def _derive_buyer_from_clipboard(self, clip: str) -> None:
        if clip and clip == self.ctx.last_copied:
            if self.buyer is not None:
                self.set_buyer(self._reload_buyer(self.buyer))
            return  # the panel's own last copy: the same conversation goes on
        found = self.ctx.ws.buyers.find_in_text(clip)
        self.set_buyer(found)
        # A buyer's short question ("包邮不") is one word, as an account is: it is answered,
        # not offered as a new buyer.
        if found is None and looks_like_account(clip) and not looks_like_question(clip):
            self.buyer_bar.offer(clip.strip())

    def ask_new_buyer(self, account: str) -> None:
        """新建买家, asked on the panel's own page: the account and a remark name."""

        def save(answer: Answer) -> str | None:
            values = answer.values
            try:
                buyer = self.ctx.ws.buyers.add(
                    values["account"], remark=values.get("remark") or None
                )
            except KefuError as exc:
                return str(exc)
            self.ctx.changes.notify(Changed.BUYERS)
            self.set_buyer(buyer)
            return None

        self.ask_page.ask(
            self.tr("新建买家"),
            self.tr("备注名会替换短语里的 {昵称}；标签、尺码等以后在“买家”窗口里补充。"),
            [
                Field("account", self.tr("账号"), account),
                Field("remark", self.tr("备注名"), required=False),
            ],
            self.tr("保存（Enter）"),
            save,
        )

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _hint(self) -> None:
        self.status.setText(
            self.tr(
                "Enter 复制 · Alt+1…9 直接复制第 1…9 行 · Ctrl+F 收藏 · Ctrl+E 编辑 · "
                "Ctrl+N 新建 · Ctrl+B 买家 · Esc 关闭"
            )
        )
