"""A killed restore or backup leaves the folder as it was or as the backup was, and no
partial zip (issue 12, items 4 and 7).

The writer is a forked child running the real `kefu restore` / `kefu backup` code with the
audit hook of tests/reliability/io_probe.py, killed exactly before its k-th rename for every
k a complete run makes (tests/reliability/kill.py). Then the data folder is opened again,
which finishes a committed change and sweeps what a killed backup left.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.core.store.backup import create_backup, list_backups
from assistant.core.store.unit import copy_of
from assistant.core.workspace import open_workspace
from tests.reliability.conftest import assert_every_data_file_loads
from tests.reliability.kill import run_child


def library_state(data: Path) -> dict[str, Any]:
    """Everything a restore brings back, as the program reads it."""
    ws = open_workspace(data)
    assert ws.folder.recovered() == []  # no file had to be rebuilt or set aside
    log = ws.folder.usage_log
    return {
        "phrases": {p.id: (p.title, p.text, p.code) for p in ws.phrases.all()},
        "buyers": {b.key: (b.notes, b.group) for b in ws.buyers.all(archived=None)},
        "usage": dict(ws.folder.usage.items()),
        "settings": dict(ws.folder.settings.items()),
        "log": {m: list(log.events(m)) for m in log.months()},
    }


def assert_copies_match(data: Path) -> None:
    """Every collection file's copy holds its current state (so a file deleted from outside
    comes back as it is now, not as it was before the restore), and no copy is left without
    its file."""
    for path in assert_files(data):
        assert copy_of(path).read_bytes() == path.read_bytes(), path
    for bak in data.rglob("*.json.bak"):
        assert bak.with_name(bak.name.removesuffix(".bak")).exists(), bak


def assert_files(data: Path) -> list[Path]:
    assert_every_data_file_loads(data)
    return [
        p
        for p in data.rglob("*.json")
        if p.name != "layout.json" and p.relative_to(data).parts[0] not in ("backups", "cache")
    ]


def assert_no_partial_backup(data: Path) -> None:
    leftovers = [p for p in (data / "backups").iterdir() if not p.name.startswith("kefu-backup-")]
    assert leftovers == []
    assert list(data.glob(".restore-*")) == []
    for backup in (data / "backups").iterdir():
        with zipfile.ZipFile(backup) as zf:
            assert zf.testzip() is None, backup


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    """Where the killed runs' folders go: memory when there is a tmpfs (every run fsyncs
    about 120 files; on a disk that, not the code, is what takes the time)."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="kefu-kill-", dir=shm))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def restorable(seeded_dir: Path) -> Path:
    """A folder with a backup, then a day of work after it that a restore undoes: edited and
    new phrases, a new and a removed buyer, uses, a shop setting."""
    ws = open_workspace(seeded_dir)
    kept = ws.phrases.add("亲，七天无理由退换哦", code="th")
    ws.phrases.record_use(kept.id)
    ws.buyers.add("小王同学", notes="要 38 码", group="8")
    ws.buyers.add("老李", notes="批发")
    ws.shop.update({"店铺": "小店"})
    create_backup(ws.folder)
    ws.phrases.edit(kept.id, text="亲，支持七天无理由")
    for n in range(6):
        ws.phrases.add(f"亲，备份之后的第 {n} 条", code=f"after{n}")
    ws.phrases.record_use(kept.id)
    ws.buyers.add("新买家", notes="备份之后才来")
    ws.buyers.remove("老李")
    ws.shop.update({"店铺": "大店"})
    return seeded_dir


@pytest.mark.slow
def test_a_restore_killed_before_any_rename_leaves_the_state_before_or_the_backup(
    restorable: Path, scratch: Path
) -> None:
    before = library_state(restorable)
    full = scratch / "full"
    shutil.copytree(restorable, full)
    total, code = run_child(full, ["restore"], None)
    assert code == 0
    restored = library_state(full)
    assert restored != before
    assert restored["buyers"].keys() == {"taobao:小王同学", "taobao:老李"}
    assert_copies_match(full)
    outcomes = {"before": 0, "restored": 0}
    for k in range(1, total + 1):
        data = scratch / f"kill-{k}"
        shutil.copytree(restorable, data)
        _, code = run_child(data, ["restore"], k)
        assert code == -signal.SIGKILL, k
        found = library_state(data)  # opening finishes a committed restore
        assert found in (before, restored), k
        outcomes["before" if found == before else "restored"] += 1
        assert_copies_match(data)
        assert_no_partial_backup(data)
        assert not list(data.rglob("*.damaged-*")), k
        shutil.rmtree(data)
    print(f"\nrestore: {total} kills, {outcomes}")
    assert outcomes["before"] and outcomes["restored"]  # kills on both sides of the commit


def test_a_backup_killed_before_its_rename_leaves_no_partial_zip(
    restorable: Path, scratch: Path
) -> None:
    made = len(list_backups(open_workspace(restorable).folder))
    total, code = run_child(restorable, ["backup"], None)
    assert code == 0 and total >= 1
    for k in range(1, total + 1):
        data = scratch / f"kill-{k}"
        shutil.copytree(restorable, data)
        _, code = run_child(data, ["backup"], k)
        assert code == -signal.SIGKILL
        # Killed with the whole zip written under its temporary name (private, not listed).
        partial = [p for p in (data / "backups").iterdir() if p.name.startswith(".")]
        assert all(p.stat().st_mode & 0o077 == 0 for p in partial)
        ws = open_workspace(data)  # the next open sweeps it
        assert_no_partial_backup(data)
        assert len(list_backups(ws.folder)) in (made + 1, made + 2), k
        shutil.rmtree(data)
