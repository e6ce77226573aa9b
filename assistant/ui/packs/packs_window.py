"""短语包与同步: the packs in the library, subscriptions and their state, publishing,
and the phrases that need a person to choose after a sync.

Subscribing, publishing and syncing talk to a shared folder or a WebDAV server, which can
take a minute on a bad network: they run in the background (ui/tasks.py), the window says
what it is doing, and the rest of the app stays usable meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assistant.core.changes import Changed
from assistant.core.sync.conflicts import Flagged, flagged, resolve
from assistant.core.sync.service import PackSync, SyncResult
from assistant.core.workspace import Workspace
from assistant.ui.context import UiContext
from assistant.ui.names import listing, with_value
from assistant.ui.packs.pack_io_dialogs import export_dialog, import_with_preview
from assistant.ui.packs.sync_worker import sync_once
from assistant.ui.tasks import BackgroundTask, Progress, run_in_background

SHOWN_CHARS = 200  # of each version of a phrase in the list of choices


def _shown(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SHOWN_CHARS else flat[: SHOWN_CHARS - 1] + "…"


KIND_NAMES = {
    "own": QT_TRANSLATE_NOOP("PacksWindow", "我的"),
    "builtin": QT_TRANSLATE_NOOP("PacksWindow", "内置"),
    "subscribed": QT_TRANSLATE_NOOP("PacksWindow", "订阅"),
}


class PacksWindow(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("短语包与同步 — 客服快捷助手"))
        self.packs = QTreeWidget()
        self.packs.setHeaderLabels(
            [
                self.tr("短语包"),
                self.tr("类型"),
                self.tr("版本"),
                self.tr("短语数"),
                self.tr("来源"),
            ]
        )
        self.packs.setRootIsDecorated(False)
        self.status = QPlainTextEdit()
        self.status.setReadOnly(True)
        self.status.setMaximumBlockCount(200)
        self.conflicts = QListWidget()
        # One item per phrase, one line per version of it: a single line cut each text off.
        self.conflicts.setWordWrap(True)
        self.conflicts.setAlternatingRowColors(True)
        self.conflicts.setMinimumHeight(self.fontMetrics().height() * 6)
        self.conflicts.currentItemChanged.connect(lambda *_: self._update_choices())
        self._flagged: dict[str, Flagged] = {}
        self.task: BackgroundTask | None = None  # the network work in progress, if any
        self.activity = QLabel()  # what the window is doing in the background
        self.activity.setTextFormat(Qt.TextFormat.PlainText)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # no total known: a moving bar
        self.busy.setMaximumHeight(self.fontMetrics().height())
        self.busy.hide()
        buttons = QHBoxLayout()
        self._network_buttons: list[QPushButton] = []
        for label, slot, network in (
            (self.tr("新建短语包"), self.new_pack, False),
            (
                self.tr("导入…"),
                lambda: import_with_preview(self, self.ctx, self._selected()),
                False,
            ),
            (
                self.tr("导出所选…"),
                lambda: export_dialog(self, self.ctx, self._selected()),
                False,
            ),
            (self.tr("订阅…"), self.subscribe, True),
            (self.tr("发布所选…"), self.publish, True),
            (self.tr("立即同步"), self.sync_now, True),
            (self.tr("取消订阅所选…"), self.unsubscribe, False),
        ):
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            if network:
                self._network_buttons.append(button)
        buttons.addStretch(1)
        resolve_row = QHBoxLayout()
        self._choice_buttons: dict[str, QPushButton] = {}
        for label, choice in (
            (self.tr("保留我的"), "mine"),
            (self.tr("采用上游"), "upstream"),
            (self.tr("采用其他文本 1"), "1"),
        ):
            button = QPushButton(label)
            button.clicked.connect(lambda _c=False, c=choice: self.resolve_selected(c))
            resolve_row.addWidget(button)
            self._choice_buttons[choice] = button
        resolve_row.addStretch(1)
        note = QLabel(
            self.tr(
                "团队共享：组长用“发布”把短语包放到共享文件夹或 WebDAV；"
                "组员“订阅”同一个地址，程序启动时和每 5 分钟自动同步。"
                "WebDAV 密码保存在系统钥匙串（命令 kefu pack login）。"
            )
        )
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.packs, 2)
        layout.addLayout(buttons)
        activity = QHBoxLayout()
        activity.addWidget(self.activity, 1)
        activity.addWidget(self.busy)
        layout.addLayout(activity)
        layout.addWidget(QLabel(self.tr("同步状态")))
        layout.addWidget(self.status, 1)
        layout.addWidget(QLabel(self.tr("需要您选择的短语")))
        layout.addWidget(self.conflicts, 1)
        layout.addLayout(resolve_row)
        layout.addWidget(note)
        ctx.changes.listen(self, Changed.PACKS | Changed.PHRASES, self.refresh)
        self.refresh()
        h = self.fontMetrics().height()
        self.resize(h * 48, h * 36)

    def refresh(self) -> None:
        library = self.ctx.ws.phrases
        counts = library.pack_counts()
        keep = self._selected()  # a sync or another window's edit must not drop the choice
        self.packs.clear()
        followed = {s.source for s in PackSync(library).subscriptions()}
        for info in library.packs.list():
            kind = self.tr(str(KIND_NAMES[info.kind])) if info.kind in KIND_NAMES else info.kind
            if info.kind == "subscribed" and info.source not in followed:
                kind = self.tr("订阅已取消")  # its phrases stayed; nothing updates them
            item = QTreeWidgetItem(
                [
                    info.name,
                    kind,
                    info.version,
                    str(counts.get(info.id, 0)),
                    self._source(info.kind, info.source or ""),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, info.id)
            self.packs.addTopLevelItem(item)
            if info.id == keep:
                self.packs.setCurrentItem(item)
        lines = self._status_lines()
        self.status.setPlainText("\n".join(lines) or self.tr("还没有订阅或发布任何短语包"))
        self._fill_conflicts(flagged(library))

    def _source(self, kind: str, source: str) -> str:
        """Where a pack comes from: a path or an address as stored; a built-in pack's source
        is stored as 内置 (core's Chinese), shown as its kind is."""
        builtin = str(KIND_NAMES["builtin"])
        return self.tr(builtin) if kind == "builtin" and source == builtin else source

    def _fill_conflicts(self, found: list[Flagged]) -> None:
        current = self.conflicts.currentItem()
        keep = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        self.conflicts.blockSignals(True)
        self.conflicts.clear()
        self._flagged = {f.phrase_id: f for f in found}
        for f in found:
            lines = [f.title, self.tr("我的：{0}").format(_shown(f.text))]
            if f.upstream:
                lines.append(self.tr("上游：{0}").format(_shown(f.upstream["text"])))
            for n, alt in enumerate(f.alternatives, start=1):
                lines.append(self.tr("其他文本 {0}：{1}").format(n, _shown(alt["text"])))
            item = QListWidgetItem("\n".join(lines))
            item.setData(Qt.ItemDataRole.UserRole, f.phrase_id)
            self.conflicts.addItem(item)
            if f.phrase_id == keep or (keep is None and self.conflicts.count() == 1):
                self.conflicts.setCurrentItem(item)
        self.conflicts.blockSignals(False)
        self._update_choices()

    def _update_choices(self) -> None:
        """A choice is offered only for a phrase that has it: with no conflict, none is."""
        item = self.conflicts.currentItem()
        chosen = self._flagged.get(item.data(Qt.ItemDataRole.UserRole)) if item else None
        offered = {
            "mine": chosen is not None,
            "upstream": chosen is not None and chosen.upstream is not None,
            "1": chosen is not None and bool(chosen.alternatives),
        }
        for choice, button in self._choice_buttons.items():
            button.setEnabled(offered[choice])

    def _status_lines(self) -> list[str]:
        library = self.ctx.ws.phrases
        sync = PackSync(library)
        lines = [
            self.tr("订阅：{0}（{1}）").format(s.source, s.user)
            if s.user
            else self.tr("订阅：{0}").format(s.source)
            for s in sync.subscriptions()
        ]
        for pack_id, st in sorted(sync.status().items()):
            synced = library.packs.find(pack_id)
            error = st.get("last_error")
            state = self.tr("出错：{0}").format(error) if error else self.tr("正常")
            last = st.get("last_sync")
            when = last[:16].replace("T", " ") if last else self.tr("从未")
            name = synced.name if synced else pack_id
            lines.append(self.tr("{0}：上次同步 {1}，{2}").format(name, when, state))
        return lines

    def _selected(self) -> str | None:
        """The pack the user selected, if any. Not the current item: Qt makes the first row
        current when the list gets focus, selecting nothing, and a pack file imported then
        went into 我的短语 instead of becoming its own pack."""
        items = self.packs.selectedItems()
        return items[0].data(0, Qt.ItemDataRole.UserRole) if items else None

    def show_results(self, results: list[SyncResult]) -> None:
        for r in results:
            mark = "✓" if r.ok else "✗"
            name = r.pack_name or r.pack_id
            # A result about no pack in particular (nothing subscribed; the whole sync failed,
            # pack "*") is its message alone, not "✓ ：还没有订阅".
            shown = with_value(name, r.message) if name and name != "*" else r.message
            self.status.appendPlainText(f"{mark} {shown}")

    def new_pack(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("新建短语包"), self.tr("名称："))
        if ok and name.strip():
            self.ctx.run(
                self, lambda: self.ctx.ws.phrases.packs.create(name), changes=Changed.PACKS
            )

    def _ask_source(self, title: str) -> tuple[str, str | None] | None:
        spec, ok = QInputDialog.getText(
            self,
            title,
            self.tr("共享文件夹路径，或 WebDAV 地址（https://…）："),
            QLineEdit.EchoMode.Normal,
        )
        if not ok or not spec.strip():
            return None
        user = None
        if spec.startswith(("http://", "https://")):
            user, ok = QInputDialog.getText(self, title, self.tr("WebDAV 用户名："))
            if not ok:
                return None
        return spec.strip(), (user or None)

    # -- network work, in the background ----------------------------------------------------
    def _start(
        self, doing: str, job: Callable[[Workspace, Progress], Any], done: Callable[[Any], None]
    ) -> None:
        """Run ``job`` in the background; the buttons that reach a source wait for it."""
        if self.task is not None and self.task.running:
            return
        self.activity.setText(doing)
        self.status.appendPlainText(doing)
        self.busy.show()
        for button in self._network_buttons:
            button.setEnabled(False)
        self.task = run_in_background(
            self.ctx,
            self,
            job,
            changes=Changed.PHRASES | Changed.PACKS,
            done=done,
            failed=self._failed,
            after=self._idle,
            title=self.tr("短语包与同步"),
        )

    def _idle(self) -> None:
        self.activity.clear()
        self.busy.hide()
        for button in self._network_buttons:
            button.setEnabled(True)

    def _failed(self, message: str) -> None:
        self.status.appendPlainText(f"✗ {message}")
        QMessageBox.warning(self, self.tr("短语包与同步"), message)

    def subscribe(self) -> None:
        asked = self._ask_source(self.tr("订阅短语包"))
        if asked is not None:
            self.subscribe_to(*asked)

    def subscribe_to(self, spec: str, user: str | None = None) -> None:
        self._start(
            self.tr("正在订阅 {0} 并下载短语包…（可以继续使用快速查找）").format(spec),
            lambda ws, _progress: PackSync(ws.phrases).subscribe(spec, user),
            self.show_results,
        )

    def publish(self) -> None:
        pack_id = self._selected()
        if pack_id is None:
            QMessageBox.information(self, self.tr("发布"), self.tr("请先在列表中选择一个短语包"))
            return
        asked = self._ask_source(self.tr("发布短语包"))
        if asked is not None:
            self.publish_to(pack_id, *asked)

    def publish_to(self, pack_id: str, spec: str, user: str | None = None) -> None:
        self._start(
            self.tr("正在发布到 {0}…（可以继续使用快速查找）").format(spec),
            lambda ws, _progress: PackSync(ws.phrases).publish(pack_id, spec, user),
            lambda result: self.show_results([result]),
        )

    def sync_now(self) -> None:
        self._start(
            self.tr("正在同步订阅的短语包…（可以继续使用快速查找）"),
            lambda ws, _progress: sync_once(ws.path),  # a process, as the background sync
            lambda results: self.show_results(
                results or [SyncResult("", "", True, self.tr("还没有订阅"))]
            ),
        )

    def unsubscribe(self) -> None:
        """Stop following the source of the selected subscribed pack. Its phrases stay; the
        next sync no longer updates them (nor adds them back after a delete)."""
        pack_id = self._selected()
        info = next((i for i in self.ctx.ws.phrases.packs.list() if i.id == pack_id), None)
        if info is None or info.kind != "subscribed" or not info.source:
            QMessageBox.information(
                self, self.tr("取消订阅"), self.tr("请先在列表中选择一个订阅的短语包")
            )
            return
        source = info.source
        others = [
            i.name
            for i in self.ctx.ws.phrases.packs.list()
            if i.kind == "subscribed" and i.source == source and i.id != info.id
        ]
        question = self.tr("不再从 {0} 同步？已同步的短语留在本机，只是不再自动更新。").format(
            source
        )
        if others:
            question += "\n" + self.tr("同一来源的这些短语包也一起取消：{0}").format(
                listing(others)
            )
        answer = QMessageBox.question(self, self.tr("取消订阅"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ctx.run(
            self, lambda: PackSync(self.ctx.ws.phrases).unsubscribe(source), changes=Changed.PACKS
        )
        self.refresh()  # at once: the other windows hear of it through the change notice

    def resolve_selected(self, choice: str) -> None:
        item = self.conflicts.currentItem()
        if item is not None:
            pid = item.data(Qt.ItemDataRole.UserRole)
            self.ctx.run(
                self,
                lambda: resolve(self.ctx.ws.phrases, pid, choice),
                changes=Changed.PHRASES | Changed.PACKS,
            )
