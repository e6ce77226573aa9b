"""Phrase files from the windows (issue 14, items 12 and 16): a file with bad rows is asked
about once, dialogs open in the agent's folders, and an export to a 千牛 table says which
phrases have placeholders 千牛 will show as they are.

Replaced: QFileDialog.getOpenFileName / getSaveFileName, which open the platform's native
dialog and block until a person picks a file; the stand-in records the folder the dialog was
asked to open in and returns the file the test chose. HOME points at a folder of the test's,
so Downloads and the home folder are the test's too. Message boxes are the real ones.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from assistant.ui.context import UiContext
from assistant.ui.packs.pack_io_dialogs import preview_import
from assistant.ui.packs.packs_window import PacksWindow
from assistant.ui.phrases.phrase_manager import PhraseManager
from assistant.ui.phrases.stats_window import StatsWindow
from tests.ui.modals import Modals, press

WAIT_MS = 30_000


@dataclass
class FileDialogs:
    answers: list[Path] = field(default_factory=list)
    started_in: list[Path] = field(default_factory=list)  # the folder each dialog opened in

    def _answer(self, _parent: QWidget, _title: str, start: str, _filters: str) -> tuple[str, str]:
        path = Path(start)
        self.started_in.append(path if path.is_dir() else path.parent)
        return (str(self.answers.pop(0)) if self.answers else ""), ""


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / ".config"))  # no user-dirs.dirs
    monkeypatch.chdir(tmp_path)  # "the program's folder": where a dialog given "" opened
    return folder


@pytest.fixture
def files(monkeypatch: pytest.MonkeyPatch, home: Path) -> FileDialogs:
    dialogs = FileDialogs()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialogs._answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialogs._answer)
    return dialogs


@pytest.fixture
def window(ctx: UiContext, qtbot: QtBot) -> PacksWindow:
    shown = PacksWindow(ctx)
    qtbot.addWidget(shown)
    return shown


def click(qtbot: QtBot, window: QWidget, label: str) -> None:
    [button] = [b for b in window.findChildren(QPushButton) if b.text() == label]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def wait_boxes(qtbot: QtBot, modals: Modals, count: int) -> list[str]:
    qtbot.waitUntil(lambda: len(modals.texts()) >= count, timeout=WAIT_MS)
    return modals.texts()


BAD_CSV = "快捷编码,快捷短语,快捷短语分组\nok1,亲，第一条,g\nbad,亲{昵称,g\nok2,亲，第三条,g\n"


def test_a_file_with_bad_rows_is_asked_about_once(
    ctx: UiContext,
    window: PacksWindow,
    files: FileDialogs,
    modals: Modals,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    table = tmp_path / "有问题.csv"
    table.write_text(BAD_CSV, encoding="utf-8")
    files.answers.append(table)

    click(qtbot, window, "导入…")
    asked, done = wait_boxes(qtbot, modals, 2)

    assert asked.startswith("文件里有问题的行：\n") and asked.endswith("跳过这些行，导入其余的吗？")
    assert "\n第 3 行：" in asked
    assert done.startswith("新增 2 条")  # the Yes above imported: no second question
    codes = {p.code for p in ctx.ws.phrases.all()}
    assert {"ok1", "ok2"} <= codes and "bad" not in codes


def test_no_to_the_one_question_imports_nothing(
    ctx: UiContext, window: PacksWindow, modals: Modals, tmp_path: Path, qtbot: QtBot
) -> None:
    table = tmp_path / "有问题.csv"
    table.write_text(BAD_CSV, encoding="utf-8")
    modals.then(press(QMessageBox.StandardButton.No))

    task = preview_import(window, ctx, table)
    # The task ends once its result was handled: every question asked, answered and gone.
    qtbot.waitUntil(lambda: not task.running, timeout=WAIT_MS)

    [asked] = modals.texts()
    assert asked.startswith("文件里有问题的行：")
    assert not {"ok1", "ok2"} & {p.code for p in ctx.ws.phrases.all()}


def test_file_dialogs_open_in_downloads_then_where_the_last_file_was(
    ctx: UiContext,
    window: PacksWindow,
    files: FileDialogs,
    modals: Modals,
    home: Path,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    click(qtbot, window, "导入…")  # no Downloads folder yet: the home folder
    assert files.started_in == [home]

    downloads = home / "Downloads"
    downloads.mkdir()
    click(qtbot, window, "导入…")
    assert files.started_in[-1] == downloads

    elsewhere = tmp_path / "桌面" / "表格"
    elsewhere.mkdir(parents=True)
    table = elsewhere / "短语.csv"
    table.write_text("快捷短语\n亲，从桌面导入的\n", encoding="utf-8")
    files.answers.append(table)
    click(qtbot, window, "导入…")
    wait_boxes(qtbot, modals, 2)
    click(qtbot, window, "导入…")  # the folder of the last phrase file
    assert files.started_in[-1] == elsewhere

    manager = PhraseManager(ctx)  # another window, the same kind of file: the same folder
    qtbot.addWidget(manager)
    manager.actions_by_name["export"].trigger()
    assert files.started_in[-1] == elsewhere

    stats = StatsWindow(ctx)  # another kind of file: its own folder, Downloads at first
    qtbot.addWidget(stats)
    click(qtbot, stats, "导出 CSV…")
    assert files.started_in[-1] == downloads
    assert tmp_path not in files.started_in  # never the program's (current) folder


def test_an_export_to_a_qianniu_table_names_the_phrases_with_placeholders(
    ctx: UiContext,
    window: PacksWindow,
    files: FileDialogs,
    modals: Modals,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    info = ctx.ws.phrases.packs.create("导出占位符")
    ctx.ws.phrases.add("{昵称}您好，请问有什么可以帮您", title="问候", pack=info.id)
    ctx.ws.phrases.add("亲，尺码选{?尺码:38}码", title="尺码", pack=info.id)
    ctx.ws.phrases.add("亲，满{{99}}包邮", title="包邮", pack=info.id)  # braces, no placeholder
    window.refresh()
    [item] = window.packs.findItems("导出占位符", Qt.MatchFlag.MatchExactly, 0)
    window.packs.setCurrentItem(item)

    table = tmp_path / "千牛.csv"
    files.answers.append(table)
    click(qtbot, window, "导出所选…")
    [message] = wait_boxes(qtbot, modals, 1)

    assert message.startswith(f"已导出 3 条短语到 {table}\n\n注意：其中 2 条短语含有 {{昵称}}")
    assert "「问候」" in message and "「尺码」" in message and "「包邮」" not in message
    assert "千牛不会替换占位符" in message
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    assert "{昵称}您好，请问有什么可以帮您" in [r[1] for r in rows]  # kept, not filled in

    modals.seen.clear()
    pack_file = tmp_path / "短语包.json"  # a pack file keeps them working: nothing to say
    files.answers.append(pack_file)
    click(qtbot, window, "导出所选…")
    [message] = wait_boxes(qtbot, modals, 1)
    assert message == f"已导出 3 条短语到 {pack_file}"
