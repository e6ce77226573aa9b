"""Atomic, private writes: no temporary file left, owner-only modes, previous state kept."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from assistant.core.errors import StorageError
from assistant.core.store.atomic import atomic_write, ensure_private_dir
from assistant.core.store.collection import Collection
from assistant.core.store.unit import commit_files
from assistant.core.workspace import open_workspace


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def test_write_replaces_content_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    atomic_write(target, b'{"a": 1}')
    atomic_write(target, '{"b": "退货"}'.encode())
    assert json.loads(target.read_text("utf-8")) == {"b": "退货"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.json"]


def test_a_data_file_and_its_copy_hold_the_last_write(tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    copy = tmp_path / "x.json.bak"
    for content in (b"first", b"second", b"third"):
        commit_files(tmp_path, {target: content})
    assert target.read_bytes() == b"third"
    # The copy is of the new state, not the previous one: a file damaged later from
    # outside is rebuilt with its last committed change.
    assert copy.read_bytes() == b"third"
    assert mode(copy) == 0o600
    assert leftovers(tmp_path) == []


def test_written_files_are_private_even_with_a_lax_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        target = tmp_path / "x.json"
        atomic_write(target, b"{}")
        commit_files(tmp_path, {target: b"{}"})
    finally:
        os.umask(old)
    assert mode(target) == 0o600
    assert mode(tmp_path / "x.json.bak") == 0o600


def test_failed_write_raises_storage_error_and_cleans_up(tmp_path: Path) -> None:
    # A directory where the file should go makes the final rename fail for real.
    target = tmp_path / "x.json"
    target.mkdir()
    with pytest.raises(StorageError) as caught:
        atomic_write(target, b"{}")
    assert str(target) in str(caught.value)
    assert "原有数据未改动" in str(caught.value)
    assert target.is_dir()
    assert leftovers(tmp_path) == []


def test_missing_folder_is_a_storage_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError):
        atomic_write(tmp_path / "no" / "such" / "x.json", b"{}")


def test_private_dir_is_created_0700_and_tightened_when_it_exists(tmp_path: Path) -> None:
    fresh = tmp_path / "a" / "b"
    ensure_private_dir(fresh)
    assert mode(fresh) == 0o700
    lax = tmp_path / "lax"
    lax.mkdir(mode=0o755)
    os.chmod(lax, 0o755)
    ensure_private_dir(lax)
    assert mode(lax) == 0o700


def test_a_real_data_folder_is_private_throughout(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    os.chmod(data, 0o755)
    ws = open_workspace(data)
    phrase = ws.phrases.add("亲，在的", code="zd")
    ws.phrases.edit(phrase.id, text="亲，在的哦")
    ws.phrases.record_use(phrase.id)
    ws.shop.update({"店铺": "小店"})
    assert mode(data) == 0o700
    folders = [p for p in data.rglob("*") if p.is_dir()]
    files = [p for p in data.rglob("*") if p.is_file()]
    assert {p.name for p in folders} >= {"phrases", "usage", "usage-log"}
    assert any(p.name.endswith(".bak") for p in files)
    assert {p: mode(p) for p in folders} == {p: 0o700 for p in folders}
    assert {p: mode(p) for p in files} == {p: 0o600 for p in files}
    assert leftovers(data) == []


def test_collection_writes_are_utf8_not_ascii_escaped(tmp_path: Path) -> None:
    coll = Collection(tmp_path, "notes")
    with coll.transaction():
        coll.put("k", {"text": "亲，退货包邮"})
    raw = (tmp_path / "notes.json").read_bytes()
    assert "亲，退货包邮".encode() in raw
    assert b"\\u" not in raw


def test_old_temporary_files_left_by_a_killed_writer_are_swept(tmp_path: Path) -> None:
    import os
    import time

    from assistant.core.store.folder import DataFolder

    folder = DataFolder(tmp_path / "data")
    (folder.path / "phrases").mkdir(exist_ok=True)
    old = folder.path / "phrases" / ".00.json.abc123.tmp"
    fresh = folder.path / "phrases" / ".01.json.def456.tmp"
    data = folder.path / "settings.json"
    for f in (old, fresh, data):
        f.write_bytes(b"{}")
    hour_ago = time.time() - 7200
    os.utime(old, (hour_ago, hour_ago))
    DataFolder(folder.path)  # opening the folder again sweeps
    assert not old.exists()
    assert fresh.exists()  # a writer may be using it right now
    assert data.exists()
