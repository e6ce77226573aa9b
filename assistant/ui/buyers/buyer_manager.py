"""买家: the ten groups with counts, a searchable buyer table, the card editor, imports,
and the promises due today or overdue.

The card shows a buyer of the list beside it: when the filters hide that buyer, the card
empties and says so (unless it holds edits not saved yet: then it stays, and says that).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container
from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assistant.core.buyers.listing import Within
from assistant.core.buyers.model import INACTIVE_DAYS, READY_TAGS, Buyer
from assistant.core.buyers.orders import ImportReport, import_orders
from assistant.core.buyers.promises import OpenPromise
from assistant.core.changes import Changed
from assistant.core.workspace import Workspace
from assistant.ui.buyers.buyer_editor import BuyerEditor
from assistant.ui.buyers.buyer_model import BuyerTableModel
from assistant.ui.buyers.due_promises import DuePromises
from assistant.ui.buyers.group_tree import ALL, ARCHIVED, NONE, PROMISES, Filter, GroupTree
from assistant.ui.buyers.import_report import report_text
from assistant.ui.context import UiContext
from assistant.ui.names import listing
from assistant.ui.system.apart import made_apart
from assistant.ui.tasks import BackgroundTask, run_in_background
from assistant.ui.widgets.file_dialogs import ORDER_REPORTS, open_file
from assistant.ui.widgets.selection import select_only_row

COLUMN_EMS = (10, 4, 4, 7, 9, 3, 5, 6)  # 账号 平台 分组 备注名 标签 订单 累计金额 最近下单
TREE_SPARE = 8  # px beside the longest group name
__all__ = ["ALL", "ARCHIVED", "NONE", "PROMISES", "BuyerManager", "report_text"]


class BuyerManager(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filter: Filter = ALL
        self.due: list[OpenPromise] = []  # as of the last refresh
        self.import_task: BackgroundTask | None = None  # an order import in progress
        self.preparing: BackgroundTask | None = None  # the buyer index, made on first opening
        self._sized = False  # the splitter shared out at the first showing only
        self.setWindowTitle(self.tr("买家 — 客服快捷助手"))
        self.tree = GroupTree()
        self.tree.currentItemChanged.connect(self._on_tree)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索账号、备注名、备注、标签（支持拼音）"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh_table)
        self.tag = QComboBox()
        self.tag.addItem(self.tr("全部标签"), "")
        for t in READY_TAGS:
            self.tag.addItem(t, t)
        self.tag.currentIndexChanged.connect(self.refresh_table)
        self.model = BuyerTableModel(ctx.ws.buyers.listing.row, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Widths set once, not fitted to the contents: fitting reads up to 1,000 rows at every
        # keystroke (each a read of the index's copy), and the columns jumped with each query.
        header = self.table.horizontalHeader()
        em = self.fontMetrics().horizontalAdvance("中")
        for column, ems in enumerate(COLUMN_EMS):
            header.resizeSection(column, em * ems)
        header.setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        self.editor = BuyerEditor(ctx)
        self.editor.saved.connect(lambda _b: self.refresh())
        self.promises = DuePromises(ctx)
        self.promises.chosen.connect(self._on_promise)
        self.promises.opened.connect(self._open_promise)
        self.promises.marked.connect(self.refresh)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.promises)
        self.count = QLabel()

        new = QPushButton(self.tr("新建买家"))
        new.clicked.connect(lambda: self.focus_account(""))
        imp = QPushButton(self.tr("导入订单报表…"))
        imp.clicked.connect(self.import_report)
        inactive = QPushButton(self.tr("不活跃买家…"))
        inactive.clicked.connect(self.review_inactive)
        # Keyboard first: each action has its keys, named on its button's tooltip.
        self.search.returnPressed.connect(self._to_list)
        for keys, slot, widget in (
            ("Ctrl+F", self._to_search, self.search),
            ("Ctrl+N", new.click, new),
            ("Ctrl+I", imp.click, imp),
            ("Ctrl+P", self._to_promise, self.editor.promise_text),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)
            widget.setToolTip(keys)
        # The actions sit in a row of their own above the three panes: next to the search
        # box they made the window at least 854 px wide, more than a small laptop screen.
        actions = QHBoxLayout()
        actions.addWidget(new)
        actions.addWidget(imp)
        actions.addWidget(inactive)
        actions.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.tag)
        middle = QWidget()
        ml = QVBoxLayout(middle)
        ml.setContentsMargins(0, 0, 0, 0)
        ml.addLayout(top)
        ml.addWidget(self.pages, 1)
        ml.addWidget(self.count)
        self.split = split = QSplitter()
        split.addWidget(self.tree)
        split.addWidget(middle)
        split.addWidget(self.editor)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addWidget(split)
        h = self.fontMetrics().height()
        self.resize(h * 90, h * 42)
        ctx.changes.listen(self, Changed.BUYERS | Changed.SETTINGS, self.refresh)
        if ctx.ws.buyers.index_at_hand():
            self.refresh()
        else:
            self._prepare_index()
        self.search.setFocus()  # keyboard first: typing at once looks a buyer up

    def _prepare_index(self) -> None:
        """No buyer index yet (a first opening, or after an erase): made in the background
        (~3 s at 50,000 buyers) by a `kefu buyer search --prepare` process (here only when
        that cannot run: made in the app at 50,000 buyers, a desktop walk's app peaked ~60 MB
        higher and held ~17 MB more all day), and the window filled once it is there."""
        self.tree.fill(self.ctx.ws.buyers.scheme.groups(), Counter(), 0, 0, self.filter)
        self.count.setText(self.tr("正在建立买家索引（只在第一次需要）…"))

        def ready() -> None:
            self.preparing = None
            self.refresh()

        self.preparing = run_in_background(
            self.ctx,
            self,
            lambda ws, _step: prepare_buyer_index(ws),
            changes=Changed.NONE,
            after=ready,
            title=self.tr("买家"),
        )

    def _to_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _to_list(self) -> None:
        """Enter in the search box: the first buyer listed on the card, the focus on the list
        (Up and Down choose another)."""
        if self.model.rowCount():
            if not self.table.selectionModel().hasSelection():
                select_only_row(self.table, 0)
            self.table.setFocus()

    def _to_promise(self) -> None:
        """Ctrl+P: write a promise to the buyer on the card."""
        self.editor.promise_text.setFocus()

    def refresh(self) -> None:
        if self.preparing is not None:
            return  # filled when the index is ready
        book = self.ctx.ws.buyers
        self.due = book.due_promises(date.today())
        overdue = sum(1 for o in self.due if o.promise.due != date.today().isoformat())
        self.tree.fill(book.scheme.groups(), book.counts(), len(self.due), overdue, self.filter)
        self.refresh_table()

    def _on_tree(self, item: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None) -> None:
        self.filter = item.data(0, Qt.ItemDataRole.UserRole) if item else ALL
        self.refresh_table()

    def visible_keys(self) -> list[str]:
        """The keys of the buyers the table lists, in order (from the index: no document
        is read, see core/buyers/listing.py)."""
        within: Within = self.filter
        if within == NONE:
            within = 0
        elif within in (ALL, ARCHIVED, PROMISES):
            within = None
        return self.ctx.ws.buyers.listing.keys(
            self.search.text(),
            archived=self.filter == ARCHIVED,
            within=within,
            tag=self.tag.currentData() or "",
        )

    def refresh_table(self) -> None:
        if self.preparing is not None:
            return
        promises = self.filter == PROMISES
        self.pages.setCurrentWidget(self.promises if promises else self.table)
        for narrowing in (self.search, self.tag):  # they narrow the buyer table only
            narrowing.setEnabled(not promises)
        if promises:
            self.promises.show_promises(self.due, date.today())
            self.count.setText(
                self.tr("{0} 条待兑现，其中 {1} 条已逾期").format(
                    len(self.due), self.promises.overdue()
                )
            )
            self._keep_card_in_list({o.buyer.key for o in self.due})
            return
        current = self.editor.buyer
        keys = self.visible_keys()
        self.model.set_rows(keys)
        self.count.setText(self.tr("共 {0} 位").format(len(keys)))
        row = self.model.row_of_key(current.key) if current is not None else None
        if row is not None:
            select_only_row(self.table, row)
        # The card's buyer was looked for just above: not again among 50,000 keys.
        self._keep_card_in_list(() if row is None or current is None else (current.key,))

    def _keep_card_in_list(self, shown: Container[str]) -> None:
        """The card shows a buyer of the list, or none: a buyer the filters hide leaves it."""
        b = self.editor.buyer
        if b is None or b.key in shown:
            return
        if self.editor.has_unsaved_changes():
            self.editor.summary.setText(
                self.tr("{0} 不在当前列表中；卡片上的修改还没有保存").format(b.account)
            )
            return
        self.editor.show_buyer(None)
        self.editor.summary.setText(self.tr("{0} 不在当前列表中").format(b.account))

    def _show_on_card(self, buyer: Buyer) -> None:
        """Show ``buyer`` on the card, unless the card holds unsaved edits of that buyer."""
        shown = self.editor.buyer
        if shown is not None and shown.key == buyer.key and self.editor.has_unsaved_changes():
            return
        self.editor.show_buyer(buyer)

    def _on_row(self, index: QModelIndex, _prev: QModelIndex) -> None:
        row = self.model.buyer(index.row())
        if row is None:
            return
        buyer = self.ctx.ws.buyers.of_key(row.key)  # the card needs all: one document read
        if buyer is not None:  # else removed by another process: the next refresh drops it
            self._show_on_card(buyer)

    def _on_promise(self, chosen: OpenPromise | None) -> None:
        if chosen is not None:
            self._show_on_card(chosen.buyer)

    def _open_promise(self, chosen: OpenPromise) -> None:
        """A double-click: the focus goes to that promise on the buyer's card."""
        self._show_on_card(chosen.buyer)
        self.editor.promise_box.select(chosen.number)
        self.editor.promises.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            self.share_width()

    def share_width(self) -> None:
        """The list as wide as its columns, the group tree as its names, the card the rest
        (never under its own minimum): left to the splitter's stretch factors, a 1280-pixel
        screen hid 累计金额 and 最近下单 behind a scroll bar while the tree had room to spare."""
        total = sum(self.split.sizes())
        if total <= 0:
            return
        tree = self.tree.sizeHintForColumn(0) + 2 * self.tree.frameWidth() + TREE_SPARE
        table = self.table
        columns = (
            table.horizontalHeader().length()
            + table.verticalScrollBar().sizeHint().width()
            + 2 * table.frameWidth()
        )
        card = self.editor.minimumSizeHint().width()
        middle = max(min(columns, total - tree - card), 0)
        self.split.setSizes([tree, middle, max(total - tree - middle, card)])

    def focus_account(self, account: str) -> None:
        """Open ``account``'s card (in 全部买家, found by the search), or a new card for it."""
        if account and self.ctx.ws.buyers.exists(account):
            buyer = self.ctx.ws.buyers.get(account)
            self.filter = ALL
            self.tree.choose(ALL)
            with QSignalBlocker(self.tag), QSignalBlocker(self.search):
                self.tag.setCurrentIndex(0)
                self.search.setText(account)
            self.editor.show_buyer(buyer)
            self.refresh_table()
        else:
            self.editor.show_buyer(None, account)
            self.editor.account.setFocus()

    def import_report(self) -> None:
        path = open_file(
            self,
            self.ctx.ws,
            ORDER_REPORTS,
            self.tr("选择订单报表"),
            self.tr("订单报表 (*.csv *.xlsx *.txt)"),
        )
        if path is not None:
            self.import_report_file(path)

    def import_report_file(self, path: Path) -> BackgroundTask:
        """Read the report in the background (a dry run), ask, then import in the
        background with a progress bar: 50,000 rows take seconds, and the quick panel must
        keep answering meanwhile."""
        progress = self._progress(self.tr("正在读取 {0}…").format(path.name))

        def confirm(preview: ImportReport) -> None:
            answer = QMessageBox.question(
                self,
                self.tr("导入订单报表"),
                self.tr("将要进行以下修改：")
                + "\n\n"
                + report_text(preview)
                + "\n\n"
                + self.tr("确定导入吗？"),
            )
            if answer == QMessageBox.StandardButton.Yes:
                self._apply_report(path)

        self.import_task = run_in_background(
            self.ctx,
            self,
            lambda ws, _step: import_orders(ws.buyers, path, dry_run=True),
            changes=Changed.NONE,
            done=confirm,
            after=progress.close,
            title=self.tr("导入订单报表"),
        )
        return self.import_task

    def _apply_report(self, path: Path) -> None:
        progress = self._progress(self.tr("正在导入 {0}…").format(path.name))

        def step(done: int, total: int) -> None:
            progress.setMaximum(max(total, 1))
            progress.setValue(done)

        self.import_task = run_in_background(
            self.ctx,
            self,
            lambda ws, report_step: import_orders(ws.buyers, path, progress=report_step),
            changes=Changed.BUYERS,
            done=lambda report: QMessageBox.information(
                self, self.tr("导入完成"), report_text(report)
            ),
            progress=step,
            after=progress.close,
            title=self.tr("导入订单报表"),
        )

    def _progress(self, text: str) -> QProgressDialog:
        """Over this window only: the quick panel and the other windows stay usable."""
        progress = QProgressDialog(text, "", 0, 0, self)
        progress.setWindowTitle(text)  # what it is doing: not the question's title
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.show()
        return progress

    def review_inactive(self) -> None:
        book = self.ctx.ws.buyers
        stale = book.inactive(INACTIVE_DAYS)
        if not stale:
            QMessageBox.information(
                self, self.tr("不活跃买家"), self.tr("没有 180 天内无订单、无联系的买家")
            )
            return
        names = listing([b.account for b in stale[:30]]) + ("…" if len(stale) > 30 else "")
        answer = QMessageBox.question(
            self,
            self.tr("不活跃买家"),
            self.tr(
                "{0} 位买家 180 天内没有订单和联系：\n{1}\n\n归档他们吗？（可随时恢复）"
            ).format(len(stale), names),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.run(self, lambda: book.prune(INACTIVE_DAYS), changes=Changed.BUYERS)


PREPARE_TIMEOUT_S = 300


def prepare_buyer_index(ws: Workspace) -> None:
    """In a background task's thread: the buyer index's cache made apart, or here."""
    args = ("buyer", "search", "--prepare")
    if not made_apart(ws.path, *args, timeout=PREPARE_TIMEOUT_S, what="buyer index"):
        ws.buyers.prepare_index()
