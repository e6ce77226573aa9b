"""The buyer book: fields, editing, search, tags, promises, clean-up, erasure and export."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from assistant.core.buyers.book import BuyerBook
from assistant.core.buyers.export import write_export
from assistant.core.buyers.model import (
    BUYER_TYPES,
    JSON_KEYS,
    READY_TAGS,
    REPEAT_TAG,
    clean_platform,
)
from assistant.core.errors import InvalidInput, KefuError, NotFound
from assistant.core.workspace import Workspace, open_workspace
from tests.helpers import snapshot

ISSUE_KEYS = [
    "account",
    "platform",
    "remark",
    "group",
    "subgroup",
    "tags",
    "notes",
    "promises",
    "attributes",
    "order_count",
    "total_spent",
    "first_order_at",
    "last_order_at",
    "last_contact_at",
    "archived",
    "created_at",
    "updated_at",
]
DATE_KEYS = ("first_order_at", "last_order_at", "last_contact_at", "created_at", "updated_at")


def _iso(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    assert moment.tzinfo is not None, value
    return moment


def _set_fields(book: BuyerBook, key: str, **fields: Any) -> None:
    """Give a stored buyer old dates, as if created or last seen long ago."""
    with book.folder.buyers.transaction():
        doc = dict(book.folder.buyers.get(key) or {})
        assert doc, key
        doc.update(fields)
        book.folder.buyers.put(key, doc)


def _days_ago(days: int) -> str:
    return (datetime.now().astimezone() - timedelta(days=days)).replace(microsecond=0).isoformat()


# -- fields -------------------------------------------------------------------------------


def test_a_new_buyer_has_every_field_of_the_issue(empty_ws: Workspace) -> None:
    buyer = empty_ws.buyers.add(
        "tb_小王",
        remark="王姐",
        group=9,
        tags=["价格敏感", "价格敏感", " 急购 "],
        notes="想买红色连衣裙",
        attributes={"尺码": "38", "脚型": "偏宽"},
    )
    data = buyer.to_json()
    assert list(data) == ISSUE_KEYS
    assert list(JSON_KEYS) == ISSUE_KEYS
    assert data["account"] == "tb_小王"
    assert data["platform"] == "taobao"
    assert (data["remark"], data["group"], data["subgroup"]) == ("王姐", 9, None)
    assert data["tags"] == ["价格敏感", "急购"]
    assert data["attributes"] == {"尺码": "38", "脚型": "偏宽"}
    assert (data["order_count"], data["total_spent"]) == (0, 0.0)
    assert isinstance(data["total_spent"], float)
    assert data["promises"] == []
    assert data["archived"] is False
    assert data["first_order_at"] is None and data["last_contact_at"] is None
    created = _iso(data["created_at"])
    assert abs(created - datetime.now().astimezone()) < timedelta(minutes=5)
    assert data["updated_at"] == data["created_at"]
    # stored, not only returned: a fresh process sees the same buyer
    again = open_workspace(empty_ws.path, builtins=False).buyers.get("tb_小王")
    assert again.to_json() == data


def test_stored_internals_do_not_leak_into_the_json(empty_ws: Workspace) -> None:
    empty_ws.buyers.add("张三", remark="张姐")
    data = empty_ws.buyers.get("张三").to_json()
    assert "_py" not in data and "orders" not in data
    json.dumps(data)  # plain JSON types only


@pytest.mark.parametrize(
    ("given", "stored"),
    [(None, "taobao"), ("TMALL", "tmall"), ("京东", "jd"), (" pdd ", "pdd"), ("微信", "wechat")],
)
def test_platforms_and_their_chinese_names(given: str | None, stored: str) -> None:
    assert clean_platform(given) == stored


def test_an_unknown_platform_is_refused(empty_ws: Workspace) -> None:
    with pytest.raises(InvalidInput, match="平台"):
        empty_ws.buyers.add("x", platform="ebay")


@pytest.mark.parametrize("account", ["", "   ", "a\tb", "a\nb", "x" * 65])
def test_invalid_accounts_are_refused(empty_ws: Workspace, account: str) -> None:
    with pytest.raises(InvalidInput):
        empty_ws.buyers.add(account)
    assert empty_ws.buyers.all(archived=None) == []


def test_ready_tags_are_the_buyer_types_and_repeat_buyer() -> None:
    assert BUYER_TYPES == (
        "需求明确",
        "需求迷茫",
        "自主型",
        "摇摆型",
        "价格敏感",
        "价格不敏感",
        "急购",
        "随便逛",
        "自用",
        "送礼",
        "要求高",
        "要求随意",
        "信任型",
        "多疑型",
    )
    assert (*BUYER_TYPES, REPEAT_TAG) == READY_TAGS
    assert REPEAT_TAG == "回头客"


# -- add / edit / errors ---------------------------------------------------------------------


def test_subgroup_sets_its_group(empty_ws: Workspace) -> None:
    buyer = empty_ws.buyers.add("a", subgroup="2b")
    assert (buyer.group, buyer.subgroup) == (2, "2B")


def test_edit_changes_the_given_fields_only(empty_ws: Workspace) -> None:
    book = empty_ws.buyers
    book.add("张三", remark="张姐", subgroup="1A", tags=["自用"], attributes={"尺码": "38"})
    created = book.get("张三")
    edited = book.edit("张三", notes="要发顺丰", attributes={"脚型": "偏宽"})
    assert edited.remark == "张姐"
    assert (edited.group, edited.subgroup) == (1, "1A")
    assert edited.tags == ["自用"]
    assert edited.notes == "要发顺丰"
    assert edited.attributes == {"尺码": "38", "脚型": "偏宽"}
    assert edited.created_at == created.created_at
    assert _iso(edited.updated_at) >= _iso(created.updated_at)
    edited = book.edit("张三", append_note="答应送袜子", remove_attributes=["尺码"])
    assert edited.notes.startswith("要发顺丰\n[")
    assert edited.notes.endswith("] 答应送袜子")
    assert edited.attributes == {"脚型": "偏宽"}
    assert book.get("张三") == edited


def test_edit_group_drops_the_old_subgroup(empty_ws: Workspace) -> None:
    book = empty_ws.buyers
    book.add("a", subgroup="1A")
    buyer = book.edit("a", group=9)
    assert (buyer.group, buyer.subgroup) == (9, None)
    buyer = book.edit("a", group=None)
    assert (buyer.group, buyer.subgroup) == (None, None)


def test_edit_subgroup_alone_moves_to_that_subgroup_and_its_group(empty_ws: Workspace) -> None:
    book = empty_ws.buyers
    book.add("a", subgroup="1A")
    buyer = book.edit("a", subgroup="2C")
    assert (buyer.group, buyer.subgroup) == (2, "2C")
    buyer = book.edit("a", subgroup="2A")
    assert (buyer.group, buyer.subgroup) == (2, "2A")


def _refusals(book: BuyerBook) -> list[tuple[type[KefuError], Callable[[], object]]]:
    return [
        (InvalidInput, lambda: book.add("张三")),  # duplicate
        (InvalidInput, lambda: book.add("new", group=11)),
        (InvalidInput, lambda: book.add("new", group=0)),
        (InvalidInput, lambda: book.add("new", subgroup="3A")),  # unknown subgroup
        (InvalidInput, lambda: book.add("new", group=2, subgroup="1A")),
        (InvalidInput, lambda: book.edit("张三", group=11)),
        (InvalidInput, lambda: book.edit("张三", group="十")),
        (InvalidInput, lambda: book.edit("张三", subgroup="1Z")),
        (InvalidInput, lambda: book.edit("张三", remark="长" * 41)),
        (InvalidInput, lambda: book.edit("张三", tags=["标" * 21])),
        (InvalidInput, lambda: book.promise("张三", "送袜子", due="2025-02-30")),
        (InvalidInput, lambda: book.promise("张三", "   ")),
        (InvalidInput, lambda: book.done("张三", 1)),
        (NotFound, lambda: book.get("nobody")),
        (NotFound, lambda: book.edit("nobody", remark="x")),
        (NotFound, lambda: book.remove("nobody")),
        (NotFound, lambda: book.tag("nobody", ["急购"])),
        (NotFound, lambda: book.untag("nobody", ["急购"])),
        (NotFound, lambda: book.touch("nobody")),
        (NotFound, lambda: book.promise("nobody", "x")),
        (NotFound, lambda: book.restore("nobody")),
        (NotFound, lambda: book.get("张三", platform="jd")),
    ]


def test_refused_changes_change_no_file(empty_ws: Workspace) -> None:
    book = empty_ws.buyers
    book.add("张三", remark="张姐", subgroup="1A")
    before = snapshot(empty_ws.path)
    for kind, attempt in _refusals(book):
        with pytest.raises(kind):
            attempt()
    assert snapshot(empty_ws.path) == before


def test_same_account_on_two_platforms_needs_the_platform(empty_ws: Workspace) -> None:
    book = empty_ws.buyers
    book.add("小王", remark="淘宝小王")
    book.add("小王", platform="jd", remark="京东小王")
    with pytest.raises(InvalidInput, match="--platform"):
        book.get("小王")
    with pytest.raises(InvalidInput, match="--platform"):
        book.edit("小王", remark="x")
    assert book.get("小王", "taobao").remark == "淘宝小王"
    assert book.get("小王", "京东").remark == "京东小王"
    book.edit("小王", "jd", remark="京东王哥")
    assert book.get("小王", "taobao").remark == "淘宝小王"
    assert book.get("小王", "jd").remark == "京东王哥"
    book.remove("小王", "jd")
    assert book.get("小王").remark == "淘宝小王"


# -- list and search ---------------------------------------------------------------------------


@pytest.fixture
def populated(empty_ws: Workspace) -> BuyerBook:
    book = empty_ws.buyers
    book.add("zhang_3", remark="张姐", subgroup="1A", tags=["价格敏感"], attributes={"尺码": "38"})
    book.add("li4", remark="李哥", group=8, tags=["回头客", "急购"])
    book.add("wang5", notes="想买红色连衣裙，下周到货通知", group=8)
    book.add("赵六", tags=["送礼"])
    return book


def test_list_filters_by_group_tag_and_archived(populated: BuyerBook) -> None:
    accounts = lambda buyers: [b.account for b in buyers]  # noqa: E731
    assert accounts(populated.filtered()) == ["zhang_3", "li4", "wang5", "赵六"]
    assert accounts(populated.filtered(group=8)) == ["li4", "wang5"]
    assert accounts(populated.filtered(group=1)) == ["zhang_3"]
    assert accounts(populated.filtered(tag="急购")) == ["li4"]
    assert accounts(populated.filtered(group=8, tag="送礼")) == []
    assert accounts(populated.filtered(archived=True)) == []
    with pytest.raises(InvalidInput):
        populated.filtered(group=11)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("张姐", {"zhang_3"}),
        ("zj", {"zhang_3"}),
        ("zhangjie", {"zhang_3"}),
        ("zhangj", {"zhang_3"}),
        ("ZHANG_3", {"zhang_3"}),
        ("li4", {"li4"}),
        ("lg", {"li4"}),
        ("连衣裙", {"wang5"}),
        ("lianyiqun", {"wang5"}),
        ("lyq", {"wang5"}),
        ("到货", {"wang5"}),
        ("价格敏感", {"zhang_3"}),
        ("jgmg", {"zhang_3"}),
        ("songli", {"赵六"}),
        ("回头客", {"li4"}),
        ("赵", {"赵六"}),
        ("zhao", {"赵六"}),
        ("zj 价格", {"zhang_3"}),
        ("zj 急购", set()),
        ("退款", set()),
    ],
)
def test_search_account_remark_notes_and_tags(
    populated: BuyerBook, query: str, expected: set[str]
) -> None:
    assert {b.account for b in populated.search(query)} == expected


def test_search_follows_edits_and_skips_archived(populated: BuyerBook) -> None:
    assert populated.search("wg") == []
    populated.edit("wang5", remark="王哥")
    assert [b.account for b in populated.search("wg")] == ["wang5"]
    populated.remove("li4")
    assert populated.search("lg") == []
    _set_fields(populated, "taobao:wang5", archived=True)
    assert populated.search("wg") == []
    assert [b.account for b in populated.search("wg", archived=True)] == ["wang5"]


def test_search_ranks_an_exact_account_first(empty_ws: Workspace) -> None:
    book = empty_ws.buyers
    book.add("abc_long", remark="x")
    book.add("abc", remark="y")
    book.add("zz", notes="abc 写在备注里")
    found = [b.account for b in book.search("abc")]
    assert found[0] == "abc"
    assert set(found) == {"abc", "abc_long", "zz"}
    assert found[-1] == "zz"  # a hit in the notes only ranks after account and remark hits


# -- tags, promises, contact -----------------------------------------------------------------


def test_tag_and_untag(populated: BuyerBook) -> None:
    buyer = populated.tag("zhang_3", ["急购", "价格敏感", "老乡"])
    assert buyer.tags == ["价格敏感", "急购", "老乡"]
    assert populated.get("zhang_3").tags == ["价格敏感", "急购", "老乡"]
    buyer = populated.untag("zhang_3", ["价格敏感", "不存在"])
    assert buyer.tags == ["急购", "老乡"]
    assert populated.get("zhang_3").tags == ["急购", "老乡"]
    assert [b.account for b in populated.filtered(tag="老乡")] == ["zhang_3"]


def test_promises_open_oldest_due_first_undated_last(populated: BuyerBook) -> None:
    populated.promise("zhang_3", "到货通知")
    populated.promise("zhang_3", "送袜子", due="2030-05-01")
    populated.promise("li4", "退运费", due="2030/01/15")
    populated.promise("wang5", "补发赠品", due="2031-01-01")
    populated.promise("li4", "发顺丰")
    items = populated.promises()
    listed = [(o.buyer.account, o.number, o.promise.text) for o in items]
    assert listed[:3] == [("li4", 1, "退运费"), ("zhang_3", 2, "送袜子"), ("wang5", 1, "补发赠品")]
    assert set(listed[3:]) == {("li4", 2, "发顺丰"), ("zhang_3", 1, "到货通知")}
    assert items[0].promise.due == "2030-01-15"
    assert {o.promise.due for o in items[3:]} == {None}
    assert all(date.fromisoformat(o.promise.created) for o in items)


def test_done_closes_one_promise(populated: BuyerBook) -> None:
    populated.promise("zhang_3", "到货通知")
    populated.promise("zhang_3", "送袜子", due="2030-05-01")
    buyer = populated.done("zhang_3", 2)
    assert [(p.text, p.done) for p in buyer.promises] == [("到货通知", False), ("送袜子", True)]
    assert buyer.promises[1].done_at is not None
    _iso(buyer.promises[1].done_at)
    assert [o.promise.text for o in populated.promises(open_only=True)] == ["到货通知"]
    assert [o.promise.text for o in populated.promises(open_only=False)] == ["送袜子", "到货通知"]
    with pytest.raises(InvalidInput):
        populated.done("zhang_3", 3)
    with pytest.raises(InvalidInput):
        populated.done("zhang_3", 0)


def test_touch_sets_last_contact_at(populated: BuyerBook) -> None:
    assert populated.get("li4").last_contact_at is None
    buyer = populated.touch("li4")
    assert buyer.last_contact_at is not None
    contact = _iso(buyer.last_contact_at)
    assert contact >= _iso(buyer.created_at)
    assert abs(contact - datetime.now().astimezone()) < timedelta(minutes=5)
    assert populated.get("li4").last_contact_at == buyer.last_contact_at


# -- clean-up ------------------------------------------------------------------------------------


@pytest.fixture
def aged(empty_ws: Workspace) -> BuyerBook:
    book = empty_ws.buyers
    for account in ("old", "old_order", "recent_order", "contacted", "fresh"):
        book.add(account)
    _set_fields(book, "taobao:old", created_at=_days_ago(700))
    _set_fields(book, "taobao:old_order", last_order_at=_days_ago(400), order_count=1)
    _set_fields(book, "taobao:recent_order", created_at=_days_ago(700))
    _set_fields(book, "taobao:recent_order", last_order_at=_days_ago(10), order_count=1)
    _set_fields(book, "taobao:contacted", created_at=_days_ago(700))
    book.touch("contacted")
    return book


def test_inactive_means_no_order_and_no_contact_in_n_days(aged: BuyerBook) -> None:
    assert [b.account for b in aged.inactive()] == ["old", "old_order"]
    assert [b.account for b in aged.inactive(days=180)] == ["old", "old_order"]
    assert [b.account for b in aged.inactive(days=500)] == ["old"]
    assert [b.account for b in aged.inactive(days=5)] == ["old", "old_order", "recent_order"]
    with pytest.raises(InvalidInput):
        aged.inactive(days=-1)


def test_prune_archives_and_restore_brings_back(aged: BuyerBook) -> None:
    archived = aged.prune(days=180)
    assert sorted(b.account for b in archived) == ["old", "old_order"]
    assert [b.account for b in aged.filtered()] == ["contacted", "fresh", "recent_order"]
    assert [b.account for b in aged.filtered(archived=True)] == ["old", "old_order"]
    assert aged.get("old").archived is True  # still on file: reversible
    assert aged.inactive() == []  # archived buyers are not offered again
    restored = aged.restore("old")
    assert restored.archived is False
    assert "old" in [b.account for b in aged.filtered()]
    assert [b.account for b in aged.filtered(archived=True)] == ["old_order"]


# -- erasure ----------------------------------------------------------------------------------


def _files_mentioning(folder: Path, needle: str) -> list[str]:
    raw = needle.encode("utf-8")
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.is_file() and raw in p.read_bytes()
    )


def test_remove_erases_the_buyer_from_data_backups_and_usage_log(empty_ws: Workspace) -> None:
    book = empty_ws.buyers
    book.add("secret_buyer", remark="秘密买家", notes="住在幸福路 8 号", tags=["急购"])
    book.tag("secret_buyer", ["多疑型"])  # a second write: the .bak holds the buyer too
    book.add("keep_me", remark="留下")
    phrase = empty_ws.phrases.add("{昵称}您好")
    empty_ws.phrases.record_use(phrase.id, buyer="secret_buyer")
    empty_ws.phrases.record_use(phrase.id, buyer="keep_me")
    empty_ws.phrases.record_use(phrase.id)
    mentioned = _files_mentioning(empty_ws.path, "secret_buyer")
    assert any(name.endswith(".bak") for name in mentioned)
    assert any(name.startswith("usage-log") for name in mentioned)

    book.remove("secret_buyer")

    for needle in ("secret_buyer", "秘密买家", "幸福路"):
        assert _files_mentioning(empty_ws.path, needle) == []
    assert book.get("keep_me").remark == "留下"
    assert any(name.startswith("usage-log") for name in _files_mentioning(empty_ws.path, "keep_me"))
    assert empty_ws.phrases.get(phrase.id).use_count == 3
    assert not book.exists("secret_buyer")


# -- export ---------------------------------------------------------------------------------


def test_export_json_and_csv(populated: BuyerBook, tmp_path: Path) -> None:
    populated.promise("zhang_3", "送袜子", due="2030-05-01")
    buyers = [populated.get("zhang_3"), populated.get("li4")]
    write_export(buyers, tmp_path / "out.json")
    data = json.loads((tmp_path / "out.json").read_text("utf-8"))
    assert data == [b.to_json() for b in buyers]
    assert data[0]["promises"][0]["due"] == "2030-05-01"

    write_export(buyers, tmp_path / "out.csv")
    raw = (tmp_path / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["买家账号"] for r in rows] == ["zhang_3", "li4"]
    assert rows[0]["备注名"] == "张姐"
    assert rows[0]["子分组"] == "1A"
    assert rows[0]["属性"] == "尺码=38"
    assert "送袜子" in rows[0]["承诺"]
    assert rows[1]["标签"] == "回头客；急购"


def test_export_keeps_cells_from_running_as_formulas(empty_ws: Workspace, tmp_path: Path) -> None:
    empty_ws.buyers.add("=HYPERLINK(1)", remark="+1")
    write_export(empty_ws.buyers.all(), tmp_path / "out.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "out.csv").read_text("utf-8-sig"))))
    assert rows[1][0] == "'=HYPERLINK(1)"
    assert rows[1][2] == "'+1"


def test_export_refuses_other_file_types(empty_ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput):
        write_export([], tmp_path / "out.txt")
    with pytest.raises(InvalidInput):
        write_export([], tmp_path / "missing" / "out.json")
    assert list(tmp_path.glob("out*")) == []
