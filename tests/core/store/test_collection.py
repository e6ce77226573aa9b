"""Collections on TinyDB: backups, recovery of damaged files, transactions, other processes."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.core.store import Collection
from assistant.core.workspace import open_workspace
from tests.helpers import kefu_env, snapshot


def load(path: Path) -> dict[str, dict[str, dict[str, object]]]:
    data = json.loads(path.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def test_put_get_delete_round_trip(tmp_path: Path) -> None:
    coll = Collection(tmp_path, "notes")
    with coll.transaction():
        coll.put("a", {"text": "亲"})
        coll.put("b", {"text": "在的"})
    with coll.transaction():
        coll.put("a", {"text": "亲爱的"})
        assert coll.delete("b") is True
        assert coll.delete("nope") is False
    assert coll.get("a") == {"text": "亲爱的"}
    assert coll.get("b") is None
    assert len(coll) == 1
    assert load(tmp_path / "notes.json") == {"docs": {"a": {"text": "亲爱的"}}}


def test_writes_outside_a_transaction_are_refused(tmp_path: Path) -> None:
    coll = Collection(tmp_path, "notes")
    with pytest.raises(RuntimeError):
        coll.put("a", {"x": 1})
    assert not (tmp_path / "notes.json").exists()


def test_the_copy_holds_the_state_of_the_last_commit(tmp_path: Path) -> None:
    coll = Collection(tmp_path, "notes")
    with coll.transaction():
        coll.put("a", {"n": 1})
    with coll.transaction():
        coll.put("b", {"n": 2})
    assert load(tmp_path / "notes.json.bak") == {"docs": {"a": {"n": 1}, "b": {"n": 2}}}
    assert load(tmp_path / "notes.json") == {"docs": {"a": {"n": 1}, "b": {"n": 2}}}


def test_one_commit_writes_each_touched_shard_once_and_others_not_at_all(tmp_path: Path) -> None:
    coll = Collection(tmp_path, "many", shards=8)
    with coll.transaction():
        for i in range(40):
            coll.put(f"k{i}", {"i": i})
    before = snapshot(tmp_path / "many")
    with coll.transaction():
        coll.put("k7", {"i": 700})
    after = snapshot(tmp_path / "many")
    changed = {name for name in after if before.get(name) != after[name]}
    # The shard that holds k7 and its backup; every other shard file is untouched.
    assert len(changed) == 2
    assert sum(1 for name in changed if name.endswith(".bak")) == 1


def test_a_transaction_that_raises_changes_nothing(tmp_path: Path) -> None:
    coll = Collection(tmp_path, "notes", shards=4)
    with coll.transaction():
        for i in range(10):
            coll.put(f"k{i}", {"i": i})
    before = snapshot(tmp_path)
    with pytest.raises(ZeroDivisionError), coll.transaction():
        coll.put("k1", {"i": "changed"})
        coll.put("new", {"i": 99})
        coll.delete("k2")
        assert coll.get("new") == {"i": 99}  # visible inside the transaction...
        _ = 1 / 0
    assert snapshot(tmp_path) == before  # ...and nowhere after it
    assert coll.get("k1") == {"i": 1}
    assert coll.get("k2") == {"i": 2}
    assert coll.get("new") is None
    assert len(coll) == 10
    # The collection is still usable afterwards.
    with coll.transaction():
        coll.put("k3", {"i": 33})
    assert Collection(tmp_path, "notes", shards=4).get("k3") == {"i": 33}


def test_a_library_edit_that_fails_changes_nothing_on_disk(seeded_dir: Path) -> None:
    ws = open_workspace(seeded_dir)
    mine = ws.phrases.add("亲，今天下单今天发", code="fh")
    before = snapshot(seeded_dir)
    with pytest.raises(Exception, match="占位符"):
        ws.phrases.edit(mine.id, text="亲，{不存在}")
    with pytest.raises(Exception, match="已被"):
        ws.phrases.add("另一条", code="FH")
    assert snapshot(seeded_dir) == before
    assert ws.phrases.get(mine.id).text == "亲，今天下单今天发"


def test_a_change_by_another_collection_object_is_seen_on_the_next_read(tmp_path: Path) -> None:
    first = Collection(tmp_path, "notes", shards=4)
    second = Collection(tmp_path, "notes", shards=4)
    with first.transaction():
        first.put("a", {"v": 1})
    assert second.get("a") == {"v": 1}
    with second.transaction():
        second.put("a", {"v": 2})
        second.put("b", {"v": 3})
    assert first.get("a") == {"v": 2}
    assert dict(first.items()) == {"a": {"v": 2}, "b": {"v": 3}}
    with first.transaction():  # a transaction starts from the other object's state
        doc = first.get("a")
        assert doc is not None
        first.put("a", {"v": doc["v"] + 10})
    assert second.get("a") == {"v": 12}
    with second.transaction():
        second.delete("b")
    assert first.get("b") is None
    assert len(first) == 1


def test_the_library_of_another_process_sees_adds_edits_and_removals(seeded_dir: Path) -> None:
    here = open_workspace(seeded_dir).phrases
    there = open_workspace(seeded_dir).phrases
    assert here.search("xianhuo zhifu") == []
    phrase = there.add("亲，现货支付后48小时内发出", code="xhzf")
    assert [p.id for p in here.search("xianhuo zhifu")] == [phrase.id]
    there.edit(phrase.id, text="亲，预售款付款后7天内发出")
    assert here.search("xianhuo zhifu") == []
    assert [p.id for p in here.search("yushoukuan")] == [phrase.id]
    there.remove(phrase.id)
    assert here.search("yushoukuan") == []
    assert here.search("xhzf") == []


# -- damaged files ------------------------------------------------------------------------

DAMAGES = {
    "truncated": lambda raw: raw[: len(raw) // 2],
    "garbage": lambda raw: b"\x00\xff garbage \xfe" * 3,
    "empty": lambda raw: b"",
    "json-list": lambda raw: b'[{"docs": {}}]',
    "wrong-table-shape": lambda raw: b'{"docs": [1, 2, 3]}',
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_file_is_set_aside_and_rebuilt_without_losing_the_last_write(
    tmp_path: Path, damage: str
) -> None:
    coll = Collection(tmp_path, "notes")
    with coll.transaction():
        coll.put("a", {"text": "第一版"})
    with coll.transaction():
        coll.put("b", {"text": "第二版"})
    path = tmp_path / "notes.json"
    broken = DAMAGES[damage](path.read_bytes())
    path.write_bytes(broken)

    reopened = Collection(tmp_path, "notes")
    assert reopened.get("a") == {"text": "第一版"}
    assert reopened.get("b") == {"text": "第二版"}  # the last acknowledged write survives
    assert load(path) == {"docs": {"a": {"text": "第一版"}, "b": {"text": "第二版"}}}
    aside = list(tmp_path.glob("notes.json.damaged-*"))
    assert len(aside) == 1
    assert aside[0].read_bytes() == broken
    assert len(reopened.recovered) == 1
    assert "notes.json" in reopened.recovered[0]
    assert str(aside[0]) in reopened.recovered[0]


def test_a_damaged_shard_of_the_phrase_library_is_recovered_and_reported(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ws = open_workspace(data, builtins=False)
    first = ws.phrases.add("亲，退货请在订单页申请", title="退货申请")
    shard_index = next(
        i
        for i in range(ws.folder.phrases.shard_count)
        if first.id in ws.folder.phrases.shard_items(i)
    )
    shard = data / "phrases" / f"{shard_index:02x}.json"
    # A second phrase in the same shard: the last write to the damaged file.
    for _ in range(500):  # ids are random: about one in 16 lands in that shard
        second = ws.phrases.add("亲，换货也可以的", title="换货")
        if second.id in ws.folder.phrases.shard_items(shard_index):
            break
        ws.phrases.remove(second.id)
    else:
        pytest.fail("no phrase landed in the shard")
    shard.write_bytes(shard.read_bytes()[:-7])

    again = open_workspace(data, builtins=False)
    assert again.folder.recovered() == []  # nothing read yet
    assert [p.id for p in again.phrases.search("tuihuo")] == [first.id]
    assert [p.id for p in again.phrases.search("huanhuo")] == [second.id]
    messages = again.folder.recovered()
    assert len(messages) == 1
    assert shard.name in messages[0]
    assert "备份" in messages[0]
    assert len(list((data / "phrases").glob(f"{shard.name}.damaged-*"))) == 1
    assert load(shard)["docs"].keys() == {first.id, second.id}


def test_a_damaged_file_with_a_damaged_backup_falls_back_to_empty(tmp_path: Path) -> None:
    coll = Collection(tmp_path, "notes")
    for n in range(2):
        with coll.transaction():
            coll.put(f"k{n}", {"n": n})
    (tmp_path / "notes.json").write_bytes(b"{not json")
    (tmp_path / "notes.json.bak").write_bytes(b"{neither")
    reopened = Collection(tmp_path, "notes")
    assert list(reopened.items()) == []
    assert "空数据" in reopened.recovered[0]
    with reopened.transaction():  # and it is writable again
        reopened.put("k", {"n": 9})
    assert load(tmp_path / "notes.json") == {"docs": {"k": {"n": 9}}}


def test_the_command_reports_a_recovered_file_on_stderr(seeded_dir: Path) -> None:
    from tests.helpers import run_kefu

    settings = seeded_dir / "settings.json"
    assert run_kefu(seeded_dir, "shop", "--set", "店铺=小店").returncode == 0
    settings.write_bytes(b'{"docs": {"shop": ')
    result = run_kefu(seeded_dir, "shop", "--json")
    assert result.returncode == 0, result.stderr
    assert "settings.json" in result.stderr
    assert "损坏" in result.stderr
    assert list(seeded_dir.glob("settings.json.damaged-*"))


# -- a read-only data folder --------------------------------------------------------------


def _deny_prefix() -> list[str]:
    """A command prefix under which file permission bits bind, even for root."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permission bits cannot be made to bind")
    # Without these capabilities root is held to the mode bits like any other user.
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner"]


def _make_read_only(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        current = path.stat().st_mode
        os.chmod(path, current & ~0o222)


def _modes(folder: Path) -> dict[Path, int]:
    return {p: p.stat().st_mode for p in [folder, *folder.rglob("*")]}


def _make_writable(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        os.chmod(path, path.stat().st_mode | 0o200)


@pytest.fixture
def read_only_data(seeded_dir: Path) -> Iterator[tuple[Path, list[str]]]:
    ws = open_workspace(seeded_dir)
    ws.phrases.add("亲，这是已有的短语", code="yy")
    prefix = _deny_prefix()
    _make_read_only(seeded_dir)
    probe = subprocess.run(
        [
            *prefix,
            sys.executable,
            "-c",
            "import sys; open(sys.argv[1], 'w')",
            str(seeded_dir / "probe"),
        ],
        capture_output=True,
        check=False,
    )
    if probe.returncode == 0:
        _make_writable(seeded_dir)
        pytest.skip("this user can write to a read-only folder: permission bits do not bind")
    yield seeded_dir, prefix
    _make_writable(seeded_dir)


CORE_WRITE = textwrap.dedent(
    """
    import sys
    from assistant.core.errors import StorageError
    from assistant.core.workspace import open_workspace

    ws = open_workspace(sys.argv[1])
    action = sys.argv[2]
    try:
        if action == "add":
            ws.phrases.add("新的短语")
        elif action == "use":
            ws.phrases.record_use(ws.phrases.resolve("yy").id)
        elif action == "shop":
            ws.shop.update({"活动": "满200减20"})
    except StorageError as exc:
        print(exc)
        sys.exit(3)
    print("written")
    """
)


@pytest.mark.parametrize("action", ["add", "use", "shop"])
def test_a_read_only_folder_gives_a_storage_error_and_changes_nothing(
    read_only_data: tuple[Path, list[str]], action: str
) -> None:
    data, prefix = read_only_data
    before, modes = snapshot(data), _modes(data)
    result = subprocess.run(
        [*prefix, sys.executable, "-c", CORE_WRITE, str(data), action],
        capture_output=True,
        encoding="utf-8",
        env=kefu_env(),
        check=False,
    )
    assert result.returncode == 3, result.stdout + result.stderr
    assert "没有写入权限" in result.stdout
    assert str(data) in result.stdout
    assert snapshot(data) == before
    assert _modes(data) == modes  # the user's read-only choice is not undone


def test_the_command_on_a_read_only_folder_exits_2_with_one_line(
    read_only_data: tuple[Path, list[str]],
) -> None:
    data, prefix = read_only_data
    before = snapshot(data)
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "assistant", "add", "亲，新的短语"],
        capture_output=True,
        encoding="utf-8",
        env=kefu_env(data),
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "没有写入权限" in lines[0]
    assert snapshot(data) == before
    # Reading still works.
    listed = subprocess.run(
        [*prefix, sys.executable, "-m", "assistant", "show", "yy", "--json"],
        capture_output=True,
        encoding="utf-8",
        env=kefu_env(data),
        check=False,
    )
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout)["text"] == "亲，这是已有的短语"


def test_reading_each_document_once_keeps_none_and_sees_a_change_under_way(
    tmp_path: Path,
) -> None:
    coll = Collection(tmp_path, "notes", shards=4)
    with coll.transaction():
        for i in range(20):
            coll.put(f"k{i}", {"text": f"第{i}条"})
    fresh = Collection(tmp_path, "notes", shards=4)

    assert dict(fresh.read_each()) == dict(coll.items())
    assert all(s.storage._cache is None for s in fresh._shards)  # nothing parsed is kept
    with fresh.transaction():
        fresh.put("k0", {"text": "改了"})
        assert dict(fresh.read_each())["k0"] == {"text": "改了"}  # not in the files yet


def test_reading_each_document_recovers_a_damaged_shard(tmp_path: Path) -> None:
    coll = Collection(tmp_path, "notes", shards=2)
    with coll.transaction():
        for i in range(10):
            coll.put(f"k{i}", {"text": f"第{i}条"})
    expected = dict(coll.items())
    (tmp_path / "notes" / "00.json").write_bytes(b'{"docs": {"x": ')
    fresh = Collection(tmp_path, "notes", shards=2)

    assert dict(fresh.read_each()) == expected
    assert fresh.recovered  # said, as any read of a damaged file says it


def test_every_write_of_another_writer_changes_the_signatures_even_in_one_clock_tick(
    tmp_path: Path,
) -> None:
    """A reader checks the shards' folder before its files (a search does at each keystroke):
    writes made back to back, within one tick of the coarse clock that stamps file times,
    must each change what the reader sees, the folder's times being then too recent to trust.
    (On a kernel with fine-grained file times, 6.13 and later as here, it passes without that
    guard too; on older kernels and file systems the guard is what makes it pass.)"""
    reader = Collection(tmp_path, "phrases", shards=8)
    writer = Collection(tmp_path, "phrases", shards=8)
    seen = [reader.shard_signatures()]
    for n in range(30):
        with writer.transaction():
            writer.put(f"k{n % 3}", {"text": f"第{n}版"})
        seen.append(reader.shard_signatures())
    assert all(a != b for a, b in itertools.pairwise(seen))
    assert reader.get("k2") == {"text": "第29版"}


def test_a_settled_folder_is_stat_once_and_a_later_write_is_still_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    coll = Collection(tmp_path, "phrases", shards=8)
    with coll.transaction():
        coll.put("a", {"text": "亲"})
    monkeypatch.setattr("assistant.core.store.collection.SETTLED_NS", -1)  # all settled
    first = coll.shard_signatures()
    stats: list[str] = []
    real = os.stat
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: stats.append(str(p)) or real(p, *a, **k))
    assert coll.shard_signatures() == first
    assert stats == [str(tmp_path / "phrases")]  # the folder only
    other = Collection(tmp_path, "phrases", shards=8)
    with other.transaction():
        other.put("a", {"text": "亲爱的"})
    assert coll.shard_signatures() != first
