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

from assistant.core.store import archive as archive_module
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


# -- issue 12, item 7: ordered by creation, not by the clock ------------------------------
def _at(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    monkeypatch.setattr(backup_module, "now", lambda: moment)


def test_a_clock_set_back_keeps_the_backup_just_made_and_restores_it(
    library: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _at(monkeypatch, datetime(2026, 11, 20, 9, 0).astimezone())
    for n in range(KEEP):
        library.phrases.add(f"第 {n} 次修改", code=f"n{n}")
        create_backup(library.folder)
    library.phrases.add("时钟调回去之后的修改", code="n99")
    _at(monkeypatch, datetime(2025, 1, 1, 8, 0).astimezone())  # the clock went back
    made = create_backup(library.folder)
    kept = list_backups(library.folder)
    assert made.path.exists()
    assert kept[-1].path == made.path and len(kept) == KEEP
    assert _newest_code(made.path) == 99
    library.phrases.edit(library.phrases.resolve("n99").id, text="又改了")
    run = kefu(library.path, "restore")
    assert run.code == 0, run.err
    assert str(made.path) in run.out
    assert open_workspace(library.path).phrases.resolve("n99").text == "时钟调回去之后的修改"


def test_a_clock_set_ahead_neither_stops_daily_backups_nor_makes_restore_pick_an_old_one(
    library: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _at(monkeypatch, datetime(2027, 6, 1, 9, 0).astimezone())  # a day with the clock ahead
    assert daily_backup(library.folder) is not None
    _at(monkeypatch, datetime(2026, 11, 20, 9, 0).astimezone())  # set right again
    library.phrases.add("时钟改回来之后的短语", code="later")
    assert backup_module.daily_backup_due(library.folder)
    today = daily_backup(library.folder)
    assert today is not None
    assert daily_backup(library.folder) is None  # and only one a day from then on
    library.phrases.edit(library.phrases.resolve("later").id, text="恢复会撤销这次修改")
    run = kefu(library.path, "restore")
    assert run.code == 0, run.err
    assert str(today.path) in run.out
    assert open_workspace(library.path).phrases.resolve("later").text == "时钟改回来之后的短语"


def test_the_backup_made_before_a_restore_does_not_push_the_restored_one_out(
    library: Workspace,
) -> None:
    made = []
    for n in range(KEEP):
        library.phrases.add(f"第 {n} 次修改", code=f"n{n}")
        made.append(create_backup(library.folder).path)
    oldest = made[0]
    run = kefu(library.path, "restore", str(oldest))
    assert run.code == 0, run.err
    kept = [b.path for b in list_backups(library.folder)]
    assert oldest in kept  # the one just restored is still there to go back to
    assert len(kept) == KEEP
    assert [b.reason for b in list_backups(library.folder)][-1] == "before-restore"
    codes = {p.code for p in open_workspace(library.path).phrases.all()}
    assert "n0" in codes and "n1" not in codes


def test_a_restore_replaces_each_file_and_its_copy_and_removes_both_for_a_newer_file(
    library: Workspace,
) -> None:
    data = library.path
    create_backup(library.folder)
    backed_up = state(data)
    library.shop.update({"店铺": "备份之后改的名字"})
    for n in range(8):  # lands in shard files the backup does not have
        library.buyers.add(f"备份之后的买家{n}")
    assert kefu(data, "restore").code == 0
    assert state(data) == backed_up
    # Deleted from outside, each file comes back from its copy: as restored, not as before.
    (data / "settings.json").unlink()
    for shard in (data / "buyers").glob("*.json"):
        if shard.name != "layout.json":
            shard.unlink()
    ws = open_workspace(data)
    assert ws.shop.get().get("店铺") == "小店"
    assert [b.account for b in ws.buyers.all()] == ["小王同学"]
    assert all(not p.name.endswith(".bak") for p in (data / "usage-log").iterdir())


# -- issue 12, item 10: caps on what a backup may unpack to --------------------------------
def _spaces(size: int) -> bytes:
    return b'{"docs": {}}' + b" " * (size - 12)


def _many_members(count: int) -> bytes:
    return _zip({f"usage-log/2026-{n:05d}.jsonl": b"" for n in range(count)})


def _shard(doc_key: str, doc: dict[str, object]) -> bytes:
    return orjson.dumps({"docs": {doc_key: doc}})


CAPPED = {
    # 50 MB of spaces in one shard: 1,000 to 1 (real JSON data: about 10 to 1).
    "zip-bomb-one-member": (lambda: _zip({"phrases/00.json": _spaces(50 << 20)}), "压缩比"),
    "too-many-members": (lambda: _many_members(6000), "6,000 个文件"),
    "wrong-typed-phrase": (
        lambda: _zip(
            {"phrases/00.json": _shard("p1", {"id": "p1", "title": 5, "text": "亲", "group": ""})}
        ),
        "phrases/00.json",
    ),
    "wrong-typed-buyer": (
        lambda: _zip({"buyers/00.json": _shard("taobao:x", {"account": ["x"]})}),
        "buyers/00.json",
    ),
    "wrong-typed-usage": (
        lambda: _zip({"usage/00.json": _shard("p1", {"count": "很多"})}),
        "usage/00.json",
    ),
    "wrong-typed-setting": (
        lambda: _zip({"settings.json": _shard("app", {"hotkey": 5})}),
        "settings.json",
    ),
}


@pytest.mark.parametrize("case", sorted(CAPPED))
def test_a_bomb_or_a_wrong_typed_backup_is_refused_in_one_line_and_nothing_changes(
    library: Workspace, tmp_path: Path, case: str
) -> None:
    make, words = CAPPED[case]
    evil = tmp_path / f"kefu-backup-{case}.zip"
    evil.write_bytes(make())
    before = snapshot(library.path)
    run = kefu(library.path, "restore", str(evil))
    assert run.code == 2, (run.out, run.err)
    assert len(run.err_lines) == 1, run.err
    assert run.err_lines[0].startswith("错误：") and evil.name in run.err
    assert words in run.err, run.err
    assert snapshot(library.path) == before


@pytest.fixture(scope="module")
def huge_settings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A backup whose settings.json unpacks to 1.2 GB (valid JSON: spaces after the data);
    the zip itself is 5 MB."""
    path = tmp_path_factory.mktemp("huge") / "kefu-backup-huge-settings.zip"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf,
        zf.open("settings.json", "w", force_zip64=True) as member,
    ):
        member.write(b'{"docs": {}}')
        chunk = b" " * (64 << 20)
        for _ in range(18):
            member.write(chunk)
    return path


def test_a_backup_with_a_1_2_gb_settings_file_is_refused_by_its_size_without_reading_it(
    library: Workspace, huge_settings: Path
) -> None:
    """In a real process whose address space is capped at 1 GB: reading the member would
    fail with MemoryError; refused by the size the zip declares, nothing is inflated."""
    import resource
    import subprocess
    import sys

    from tests.helpers import kefu_env

    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    before = snapshot(library.path)
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "restore", str(huge_settings)],
        capture_output=True,
        encoding="utf-8",
        env=kefu_env(library.path),
        preexec_fn=cap_memory,
        check=False,
    )
    assert result.returncode == 2, result.stderr[-2000:]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr[-2000:]
    assert "settings.json" in lines[0] and "上限" in lines[0], lines[0]
    assert snapshot(library.path) == before


def test_a_backup_unpacking_to_more_than_the_total_cap_is_refused(
    library: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = create_backup(library.folder).path
    total = sum(i.file_size for i in zipfile.ZipFile(real).infolist())
    monkeypatch.setattr(archive_module, "MAX_BACKUP_BYTES", total - 1)
    before = snapshot(library.path)
    run = kefu(library.path, "restore", str(real))
    assert run.code == 2 and len(run.err_lines) == 1, run.err
    assert "上限" in run.err
    assert snapshot(library.path) == before
