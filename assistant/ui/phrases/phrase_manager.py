"""短语管理: packs and groups on the left, phrases in a sortable table, editing and undo."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QSplitter,
    QStyle,
    QTableView,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assistant.core.changes import Changed
from assistant.core.paths import resources_dir
from assistant.core.phrases.model import Phrase
from assistant.ui.context import UiContext
from assistant.ui.names import counted
from assistant.ui.packs.pack_io_dialogs import export_dialog, import_with_preview
from assistant.ui.phrases.phrase_editor import PhraseEditor
from assistant.ui.phrases.phrase_model import PHRASE_ROLE, PhraseTableModel
from assistant.ui.widgets.dialogs import ask
from assistant.ui.widgets.rows_model import Index

ALL = ("", "")
CONTENT = 2  # the table's column of phrase texts: it takes the width the others leave
Pixmap = QStyle.StandardPixmap
Theme = QIcon.ThemeIcon
# action -> the desktop theme's icon, and the style's own where there is no theme (Windows)
ICONS: dict[str, tuple[Theme, Pixmap]] = {
    "new": (Theme.DocumentNew, Pixmap.SP_FileIcon),
    "edit": (Theme.DocumentProperties, Pixmap.SP_FileDialogDetailedView),
    "duplicate": (Theme.EditCopy, Pixmap.SP_FileLinkIcon),
    "delete": (Theme.EditDelete, Pixmap.SP_TrashIcon),
    "undo": (Theme.EditUndo, Pixmap.SP_ArrowBack),
    "move": (Theme.FolderOpen, Pixmap.SP_DirIcon),
    "from_clipboard": (Theme.EditPaste, Pixmap.SP_FileDialogContentsView),
    "import": (Theme.DocumentOpen, Pixmap.SP_DialogOpenButton),
    "export": (Theme.DocumentSaveAs, Pixmap.SP_DialogSaveButton),
}


class SortModel(QSortFilterProxyModel):
    """Sorts use counts as numbers, everything else as text."""

    def lessThan(self, left: Index, right: Index) -> bool:
        a = self.sourceModel().data(left, Qt.ItemDataRole.DisplayRole)
        b = self.sourceModel().data(right, Qt.ItemDataRole.DisplayRole)
        if isinstance(a, int) and isinstance(b, int):
            return a < b
        return str(a) < str(b)


class PhraseManager(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filter: tuple[str, str] = ALL  # (pack, group)
        self._undo: list[dict[str, Any]] = []
        self.setWindowTitle(self.tr("短语管理 — 客服快捷助手"))

        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.currentItemChanged.connect(self._on_tree)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索（中文、拼音、首字母、编码）"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh_table)

        self.model = PhraseTableModel(columns=(0, 1, 2, 3, 4, 5, 6, PhraseTableModel.IMAGES))
        self.model.show_thumbnails(ctx.thumbnails())
        self.proxy = SortModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # library order until asked
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(int(self.fontMetrics().height() * 1.6))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self._size_columns()
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())

        self.count = QLabel()
        tools = QToolBar()
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.actions_by_name: dict[str, QAction] = {}
        for name, label, keys, slot in (
            ("new", self.tr("新建"), "Ctrl+N", self.new_phrase),
            ("edit", self.tr("编辑"), "Return", self.edit_selected),
            ("duplicate", self.tr("复制一份"), "Ctrl+D", self.duplicate_selected),
            ("delete", self.tr("删除"), "Delete", self.delete_selected),
            ("undo", self.tr("撤销删除"), "Ctrl+Z", self.undo_delete),
            ("favourite", self.tr("收藏/取消收藏"), "Ctrl+F", self.toggle_favourite),
            ("move", self.tr("移动到分组…"), "Ctrl+M", self.move_selected),
            ("from_clipboard", self.tr("剪贴板存为新短语"), "Ctrl+Shift+V", self.from_clipboard),
            ("import", self.tr("导入…"), "Ctrl+I", self.import_file),
            ("export", self.tr("导出…"), "Ctrl+Shift+E", self.export_file),
        ):
            action = QAction(self._icon(name), label, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            tools.addAction(action)
            self.actions_by_name[name] = action
        self.actions_by_name["undo"].setEnabled(False)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addWidget(self.search)
        rl.addWidget(self.table, 1)
        rl.addWidget(self.count)
        split = QSplitter()
        split.addWidget(self.tree)
        split.addWidget(right)
        split.setStretchFactor(1, 4)
        layout = QVBoxLayout(self)
        layout.addWidget(tools)
        row = QHBoxLayout()
        row.addWidget(split)
        layout.addLayout(row, 1)
        h = self.fontMetrics().height()
        self.resize(h * 86, h * 40)  # 86: room for the images column too
        split.setSizes([h * 14, h * 66])  # the tree's names are short; 内容 needs the room
        ctx.changes.listen(
            self, Changed.PHRASES | Changed.PACKS | Changed.USAGE | Changed.SETTINGS, self.refresh
        )
        self.refresh()

    def _size_columns(self) -> None:
        """Widths set once, for the longest usual value: sized to the rows shown, every
        query made the columns jump, and a long title squeezed 内容 to nothing."""
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(CONTENT, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        fm = self.fontMetrics()
        pad = fm.height()  # the cell's margins and the sort arrow
        samples = (
            "★⚠",
            "标" * 11,
            "",
            "分" * 5,
            "m" * 8,
            "使用次数",
            "2025-12-31 23:59",
            "图图图9 张",
        )
        for column, sample in enumerate(samples):
            if column != CONTENT:
                name = str(self.model.headerData(column, Qt.Orientation.Horizontal, 0))
                width = max(fm.horizontalAdvance(sample), fm.horizontalAdvance(name))
                header.resizeSection(column, width + pad)

    def _icon(self, name: str) -> QIcon:
        if name == "favourite":
            return QIcon(str(resources_dir() / "icons" / "favourite.svg"))
        theme, pixmap = ICONS[name]
        return QIcon.fromTheme(theme, self.style().standardIcon(pixmap))

    # -- showing ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self._fill_tree()
        self.refresh_table()

    def _fill_tree(self) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        phrases = self.ctx.ws.phrases.all(include_hidden=True)
        root = QTreeWidgetItem([self.tr("全部短语（{0}）").format(len(phrases))])
        root.setData(0, Qt.ItemDataRole.UserRole, ALL)
        self.tree.addTopLevelItem(root)
        packs: dict[str, dict[str, int]] = {}
        for p in phrases:
            groups = packs.setdefault(p.pack, {})
            groups[p.group] = groups.get(p.group, 0) + 1
        current = root
        for pack, groups in sorted(packs.items()):
            item = QTreeWidgetItem([counted(pack, sum(groups.values()))])
            item.setData(0, Qt.ItemDataRole.UserRole, (pack, ""))
            root.addChild(item)
            if self.filter == (pack, ""):
                current = item
            for group, n in sorted(groups.items()):
                child = QTreeWidgetItem([counted(group, n)])
                child.setData(0, Qt.ItemDataRole.UserRole, (pack, group))
                item.addChild(child)
                if self.filter == (pack, group):
                    current = child
        self.tree.expandToDepth(0)
        self.tree.setCurrentItem(current)
        self.tree.blockSignals(False)

    def _on_tree(self, item: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None) -> None:
        self.filter = item.data(0, Qt.ItemDataRole.UserRole) if item else ALL
        self.refresh_table()

    def refresh_table(self) -> None:
        query = self.search.text().strip()
        library = self.ctx.ws.phrases
        rows = (
            library.search(query, include_hidden=True)
            if query
            else library.all(include_hidden=True)
        )
        pack, group = self.filter
        rows = [p for p in rows if (not pack or p.pack == pack) and (not group or p.group == group)]
        self.model.set_rows(rows)
        self.count.setText(self.tr("共 {0} 条").format(len(rows)))

    def selected(self) -> list[Phrase]:
        out = []
        for index in self.table.selectionModel().selectedRows():
            phrase = self.proxy.data(index, PHRASE_ROLE)
            if phrase is not None:
                out.append(phrase)
        return out

    # -- actions ---------------------------------------------------------------------------
    def new_phrase(self, text: str = "") -> None:
        ask(PhraseEditor(self.ctx, None, self, initial_text=text if isinstance(text, str) else ""))

    def edit_selected(self) -> None:
        chosen = self.selected()
        if chosen:
            ask(PhraseEditor(self.ctx, chosen[0], self))

    def duplicate_selected(self) -> None:
        for p in self.selected():
            self.ctx.run(
                self,
                partial(
                    self.ctx.ws.phrases.add,
                    p.text,
                    title=p.title + self.tr("（副本）"),
                    group=p.group,
                    tags=p.tags,
                ),
                changes=Changed.PHRASES,
            )

    def delete_selected(self) -> None:
        library = self.ctx.ws.phrases
        for p in self.selected():
            snapshot = library.snapshot(p.id)
            if (
                self.ctx.run(
                    self, partial(library.remove, p.id), changes=Changed.PHRASES | Changed.USAGE
                )
                is not None
            ):
                self._undo.append(snapshot)
        self.actions_by_name["undo"].setEnabled(bool(self._undo))

    def undo_delete(self) -> None:
        if not self._undo:
            return
        snapshot = self._undo.pop()
        self.ctx.run(
            self,
            lambda: self.ctx.ws.phrases.restore(snapshot),
            changes=Changed.PHRASES | Changed.USAGE,
        )
        self.actions_by_name["undo"].setEnabled(bool(self._undo))

    def toggle_favourite(self) -> None:
        for p in self.selected():
            self.ctx.run(
                self,
                partial(self.ctx.ws.phrases.edit, p.id, favourite=not p.favourite),
                changes=Changed.PHRASES,
            )

    def move_selected(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        groups = [g for g, _ in self.ctx.ws.phrases.groups()]
        group, ok = QInputDialog.getItem(
            self, self.tr("移动到分组"), self.tr("分组："), groups, 0, True
        )
        if ok and group.strip():
            for p in chosen:
                self.ctx.run(
                    self,
                    partial(self.ctx.ws.phrases.edit, p.id, group=group),
                    changes=Changed.PHRASES,
                )

    def import_file(self) -> None:
        import_with_preview(self, self.ctx, self.filter[0] or None)

    def export_file(self) -> None:
        export_dialog(self, self.ctx, self.filter[0] or None)

    def from_clipboard(self) -> None:
        self.new_phrase(self.ctx.clipboard_text())
