"""A team's lint file of the wrong shape (issue 12, item 11): `kefu lint` says which file
and which field, in one line, and exits 2; it used to run with a string taken for a list
of words, or end in a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assistant.core.workspace import open_workspace
from tests.helpers import run_kefu

WRONG: list[tuple[Any, str]] = [
    ({"absolute": {"words": "包过"}}, "absolute.words"),
    ({"absolute": {"words": ["包过", 7]}}, "absolute.words[1]"),
    ({"absolute": {"suggestions": {"包过": ["会"]}}}, "absolute.suggestions.包过"),
    ({"too_short": {"min_chars": "5"}}, "too_short.min_chars"),
    ({"off_platform": {"allowed_domains": {"jd": "jd.com"}}}, "off_platform.allowed_domains.jd"),
    ({"off_platform": {"own_platform_names": {"douyin": "抖音"}}}, "own_platform_names.douyin"),
    ({"flat_refusal": ["不行"]}, "flat_refusal"),
    (["包过"], "整个文件"),
]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    ws = open_workspace(data)
    ws.phrases.add("亲，这款包过质检，放心拍", title="质检")
    (data / "lint").mkdir()
    return data


@pytest.mark.parametrize(("doc", "field"), WRONG, ids=[w[1] for w in WRONG])
def test_a_wrong_typed_team_lint_file_names_the_file_and_field(
    data: Path, doc: Any, field: str
) -> None:
    (data / "lint" / "团队.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")

    done = run_kefu(None, "--data-dir", str(data), "lint")

    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert "团队.json" in line and field in line


def test_a_team_file_of_the_right_shape_still_adds_words(data: Path) -> None:
    team = {
        "absolute": {"words": ["包过"], "suggestions": {"包过": "会"}},
        "off_platform": {"own_platform_names": {"douyin": ["抖音"]}},
        "新规则": {"随便": 1},  # unknown to this version: left alone
    }
    (data / "lint" / "团队.json").write_text(json.dumps(team, ensure_ascii=False), "utf-8")

    done = run_kefu(None, "--data-dir", str(data), "lint", "--json")

    assert done.returncode in (0, 1), done.stderr
    found = [f for p in json.loads(done.stdout)["phrases"] for f in p["findings"]]
    assert any(f["rule"] == "absolute" for f in found)
