"""A buyer's subgroup always belongs to the buyer's group, whatever the order of operations.

A hypothesis state machine runs random sequences of every operation that sets or changes a
buyer's group on a real data folder: add, edit (group, subgroup, both, ungroup, ungroup with
a subgroup), tag, import an order report (paid, unpaid and already counted orders), archive
and bring back, add and remove subgroups of the scheme, back up and restore. After each
step the buyer files, read straight from disk, must agree with a small model of the rules
kept here (not the product's code) and every subgroup must name its buyer's group.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from assistant.core import clock
from assistant.core.buyers import cleanup
from assistant.core.buyers.orders import import_orders
from assistant.core.errors import InvalidInput
from assistant.core.store.backup import create_backup, restore_backup
from assistant.core.workspace import open_workspace
from tests.core.buyers.test_orders import order, write_csv
from tests.helpers import stored_docs

ACCOUNTS = ["张小花", "李大壮", "tb_王姐"]
GROUPS = [None, *range(1, 11)]
LETTERS = ["A", "C"]
MOVABLE = (None, 3, 4)  # the documented rule: a paying buyer in no group, 3 or 4 goes to 8
Place = tuple[int | None, str | None]


def number_of(code: str) -> int:
    return int(code[:-1])


class GroupMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="kefu-groups-"))
        self.ws = open_workspace(self.tmp / "data", builtins=False)
        self.book = self.ws.buyers
        for number, letter in ((3, "A"), (4, "B"), (8, "A")):  # subgroups of 3, 4 and 8 too
            self.book.scheme.add_subgroup(number, letter, f"子{letter}")
        self.codes = {"1A", "1B", "2A", "2B", "2C", "3A", "4B", "8A"}
        self.place: dict[str, Place] = {}  # the model: account -> (group, subgroup)
        self.orders: dict[str, set[str]] = {}  # account -> order numbers counted
        self.tags: dict[str, list[str]] = {}
        self.archived: dict[str, bool] = {}
        self.next_order = 0
        self.reports = 0
        self.saved: tuple[Path, dict[str, Any]] | None = None

    def teardown(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _snapshot(self) -> dict[str, Any]:
        return {
            "codes": set(self.codes),
            "place": dict(self.place),
            "orders": {k: set(v) for k, v in self.orders.items()},
            "tags": {k: list(v) for k, v in self.tags.items()},
            "archived": dict(self.archived),
        }

    def _refused(self, call: Any) -> bool:
        try:
            call()
        except InvalidInput:
            return True
        return False

    # -- the operations ------------------------------------------------------------------
    @initialize(codes=st.tuples(*[st.sampled_from(["3A", "4B", "1A", "8A", "3", ""])] * 3))
    def buyers_in_subgroups(self, codes: tuple[str, ...]) -> None:
        """Start from buyers already placed, most of them in a subgroup ("3": group 3 only)."""
        for account, code in zip(ACCOUNTS, codes, strict=True):
            group = int(code) if code.isdigit() else None
            sub = code if code and not code.isdigit() else None
            self.book.add(account, group=group, subgroup=sub, tags=["送礼"])
            self.place[account] = (number_of(sub), sub) if sub else (group, None)
            self.orders[account], self.tags[account] = set(), ["送礼"]
            self.archived[account] = False

    @rule(
        account=st.sampled_from(ACCOUNTS),
        group=st.sampled_from(GROUPS),
        code=st.none() | st.sampled_from(["1A", "2C", "3A", "4B", "8A", "9Z"]),
    )
    def add(self, account: str, group: int | None, code: str | None) -> None:
        ok = account not in self.place and (
            code is None or (code in self.codes and group in (None, number_of(code)))
        )
        refused = self._refused(
            lambda: self.book.add(account, group=group, subgroup=code, tags=["送礼"])
        )
        assert refused == (not ok)
        if ok:
            self.place[account] = (number_of(code), code) if code else (group, None)
            self.orders[account], self.tags[account] = set(), ["送礼"]
            self.archived[account] = False

    @precondition(lambda self: self.place)
    @rule(data=st.data(), group=st.sampled_from(GROUPS))
    def edit_group(self, data: st.DataObject, group: int | None) -> None:
        account = data.draw(st.sampled_from(sorted(self.place)))
        self.book.edit(account, group=group)
        self.place[account] = (group, None)

    @precondition(lambda self: self.place)
    @rule(data=st.data(), code=st.sampled_from(["1A", "2B", "3A", "3C", "4B", "8A", "10C"]))
    def edit_subgroup(self, data: st.DataObject, code: str) -> None:
        account = data.draw(st.sampled_from(sorted(self.place)))
        refused = self._refused(lambda: self.book.edit(account, subgroup=code))
        assert refused == (code not in self.codes)
        if not refused:
            self.place[account] = (number_of(code), code)

    @precondition(lambda self: self.place)
    @rule(
        data=st.data(),
        group=st.sampled_from([None, 1, 3, 4, 8, 9]),
        code=st.sampled_from(["1A", "3A", "3C", "8A"]),
    )
    def edit_both(self, data: st.DataObject, group: int | None, code: str) -> None:
        """Group and subgroup at once; group None is `--ungroup --subgroup`: contradictory."""
        account = data.draw(st.sampled_from(sorted(self.place)))
        ok = code in self.codes and group == number_of(code)
        refused = self._refused(lambda: self.book.edit(account, group=group, subgroup=code))
        assert refused == (not ok)
        if ok:
            self.place[account] = (group, code)

    @precondition(lambda self: self.place)
    @rule(data=st.data(), tag=st.sampled_from(["价格敏感", "回头客", "批发"]))
    def tag(self, data: st.DataObject, tag: str) -> None:
        account = data.draw(st.sampled_from(sorted(self.place)))
        self.book.tag(account, [tag])
        if tag not in self.tags[account]:
            self.tags[account].append(tag)

    @rule(
        rows=st.lists(
            st.tuples(st.sampled_from(ACCOUNTS), st.booleans(), st.booleans()),
            min_size=1,
            max_size=5,
        )
    )
    def import_report(self, rows: list[tuple[str, bool, bool]]) -> None:
        """Rows of (account, paid, an order already counted for the account if any)."""
        lines: list[list[str]] = []
        gained: set[str] = set()
        for account, paid, known in rows:
            counted = sorted(self.orders.get(account, ()))
            if known and counted:
                lines.append(order(counted[0], account))
                continue
            self.next_order += 1
            number = f"T{self.next_order}"
            lines.append(order(number, account, status="交易成功" if paid else "等待买家付款"))
            if account not in self.place:  # seen for the first time: created
                self.place[account], self.orders[account] = (None, None), set()
                self.tags[account], self.archived[account] = [], False
            if paid:
                self.orders[account].add(number)
                gained.add(account)
        self.reports += 1
        import_orders(self.book, write_csv(self.tmp / f"r{self.reports}.csv", lines))
        for account in gained:
            if self.place[account][0] in MOVABLE:
                self.place[account] = (8, None)
            if len(self.orders[account]) >= 2 and "回头客" not in self.tags[account]:
                self.tags[account].append("回头客")
            self.archived[account] = False

    @precondition(lambda self: self.place)
    @rule()
    def archive_everyone(self) -> None:
        later = clock.now() + timedelta(days=4000)
        with pytest.MonkeyPatch.context() as patch:  # the clean-up a decade on
            patch.setattr(cleanup, "now", lambda: later)
            self.book.prune(365)
        self.archived = dict.fromkeys(self.archived, True)

    @precondition(lambda self: any(self.archived.values()))
    @rule(data=st.data())
    def bring_back(self, data: st.DataObject) -> None:
        account = data.draw(st.sampled_from(sorted(a for a, v in self.archived.items() if v)))
        self.book.restore(account)
        self.archived[account] = False

    @rule(number=st.sampled_from([3, 4, 8]), letter=st.sampled_from(LETTERS))
    def add_subgroup(self, number: int, letter: str) -> None:
        self.book.scheme.add_subgroup(number, letter, f"子{letter}")
        self.codes.add(f"{number}{letter}")

    @rule(code=st.sampled_from(["1A", "2B", "3A", "4B", "8A"]))
    def remove_subgroup(self, code: str) -> None:
        refused = self._refused(lambda: self.book.remove_subgroup(number_of(code), code[-1]))
        assert refused == (code not in self.codes)
        if not refused:
            self.codes.discard(code)
            for account, (group, sub) in self.place.items():
                if sub == code:
                    self.place[account] = (group, None)

    @rule()
    def back_up(self) -> None:
        self.saved = (create_backup(self.ws.folder).path, self._snapshot())

    @precondition(lambda self: self.saved is not None)
    @rule()
    def restore(self) -> None:
        assert self.saved is not None
        path, model = self.saved
        restore_backup(self.ws.folder, path)
        self.codes, self.place, self.orders = model["codes"], model["place"], model["orders"]
        self.tags, self.archived = model["tags"], model["archived"]
        self.saved = (path, self._snapshot())

    # -- what must hold after every step --------------------------------------------------
    @invariant()
    def every_subgroup_belongs_to_its_group_and_the_model_agrees(self) -> None:
        docs = stored_docs(self.ws.path, "buyers")
        places = {d["account"]: (d.get("group"), d.get("subgroup")) for d in docs.values()}
        for account, (group, sub) in places.items():
            assert sub is None or number_of(sub) == group, (account, group, sub)
        assert places == self.place
        assert {d["account"]: d["tags"] for d in docs.values()} == self.tags
        assert {d["account"]: d.get("archived", False) for d in docs.values()} == self.archived
        counted = {d["account"]: set(d.get("orders", {})) for d in docs.values()}
        assert counted == self.orders


def test_ungrouping_into_a_subgroup_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    book = open_workspace(tmp_path / "data", builtins=False).buyers
    book.add("张小花", subgroup="1A", tags=["送礼"])
    before = stored_docs(tmp_path / "data", "buyers")
    with pytest.raises(InvalidInput, match="子分组"):
        book.edit("张小花", group=None, subgroup="2B")  # `buyer edit --ungroup --subgroup 2B`
    assert stored_docs(tmp_path / "data", "buyers") == before


GroupMachine.TestCase.settings = settings(
    max_examples=30,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_a_subgroup_always_belongs_to_its_group = GroupMachine.TestCase
