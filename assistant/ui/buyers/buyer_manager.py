"""买家: the ten groups with counts, a searchable buyer table, the card editor, imports."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assistant.core.buyers.model import INACTIVE_DAYS, READY_TAGS, Buyer
from assistant.core.buyers.orders import ImportReport, import_orders
from assistant.core.changes import Changed
from assistant.ui.buyers.buyer_editor import BuyerEditor
from assistant.ui.buyers.buyer_model import BuyerTableModel
from assistant.ui.context import UiContext
from assistant.ui.tasks import BackgroundTask, run_in_background

ALL, NONE, ARCHIVED = "all", "none", "archived"


def report_text(report: ImportReport) -> str:
    lines = [
        f"读取 {report.rows} 行；计入已付款订单 {report.orders_counted} 笔，"
        f"未付款 {report.unpaid} 笔，已导入过 {report.duplicates} 笔",
        f"新建买家 {report.buyers_created} 位，更新 {report.buyers_updated} 位，"
        f"新标记回头客 {report.tagged} 位，移入「成交买家」{report.moved} 位",
    ]
    if report.skipped:
        lines.append(f"跳过 {len(report.skipped)} 行：")
        lines += [f"  第 {line} 行：{why}" for line, why in report.skipped[:20]]
    return "\n".join(lines)


class BuyerManager(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filter: str | int = ALL
        self.import_task: BackgroundTask | None = None  # an order import in progress
        self.setWindowTitle(self.tr("买家 — 客服快捷助手"))
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
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
        self.model = BuyerTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        self.editor = BuyerEditor(ctx)
        self.editor.saved.connect(lambda _b: self.refresh())
        self.count = QLabel()

        new = QPushButton(self.tr("新建买家"))
        new.clicked.connect(lambda: self.focus_account(""))
        imp = QPushButton(self.tr("导入订单报表…"))
        imp.clicked.connect(self.import_report)
        inactive = QPushButton(self.tr("不活跃买家…"))
        inactive.clicked.connect(self.review_inactive)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.tag)
        top.addWidget(new)
        top.addWidget(imp)
        top.addWidget(inactive)
        middle = QWidget()
        ml = QVBoxLayout(middle)
        ml.addLayout(top)
        ml.addWidget(self.table, 1)
        ml.addWidget(self.count)
        split = QSplitter()
        split.addWidget(self.tree)
        split.addWidget(middle)
        split.addWidget(self.editor)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        h = self.fontMetrics().height()
        self.resize(h * 90, h * 42)
        ctx.changes.listen(self, Changed.BUYERS | Changed.SETTINGS, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self._fill_tree()
        self.refresh_table()

    def _fill_tree(self) -> None:
        book = self.ctx.ws.buyers
        counts = book.counts()
        self.tree.blockSignals(True)
        self.tree.clear()
        current: QTreeWidgetItem | None = None
        for key, label in ((ALL, self.tr("全部买家")), (NONE, self.tr("未分组"))):
            item = QTreeWidgetItem([label])
            item.setData(0, Qt.ItemDataRole.UserRole, key)
            self.tree.addTopLevelItem(item)
            current = item if self.filter == key else current
        for g in book.scheme.groups():
            item = QTreeWidgetItem([f"{g.label(padded=False)}（{counts.get(str(g.number), 0)}）"])
            item.setData(0, Qt.ItemDataRole.UserRole, g.number)
            self.tree.addTopLevelItem(item)
            current = item if self.filter == g.number else current
            for letter in g.subgroups:
                code = g.sub_code(letter)
                label = g.sub_label(letter, padded=False)
                child = QTreeWidgetItem([f"{label}（{counts.get(code, 0)}）"])
                child.setData(0, Qt.ItemDataRole.UserRole, code)
                item.addChild(child)
                current = child if self.filter == code else current
        archived = QTreeWidgetItem([self.tr("已归档")])
        archived.setData(0, Qt.ItemDataRole.UserRole, ARCHIVED)
        self.tree.addTopLevelItem(archived)
        self.tree.expandAll()
        if self.filter == ARCHIVED:
            current = archived
        if current is not None:  # else the filter's group is gone, and the cleared tree has none
            self.tree.setCurrentItem(current)
        self.tree.blockSignals(False)

    def _on_tree(self, item: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None) -> None:
        self.filter = item.data(0, Qt.ItemDataRole.UserRole) if item else ALL
        self.refresh_table()

    def visible_buyers(self) -> list[Buyer]:
        book = self.ctx.ws.buyers
        archived = self.filter == ARCHIVED
        query = self.search.text().strip()
        buyers = book.search(query, archived=archived) if query else book.all(archived=archived)
        f = self.filter
        if isinstance(f, int):
            buyers = [b for b in buyers if b.group == f]
        elif f == NONE:
            buyers = [b for b in buyers if not b.group]
        elif f not in (ALL, ARCHIVED):
            buyers = [b for b in buyers if b.subgroup == f]
        tag = self.tag.currentData()
        if tag:
            buyers = [b for b in buyers if tag in b.tags]
        return buyers

    def refresh_table(self) -> None:
        current = self.editor.buyer
        buyers = self.visible_buyers()
        self.model.set_rows(buyers)
        self.count.setText(self.tr("共 {0} 位").format(len(buyers)))
        if current is not None:
            for row, b in enumerate(buyers):
                if b.key == current.key:
                    self.table.selectRow(row)
                    break

    def _on_row(self, index: QModelIndex, _prev: QModelIndex) -> None:
        buyer = self.model.buyer(index.row())
        if buyer is not None:
            self.editor.show_buyer(buyer)

    def focus_account(self, account: str) -> None:
        if account and self.ctx.ws.buyers.exists(account):
            buyer = self.ctx.ws.buyers.get(account)
            self.search.setText(account)
            self.editor.show_buyer(buyer)
        else:
            self.editor.show_buyer(None, account)
            self.editor.account.setFocus()

    def import_report(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择订单报表"), "", self.tr("订单报表 (*.csv *.xlsx *.txt)")
        )
        if name:
            self.import_report_file(Path(name))

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
        progress.setWindowTitle(self.tr("导入订单报表"))
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
        names = "、".join(b.account for b in stale[:30]) + ("…" if len(stale) > 30 else "")
        answer = QMessageBox.question(
            self,
            self.tr("不活跃买家"),
            self.tr(
                "{0} 位买家 180 天内没有订单和联系：\n{1}\n\n归档他们吗？（可随时恢复）"
            ).format(len(stale), names),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.run(self, lambda: book.prune(INACTIVE_DAYS), changes=Changed.BUYERS)
