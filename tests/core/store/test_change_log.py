"""The log of recent changes (store/change_log.py): two collection objects on one folder
stand for two processes. What one commits, the other is told key by key; where the log
cannot tell (a line lost, cut short, too many keys, started again), it says so and the
reader compares, as before the log."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from assistant.core.store import change_log
from assistant.core.store.change_log import LOG_NAME
from assistant.core.store.collection import Collection

SHARDS = 4


def pair(root: Path) -> tuple[Collection, Collection]:
    return (
        Collection(root, "docs", shards=SHARDS, change_log=True),
        Collection(root, "docs", shards=SHARDS, change_log=True),
    )


def keys_in_shard(c: Collection, shard: int, n: int) -> list[str]:
    return [k for k in (f"k{i}" for i in range(1000)) if c.shard_of(k) == shard][:n]


def put(c: Collection, *keys: str, text: str = "x") -> None:
    with c.transaction():
        for key in keys:
            c.put(key, {"text": text})


def told(reader: Collection, shard: int, since: list[object]) -> set[str] | None:
    return reader.changed_keys(shard, since[shard], reader.shard_signatures()[shard])


def test_what_one_process_commits_the_other_is_told(tmp_path: Path) -> None:
    writer, reader = pair(tmp_path)
    a, b, c = keys_in_shard(writer, 1, 3)
    put(writer, a)
    since = reader.shard_signatures()
    put(writer, b)
    put(writer, c, text="y")
    with writer.transaction():
        writer.delete(a)
    assert told(reader, 1, since) == {a, b, c}
    log = tmp_path / "docs" / LOG_NAME
    assert stat.S_IMODE(os.stat(log).st_mode) == 0o600  # it names keys: the user's only


def test_a_lost_line_leaves_no_chain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer killed between its rename and its line: the reader does not skip the gap."""
    writer, reader = pair(tmp_path)
    a, b = keys_in_shard(writer, 2, 2)
    put(writer, a)
    since = reader.shard_signatures()
    with monkeypatch.context() as m:
        m.setattr(change_log.ChangeLog, "append", lambda *args: None)
        put(writer, a, text="changed, not logged")
    put(writer, b)
    assert told(reader, 2, since) is None


def test_a_commit_of_many_keys_is_logged_as_not_known(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(change_log, "MAX_KEYS", 2)
    writer, reader = pair(tmp_path)
    since = reader.shard_signatures()
    put(writer, *keys_in_shard(writer, 0, 3))
    assert told(reader, 0, since) is None
    since = reader.shard_signatures()
    put(writer, *keys_in_shard(writer, 0, 2))
    assert told(reader, 0, since) == set(keys_in_shard(writer, 0, 2))


def test_a_line_cut_short_or_hostile_is_skipped(tmp_path: Path) -> None:
    writer, reader = pair(tmp_path)
    a, b = keys_in_shard(writer, 3, 2)
    put(writer, a)
    since = reader.shard_signatures()
    log = tmp_path / "docs" / LOG_NAME
    with log.open("ab") as f:  # what another program (or a full disk) may leave
        f.write(b'{"not": "a line"}\n[3, [1, "x"], null, []]\n[3, null, null, [1]]\n\xff\n')
    put(writer, b)
    assert told(reader, 3, since) == {b}
    with log.open("ab") as f:
        f.write(b'[3, [1, 2, 3], [4, 5, 6], ["half')  # being appended, or cut short
    assert told(reader, 3, since) == {b}
    (c,) = [k for k in keys_in_shard(writer, 3, 3) if k not in (a, b)]
    put(writer, c)  # on a line of its own: not glued onto the half one
    assert told(reader, 3, since) == {b, c}


def test_a_log_started_again_is_read_from_its_top(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(change_log, "MAX_BYTES", 400)
    writer, reader = pair(tmp_path)
    keys = keys_in_shard(writer, 1, 12)
    old = reader.shard_signatures()
    for key in keys[:10]:
        put(writer, key)
    log = tmp_path / "docs" / LOG_NAME
    assert log.stat().st_size <= 400
    assert told(reader, 1, old) is None  # its first lines are gone
    since = reader.shard_signatures()
    put(writer, keys[10])
    put(writer, keys[11])
    assert told(reader, 1, since) == {keys[10], keys[11]}


def test_an_erase_removes_the_log(tmp_path: Path) -> None:
    writer, reader = pair(tmp_path)
    (secret,) = keys_in_shard(writer, 0, 1)
    put(writer, secret)
    since = reader.shard_signatures()
    with writer.transaction():
        writer.delete(secret)
    writer.scrub_backup(secret)
    log = tmp_path / "docs" / LOG_NAME
    assert not log.exists()
    assert told(reader, 0, since) is None  # the reader compares the shard instead


def test_a_reader_new_to_a_long_log_reads_its_last_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(change_log, "FIRST_READ", 300)
    writer = Collection(tmp_path, "docs", shards=SHARDS, change_log=True)
    keys = keys_in_shard(writer, 0, 12)
    old = writer.shard_signatures()
    for key in keys[:10]:
        put(writer, key)
    since = writer.shard_signatures()
    put(writer, keys[10])
    put(writer, keys[11])
    reader = Collection(tmp_path, "docs", shards=SHARDS, change_log=True)
    assert told(reader, 0, since) == {keys[10], keys[11]}  # in its last 300 bytes
    assert told(reader, 0, old) is None  # further back than it read: compared instead
