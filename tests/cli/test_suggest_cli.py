"""`kefu suggest` and `kefu copy --question`, run as the real command in its own process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import kefu_json, run_kefu

ENGRAVE = "亲，本店提供免费刻字服务，下单时备注要刻的字就可以哦"


def test_suggest_lists_the_answering_phrase_first_with_a_score(tmp_path: Path) -> None:
    data = tmp_path / "data"
    added = kefu_json(data, "add", ENGRAVE, "--group", "服务", "--question", "能刻字吗")
    found = kefu_json(data, "suggest", "可以帮忙刻个名字不", "--limit", "3")
    assert found[0]["id"] == added["id"]
    assert found[0]["score"] > 0 and len(found) <= 3
    assert set(found[0]) == set(added) | {"score"}  # the search objects, plus a score
    shown = run_kefu(data, "suggest", "可以帮忙刻个名字不")
    assert shown.returncode == 0 and added["id"] in shown.stdout.splitlines()[0]


def test_an_empty_question_exits_2_with_one_line_and_odd_text_is_answered(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    for args in (("suggest",), ("suggest", "  "), ("suggest", "x", "--limit", "0")):
        result = run_kefu(data, *args)
        assert result.returncode == 2, args
        assert result.stderr.count("\n") == 1, result.stderr
    for text in ("\x1b[31m", "😀" * 2000, "--", "{昵称.__class__}"):
        assert run_kefu(data, "suggest", "--", text).returncode == 0, text


@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="no X display: run under xvfb-run -a")
def test_copy_with_a_question_teaches_it_and_forget_unlearns(tmp_path: Path) -> None:
    data = tmp_path / "data"
    other = kefu_json(data, "add", "亲，我们是正品，支持专柜验货", "--group", "正品")

    copied = run_kefu(data, "copy", other["id"], "--question", "偏远地区能寄吗 13812345678")
    assert copied.returncode == 0, copied.stderr
    assert kefu_json(data, "suggest", "偏远地方寄不寄")[0]["id"] == other["id"]

    assert kefu_json(data, "suggest", "--forget") == {"forgotten": 1}
    assert kefu_json(data, "suggest", "偏远地方寄不寄")[0]["id"] != other["id"]
