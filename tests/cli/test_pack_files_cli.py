"""`kefu pack list|show|new|rm|export|import` as a separate process, on real files."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import orjson
import pytest
from openpyxl import Workbook

from assistant.core.packs.pack_format import FORMAT
from assistant.core.workspace import open_workspace
from tests.helpers import run_kefu, snapshot

PHRASES: list[dict[str, Any]] = [
    {"text": "亲，在的～\n请问有什么可以帮您？", "title": "问候", "group": "问候", "code": "t1"},
    {"text": '他说："好的, 谢谢"', "group": "其他", "tags": ["引号", "逗号"]},
    {"text": "{昵称}您好 😀，{?尺码:38} 码合适", "group": "尺码", "code": "t2"},
    {"text": '=HYPERLINK("http://x.example","点我")', "title": "=SUM(A1)", "group": "=组"},
    {"text": "-10元优惠券，+86 不是电话", "tags": ["@提醒"]},
]


def kefu(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_kefu(None, "--data-dir", str(data), *args)


def kefu_ok(data: Path, *args: str) -> Any:
    result = kefu(data, *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def listing(data: Path) -> Any:
    return kefu_ok(data, "list", "--all")


def fields(phrases: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted((p["title"], p["text"], p["group"], p["code"], tuple(p["tags"])) for p in phrases)


@pytest.fixture
def team_dir(seeded_dir: Path) -> Path:
    """A data folder with a pack 团队话术 holding PHRASES."""
    ws = open_workspace(seeded_dir)
    ws.phrases.packs.create("团队话术", "组长整理", "王组长")
    for item in PHRASES:
        ws.phrases.add(pack="团队话术", **item)
    return seeded_dir


def test_new_list_and_show(seeded_dir: Path) -> None:
    created = kefu_ok(seeded_dir, "pack", "new", "售后", "--description", "售后话术")
    assert created["name"] == "售后" and created["kind"] == "own" and created["phrase_count"] == 0
    packs = {p["name"]: p for p in kefu_ok(seeded_dir, "pack", "list")}
    assert packs["售后"]["id"] == created["id"] and packs["通用客服短语"]["phrase_count"] > 50
    assert next(iter(packs)) == "我的短语"

    shown = kefu_ok(seeded_dir, "pack", "show", "通用客服短语")
    assert shown["id"] == "kefu.builtin.basic" and len(shown["phrases"]) == shown["phrase_count"]
    plain = kefu(seeded_dir, "pack", "show", "kefu.builtin.basic")
    assert plain.returncode == 0 and "通用客服短语" in plain.stdout and "cf1" in plain.stdout

    again = kefu(seeded_dir, "pack", "new", "售后")
    assert again.returncode == 2 and again.stderr.startswith("错误：") and "售后" in again.stderr
    missing = kefu(seeded_dir, "pack", "show", "没有这个包")
    assert missing.returncode == 2 and "找不到短语包" in missing.stderr


def test_rm_only_previews_without_yes_and_refuses_my_phrases(team_dir: Path) -> None:
    before = snapshot(team_dir)
    preview = kefu(team_dir, "pack", "rm", "团队话术")
    assert (
        preview.returncode == 0
        and f"{len(PHRASES)} 条" in preview.stdout
        and "--yes" in preview.stdout
    )
    assert snapshot(team_dir) == before

    removed = kefu_ok(team_dir, "pack", "rm", "团队话术", "--yes")
    assert removed["removed"] is True and removed["phrase_count"] == len(PHRASES)
    names = [p["name"] for p in kefu_ok(team_dir, "pack", "list")]
    assert "团队话术" not in names
    assert not [p for p in listing(team_dir) if p["pack"] == "团队话术"]

    refused = kefu(team_dir, "pack", "rm", "我的短语", "--yes")
    assert refused.returncode == 2 and "不能删除" in refused.stderr


def test_a_removed_builtin_pack_stays_removed(seeded_dir: Path) -> None:
    result = kefu(seeded_dir, "pack", "rm", "通用客服短语", "--yes")
    assert result.returncode == 0 and "升级" in result.stdout
    assert all(p["pack"] != "通用客服短语" for p in listing(seeded_dir))


@pytest.mark.parametrize("suffix", [".json", ".csv", ".xlsx"])
def test_export_then_import_into_a_fresh_data_folder(
    team_dir: Path, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"团队{suffix}"
    exported = kefu_ok(team_dir, "pack", "export", "团队话术", "--out", str(out))
    assert exported["phrases"] == len(PHRASES)

    fresh = tmp_path / "fresh"
    into: list[str] = []
    if suffix != ".json":  # a table has no pack of its own: make one to import into
        kefu_ok(fresh, "pack", "new", "团队话术")
        into = ["--into", "团队话术"]
    report = kefu_ok(fresh, "pack", "import", str(out), *into)
    assert report["counts"] == {"added": len(PHRASES), "updated": 0, "unchanged": 0, "skipped": 0}
    original = kefu_ok(team_dir, "pack", "show", "团队话术")["phrases"]
    imported = kefu_ok(fresh, "pack", "show", "团队话术")["phrases"]
    assert fields(imported) == fields(original)

    again = kefu_ok(fresh, "pack", "import", str(out), *into)
    assert again["counts"]["unchanged"] == len(PHRASES) and again["counts"]["added"] == 0
    assert len(kefu_ok(fresh, "pack", "show", "团队话术")["phrases"]) == len(PHRASES)


def test_export_all_and_usage_errors(team_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    result = kefu(team_dir, "pack", "export", "--all", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    for args in (
        ["团队话术", "--all", "--out", str(tmp_path / "x.csv")],
        ["--out", str(tmp_path / "x.csv")],
        ["团队话术", "--out", str(tmp_path / "x.docx")],
        ["团队话术", "--out", str(tmp_path / "no" / "such" / "x.csv")],
    ):
        bad = kefu(team_dir, "pack", "export", *args)
        assert bad.returncode == 2 and bad.stderr.startswith("错误："), args


BAD_CSV = "快捷编码,快捷短语,快捷短语分组\nok1,第一条,g\nbad,亲{昵称,g\nok2,第三条,g\n"


def test_one_bad_row_changes_nothing_and_names_the_line(seeded_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(BAD_CSV.encode("gbk"))
    before = listing(seeded_dir)
    result = kefu(seeded_dir, "pack", "import", str(path))
    assert result.returncode == 2
    assert "第 3 行" in result.stderr and "未做任何修改" in result.stderr
    assert "--skip-bad" in result.stderr
    assert listing(seeded_dir) == before

    as_json = kefu(seeded_dir, "pack", "import", str(path), "--json")
    assert as_json.returncode == 2 and json.loads(as_json.stdout)["refused"] is True
    assert listing(seeded_dir) == before


def test_skip_bad_imports_the_rest_and_reports_the_line(seeded_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(BAD_CSV, "utf-8-sig")
    result = kefu(seeded_dir, "pack", "import", str(path), "--skip-bad")
    assert result.returncode == 0, result.stderr
    assert "新增 2 条" in result.stdout and "跳过 1 条" in result.stdout
    assert "跳过 第 3 行" in result.stdout
    codes = {p["code"] for p in listing(seeded_dir)}
    assert {"ok1", "ok2"} <= codes and "bad" not in codes


def test_dry_run_changes_nothing(seeded_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "话术.txt"
    path.write_text("亲，在的\n\n亲，今天下单今天发货哦", "utf-8")
    before = snapshot(seeded_dir)
    result = kefu(seeded_dir, "pack", "import", str(path), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "预览" in result.stdout and "新增 2 条" in result.stdout
    assert snapshot(seeded_dir) == before


def test_into_must_name_an_existing_pack(seeded_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("亲，在的", "utf-8")
    result = kefu(seeded_dir, "pack", "import", str(path), "--into", "没有这个包")
    assert result.returncode == 2 and "kefu pack new" in result.stderr


def _hostile_json(path: Path) -> None:
    pack = {"format": FORMAT, "format_version": 1, "id": "../../escape", "name": "x",
            "phrases": [{"id": "../a", "text": "亲"}]}  # fmt: skip
    path.write_bytes(orjson.dumps(pack))


def _formula_xlsx(path: Path) -> None:
    book = Workbook()
    book.active.append(["快捷短语", "快捷编码"])
    book.active.append(['=HYPERLINK("http://evil.example","领券")', "x1"])
    book.save(path)


def _wrong_types(path: Path) -> None:
    pack = {"format": FORMAT, "format_version": 1, "id": "ok.pack", "name": "x",
            "phrases": [{"id": "a", "text": 42, "tags": "a,b"}]}  # fmt: skip
    path.write_bytes(orjson.dumps(pack))


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("escape.json", _hostile_json, "id 无效"),
        ("evil.xlsx", _formula_xlsx, "公式"),
        ("types.json", _wrong_types, "第 1 条短语"),
        ("nul.csv", lambda p: p.write_bytes("快捷短语\n亲\x00\n".encode()), "NUL"),
    ],
)
def test_hostile_files_are_refused_and_change_nothing(
    seeded_dir: Path, tmp_path: Path, name: str, make: Any, message: str
) -> None:
    path = tmp_path / name
    make(path)
    before = snapshot(seeded_dir)
    result = kefu(seeded_dir, "pack", "import", str(path))
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(seeded_dir) == before
