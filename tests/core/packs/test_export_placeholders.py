"""An export to a 千牛 table keeps {昵称}-style placeholders, and says so (issue 14, item 16):
千牛 sends a quick phrase's text as it is, so the buyer would read "{昵称}". The phrases are
named, the file keeps them unchanged (it is also this app's exchange format), and a pack JSON,
which keeps them working, gets no notice. Core, and `kefu pack export` as a real process."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from assistant.core.packs.export import export_packs, placeholder_notice
from assistant.core.phrases.template import uses_placeholders
from assistant.core.workspace import Workspace, open_workspace
from tests.helpers import run_kefu

TEXTS = {
    "问候": "{昵称}您好，请问有什么可以帮您",
    "尺码": "亲，这款建议拍{?尺码:38}码",
    "发货": "亲，{发货时间}前付款当天发",
    "包邮": "亲，满{{99}}元包邮",  # braces written out, not a placeholder
    "好评": "亲，满意的话给个好评哦",
}


def test_what_counts_as_a_placeholder() -> None:
    assert [uses_placeholders(t) for t in TEXTS.values()] == [True, True, True, False, False]


@pytest.fixture
def team(empty_ws: Workspace) -> str:
    info = empty_ws.phrases.packs.create("占位符测试")
    for title, text in TEXTS.items():
        empty_ws.phrases.add(text, title=title, pack=info.id)
    return info.id


def test_a_table_export_names_the_phrases_and_keeps_their_text(
    empty_ws: Workspace, team: str, tmp_path: Path
) -> None:
    table = tmp_path / "千牛.xlsx"
    result = export_packs(empty_ws.phrases, team, table)
    assert sorted(result.with_placeholders) == ["发货", "尺码", "问候"]
    notice = placeholder_notice(result)
    assert notice is not None and notice.startswith("注意：3 条短语含有 {昵称} 这类占位符")
    assert "千牛不会替换" in notice
    cells = {row[3]: row[1] for row in load_workbook(table).active.iter_rows(values_only=True)}
    assert cells["问候"] == TEXTS["问候"]  # not filled in


def test_a_pack_file_keeps_placeholders_working_and_says_nothing(
    empty_ws: Workspace, team: str, tmp_path: Path
) -> None:
    result = export_packs(empty_ws.phrases, team, tmp_path / "包.json")
    assert result.with_placeholders == ()
    assert placeholder_notice(result) is None


def test_kefu_pack_export_warns_on_stderr(data_dir: Path, tmp_path: Path) -> None:
    ws = open_workspace(data_dir, builtins=False)
    info = ws.phrases.packs.create("占位符测试")
    for title, text in TEXTS.items():
        ws.phrases.add(text, title=title, pack=info.id)
    table = tmp_path / "千牛.csv"

    run = run_kefu(data_dir, "pack", "export", "占位符测试", "--out", str(table))
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == f"已导出 1 个短语包共 5 条短语到 {table}"
    [line] = run.stderr.strip().splitlines()
    assert line.startswith("注意：3 条短语含有 {昵称} 这类占位符")
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    assert TEXTS["尺码"] in [r[1] for r in rows]

    run = run_kefu(data_dir, "pack", "export", "占位符测试", "--out", str(table), "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["with_placeholders"] == 3  # stdout stays JSON
    assert "千牛不会替换" in run.stderr

    run = run_kefu(data_dir, "pack", "export", "占位符测试", "--out", str(tmp_path / "包.json"))
    assert run.returncode == 0 and run.stderr == ""
