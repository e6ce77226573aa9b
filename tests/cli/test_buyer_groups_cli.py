"""Every `kefu` command that moves a buyer between groups, on a buyer in a subgroup with
tags, attributes and notes: the subgroup goes with the group it belongs to, nothing else
changes, and a contradictory command is refused without touching a file (real processes)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.core.workspace import open_workspace
from tests.core.buyers.test_orders import order, write_csv
from tests.helpers import run_kefu, snapshot

ACCOUNT = "张小花"


def js(data: Path, *args: str) -> Any:
    done = run_kefu(data, *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def in_3a(data: Path) -> dict[str, Any]:
    ws = open_workspace(data)
    ws.buyers.scheme.add_subgroup(3, "A", "意向大")
    ws.buyers.add(
        ACCOUNT,
        subgroup="3A",
        remark="张姐",
        tags=["价格敏感"],
        notes="只要顺丰",
        attributes={"尺码": "38"},
    )
    return js(data, "buyer", "show", ACCOUNT)


def same_but(before: dict[str, Any], after: dict[str, Any], *fields: str) -> None:
    keep = set(before) - {*fields, "updated_at"}
    assert {k: after[k] for k in keep} == {k: before[k] for k in keep}


def test_edit_group_8_drops_the_subgroup_of_group_3_and_nothing_else(seeded_dir: Path) -> None:
    before = in_3a(seeded_dir)
    after = js(seeded_dir, "buyer", "edit", ACCOUNT, "--group", "8")
    assert (after["group"], after["subgroup"]) == (8, None)
    same_but(before, after, "group", "subgroup")
    again = js(seeded_dir, "buyer", "edit", ACCOUNT, "--subgroup", "3a", "--tag", "送礼")
    assert (again["group"], again["subgroup"], again["tags"]) == (3, "3A", ["送礼"])


def test_ungroup_and_a_subgroup_at_once_is_refused_and_changes_nothing(seeded_dir: Path) -> None:
    in_3a(seeded_dir)
    before = snapshot(seeded_dir)
    done = run_kefu(seeded_dir, "buyer", "edit", ACCOUNT, "--ungroup", "--subgroup", "3A")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "子分组" in done.stderr
    assert snapshot(seeded_dir) == before
    ungrouped = js(seeded_dir, "buyer", "edit", ACCOUNT, "--ungroup")
    assert (ungrouped["group"], ungrouped["subgroup"]) == (None, None)


def test_sub_rm_keeps_the_buyer_in_group_3_without_the_subgroup(seeded_dir: Path) -> None:
    before = in_3a(seeded_dir)
    assert run_kefu(seeded_dir, "groups", "sub", "rm", "3", "A").returncode == 0
    after = js(seeded_dir, "buyer", "show", ACCOUNT)
    assert (after["group"], after["subgroup"]) == (3, None)
    same_but(before, after, "subgroup")


def test_import_orders_moves_a_3a_buyer_to_group_8_and_a_reimport_keeps_a_later_choice(
    seeded_dir: Path, tmp_path: Path
) -> None:
    before = in_3a(seeded_dir)
    report = write_csv(tmp_path / "o.csv", [order("T1", ACCOUNT, "25.00")])
    assert run_kefu(seeded_dir, "buyer", "import-orders", str(report)).returncode == 0
    after = js(seeded_dir, "buyer", "show", ACCOUNT)
    assert (after["group"], after["subgroup"]) == (8, None)
    facts = ("order_count", "total_spent", "first_order_at", "last_order_at")
    same_but(before, after, "group", "subgroup", *facts)
    js(seeded_dir, "buyer", "edit", ACCOUNT, "--subgroup", "3A")  # the agent moves them back
    moved_back = snapshot(seeded_dir)
    again = js(seeded_dir, "buyer", "import-orders", str(report))
    assert (again["duplicates"], again["moved"], again["buyers_updated"]) == (1, 0, 0)
    assert {k: v for k, v in snapshot(seeded_dir).items() if not k.startswith("cache")} == {
        k: v for k, v in moved_back.items() if not k.startswith("cache")
    }
