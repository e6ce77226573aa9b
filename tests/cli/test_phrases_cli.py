"""`kefu` end to end, as a separate process: add, edit, rm, show, list, search, JSON output."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import kefu_env, kefu_json, run_kefu, snapshot

PHRASE_KEYS = {
    "id",
    "title",
    "text",
    "group",
    "code",
    "tags",
    "questions",
    "pack",
    "favourite",
    "use_count",
    "last_used_at",
    "created_at",
    "updated_at",
}


def test_help_lists_the_commands_and_exits_0(tmp_path: Path) -> None:
    # `kefu` with no arguments now starts the tray app (the UI issue); --help is the help.
    result = run_kefu(tmp_path / "data", "--help")
    assert result.returncode == 0
    assert "usage: kefu" in result.stdout
    for command in ("add", "edit", "rm", "show", "list", "search", "render", "copy", "shop"):
        assert command in result.stdout
    assert result.stderr == ""
    assert not (tmp_path / "data").exists()


def test_a_first_run_creates_the_data_folder_and_finds_return_phrases(tmp_path: Path) -> None:
    data = tmp_path / "fresh" / "data"
    result = run_kefu(data, "search", "退货")
    assert result.returncode == 0, result.stderr
    assert "退货" in result.stdout.splitlines()[0]
    assert data.is_dir()
    assert os.stat(data).st_mode & 0o777 == 0o700


def test_data_dir_option_beats_the_environment(tmp_path: Path) -> None:
    env_dir, opt_dir = tmp_path / "env", tmp_path / "opt"
    env = kefu_env(env_dir)
    result = run_kefu(None, "--data-dir", str(opt_dir), "add", "hello from opt", env=env)
    assert result.returncode == 0, result.stderr
    assert (opt_dir / "phrases").is_dir()
    assert not env_dir.exists()
    # And after the sub-command too.
    result = run_kefu(None, "show", result.stdout.strip(), "--data-dir", str(opt_dir), env=env)
    assert result.returncode == 0, result.stderr
    assert "hello from opt" in result.stdout


def return_first(results: list[dict[str, Any]]) -> None:
    """Return phrases (group 退换货, 退货 in the title) lead the list."""
    assert results, "no results"
    assert results[0]["group"] == "退换货" and "退货" in results[0]["title"]
    others = [i for i, r in enumerate(results) if r["group"] != "退换货"]
    cut = others[0] if others else len(results)
    returns = [i for i, r in enumerate(results) if r["group"] == "退换货" and "退货" in r["title"]]
    assert len(returns) >= 3
    assert all(i < cut for i in returns)


@pytest.mark.parametrize("query", [["th"], ["tuihuo"], ["退货"], ["TuiHuo"], ["退h"]])
def test_search_lists_the_built_in_return_phrases_first(seeded_dir: Path, query: list[str]) -> None:
    return_first(kefu_json(seeded_dir, "search", *query, "--limit", "0"))
    plain = run_kefu(seeded_dir, "search", *query)
    assert plain.returncode == 0
    first = plain.stdout.splitlines()[0]
    assert "退货" in first and "[退换货]" in first


def test_search_limit_and_no_result(seeded_dir: Path) -> None:
    assert len(kefu_json(seeded_dir, "search", "qin", "--limit", "3")) == 3
    assert kefu_json(seeded_dir, "search", "zzqqxx") == []
    result = run_kefu(seeded_dir, "search", "zzqqxx")
    assert result.returncode == 0
    assert "没有找到" in result.stdout


def test_json_is_utf8_and_a_phrase_has_exactly_the_documented_keys(seeded_dir: Path) -> None:
    added = kefu_json(
        seeded_dir,
        "add",
        "亲，退货运费我们承担",
        "--title",
        "运费险",
        "--group",
        "退换货",
        "--code",
        "yfx",
        "--tag",
        "运费",
        "--tag",
        "退货",
        "--favourite",
    )
    assert set(added) == PHRASE_KEYS
    assert added["text"] == "亲，退货运费我们承担"
    assert (added["code"], added["tags"], added["favourite"], added["pack"]) == (
        "yfx",
        ["运费", "退货"],
        True,
        "我的短语",
    )
    outputs = [
        run_kefu(seeded_dir, "show", "yfx", "--json"),
        run_kefu(seeded_dir, "--json", "show", added["id"]),
        run_kefu(seeded_dir, "search", "退货", "--json"),
        run_kefu(seeded_dir, "list", "--group", "退换货", "--json"),
    ]
    for result in outputs:
        assert result.returncode == 0, result.stderr
        assert "\\u" not in result.stdout
        assert "退货" in result.stdout
        value = json.loads(result.stdout)
        for phrase in value if isinstance(value, list) else [value]:
            assert set(phrase) == PHRASE_KEYS
    assert json.loads(outputs[0].stdout) == added


def test_add_prints_the_id_and_show_prints_the_phrase(seeded_dir: Path) -> None:
    result = run_kefu(seeded_dir, "add", "亲，第一行\n第二行", "--code", "dh")
    assert result.returncode == 0, result.stderr
    new_id = result.stdout.strip()
    assert len(new_id.splitlines()) == 1
    shown = run_kefu(seeded_dir, "show", new_id)
    assert shown.returncode == 0
    assert "亲，第一行\n第二行" in shown.stdout
    assert "dh" in shown.stdout


def test_edit_rm_and_list(seeded_dir: Path) -> None:
    new_id = run_kefu(seeded_dir, "add", "亲，今天发货", "--group", "物流测试").stdout.strip()
    edited = kefu_json(
        seeded_dir,
        "edit",
        new_id,
        "--text",
        "亲，明天发货",
        "--code",
        "mf",
        "--tag",
        "发货",
        "--favourite",
    )
    assert (edited["text"], edited["code"], edited["tags"], edited["favourite"]) == (
        "亲，明天发货",
        "mf",
        ["发货"],
        True,
    )
    unfav = kefu_json(seeded_dir, "edit", "mf", "--no-favourite", "--code", "")
    assert (unfav["favourite"], unfav["code"]) == (False, None)
    listed = kefu_json(seeded_dir, "list", "--group", "物流测试")
    assert [p["id"] for p in listed] == [new_id]
    built_in = kefu_json(seeded_dir, "list", "--pack", "通用客服短语")
    assert len(built_in) >= 80
    assert {p["pack"] for p in built_in} == {"通用客服短语"}
    hidden = run_kefu(seeded_dir, "edit", new_id, "--hide")
    assert hidden.returncode == 0, hidden.stderr
    assert kefu_json(seeded_dir, "list", "--group", "物流测试") == []
    assert len(kefu_json(seeded_dir, "list", "--group", "物流测试", "--all")) == 1
    removed = run_kefu(seeded_dir, "rm", new_id)
    assert removed.returncode == 0
    assert "明天发货" in removed.stdout or new_id in removed.stdout
    assert kefu_json(seeded_dir, "list", "--group", "物流测试", "--all") == []
    gone = run_kefu(seeded_dir, "show", new_id)
    assert gone.returncode == 2


def test_removing_a_built_in_keeps_it_removed_on_the_next_run(seeded_dir: Path) -> None:
    assert run_kefu(seeded_dir, "rm", "th1").returncode == 0
    assert run_kefu(seeded_dir, "show", "th1").returncode == 2
    assert "退货流程说明" not in run_kefu(seeded_dir, "search", "退货").stdout


# -- errors: one line on stderr, exit 2, nothing changed ----------------------------------


def one_error_line(result: Any) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    line: str = lines[0]
    return line


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["show", "no-such-id"], "no-such-id"),
        (["edit", "no-such-id", "--text", "亲"], "no-such-id"),
        (["rm", "no-such-code"], "no-such-code"),
        (["render", "nope"], "nope"),
        (["add", "亲，又一条", "--code", "TH1"], "TH1"),
        (["add", "亲，又一条", "--code", "ｔｈ１"], "ｔｈ１"),
        (["edit", "th2", "--code", "th1"], "th1"),
        (["add", ""], "不能为空"),
        (["add", "   "], "不能为空"),
        (["edit", "th1", "--text", " "], "不能为空"),
        (["add", "亲，{优惠券}"], "{优惠券}"),
        (["add", "亲，{昵称"], "{"),
        (["edit", "th1"], "--text"),
        (["render", "th1", "--set", "尺码"], "尺码"),
        (["render", "th1", "--set", "=39"], "=39"),
        (["shop", "--set", "活动"], "活动"),
        (["shop", "--set", "网址=x"], "网址"),
        (["search", "退货", "--limit", "-1"], "--limit"),
    ],
)
def test_errors_exit_2_with_one_line_and_change_nothing(
    seeded_dir: Path, args: list[str], named: str
) -> None:
    before = snapshot(seeded_dir)
    line = one_error_line(run_kefu(seeded_dir, *args))
    assert named in line
    assert snapshot(seeded_dir) == before


def test_a_data_dir_that_cannot_be_created_is_one_clear_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    line = one_error_line(run_kefu(blocker / "data", "search", "退货"))
    assert str(blocker) in line


def test_questions_are_added_shown_replaced_and_cleared_from_the_command_line(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    added = kefu_json(
        data, "add", "亲，满99元包邮哦", "--question", "包邮吗", "--question", "运费怎么算"
    )
    assert added["questions"] == ["包邮吗", "运费怎么算"]
    assert kefu_json(data, "show", added["id"])["questions"] == ["包邮吗", "运费怎么算"]
    shown = run_kefu(data, "show", added["id"])
    assert "相似问法 包邮吗 | 运费怎么算" in shown.stdout

    edited = kefu_json(data, "edit", added["id"], "--question", "新疆包邮吗")
    assert edited["questions"] == ["新疆包邮吗"]
    assert kefu_json(data, "edit", added["id"], "--question", "")["questions"] == []

    refused = run_kefu(data, "edit", added["id"], "--question", "问" * 101)
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "相似问法太长" in refused.stderr
    assert kefu_json(data, "show", added["id"])["questions"] == []
