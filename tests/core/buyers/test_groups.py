"""The ten-group contact scheme (十大分组): fixed numbers and order, editable names."""

from __future__ import annotations

import pytest

from assistant.core.buyers.groups import (
    ContactGroup,
    ContactScheme,
    check_number,
    parse_subgroup,
    subgroup_code,
)
from assistant.core.errors import InvalidInput
from assistant.core.workspace import Workspace, open_workspace
from tests.helpers import snapshot

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


def test_the_ten_groups_of_the_scheme_in_order(empty_ws: Workspace) -> None:
    groups = empty_ws.buyers.scheme.groups()
    assert [(g.number, g.name) for g in groups] == SCHEME


def test_default_subgroups(empty_ws: Workspace) -> None:
    by_number = {g.number: g.subgroups for g in empty_ws.buyers.scheme.groups()}
    assert by_number[1] == {"A": "聊友", "B": "熟人"}
    assert by_number[2] == {"A": "小二", "B": "掌门护法", "C": "老师"}
    assert all(by_number[n] == {} for n in range(3, 11))
    assert empty_ws.buyers.scheme.subgroup_name("2b") == "掌门护法"


def test_labels_sort_as_plain_text_in_scheme_order(empty_ws: Workspace) -> None:
    labels = empty_ws.buyers.scheme.labels()
    assert sorted(labels) == labels
    assert labels == [
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


def test_labels_stay_in_order_with_subgroups_in_groups_9_and_10(empty_ws: Workspace) -> None:
    scheme = empty_ws.buyers.scheme
    scheme.add_subgroup(10, "B", "差评")
    scheme.add_subgroup(10, "A", "退款")
    scheme.add_subgroup(9, "A", "老客户")
    labels = scheme.labels()
    assert sorted(labels) == labels
    assert labels[-6:] == [
        "08 成交买家",
        "09 亲切买家",
        "09A 老客户",
        "10 交易纠纷",
        "10A 退款",
        "10B 差评",
    ]


def test_a_group_is_labelled_padded_for_chat_clients_and_plain_for_reading() -> None:
    group = ContactGroup(1, "好友", {"A": "聊友"})
    assert group.label() == "01 好友"
    assert group.label(padded=False) == "1 好友"
    assert group.sub_label("A") == "01A 聊友"
    assert group.sub_label("A", padded=False) == "1A 聊友"
    assert ContactGroup(10, "交易纠纷").label(padded=False) == "10 交易纠纷"


def test_a_subgroup_code_is_what_parse_subgroup_reads_back() -> None:
    group = ContactGroup(10, "交易纠纷", {"B": "差评"})
    assert group.sub_code("B") == subgroup_code(10, "B") == "10B"
    assert parse_subgroup(group.sub_code("B")) == (10, "B")
    assert ContactGroup(2, "顾问").sub_code("C") == "2C"


def test_a_subgroup_path_names_the_group_and_the_subgroup() -> None:
    group = ContactGroup(1, "好友", {"A": "聊友"})
    assert group.sub_path("A") == "1A 好友/聊友"
    # a letter the group no longer has still shows, with an empty name
    assert group.sub_path("D") == "1D 好友/"


def test_a_renamed_group_is_labelled_with_its_new_name(empty_ws: Workspace) -> None:
    group = empty_ws.buyers.scheme.rename(2, "高手")
    assert (group.label(), group.label(padded=False)) == ("02 高手", "2 高手")
    assert group.sub_path("B") == "2B 高手/掌门护法"


def test_rename_keeps_number_and_order(empty_ws: Workspace) -> None:
    scheme = empty_ws.buyers.scheme
    renamed = scheme.rename(8, "老顾客")
    assert (renamed.number, renamed.name) == (8, "老顾客")
    names = [(g.number, g.name) for g in scheme.groups()]
    assert names == [(n, "老顾客" if n == 8 else name) for n, name in SCHEME]
    labels = scheme.labels()
    assert "08 老顾客" in labels
    assert sorted(labels) == labels


def test_changes_to_the_scheme_are_stored(empty_ws: Workspace) -> None:
    scheme = empty_ws.buyers.scheme
    scheme.rename("3", "待订购")
    scheme.add_subgroup(8, "a", "老客")
    scheme.remove_subgroup(1, "B")
    again = ContactScheme(open_workspace(empty_ws.path, builtins=False).folder)
    assert again.group(3).name == "待订购"
    assert again.group(8).subgroups == {"A": "老客"}
    assert again.group(1).subgroups == {"A": "聊友"}
    assert again.group(2).subgroups == {"A": "小二", "B": "掌门护法", "C": "老师"}


def test_sub_add_and_rm(empty_ws: Workspace) -> None:
    scheme = empty_ws.buyers.scheme
    group = scheme.add_subgroup(1, "C", "老乡")
    assert group.subgroups == {"A": "聊友", "B": "熟人", "C": "老乡"}
    assert scheme.subgroup_name("1C") == "老乡"
    group = scheme.remove_subgroup(1, "A")
    assert group.subgroups == {"B": "熟人", "C": "老乡"}
    with pytest.raises(InvalidInput):
        scheme.subgroup_name("1A")


def test_removing_every_default_subgroup_is_kept(empty_ws: Workspace) -> None:
    scheme = empty_ws.buyers.scheme
    for letter in "ABC":
        scheme.remove_subgroup(2, letter)
    assert scheme.group(2).subgroups == {}
    assert "02A 小二" not in scheme.labels()


@pytest.mark.parametrize("number", [0, 11, -1, "x", "", None])
def test_group_numbers_outside_1_to_10_are_refused(number: object) -> None:
    with pytest.raises(InvalidInput):
        check_number(number)  # type: ignore[arg-type]


@pytest.mark.parametrize("code", ["1", "A1", "11A", "0A", "1AA", "1-A", ""])
def test_malformed_subgroup_codes_are_refused(code: str) -> None:
    with pytest.raises(InvalidInput):
        parse_subgroup(code)


def test_subgroup_codes_are_normalised() -> None:
    assert parse_subgroup(" 10b ") == (10, "B")
    assert parse_subgroup("2c") == (2, "C")


def test_refused_scheme_changes_change_nothing(empty_ws: Workspace) -> None:
    scheme = empty_ws.buyers.scheme
    scheme.rename(1, "朋友")  # the settings file exists from here on
    before = snapshot(empty_ws.path)
    attempts = [
        lambda: scheme.rename(11, "x"),
        lambda: scheme.rename(0, "x"),
        lambda: scheme.rename(1, "  "),
        lambda: scheme.rename(1, "名" * 21),
        lambda: scheme.add_subgroup(11, "A", "x"),
        lambda: scheme.add_subgroup(1, "1", "x"),
        lambda: scheme.add_subgroup(1, "C", ""),
        lambda: scheme.remove_subgroup(3, "A"),
        lambda: scheme.remove_subgroup(12, "A"),
    ]
    for attempt in attempts:
        with pytest.raises(InvalidInput):
            attempt()
    assert snapshot(empty_ws.path) == before


def test_counts_per_group_and_subgroup_skip_archived(empty_ws: Workspace) -> None:
    book = empty_ws.buyers
    book.add("a1", group=1)
    book.add("a2", subgroup="1A")
    book.add("a3", subgroup="1B")
    book.add("b1", subgroup="2C")
    book.add("h1", group=8)
    book.add("h2", group=8)
    book.add("none")
    book.add("gone", group=8)
    with book.folder.buyers.transaction():
        doc = dict(book.folder.buyers.get("taobao:gone") or {})
        doc["archived"] = True
        book.folder.buyers.put("taobao:gone", doc)
    counts = book.counts()
    assert counts["1"] == 3
    assert (counts["1A"], counts["1B"]) == (1, 1)
    assert (counts["2"], counts["2C"]) == (1, 1)
    assert counts["8"] == 2
    assert sum(counts[str(n)] for n in range(1, 11)) == 6


def test_removing_a_subgroup_keeps_its_buyers_in_the_group(empty_ws: Workspace) -> None:
    book = empty_ws.buyers
    book.add("a", subgroup="1A")
    book.add("b", subgroup="1B")
    group, moved = book.remove_subgroup(1, "a")
    assert (group.subgroups, moved) == ({"B": "熟人"}, 1)
    assert (book.get("a").group, book.get("a").subgroup) == (1, None)
    assert book.get("b").subgroup == "1B"
    assert (book.counts()["1"], book.counts()["1A"]) == (2, 0)
    # a new 1A later starts empty: nobody is silently re-attached
    book.scheme.add_subgroup(1, "A", "同乡")
    assert book.counts()["1A"] == 0


def test_removing_an_unknown_subgroup_changes_no_buyer(empty_ws: Workspace) -> None:
    book = empty_ws.buyers
    book.add("a", subgroup="2C")
    book.scheme.rename(2, "顾问们")
    before = snapshot(empty_ws.path)
    with pytest.raises(InvalidInput):
        book.remove_subgroup(2, "D")
    with pytest.raises(InvalidInput):
        book.remove_subgroup(11, "A")
    assert snapshot(empty_ws.path) == before
