"""Backups (issue 8, item 4): compressed private zips, 14 kept, daily, and a restore that
first backs up the current state and refuses a broken or hostile backup."""

from __future__ import annotations

import io
import json
import stat
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import orjson
import pytest

from assistant.core.store import backup as backup_module
from assistant.core.store.backup import KEEP, create_backup, daily_backup, list_backups
from assistant.core.workspace import Workspace, open_workspace
from tests.helpers import run_kefu, snapshot, stored_docs
from tests.reliability.conftest import kefu


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def state(data: Path) -> dict[str, object]:
    """What a restore must bring back: every collection's documents."""
    return {
        "phrases": stored_docs(data, "phrases"),
        "buyers": stored_docs(data, "buyers"),
        "usage": stored_docs(data, "usage"),
        "settings": json.loads((data / "settings.json").read_text("utf-8")).get("docs"),
    }


@pytest.fixture
def library(seeded_dir: Path) -> Workspace:
    ws = open_workspace(seeded_dir)  # as every `kefu` run leaves it: built-ins installed
    phrase = ws.phrases.add("亲，七天无理由退换哦", code="th")
    ws.phrases.record_use(phrase.id)
    ws.buyers.add("小王同学", notes="要 38 码", group="8")
    ws.shop.update({"店铺": "小店"})
    return ws


def test_kefu_backup_makes_a_private_compressed_zip_in_backups(library: Workspace) -> None:
    data = library.path
    result = run_kefu(data, "backup")
    assert result.returncode == 0, result.stderr
    zips = list((data / "backups").glob("kefu-backup-*.zip"))
    assert len(zips) == 1
    assert str(zips[0]) in result.stdout
    assert mode(data / "backups") == 0o700
    assert mode(zips[0]) == 0o600
    with zipfile.ZipFile(zips[0]) as zf:
        assert zf.testzip() is None
        names = zf.namelist()
        assert "settings.json" in names
        assert any(n.startswith("phrases/") for n in names)
        assert any(n.startswith("buyers/") for n in names)
        assert not [n for n in names if n.startswith(("cache/", "backups/")) or "/." in n]
        assert {zf.getinfo(n).compress_type for n in names} == {zipfile.ZIP_DEFLATED}
        for name in names:
            if name.endswith(".json"):
                orjson.loads(zf.read(name))
    listed = run_kefu(data, "backup", "--list", "--json")
    assert [b["file"] for b in json.loads(listed.stdout)] == [str(zips[0])]


def _newest_code(path: Path) -> int:
    with zipfile.ZipFile(path) as zf:
        codes = [
            doc.get("code") or ""
            for name in zf.namelist()
            if name.startswith("phrases/")
            for doc in orjson.loads(zf.read(name)).get("docs", {}).values()
        ]
    return max(int(c[1:]) for c in codes if c.startswith("n"))


def test_twenty_backups_keep_the_fourteen_newest(library: Workspace) -> None:
    # Made as fast as the machine goes: many fall in the same second, which is exactly
    # where names alone would sort them wrongly.
    made = []
    for n in range(20):
        library.phrases.add(f"第 {n} 次修改", code=f"n{n}")
        made.append(create_backup(library.folder).path)
    kept = list_backups(library.folder)
    assert KEEP == 14
    assert [b.path for b in kept] == made[-14:]
    assert [_newest_code(b.path) for b in kept] == list(range(6, 20))
    assert sorted((library.path / "backups").glob("*.zip")) == sorted(made[-14:])


def test_restore_brings_back_the_latest_backup_after_backing_up_the_current_state(
    library: Workspace,
) -> None:
    data = library.path
    assert run_kefu(data, "backup").returncode == 0
    before = state(data)

    # Work goes on after the backup...
    assert run_kefu(data, "add", "亲，今天下单明天发", "--code", "fh").returncode == 0
    assert run_kefu(data, "edit", "th", "--text", "亲，支持七天无理由").returncode == 0
    assert run_kefu(data, "buyer", "add", "新买家").returncode == 0
    assert run_kefu(data, "shop", "--set", "店铺=大店").returncode == 0
    after = state(data)
    assert after != before

    restored = run_kefu(data, "restore")
    assert restored.returncode == 0, restored.stderr
    assert state(data) == before
    previous = [b for b in list_backups(library.folder) if b.reason == "before-restore"]
    assert len(previous) == 1
    assert str(previous[0].path) in restored.stdout
    assert mode(previous[0].path) == 0o600

    # Restoring the before-restore backup undoes the restore.
    undone = run_kefu(data, "restore", str(previous[0].path))
    assert undone.returncode == 0, undone.stderr
    assert state(data) == after
    ws = open_workspace(data)
    assert ws.phrases.resolve("fh").text == "亲，今天下单明天发"
    assert ws.buyers.exists("新买家")
    assert ws.folder.recovered() == []


def test_restore_without_any_backup_is_a_clear_error(library: Workspace) -> None:
    before = snapshot(library.path)
    run = kefu(library.path, "restore")
    assert run.code == 2
    assert len(run.err_lines) == 1 and "还没有任何备份" in run.err
    assert snapshot(library.path) == before


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return buffer.getvalue()


GOOD = b'{"docs": {}}'


def _real_backup(ws: Workspace) -> bytes:
    return create_backup(ws.folder).path.read_bytes()


HOSTILE = {
    "zip-slip-parent": lambda ws: _zip({"settings.json": GOOD, "../x.json": GOOD}),
    "zip-slip-nested": lambda ws: _zip({"phrases/../../x.json": GOOD}),
    "absolute-path": lambda ws: _zip({"/tmp/kefu-evil-x.json": GOOD}),
    "not-json-member": lambda ws: _zip({"settings.json": b"#!/bin/sh\nrm -rf ~\n"}),
    "script-member": lambda ws: _zip({"settings.json": GOOD, "run.sh": b"echo hi"}),
    "cache-member": lambda ws: _zip({"cache/phrases-index.json": GOOD}),
    "wrong-shape-member": lambda ws: _zip({"settings.json": b"[1, 2, 3]"}),
    "doc-not-an-object": lambda ws: _zip({"settings.json": b'{"docs": {"shop": 5}}'}),
    "truncated-zip": lambda ws: _real_backup(ws)[:200],
    "truncated-at-the-end": lambda ws: _real_backup(ws)[:-30],
    "not-a-zip": lambda ws: b"PK\x03\x04 this is not really a zip file" * 10,
    "empty-file": lambda ws: b"",
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_broken_or_hostile_backup_is_refused_and_nothing_changes(
    library: Workspace, tmp_path: Path, case: str
) -> None:
    evil = tmp_path / f"kefu-backup-20260101-000000-r-{case}.zip"
    evil.write_bytes(HOSTILE[case](library))
    data = library.path
    before = snapshot(data)
    outside = set(tmp_path.iterdir())

    run = kefu(data, "restore", str(evil))
    assert run.code == 2, (run.out, run.err)
    assert len(run.err_lines) == 1, run.err
    assert run.err_lines[0].startswith("错误：")
    assert evil.name in run.err_lines[0]
    assert snapshot(data) == before  # not even a before-restore backup
    assert set(tmp_path.iterdir()) == outside
    assert not Path("/tmp/kefu-evil-x.json").exists()
    assert open_workspace(data).phrases.resolve("th").text == "亲，七天无理由退换哦"


def test_daily_backup_makes_at_most_one_a_day(
    library: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    moment = datetime(2026, 11, 20, 9, 0).astimezone()
    monkeypatch.setattr(backup_module, "now", lambda: moment)
    first = daily_backup(library.folder)
    assert first is not None and first.reason == "daily"
    for hours in (1, 5, 14):  # the app checks again during the day
        moment = datetime(2026, 11, 20, 9, 0).astimezone() + timedelta(hours=hours)
        assert daily_backup(library.folder) is None
    moment = datetime(2026, 11, 21, 0, 5).astimezone()
    second = daily_backup(library.folder)
    assert second is not None
    assert daily_backup(library.folder) is None
    assert [b.reason for b in list_backups(library.folder)] == ["daily", "daily"]
