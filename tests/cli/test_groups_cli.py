"""`kefu groups ...` end to end: the ten-group scheme, its sortable labels and its counts."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from assistant.core.workspace import open_workspace
from tests.helpers import run_kefu, snapshot

SCHEME = [
    (1, "好友"),
    (2, "顾问"),
    (3, "需订购"),
    (4, "有合作意向"),
    (5, "批发商家"),
    (6, "意向批发商家"),
    (7, "供应商"),
    (8, "成交买家"),
    (9, "亲切买家"),
    (10, "交易纠纷"),
]
LABELS = [
    "01 好友",
    "01A 聊友",
    "01B 熟人",
    "02 顾问",
    "02A 小二",
    "02B 掌门护法",
    "02C 老师",
    "03 需订购",
    "04 有合作意向",
    "05 批发商家",
    "06 意向批发商家",
    "07 供应商",
    "08 成交买家",
    "09 亲切买家",
    "10 交易纠纷",
]


def kefu(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_kefu(None, "--data-dir", str(data), *args)


def ok(data: Path, *args: str) -> str:
    result = kefu(data, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def contact_groups(data: Path) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = json.loads(ok(data, "groups", "--json"))["contact_groups"]
    return groups


def labels(data: Path) -> list[str]:
    return ok(data, "groups", "labels").splitlines()


def test_the_ten_groups_and_default_subgroups(seeded_dir: Path) -> None:
    groups = contact_groups(seeded_dir)
    assert [(g["number"], g["name"]) for g in groups] == SCHEME
    subs = {g["number"]: [(s["code"], s["name"]) for s in g["subgroups"]] for g in groups}
    assert subs[1] == [("1A", "聊友"), ("1B", "熟人")]
    assert subs[2] == [("2A", "小二"), ("2B", "掌门护法"), ("2C", "老师")]
    assert all(subs[n] == [] for n in range(3, 11))
    text = ok(seeded_dir, "groups")
    assert "十大分组" in text
    for number, name in SCHEME:
        assert name in text, (number, name)


def test_labels_sort_as_plain_text_in_scheme_order(seeded_dir: Path) -> None:
    printed = labels(seeded_dir)
    assert printed == LABELS
    assert sorted(printed) == printed
    assert json.loads(ok(seeded_dir, "groups", "labels", "--json")) == LABELS


def test_labels_stay_sorted_with_subgroups_in_groups_10_and_9(seeded_dir: Path) -> None:
    ok(seeded_dir, "groups", "sub", "add", "10", "A", "退款纠纷")
    printed = labels(seeded_dir)
    assert sorted(printed) == printed
    assert printed[-2:] == ["10 交易纠纷", "10A 退款纠纷"]
    ok(seeded_dir, "groups", "sub", "add", "9", "a", "老客户")
    printed = labels(seeded_dir)
    assert sorted(printed) == printed
    assert printed[-4:] == ["09 亲切买家", "09A 老客户", "10 交易纠纷", "10A 退款纠纷"]
    assert len(printed) == len(LABELS) + 2


def test_rename_keeps_number_and_order(seeded_dir: Path) -> None:
    assert "老顾客" in ok(seeded_dir, "groups", "rename", "8", "老顾客")
    printed = labels(seeded_dir)
    assert printed == [("08 老顾客" if label == "08 成交买家" else label) for label in LABELS]
    assert sorted(printed) == printed
    groups = contact_groups(seeded_dir)
    assert [(g["number"], g["name"]) for g in groups] == [
        (n, "老顾客" if n == 8 else name) for n, name in SCHEME
    ]


def test_sub_add_and_rm(seeded_dir: Path) -> None:
    out = ok(seeded_dir, "groups", "sub", "add", "1", "C", "老乡")
    assert "老乡" in out
    ok(seeded_dir, "groups", "sub", "rm", "1", "A")
    groups = contact_groups(seeded_dir)
    assert [(s["code"], s["name"]) for s in groups[0]["subgroups"]] == [
        ("1B", "熟人"),
        ("1C", "老乡"),
    ]
    printed = labels(seeded_dir)
    assert printed[:3] == ["01 好友", "01B 熟人", "01C 老乡"]
    assert sorted(printed) == printed


def test_sub_rm_keeps_its_buyers_in_the_group(seeded_dir: Path) -> None:
    book = open_workspace(seeded_dir).buyers
    book.add("a", subgroup="2B")
    book.add("b", subgroup="2B")
    assert "2 位买家" in ok(seeded_dir, "groups", "sub", "rm", "2", "B")
    shown = json.loads(ok(seeded_dir, "buyer", "show", "a", "--json"))
    assert (shown["group"], shown["subgroup"]) == (2, None)
    groups = contact_groups(seeded_dir)
    assert groups[1]["count"] == 2
    assert [s["code"] for s in groups[1]["subgroups"]] == ["2A", "2C"]


def test_counts_per_group_and_subgroup(seeded_dir: Path) -> None:
    book = open_workspace(seeded_dir).buyers
    for account, group, subgroup in [
        ("a", None, "1A"),
        ("b", None, "1A"),
        ("c", 1, None),
        ("d", None, "2C"),
        ("e", 8, None),
        ("f", 8, None),
        ("g", 8, None),
        ("h", 10, None),
        ("none", None, None),
    ]:
        book.add(account, group=group, subgroup=subgroup)
    with book.folder.buyers.transaction():  # one archived buyer: not counted
        doc = dict(book.folder.buyers.get("taobao:g") or {})
        doc["archived"] = True
        book.folder.buyers.put("taobao:g", doc)
    groups = {g["number"]: g for g in contact_groups(seeded_dir)}
    counts = {n: g["count"] for n, g in groups.items()}
    assert counts == {1: 3, 2: 1, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0, 8: 2, 9: 0, 10: 1}
    assert {s["code"]: s["count"] for s in groups[1]["subgroups"]} == {"1A": 2, "1B": 0}
    assert {s["code"]: s["count"] for s in groups[2]["subgroups"]} == {"2A": 0, "2B": 0, "2C": 1}
    assert [s["label"] for s in groups[2]["subgroups"]] == ["02A 小二", "02B 掌门护法", "02C 老师"]
    assert groups[10]["label"] == "10 交易纠纷"
    text = ok(seeded_dir, "groups")
    assert "成交买家  2 人" in text


def test_refused_changes_exit_2_and_change_nothing(seeded_dir: Path) -> None:
    open_workspace(seeded_dir).buyers.add("in_group_3", group=3)
    before = snapshot(seeded_dir)
    for args, says in [
        (("groups", "rename", "11", "x"), "1–10"),
        (("groups", "rename", "0", "x"), "1–10"),
        (("groups", "rename", "一", "x"), "1–10"),
        (("groups", "sub", "add", "11", "A", "x"), "1–10"),
        (("groups", "sub", "add", "1", "7", "x"), "1A"),
        (("groups", "sub", "rm", "3", "A"), "3A"),
    ]:
        result = kefu(seeded_dir, *args)
        assert result.returncode == 2, (args, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and says in lines[0], (args, lines)
    assert snapshot(seeded_dir) == before
    assert labels(seeded_dir) == LABELS
