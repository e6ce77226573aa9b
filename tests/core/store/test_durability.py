"""Durability: a write the store acknowledged survives a power cut.

A rename is durable only when the renamed file's content was fsync'd before it and the
folder holding it was fsync'd after it; a removal, a new file or a new folder only when the
folder was fsync'd after. Nothing here can cut the power, so each test records the calls
(``tests/durability.py`` wraps ``os.fsync``, ``os.replace``/``os.rename``, ``os.unlink`` and
``os.mkdir``) and checks their order up to the moment the call under test returned.
Removing any fsync (file or folder) from the store makes one of these fail.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import orjson
import pytest

from assistant.core.store import DataFolder
from assistant.core.store.atomic import atomic_write, ensure_private_dir, fsync_dir
from assistant.core.store.backup import backup_dir, create_backup
from assistant.core.store.event_log import EventLog
from assistant.core.store.storage import SafeJSONStorage
from assistant.core.store.unit import JOURNAL_NAME, commit_files, copy_of, recover
from tests.durability import (
    Record,
    data_renames,
    durability_problems,
    journal_problems,
    record_io,
)

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc/self/fd; folder fsync is POSIX"
)


def real(path: Path) -> str:
    return os.path.realpath(path)


def folder_syncs(record: Record, folder: Path) -> list[int]:
    return [i for i, e in record.kinds("fsync") if e.is_dir and e.path == real(folder)]


# -- atomic_write and fsync_dir ------------------------------------------------------------
def test_fsync_dir_fsyncs_the_folder_itself(tmp_path: Path) -> None:
    with record_io() as record:
        fsync_dir(tmp_path)
    assert [(e.kind, e.path, e.is_dir) for e in record.events] == [("fsync", real(tmp_path), True)]


def test_atomic_write_fsyncs_the_whole_file_then_renames_then_fsyncs_the_folder(
    tmp_path: Path,
) -> None:
    target = tmp_path / "x.json"
    target.write_bytes(b"old")
    data = b'{"a": "' + "退货".encode() * 5000 + b'"}'
    with record_io() as record:
        atomic_write(target, data)
    kinds = [(e.kind, e.is_dir) for e in record.events]
    assert kinds == [("fsync", False), ("rename", False), ("fsync", True)]
    file_sync, rename, dir_sync = record.events
    assert file_sync.path == rename.path != real(target)  # the temporary file, before
    assert file_sync.size == len(data) == rename.size  # all of it
    assert rename.target == real(target)
    assert dir_sync.path == real(tmp_path)  # after
    assert durability_problems(record, tmp_path) == []


# -- a stored table (SafeJSONStorage) and its copy ---------------------------------------
def test_a_table_write_and_its_copy_are_durable_when_write_returns(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    storage = SafeJSONStorage(path)
    storage.write({"docs": {"x": {"v": 1}}})
    with record_io() as record:
        storage.write({"docs": {"x": {"v": 2}, "y": {"v": "二"}}})
    assert sorted(e.target for e in data_renames(record, tmp_path)) == [
        real(path),
        real(copy_of(path)),
    ]
    assert durability_problems(record, tmp_path) == []
    # The copy is made durable with the file: a later damage is rebuilt from what was said.
    assert orjson.loads(copy_of(path).read_bytes()) == orjson.loads(path.read_bytes())


def test_a_table_rebuilt_from_its_copy_is_durable_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "buyers.json"
    SafeJSONStorage(path).write({"docs": {"a": {"account": "a"}}})
    path.write_bytes(b"{ torn")
    with record_io() as record:
        assert SafeJSONStorage(path).read() == {"docs": {"a": {"account": "a"}}}
    assert real(path) in [e.target for e in data_renames(record, tmp_path)]
    assert durability_problems(record, tmp_path) == []


# -- commit_files: the write unit's journaled change ---------------------------------------
def test_a_change_to_several_files_is_staged_journaled_renamed_and_synced_in_order(
    tmp_path: Path,
) -> None:
    for sub in ("phrases", "buyers"):
        ensure_private_dir(tmp_path / sub)
    files = {
        tmp_path / "phrases" / "00.json": b'{"docs": {"p1": {"text": "' + b"x" * 70000 + b'"}}}',
        tmp_path / "buyers" / "07.json": b'{"docs": {}}',
        tmp_path / "settings.json": b'{"docs": {"app": {}}}',
    }
    gone = tmp_path / "phrases" / "01.json"
    commit_files(tmp_path, {gone: b'{"docs": {}}'})
    with record_io() as record:
        commit_files(tmp_path, files, remove=[gone])
    assert journal_problems(record, tmp_path) == []
    assert durability_problems(record, tmp_path) == []
    renamed = {e.target for e in data_renames(record, tmp_path)}
    expected = {real(p) for path in files for p in (path, copy_of(path))}
    assert renamed == expected | {real(tmp_path / JOURNAL_NAME)}
    removed = {e.path for _, e in record.kinds("unlink")}
    assert {real(gone), real(copy_of(gone)), real(tmp_path / JOURNAL_NAME)} <= removed
    assert not (tmp_path / JOURNAL_NAME).exists()


def test_a_single_file_change_needs_no_journal_but_is_durable(tmp_path: Path) -> None:
    target = tmp_path / "usage" / "03.json"
    ensure_private_dir(target.parent)
    with record_io() as record:
        commit_files(tmp_path, {target: b'{"docs": {}}'})
    assert record.rename_to(tmp_path / JOURNAL_NAME) < 0
    assert {e.target for e in data_renames(record, tmp_path)} == {
        real(target),
        real(copy_of(target)),
    }
    assert durability_problems(record, tmp_path) == []


def test_a_change_finished_on_open_is_durable_before_its_journal_goes(tmp_path: Path) -> None:
    """Roll forward after a kill: the renames the journal names are made durable, then the
    journal is removed, then that removal is made durable."""
    folder = DataFolder(tmp_path)
    with folder.settings.transaction():
        folder.settings.put("x", {"v": 1})
    target = tmp_path / "settings.json"
    new = orjson.dumps({"docs": {"x": {"v": 2}}})
    staged = []
    for path in (target, copy_of(target)):
        tmp = path.with_name(f".{path.name}.abc.tmp")
        tmp.write_bytes(new)
        staged.append((str(tmp), str(path)))
    (tmp_path / JOURNAL_NAME).write_bytes(orjson.dumps({"renames": staged}))
    with record_io() as record:
        assert recover(tmp_path)
    journal_gone = record.index("unlink", real(tmp_path / JOURNAL_NAME))
    assert journal_gone >= 0
    last_rename = max(i for i, _ in record.kinds("rename"))
    syncs = folder_syncs(record, tmp_path)
    assert any(last_rename < i < journal_gone for i in syncs), record.events
    assert any(i > journal_gone for i in syncs), record.events
    assert target.read_bytes() == new


# -- new folders ---------------------------------------------------------------------------
def test_a_new_folder_is_made_durable_in_its_parent(tmp_path: Path) -> None:
    made = tmp_path / "a" / "b"
    with record_io() as record:
        ensure_private_dir(made)
    mkdirs = [e.path for _, e in record.kinds("mkdir")]
    assert mkdirs == [real(tmp_path / "a"), real(made)]
    assert durability_problems(record, tmp_path) == []
    with record_io() as again:
        ensure_private_dir(made)  # there already: nothing to make durable
    assert again.kinds("fsync") == []


# -- the backup zip ------------------------------------------------------------------------
def test_the_backup_zip_is_fsynced_whole_before_its_rename_and_its_folder_after(
    tmp_path: Path,
) -> None:
    folder = DataFolder(tmp_path / "data")
    with folder.settings.transaction():
        folder.settings.put("x", {"v": "退货" * 20000})
    with folder.buyers.transaction():
        folder.buyers.put("taobao:a", {"account": "a"})
    with record_io() as record:
        info = create_backup(folder)
    zips = [e for e in data_renames(record, folder.path) if e.target.endswith(".zip")]
    assert [e.target for e in zips] == [real(info.path)]
    (rename,) = zips
    synced = [e for e in record.events if e.kind == "fsync" and e.path == rename.path]
    # The zip's last bytes (its central directory) are written when it is closed: an fsync
    # before that would leave a zip that cannot be opened after a power cut.
    assert synced and synced[-1].size == rename.size == info.path.stat().st_size
    assert folder_syncs(record, backup_dir(folder))
    assert durability_problems(record, folder.path) == []


# -- the event log (use records): appended, not renamed ------------------------------------
def test_an_appended_event_is_fsynced_after_its_last_byte_and_a_new_log_in_its_folder(
    tmp_path: Path,
) -> None:
    log = EventLog(tmp_path / "usage-log")
    with record_io() as record:
        log.append("2026-11", {"id": "p1", "at": "2026-11-11T09:00:00+08:00"})
    path = log.path("2026-11")
    synced = [e for e in record.events if e.kind == "fsync" and e.path == real(path)]
    assert synced and synced[-1].size == path.stat().st_size
    # The month's file is new: its name is durable only once the folder is fsync'd.
    first = record.index("fsync", real(path))
    assert any(i > first for i in folder_syncs(record, log.folder)), record.events
    assert durability_problems(record, tmp_path) == []
    with record_io() as record:
        log.append("2026-11", {"id": "p2", "at": "2026-11-11T09:01:00+08:00"})
    synced = [e for e in record.events if e.kind == "fsync" and e.path == real(path)]
    assert synced and synced[-1].size == path.stat().st_size
