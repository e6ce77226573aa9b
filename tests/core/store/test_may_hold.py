"""``Collection.may_hold``: told from the file's bytes, never a false "no" (issue 15: a copied
chat message is looked for in the buyer book at every opening of the panel, without parsing
a shard of 50,000 buyers per word)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.core.store import Collection

KEYS = [
    "taobao:tb_xiaohua88",
    "jd:张小明的店",
    'wechat:a"quote',
    "pdd:back\\slash",
    "taobao:tab\there",
    "taobao:emoji😀",
    "jd:" + "长" * 60,
]


@pytest.fixture
def coll(tmp_path: Path) -> Collection:
    coll = Collection(tmp_path, "buyers", shards=4)
    with coll.transaction():
        for key in KEYS:
            coll.put(key, {"remark": f"note {key}"})
    return coll


def fresh(coll: Collection, tmp_path: Path) -> Collection:
    """The same files, as another process opens them (nothing parsed yet)."""
    return Collection(tmp_path, coll.name, shards=4)


@pytest.mark.parametrize("key", KEYS)
def test_every_stored_key_may_be_held(coll: Collection, tmp_path: Path, key: str) -> None:
    assert fresh(coll, tmp_path).may_hold(key) is True


@pytest.mark.parametrize("key", ["taobao:tb_xiaohua8", "jd:张小明", "wechat:a", "nobody"])
def test_a_key_not_stored_is_told_apart(coll: Collection, tmp_path: Path, key: str) -> None:
    other = fresh(coll, tmp_path)
    assert other.may_hold(key) is False
    assert other.get(key) is None


def test_a_key_stored_only_as_a_value_is_not_a_key(coll: Collection, tmp_path: Path) -> None:
    # "note taobao:tb_xiaohua88" is a value: its bytes never read as the key of a document.
    with coll.transaction():
        coll.put("jd:someone", {"remark": '"taobao:tb_nobody":'})
    assert fresh(coll, tmp_path).may_hold("taobao:tb_nobody") is False


def test_a_file_written_ascii_escaped_elsewhere_is_parsed(tmp_path: Path) -> None:
    coll = Collection(tmp_path, "buyers", shards=4)
    with coll.transaction():
        coll.put("jd:张小明的店", {"remark": "x"})
    for path in (tmp_path / "buyers").glob("*.json"):  # rewritten by a tool escaping non-ASCII
        path.write_text(json.dumps(json.loads(path.read_text("utf-8"))), "utf-8")
    other = fresh(coll, tmp_path)
    assert other.may_hold("jd:张小明的店") is True
    assert other.get("jd:张小明的店") == {"remark": "x"}


def test_a_key_added_by_another_process_is_seen(coll: Collection, tmp_path: Path) -> None:
    reader = fresh(coll, tmp_path)
    assert reader.may_hold("taobao:tb_late") is False
    writer = fresh(coll, tmp_path)
    with writer.transaction():
        writer.put("taobao:tb_late", {"remark": "new"})
    assert reader.may_hold("taobao:tb_late") is True


@pytest.mark.parametrize(
    "damage",
    [b"", b'{"docs": {"x": 5}}', b'{"docs":{"x":5}}', b"\x00" * 64, b'{"docs":{}'],
    ids=["empty", "a-doc-not-an-object", "the-same-compact", "nul-bytes", "cut-short"],
)
def test_a_damaged_file_is_read_when_its_copy_holds_the_key(
    coll: Collection, tmp_path: Path, damage: bytes
) -> None:
    """Damaged from outside, the file is read back from its copy (.bak): a key the damaged
    bytes lack but the copy holds is not a "no" (found by the first corruption tests: a
    buyer restored from the copy was reported missing)."""
    key = "taobao:tb_xiaohua88"
    path = tmp_path / "buyers" / f"{coll.shard_of(key):02x}.json"
    assert key.encode() in path.read_bytes()
    path.write_bytes(damage)
    other = fresh(coll, tmp_path)
    assert other.may_hold(key) is True
    assert other.get(key) == {"remark": f"note {key}"}  # restored from the copy


def test_with_no_copy_the_read_decides(coll: Collection, tmp_path: Path) -> None:
    key = "taobao:tb_xiaohua88"
    path = tmp_path / "buyers" / f"{coll.shard_of(key):02x}.json"
    path.with_name(path.name + ".bak").unlink()
    path.write_bytes(b'{"docs":{"x":5}}')
    assert fresh(coll, tmp_path).may_hold(key) is True
