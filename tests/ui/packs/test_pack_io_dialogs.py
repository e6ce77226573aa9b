"""Importing and exporting phrase files from the windows: a real JSON pack, CSV and XLSX file
is read in the background, previewed, confirmed and imported; an export is written and read
back with the json, csv and openpyxl modules, not with the app's own readers.

Replaced: only QFileDialog.getOpenFileName / getSaveFileName, which open the platform's
native file dialog and block until a person picks a file. The stand-in returns the path the
test chose and records what the dialog was asked to show. The preview and result message
boxes are the real ones, answered by tests/ui/modals.py.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from assistant.core.workspace import Workspace
from assistant.ui.context import UiContext
from assistant.ui.packs.packs_window import PacksWindow
from assistant.ui.phrases.phrase_manager import PhraseManager
from tests.ui.helpers import CHANGE_TIMEOUT_MS
from tests.ui.modals import Modals, press

WAIT_MS = 30_000
HEADER = ["快捷编码", "快捷短语", "快捷短语分组", "标题", "标签"]


@dataclass
class FileDialogs:
    """What the native dialogs would have returned: one path per call, "" when none left."""

    answers: list[str] = field(default_factory=list)
    asked: list[tuple[str, str]] = field(default_factory=list)  # (title, filter)

    def pick(self, path: Path | str) -> None:
        self.answers.append(str(path))

    def _answer(self, _parent: QWidget, title: str, _dir: str, filters: str) -> tuple[str, str]:
        self.asked.append((title, filters))
        return (self.answers.pop(0) if self.answers else ""), ""


@pytest.fixture
def files(monkeypatch: pytest.MonkeyPatch) -> FileDialogs:
    dialogs = FileDialogs()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialogs._answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialogs._answer)
    return dialogs


@pytest.fixture
def window(ctx: UiContext, qtbot: QtBot) -> PacksWindow:
    shown = PacksWindow(ctx)
    qtbot.addWidget(shown)
    with qtbot.waitExposed(shown):
        shown.show()
    return shown


def click(qtbot: QtBot, window: QWidget, label: str) -> None:
    [button] = [b for b in window.findChildren(QPushButton) if b.text() == label]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def select_pack(window: PacksWindow, name: str) -> None:
    [item] = window.packs.findItems(name, Qt.MatchFlag.MatchExactly, 0)
    window.packs.setCurrentItem(item)


def pack_texts(ws: Workspace, name: str) -> list[str]:
    info = ws.phrases.packs.find(name)
    assert info is not None, f"no pack {name}"
    return sorted(p.text for p in ws.phrases.in_pack(info.id))


def wait_boxes(qtbot: QtBot, modals: Modals, count: int) -> list[str]:
    qtbot.waitUntil(lambda: len(modals.texts()) >= count, timeout=WAIT_MS)
    return modals.texts()


def json_pack(path: Path) -> Path:
    pack = {
        "format": "kefu-phrase-pack",
        "format_version": 1,
        "id": "team.aftersale",
        "name": "售后团队包",
        "version": "1.2.0",
        "description": "售后常用",
        "author": "王组长",
        "phrases": [
            {
                "id": "team.aftersale.1",
                "title": "退货地址",
                "text": "亲，退货地址在订单详情页",
                "group": "售后",
                "code": "shthd1",
                "tags": ["售后"],
            },
            {
                "id": "team.aftersale.2",
                "title": "运费险",
                "text": "亲，退货运费由运费险承担",
                "group": "售后",
                "tags": [],
            },
        ],
    }
    path.write_text(json.dumps(pack, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_json_pack_is_previewed_then_imported_from_the_packs_window(
    ctx: UiContext,
    window: PacksWindow,
    files: FileDialogs,
    modals: Modals,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    files.pick(json_pack(tmp_path / "售后团队包.json"))
    mine = pack_texts(ctx.ws, "我的短语")
    # No pack selected (Qt made the first row, 我的短语, current when the list got focus):
    # the file's pack comes in as its own pack.
    assert window.packs.selectedItems() == []

    click(qtbot, window, "导入…")

    preview, done = wait_boxes(qtbot, modals, 2)
    assert files.asked == [("导入短语", "短语文件 (*.json *.kefupack *.csv *.xlsx *.txt)")]
    assert preview.startswith("将要导入：\n新增 2 条，更新 0 条，未变 0 条，跳过 0 条")
    assert done == "新增 2 条，更新 0 条，未变 0 条，跳过 0 条"
    assert pack_texts(ctx.ws, "售后团队包") == [
        "亲，退货地址在订单详情页",
        "亲，退货运费由运费险承担",
    ]
    assert pack_texts(ctx.ws, "我的短语") == mine
    qtbot.waitUntil(
        lambda: bool(window.packs.findItems("售后团队包", Qt.MatchFlag.MatchExactly)),
        timeout=CHANGE_TIMEOUT_MS,
    )


def test_answering_no_to_the_preview_imports_nothing(
    ctx: UiContext,
    window: PacksWindow,
    files: FileDialogs,
    modals: Modals,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    files.pick(json_pack(tmp_path / "售后团队包.json"))
    modals.then(press(QMessageBox.StandardButton.No))
    before = len(ctx.ws.phrases.all())

    click(qtbot, window, "导入…")
    [preview] = wait_boxes(qtbot, modals, 1)

    assert preview.startswith("将要导入：")
    assert ctx.ws.phrases.packs.find("售后团队包") is None
    assert len(ctx.ws.phrases.all()) == before


def test_a_csv_goes_into_the_selected_pack(
    ctx: UiContext,
    window: PacksWindow,
    files: FileDialogs,
    modals: Modals,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    ctx.ws.phrases.packs.create("售前话术")
    window.refresh()
    select_pack(window, "售前话术")
    table = tmp_path / "千牛导出.csv"
    table.write_text(
        ",".join(HEADER)
        + '\nsq1,亲，今天下单明天到,物流,,\nsq2,"亲，尺码偏小，建议拍大一码",尺码,尺码建议,尺码\n',
        encoding="utf-8-sig",
    )
    files.pick(table)

    click(qtbot, window, "导入…")

    wait_boxes(qtbot, modals, 2)
    assert pack_texts(ctx.ws, "售前话术") == ["亲，今天下单明天到", "亲，尺码偏小，建议拍大一码"]
    codes = {p.code: p for p in ctx.ws.phrases.all() if p.code in ("sq1", "sq2")}
    assert codes["sq2"].title == "尺码建议" and codes["sq2"].group == "尺码"


def test_an_xlsx_from_the_phrase_manager(
    ctx: UiContext, files: FileDialogs, modals: Modals, tmp_path: Path, qtbot: QtBot
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["xl1", "亲，表格里的第一条", "表格", "", ""])
    sheet.append(["xl2", "亲，表格里的第二条", "表格", "第二条", "表格,测试"])
    path = tmp_path / "短语表.xlsx"
    book.save(path)
    manager = PhraseManager(ctx)
    qtbot.addWidget(manager)
    files.pick(path)

    manager.actions_by_name["import"].trigger()

    preview, done = wait_boxes(qtbot, modals, 2)
    assert "新增 2 条" in preview and done.startswith("新增 2 条")
    second = next(p for p in ctx.ws.phrases.all() if p.code == "xl2")
    assert (second.text, second.title, sorted(second.tags)) == (
        "亲，表格里的第二条",
        "第二条",
        ["测试", "表格"],
    )


BAD_CSV = ",".join(HEADER[:3]) + "\nok1,第一条,g\nbad,亲{昵称,g\nok2,第三条,g\n"


def test_bad_rows_are_named_and_skipped_only_when_the_user_says_so(
    ctx: UiContext,
    window: PacksWindow,
    files: FileDialogs,
    modals: Modals,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    table = tmp_path / "有问题.csv"
    table.write_text(BAD_CSV, encoding="utf-8")
    files.pick(table)
    modals.then(press(QMessageBox.StandardButton.No))

    click(qtbot, window, "导入…")
    [asked] = wait_boxes(qtbot, modals, 1)

    assert asked.startswith("文件里有问题的行：\n") and "跳过这些行，导入其余的吗？" in asked
    assert "\n第 3 行：" in asked  # the file's own line number, header counted
    assert not {"ok1", "ok2"} & {p.code for p in ctx.ws.phrases.all()}

    files.pick(table)  # again, and this time: skip them (one question, issue 14)
    click(qtbot, window, "导入…")
    texts = wait_boxes(qtbot, modals, 3)

    assert texts[1].startswith("文件里有问题的行：") and texts[2].startswith("新增 2 条")
    codes = {p.code for p in ctx.ws.phrases.all()}
    assert {"ok1", "ok2"} <= codes and "bad" not in codes


def test_a_cancelled_file_dialog_does_nothing(
    window: PacksWindow, files: FileDialogs, modals: Modals, qtbot: QtBot
) -> None:
    click(qtbot, window, "导入…")
    click(qtbot, window, "导出所选…")
    assert [title for title, _ in files.asked] == ["导入短语", "导出短语"]
    assert modals.seen == []


def _export(
    window: PacksWindow, files: FileDialogs, modals: Modals, qtbot: QtBot, path: Path
) -> str:
    files.pick(path)
    click(qtbot, window, "导出所选…")
    [message] = wait_boxes(qtbot, modals, 1)
    modals.seen.clear()
    return message


@pytest.fixture
def team(ctx: UiContext) -> list[dict[str, Any]]:
    info = ctx.ws.phrases.packs.create("导出测试")
    rows = [
        {
            "code": "dc1",
            "text": "亲，第一行\n第二行",
            "group": "常用",
            "title": "两行",
            "tags": ["a"],
        },
        {
            "code": "",
            "text": '=HYPERLINK("http://x.example")',
            "group": "其他",
            "title": "公式",
            "tags": [],
        },
    ]
    for row in rows:
        ctx.ws.phrases.add(
            row["text"],
            title=row["title"],
            group=row["group"],
            code=row["code"] or None,
            tags=row["tags"],
            pack=info.id,
        )
    return rows


def test_the_selected_pack_exports_to_xlsx_csv_and_json_and_reads_back(
    ctx: UiContext,
    window: PacksWindow,
    files: FileDialogs,
    modals: Modals,
    tmp_path: Path,
    team: list[dict[str, Any]],
    qtbot: QtBot,
) -> None:
    window.refresh()
    select_pack(window, "导出测试")
    expected = sorted((r["code"], r["text"], r["group"], r["title"]) for r in team)

    xlsx = tmp_path / "导出.xlsx"
    assert _export(window, files, modals, qtbot, xlsx) == f"已导出 2 条短语到 {xlsx}"
    sheet = load_workbook(xlsx).active
    values = [
        [c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)
    ]
    assert values[0] == HEADER
    assert sorted(tuple(v[:4]) for v in values[1:]) == expected
    formula = next(row for row in sheet.iter_rows() if row[1].value == team[1]["text"])
    assert formula[1].data_type == "s"  # text, never a formula

    table = tmp_path / "导出.csv"
    assert _export(window, files, modals, qtbot, table) == f"已导出 2 条短语到 {table}"
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    assert rows[0] == HEADER
    by_title = {r[3]: r for r in rows[1:]}
    assert by_title["两行"][:3] == ["dc1", "亲，第一行\n第二行", "常用"]
    assert by_title["公式"][1] == "'" + team[1]["text"]  # guarded: Excel shows it as text

    pack = tmp_path / "导出.json"
    assert _export(window, files, modals, qtbot, pack) == f"已导出 2 条短语到 {pack}"
    document = json.loads(pack.read_text(encoding="utf-8"))
    assert document["name"] == "导出测试"
    assert (
        sorted(
            (p.get("code") or "", p["text"], p["group"], p["title"]) for p in document["phrases"]
        )
        == expected
    )


def test_an_export_into_a_missing_folder_is_refused_in_chinese(
    window: PacksWindow, files: FileDialogs, modals: Modals, tmp_path: Path, qtbot: QtBot
) -> None:
    select_pack(window, "我的短语")
    message = _export(window, files, modals, qtbot, tmp_path / "没有" / "导出.xlsx")
    assert message.startswith("文件夹不存在")
    assert not (tmp_path / "没有").exists()


def test_a_pack_with_images_exports_to_a_kefupack_and_a_table_says_they_stay_behind(
    ctx: UiContext,
    window: PacksWindow,
    files: FileDialogs,
    modals: Modals,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    import zipfile

    from PIL import Image

    from assistant.core.images.reading import prepare_image

    info = ctx.ws.phrases.packs.create("带图")
    picture = io.BytesIO()
    Image.new("RGB", (30, 20), (1, 2, 3)).save(picture, "PNG")
    chart = prepare_image(picture.getvalue(), "尺码表.png")
    ctx.ws.phrases.add("尺码表见图", title="尺码", pack=info.id, images=[(chart, "尺码表.png")])
    window.refresh()
    select_pack(window, "带图")

    bundle = tmp_path / "带图.kefupack"
    assert _export(window, files, modals, qtbot, bundle) == f"已导出 1 条短语到 {bundle}"
    with zipfile.ZipFile(bundle) as zf:
        assert f"images/{chart.sha256}.png" in zf.namelist()

    table = tmp_path / "带图.xlsx"
    message = _export(window, files, modals, qtbot, table)
    assert message.startswith(f"已导出 1 条短语到 {table}")
    assert "1 条短语带有图片（「尺码」）" in message
    assert ".kefupack" in message
