"""The buyers window's listing (core/buyers/listing.py): the same buyers, in the same order,
as reading every document gives, narrowed by group, subgroup, 未分组, ready tag and archive,
after changes here and in another process, and without reading a document."""

from __future__ import annotations

import hashlib
import shutil
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from assistant.core.buyers.book import BuyerBook
from assistant.core.buyers.listing import BuyerRow, Within
from assistant.core.buyers.model import READY_TAGS
from assistant.core.buyers.shape import SEARCH_FIELDS, copy_doc, index_entries
from assistant.core.search.index import CollectionIndex, wait_for_cache_writes
from assistant.core.workspace import open_workspace

PLATFORMS = ("taobao", "jd", "pdd", "wechat")
OTHER_TAG = "自定义标签"


def fill(book: BuyerBook, n: int = 120) -> None:
    book.scheme.add_subgroup(1, "A", "新客")
    book.scheme.add_subgroup(1, "B", "老客")
    book.scheme.add_subgroup(10, "C", "黑名单")
    subgroups = [None, "1A", "1B", "10C"]
    for i in range(n):
        group = [None, 1, 3, 10][i % 4]
        sub = subgroups[i % 4] if i % 3 == 0 and group in (1, 10) else None
        if sub is not None and not sub.startswith(str(group)):
            sub = None
        tags = [READY_TAGS[i % len(READY_TAGS)]] if i % 5 else [OTHER_TAG]
        book.add(
            f"买家{i % 37:02d}号{chr(ord('a') + i % 7)}",
            platform=PLATFORMS[i % len(PLATFORMS)],
            remark=f"备注{i}",
            group=group,
            subgroup=sub,
            tags=tags,
        )
    with book.folder.buyers.transaction() as docs:  # a few archived, as prune leaves them
        for key, doc in list(docs.items())[::9]:
            docs.put(key, {**copy_doc(doc), "archived": True})


def reference(book: BuyerBook, query: str, archived: bool, within: Within, tag: str) -> list[str]:
    """What the window listed when it read every document (the first round's narrow())."""
    buyers = book.search(query, archived=archived) if query else book.all(archived=archived)
    if isinstance(within, int):
        buyers = [b for b in buyers if (b.group or 0) == within]
    elif within:
        buyers = [b for b in buyers if b.subgroup == within]
    return [b.key for b in buyers if not tag or tag in b.tags]


def counted(book: BuyerBook) -> Counter[str]:
    counts: Counter[str] = Counter()
    for b in book.all(archived=None):
        counts["archived" if b.archived else "all"] += 1
        if not b.archived:
            counts[str(b.group) if b.group else "none"] += 1
            if b.subgroup:
                counts[b.subgroup] += 1
    return counts


NARROWINGS: list[tuple[str, bool, Within, str]] = [
    ("", False, None, ""),
    ("", True, None, ""),
    ("", False, 0, ""),
    ("", False, 1, ""),
    ("", False, 10, ""),
    ("", False, "1A", ""),
    ("", False, "10C", ""),
    ("", False, "1B", READY_TAGS[1]),
    ("", False, None, READY_TAGS[3]),
    ("", False, None, OTHER_TAG),  # not a ready tag: the window offers none such
    ("买家", False, None, ""),
    ("mj", False, 3, ""),
    ("买家0", True, None, ""),
    ("备注1", False, "1A", ""),
    ("zzz", False, None, ""),
]


@pytest.fixture
def folder(data_dir: Path) -> Path:
    fill(open_workspace(data_dir, builtins=False).buyers)
    wait_for_cache_writes()
    return data_dir


def check_all(book: BuyerBook) -> None:
    for query, archived, within, tag in NARROWINGS:
        listed = book.listing.keys(query, archived=archived, within=within, tag=tag)
        expected = reference(book, query, archived, within, tag)
        if tag == OTHER_TAG:
            assert listed == []
        else:
            assert listed == expected, (query, archived, within, tag)
        first = book.listing.keys(query, archived=archived, within=within, tag=tag, limit=3)
        assert first == listed[:3]
    assert book.listing.counts() == counted(book)


def test_the_listing_is_what_reading_every_buyer_gives(folder: Path) -> None:
    book = open_workspace(folder, builtins=False).buyers
    assert len(book.listing.keys("")) > 50 and book.listing.keys("", within="1A")
    check_all(book)
    wait_for_cache_writes()
    check_all(open_workspace(folder, builtins=False).buyers)  # from the cache just written


def test_rows_show_each_buyer_as_stored(folder: Path) -> None:
    book = open_workspace(folder, builtins=False).buyers
    for key in book.listing.keys("", archived=True) + book.listing.keys("")[:40]:
        row, stored = book.listing.row(key), book.of_key(key)
        assert row is not None and stored is not None
        assert row == BuyerRow(
            key,
            stored.account,
            stored.platform,
            stored.group,
            stored.subgroup,
            stored.remark,
            tuple(stored.tags),
            stored.order_count,
            stored.total_spent,
            stored.last_order_at,
        )
    assert book.listing.row("taobao:没有这个人") is None


def _parsed_shards(book: BuyerBook) -> int:
    shards: list[Any] = book.folder.buyers._shards
    return sum(s.storage._cache is not None for s in shards)


def test_listing_counting_and_rows_read_no_document(folder: Path) -> None:
    book = open_workspace(folder, builtins=False).buyers
    keys = book.listing.keys("", within=1, tag=READY_TAGS[1])
    keys += book.listing.keys("mj", archived=True)
    assert keys and book.listing.counts()["all"] > 50
    assert all(book.listing.row(key) is not None for key in keys)
    assert _parsed_shards(book) == 0


def test_changes_here_and_in_another_process_are_listed(folder: Path) -> None:
    book = open_workspace(folder, builtins=False).buyers
    check_all(book)
    first = book.listing.keys("", within=3)[0]
    account, platform = first.split(":", 1)[1], first.split(":", 1)[0]

    book.edit(account, platform, group=None, tags=[READY_TAGS[0]], remark="改过")  # here
    assert first not in book.listing.keys("", within=3)
    assert first in book.listing.keys("", within=0, tag=READY_TAGS[0])
    row = book.listing.row(first)
    assert row is not None and row.remark == "改过"
    check_all(book)

    other = open_workspace(folder, builtins=False).buyers  # another process's changes
    other.edit(account, platform, subgroup="1B", remark="别处改的")
    other.add("新来的买家", platform="jd", group=10, subgroup="10C", tags=[READY_TAGS[2]])
    gone = book.listing.keys("", within="1A")[0]
    other.remove(gone.split(":", 1)[1], gone.split(":", 1)[0])
    other.promise(account, "周五前补发赠品", platform=platform)  # no listed column changed
    assert first in book.listing.keys("", within="1B")
    assert "jd:新来的买家" in book.listing.keys("xinlai", within="10C", tag=READY_TAGS[2])
    assert gone not in book.listing.keys("")
    assert book.listing.row(gone) is None
    row = book.listing.row(first)
    assert row is not None and (row.remark, row.subgroup) == ("别处改的", "1B")
    check_all(book)


def test_an_edit_or_an_add_here_is_indexed_as_it_is_saved(folder: Path) -> None:
    """Saved in the buyer card, then listed: the index took the change in at the save, so
    the listing only checks the files. A process that never listed makes no index."""
    one_shot = open_workspace(folder, builtins=False).buyers
    one_shot.add("一次性加的", platform="jd")
    assert one_shot._index._base is None

    book = open_workspace(folder, builtins=False).buyers
    first = book.listing.keys("", within=3)[0]
    account, platform = first.split(":", 1)[1], first.split(":", 1)[0]
    for change in (
        lambda: book.edit(account, platform, remark="存盘即索引"),
        lambda: book.add("刚加的买家", platform="pdd"),
    ):
        version = book._index.version
        change()
        assert book._index.version != version  # before any listing
    synced = book._index.version
    assert "pdd:刚加的买家" in book.listing.keys("gangjia")
    assert book.listing.keys("cunpan") == [first] and book._index.version == synced


def test_a_cache_of_the_first_rounds_layout_is_not_read(folder: Path) -> None:
    """Upgrading: the buyer index cached by the version before (meta of three, a digest as
    shown bytes) is under the same path; read as this layout, every listing would break."""
    ws = open_workspace(folder, builtins=False)
    cache = folder / "cache" / "buyers-index"
    shutil.rmtree(cache, ignore_errors=True)
    old = CollectionIndex(
        ws.folder.buyers,
        SEARCH_FIELDS,
        index_entries,
        cache,
        meta=lambda d: [bool(d.get("archived")), d["account"], d["platform"]],
        shown=lambda d: hashlib.blake2b(orjson.dumps(d), digest_size=8).digest(),
    )
    old.sync()
    wait_for_cache_writes()
    assert (cache / "meta.json").exists()
    check_all(open_workspace(folder, builtins=False).buyers)


def test_due_promises_are_read_from_the_buyers_that_have_one(folder: Path) -> None:
    book = open_workspace(folder, builtins=False).buyers
    keys = book.listing.keys("")
    today = date(2026, 12, 7)

    def account(i: int) -> tuple[str, str]:
        platform, name = keys[i].split(":", 1)
        return name, platform

    book.promise(account(0)[0], "明天补发", due="2026-12-08", platform=account(0)[1])
    book.promise(account(1)[0], "今天回电", due="2026-12-07", platform=account(1)[1])
    book.promise(account(2)[0], "上周的", due="2026-11-30", platform=account(2)[1])
    book.promise(account(2)[0], "没有日期", platform=account(2)[1])
    book.promise(account(3)[0], "已兑现", due="2026-12-01", platform=account(3)[1])
    book.done(account(3)[0], 1, platform=account(3)[1])
    with book.folder.buyers.transaction() as docs:  # a hand-edited due date, not ISO
        doc = copy_doc(docs.get(keys[4]) or {})
        doc["promises"] = [{"text": "手改的", "created": "2026-12-01", "due": "2026-1-5"}]
        docs.put(keys[4], doc)
    other = open_workspace(folder, builtins=False).buyers  # another process adds one
    other.promise(account(5)[0], "别处记的", due="2026-12-02", platform=account(5)[1])

    def reference(book: BuyerBook) -> list[tuple[str, str]]:
        day = today.isoformat()
        found = [o for o in book.promises() if o.promise.due and o.promise.due <= day]
        return [(o.buyer.key, o.promise.text) for o in found]

    due = [(o.buyer.key, o.promise.text) for o in book.due_promises(today)]
    assert due == reference(book)
    assert {text for _, text in due} == {"今天回电", "上周的", "手改的", "别处记的"}
    fresh = open_workspace(folder, builtins=False).buyers
    assert [(o.buyer.key, o.promise.text) for o in fresh.due_promises(today)] == due
    assert _parsed_shards(fresh) <= 4  # the shards of those four buyers
