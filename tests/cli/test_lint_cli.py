"""`kefu lint` end to end, as a separate process over a real data folder (issue 6)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assistant.core.platforms import LINT_PLATFORMS as PLATFORMS
from assistant.core.workspace import open_workspace
from tests.helpers import run_kefu

FINDING_KEYS = {"rule", "severity", "start", "end", "message", "suggestion"}


def lint(data: Path, *args: str) -> tuple[int, Any]:
    result = run_kefu(None, "--data-dir", str(data), "lint", *args, "--json")
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


def findings(doc: Any, pid: str) -> list[tuple[str, str]]:
    return [
        (f["rule"], f["severity"]) for p in doc["phrases"] if p["id"] == pid for f in p["findings"]
    ]


@pytest.fixture
def phrases(seeded_dir: Path) -> tuple[Path, dict[str, str]]:
    """The built-in packs (clean) and a few of the team's own replies."""
    data = seeded_dir
    ws = open_workspace(data)
    add = ws.phrases.add
    ids = {
        "clean": add("亲，有现货的，今天下单明天发货哦", title="现货", code="xh").id,
        "wechat": add("亲，加微信 shop_2024 给您发实拍图", title="实拍", code="sp").id,
        "mixed": add("亲，这款绝对正品，加QQ：12345678 问细节", title="正品", code="zp").id,
        "tmall": add("亲，我们天猫旗舰店也有这款哦", title="旗舰店", code="qjd").id,
        "promise": add("亲，保证不掉色，放心拍", title="不掉色", code="bdq").id,
    }
    return data, ids


def test_the_built_in_packs_pass_on_every_platform(seeded_dir: Path) -> None:
    for platform in PLATFORMS:
        result = run_kefu(
            None, "--data-dir", str(seeded_dir), "lint", "--all", "--platform", platform
        )
        assert result.returncode == 0, (platform, result.stdout, result.stderr)
        assert f"（平台规则：{platform}），0 个错误" in result.stdout.splitlines()[-1]


def test_exit_1_when_an_error_is_found_and_json_has_each_finding(
    phrases: tuple[Path, dict[str, str]],
) -> None:
    data, ids = phrases
    code, doc = lint(data, "--all")
    assert code == 1
    assert doc["checked"] == len(open_workspace(data).phrases.all())
    assert doc["platform"] == "taobao" and doc["errors"] == 2
    by_id = {p["id"]: p for p in doc["phrases"]}
    assert set(by_id) == {ids["wechat"], ids["mixed"], ids["promise"]}  # the others are clean
    wechat = by_id[ids["wechat"]]["findings"]
    assert len(wechat) == 1 and set(wechat[0]) == FINDING_KEYS
    text = "亲，加微信 shop_2024 给您发实拍图"
    assert wechat[0]["rule"] == "off-platform" and wechat[0]["severity"] == "error"
    assert text[wechat[0]["start"] : wechat[0]["end"]] == "微信 shop_2024"
    assert wechat[0]["message"] and wechat[0]["suggestion"]
    mixed = by_id[ids["mixed"]]["findings"]
    assert [(f["rule"], f["severity"]) for f in mixed] == [
        ("absolute", "warning"),
        ("off-platform", "error"),
    ]


def test_exit_0_when_only_warnings_or_clean(phrases: tuple[Path, dict[str, str]]) -> None:
    data, ids = phrases
    code, doc = lint(data, ids["clean"])
    assert (code, doc["checked"], doc["phrases"]) == (0, 1, [])
    code, doc = lint(data, "bdq", "xh")  # by 快捷编码: a warning is not an error
    assert code == 0 and doc["errors"] == 0
    assert findings(doc, ids["promise"]) == [("absolute", "warning")]


def test_text_output_names_the_span_and_the_suggestion(
    phrases: tuple[Path, dict[str, str]],
) -> None:
    data, _ = phrases
    result = run_kefu(None, "--data-dir", str(data), "lint", "sp")
    assert result.returncode == 1
    assert "错误 [off-platform]" in result.stdout and "「微信 shop_2024」" in result.stdout
    assert "→ 删除联系方式" in result.stdout


def test_platform_jd_flags_a_tmall_mention(phrases: tuple[Path, dict[str, str]]) -> None:
    data, ids = phrases
    assert lint(data, "qjd")[0] == 0  # on taobao (the default), naming 天猫 is fine
    code, doc = lint(data, "qjd", "--platform", "jd")
    assert code == 1 and doc["platform"] == "jd"
    assert [p["id"] for p in doc["phrases"]] == [ids["tmall"]]
    found = doc["phrases"][0]["findings"]
    text = "亲，我们天猫旗舰店也有这款哦"
    assert [text[f["start"] : f["end"]] for f in found] == ["天猫"]


def test_the_platform_setting_is_the_default(phrases: tuple[Path, dict[str, str]]) -> None:
    data, _ = phrases
    open_workspace(data).settings.update(platform="jd")
    code, doc = lint(data, "qjd")
    assert (code, doc["platform"]) == (1, "jd")


def test_accept_silences_one_rule_for_one_phrase_and_unaccept_restores_it(
    phrases: tuple[Path, dict[str, str]],
) -> None:
    data, ids = phrases
    result = run_kefu(None, "--data-dir", str(data), "lint", "--accept", "zp", "off-platform")
    assert result.returncode == 0, result.stderr
    code, doc = lint(data, "--all")
    assert findings(doc, ids["mixed"]) == [("absolute", "warning")]  # the other rule still
    assert findings(doc, ids["wechat"]) == [("off-platform", "error")]  # other phrases still
    assert code == 1 and doc["errors"] == 1
    stored = open_workspace(data).phrases.accepted_rules(ids["mixed"])
    assert stored == ["off-platform"]

    result = run_kefu(
        None, "--data-dir", str(data), "lint", "--unaccept", ids["mixed"], "off-platform"
    )
    assert result.returncode == 0, result.stderr
    _, doc = lint(data, "--all")
    assert findings(doc, ids["mixed"]) == [("absolute", "warning"), ("off-platform", "error")]


def test_unknown_rule_unknown_phrase_or_platform_exit_2(
    phrases: tuple[Path, dict[str, str]],
) -> None:
    data, ids = phrases
    before = open_workspace(data).phrases.get(ids["mixed"])
    for args in (("--accept", "zp", "no-such-rule"), ("--all", "--platform", "douyin")):
        result = run_kefu(None, "--data-dir", str(data), "lint", *args)
        assert result.returncode == 2, (args, result.stdout)
        assert result.stderr.startswith("错误：")
    after = open_workspace(data).phrases
    assert after.accepted_rules(ids["mixed"]) == []
    assert after.get(ids["mixed"]).updated_at == before.updated_at


def test_a_team_rule_file_extends_the_built_in_words(
    phrases: tuple[Path, dict[str, str]],
) -> None:
    data, ids = phrases
    ws = open_workspace(data)
    exam = ws.phrases.add("亲，报我们的班考试包过，放心报名", title="包过", code="bg").id
    (data / "lint").mkdir()
    (data / "lint" / "extra.json").write_text(
        json.dumps({"absolute": {"words": ["包过"]}}, ensure_ascii=False), encoding="utf-8"
    )
    _, doc = lint(data, "bg", "bdq")
    text = "亲，报我们的班考试包过，放心报名"
    team = [f for p in doc["phrases"] if p["id"] == exam for f in p["findings"]]
    assert [(f["rule"], text[f["start"] : f["end"]]) for f in team] == [("absolute", "包过")]
    assert findings(doc, ids["promise"]) == [("absolute", "warning")]  # 保证: built-in word


def test_a_broken_team_rule_file_is_an_error_not_a_traceback(
    phrases: tuple[Path, dict[str, str]],
) -> None:
    data, _ = phrases
    (data / "lint").mkdir()
    (data / "lint" / "extra.json").write_text('{"absolute": {"words": ["包过"', encoding="utf-8")
    result = run_kefu(None, "--data-dir", str(data), "lint", "--all")
    assert result.returncode == 2
    assert "extra.json" in result.stderr and "Traceback" not in result.stderr
