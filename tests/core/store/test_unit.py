"""The data folder's write unit: one lock, changes to several files all or nothing, a copy of
every file's last committed state, a committed change finished after a kill."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from assistant.core.errors import StorageError
from assistant.core.store import DataFolder
from assistant.core.store.unit import JOURNAL_NAME, commit_files, copy_of
from assistant.core.workspace import open_workspace
from tests.helpers import snapshot


def test_changes_to_two_collections_in_one_unit_land_together(tmp_path: Path) -> None:
    folder = DataFolder(tmp_path)
    with folder.transaction():
        with folder.settings.transaction():
            folder.settings.put("x", {"v": 1})
        # Not written yet: the unit commits when it ends, both files at once.
        assert not (tmp_path / "settings.json").exists()
        with folder.buyers.transaction():
            folder.buyers.put("taobao:a", {"account": "a", "platform": "taobao"})
    assert DataFolder(tmp_path).settings.get("x") == {"v": 1}
    assert DataFolder(tmp_path).buyers.get("taobao:a") is not None


def test_a_unit_that_raises_writes_nothing_and_forgets_what_it_staged(tmp_path: Path) -> None:
    folder = DataFolder(tmp_path)
    with folder.settings.transaction():
        folder.settings.put("x", {"v": 1})
    before = snapshot(tmp_path)
    with pytest.raises(RuntimeError), folder.transaction():
        with folder.settings.transaction():
            folder.settings.put("x", {"v": 2})
        assert folder.settings.get("x") == {"v": 2}  # seen inside the unit
        raise RuntimeError("refused")
    assert snapshot(tmp_path) == before
    assert folder.settings.get("x") == {"v": 1}  # and no longer outside it


def test_a_file_that_cannot_be_staged_leaves_every_file_as_it_was(tmp_path: Path) -> None:
    good = tmp_path / "a.json"
    commit_files(tmp_path, {good: b"old"})
    before = snapshot(tmp_path)
    with pytest.raises(StorageError):
        commit_files(tmp_path, {good: b"new", tmp_path / "missing" / "b.json": b"new"})
    assert snapshot(tmp_path) == before  # no temporary file, no journal, a.json untouched


def test_a_committed_change_left_by_a_killed_writer_is_finished_on_open(tmp_path: Path) -> None:
    folder = DataFolder(tmp_path)
    with folder.settings.transaction():
        folder.settings.put("x", {"v": 1})
    target = tmp_path / "settings.json"
    # What a writer killed after its journal and before its renames leaves behind.
    new = orjson.dumps({"docs": {"x": {"v": 2}}})
    staged = []
    for path in (target, copy_of(target)):
        tmp = path.with_name(f".{path.name}.abc.tmp")
        tmp.write_bytes(new)
        staged.append((str(tmp), str(path)))
    (tmp_path / JOURNAL_NAME).write_bytes(orjson.dumps({"renames": staged}))
    reopened = DataFolder(tmp_path)
    assert reopened.finished_change
    assert reopened.settings.get("x") == {"v": 2}
    assert copy_of(target).read_bytes() == new
    assert not (tmp_path / JOURNAL_NAME).exists()
    assert not list(tmp_path.glob(".*.tmp"))


def leave_committed_change(target: Path, docs: dict[str, object]) -> None:
    """What a writer killed after its journal and before its renames leaves behind."""
    new = orjson.dumps({"docs": docs})
    staged = []
    for path in (target, copy_of(target)):
        tmp = path.with_name(f".{path.name}.killed.tmp")
        tmp.write_bytes(new)
        staged.append((str(tmp), str(path)))
    (target.parent / JOURNAL_NAME).write_bytes(orjson.dumps({"renames": staged}))


def test_a_writer_open_before_the_kill_finishes_the_change_before_writing(tmp_path: Path) -> None:
    """The app (or any process) opened the folder before another writer was killed: its next
    write must first finish the killed change. Written over unfinished, its change was lost
    when the next open rolled the journal forward (seen in CI: a reported buyer gone)."""
    folder = DataFolder(tmp_path)
    with folder.settings.transaction():
        folder.settings.put("x", {"v": 1})
    leave_committed_change(tmp_path / "settings.json", {"x": {"v": 2}})
    with folder.settings.transaction():
        folder.settings.put("y", {"v": 3})
    assert not (tmp_path / JOURNAL_NAME).exists()
    again = DataFolder(tmp_path)
    assert again.settings.get("y") == {"v": 3}
    assert again.settings.get("x") == {"v": 2}


def test_a_journal_naming_files_outside_the_folder_is_not_followed(tmp_path: Path) -> None:
    data, outside = tmp_path / "data", tmp_path / "victim.txt"
    data.mkdir()
    outside.write_text("keep me")
    bait = data / ".x.tmp"
    bait.write_text("overwrite")
    (data / JOURNAL_NAME).write_bytes(orjson.dumps({"renames": [[str(bait), str(outside)]]}))
    DataFolder(data)
    assert outside.read_text() == "keep me"
    assert not (data / JOURNAL_NAME).exists()


@pytest.mark.parametrize("name", ["settings.json", "buyers"])
def test_a_data_file_deleted_from_outside_is_rebuilt_from_its_copy_and_said(
    tmp_path: Path, name: str
) -> None:
    ws = open_workspace(tmp_path, builtins=False)
    ws.shop.update({"活动": "满200减20"})
    ws.buyers.add("小花", remark="花姐")
    if name == "buyers":
        shards = (tmp_path / "buyers").glob("[0-9a-f][0-9a-f].json")
        victim = next(p for p in shards if "小花".encode() in p.read_bytes())
    else:
        victim = tmp_path / name
    victim.unlink()
    again = open_workspace(tmp_path, builtins=False)
    assert again.shop.get().get("活动") == "满200减20"
    assert again.buyers.get("小花").remark == "花姐"
    messages = again.folder.recovered()
    assert any(victim.name in m and "不见了" in m for m in messages), messages
    assert victim.exists()
