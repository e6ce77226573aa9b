"""Disk full and read-only folders (issue 8, item 6): a clear error, no partial file,
nothing lost.

Disk full: the data folder lives on a 4 MB tmpfs (every data file is kept twice), filled up to
~20 KB free. Mounting needs
root (CI runs as root); elsewhere these tests skip, saying why. Read-only: the folder's
write bits are removed and the command runs without the capabilities that let root ignore
them (``setpriv``, as in tests/core/store/test_collection.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from assistant.core.workspace import open_workspace
from tests.helpers import kefu_env, run_kefu, snapshot
from tests.reliability.conftest import temp_leftovers

FREE_BYTES = 20 * 1024
FILLER = "filler.bin"


def _mount_small_disk(mount_point: Path) -> str | None:
    """Mount a 4 MB tmpfs; the reason it cannot be done, or None."""
    if sys.platform != "linux":
        return "tmpfs is Linux only"
    if os.geteuid() != 0:
        return "mounting a tmpfs needs root"
    if shutil.which("mount") is None:
        return "no mount command"
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    if done.returncode != 0:
        return f"mount refused: {done.stderr.strip() or done.returncode}"
    return None


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    reason = _mount_small_disk(mount_point)
    if reason is not None:
        pytest.skip(f"no small file system for the disk-full tests: {reason}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], capture_output=True, check=False)


def _fill(disk: Path, leave: int = FREE_BYTES) -> None:
    stats = os.statvfs(disk)
    free = stats.f_bavail * stats.f_frsize
    assert free > leave, f"only {free} bytes free before filling"
    (disk / FILLER).write_bytes(b"\0" * (free - leave))


def _data_only(folder: Path) -> dict[str, bytes]:
    return {k: v for k, v in snapshot(folder).items() if not k.endswith(".lock")}


@pytest.fixture
def full_disk_library(small_disk: Path) -> Path:
    data = small_disk / "data"
    ws = open_workspace(data)
    ws.phrases.add("亲，这是磁盘满之前的短语", code="before")
    ws.buyers.add("老客户", notes="磁盘满之前的备注")
    _fill(small_disk)
    return data


def _assert_refused_for_space(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "磁盘空间不足" in lines[0]
    assert "原有数据未改动" in lines[0]


def _assert_intact(data: Path, before: dict[str, bytes]) -> None:
    assert _data_only(data) == before  # no partial file, nothing changed
    assert temp_leftovers(data) == []
    ws = open_workspace(data)
    assert ws.phrases.resolve("before").text == "亲，这是磁盘满之前的短语"
    assert ws.buyers.get("老客户").notes == "磁盘满之前的备注"
    assert ws.folder.recovered() == []


def test_adding_a_long_phrase_on_a_full_disk_fails_clearly_and_loses_nothing(
    full_disk_library: Path,
) -> None:
    data = full_disk_library
    before = _data_only(data)
    result = run_kefu(data, "add", "亲，" + "很长的短语" * 1999)
    _assert_refused_for_space(result)
    _assert_intact(data, before)
    # With space again, the same command works.
    (data.parent / FILLER).unlink()
    again = run_kefu(data, "add", "亲，" + "很长的短语" * 1999, "--code", "long")
    assert again.returncode == 0, again.stderr


def test_importing_a_big_order_report_on_a_full_disk_fails_clearly_and_loses_nothing(
    full_disk_library: Path, tmp_path: Path
) -> None:
    data = full_disk_library
    report = tmp_path / "orders.csv"
    rows = ["订单编号,买家会员名,买家实际支付金额,订单付款时间"]
    rows += [
        f"{5000 + n},买家{n % 300},19.90,2026-11-{n % 28 + 1:02d} 12:00:00" for n in range(1000)
    ]
    report.write_text("\n".join(rows) + "\n", encoding="utf-8")
    before = _data_only(data)
    result = run_kefu(data, "buyer", "import-orders", str(report))
    _assert_refused_for_space(result)
    _assert_intact(data, before)
    assert not open_workspace(data).buyers.exists("买家1")
    # With space again, the same import goes through, whole.
    (data.parent / FILLER).unlink()
    again = run_kefu(data, "buyer", "import-orders", str(report))
    assert again.returncode == 0, again.stderr
    assert len(open_workspace(data).buyers.all()) == 301


def test_a_pack_import_refused_on_a_full_disk_registers_no_pack(
    full_disk_library: Path, tmp_path: Path
) -> None:
    data = full_disk_library
    pack = {
        "format": "kefu-phrase-pack",
        "format_version": 1,
        "id": "full-disk-pack",
        "name": "满盘短语包",
        "phrases": [
            {"id": f"fd{i:03d}", "text": "亲，" + "这是一条比较长的短语" * 20 + str(i)}
            for i in range(200)
        ],
    }
    source = tmp_path / "pack.json"
    source.write_bytes(orjson.dumps(pack))
    before = _data_only(data)
    result = run_kefu(data, "pack", "import", str(source))
    _assert_refused_for_space(result)
    _assert_intact(data, before)
    # The phrases and the registry are one change: the pack is not registered either.
    listed = run_kefu(data, "pack", "list", "--json")
    assert "full-disk-pack" not in listed.stdout


def test_a_backup_on_a_full_disk_fails_clearly_and_leaves_no_partial_zip(
    full_disk_library: Path,
) -> None:
    data = full_disk_library
    before = _data_only(data)
    result = run_kefu(data, "backup")
    assert result.returncode == 2, result.stdout + result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "磁盘空间不足" in result.stderr
    assert [p for p in (data / "backups").glob("*") if p.is_file()] == []
    assert {k: v for k, v in _data_only(data).items() if not k.startswith("backups")} == before


# -- a read-only folder ----------------------------------------------------------------------
def _deny_prefix() -> list[str]:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permission bits cannot be made to bind")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner"]


def _set_writable(folder: Path, writable: bool) -> None:
    for path in [folder, *folder.rglob("*")]:
        mode = path.stat().st_mode
        os.chmod(path, mode | 0o200 if writable else mode & ~0o222)


@pytest.fixture
def read_only_library(seeded_dir: Path, tmp_path: Path) -> Iterator[tuple[Path, list[str]]]:
    ws = open_workspace(seeded_dir)
    ws.phrases.add("亲，这是磁盘满之前的短语", code="before")
    ws.buyers.add("老客户", notes="磁盘满之前的备注")
    prefix = _deny_prefix()
    _set_writable(seeded_dir, False)
    probe = subprocess.run(
        [
            *prefix,
            sys.executable,
            "-c",
            "open(__import__('sys').argv[1], 'w')",
            str(seeded_dir / "p"),
        ],
        capture_output=True,
        check=False,
    )
    if probe.returncode == 0:
        _set_writable(seeded_dir, True)
        pytest.skip("this user can write to a read-only folder: permission bits do not bind")
    yield seeded_dir, prefix
    _set_writable(seeded_dir, True)


READ_ONLY_COMMANDS = {
    "add": ["add", "亲，新的短语"],
    "buyer-add": ["buyer", "add", "新客户"],
    "buyer-import-orders": ["buyer", "import-orders", "ORDERS"],
    "pack-import": ["pack", "import", "PACK"],
    "backup": ["backup"],
}


@pytest.mark.parametrize("case", sorted(READ_ONLY_COMMANDS))
def test_a_read_only_folder_gives_one_clear_line_and_loses_nothing(
    read_only_library: tuple[Path, list[str]], tmp_path: Path, case: str
) -> None:
    data, prefix = read_only_library
    orders = tmp_path / "orders.csv"
    orders.write_text("订单编号,买家会员名\n1,新客户\n", encoding="utf-8")
    pack = tmp_path / "pack.csv"
    pack.write_text("快捷短语\n亲，导入的短语\n", encoding="utf-8")
    args = [{"ORDERS": str(orders), "PACK": str(pack)}.get(a, a) for a in READ_ONLY_COMMANDS[case]]
    before = _data_only(data)
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "assistant", *args],
        capture_output=True,
        encoding="utf-8",
        env=kefu_env(data),
        check=False,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "没有写入权限" in lines[0]
    assert _data_only(data) == before
    assert temp_leftovers(data) == []


# -- backup and restore (issue 12, item 16) --------------------------------------------------
@pytest.mark.parametrize("free", ["none-for-the-backup", "none-for-the-files"])
def test_a_restore_on_a_full_disk_fails_in_one_line_and_changes_nothing(
    full_disk_library: Path, free: str
) -> None:
    """Too little space for the backup of the current state, or for the restored files
    (the backup of the current state fits): one line, the library as it was, no zip left."""
    from assistant.core.store.backup import create_backup

    data = full_disk_library
    (data.parent / FILLER).unlink()
    ws = open_workspace(data)
    backup = create_backup(ws.folder).path
    ws.phrases.edit(ws.phrases.resolve("before").id, text="亲，备份之后改过")
    # The second: room for the zip, not for the files and their copies (four times more).
    room = backup.stat().st_size + 16 * 1024
    _fill(data.parent, FREE_BYTES if free == "none-for-the-backup" else room)
    before = _data_only(data)
    result = run_kefu(data, "restore", str(backup))
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "磁盘空间不足" in lines[0] and "原有数据未改动" in lines[0], lines[0]
    assert _data_only(data) == before
    assert temp_leftovers(data) == []
    assert open_workspace(data).phrases.resolve("before").text == "亲，备份之后改过"


def test_a_restore_in_a_read_only_folder_gives_one_clear_line(
    read_only_library: tuple[Path, list[str]],
) -> None:
    from assistant.core.store.backup import create_backup

    data, prefix = read_only_library
    _set_writable(data, True)
    backup = create_backup(open_workspace(data).folder).path
    _set_writable(data, False)
    before = _data_only(data)
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "assistant", "restore", str(backup)],
        capture_output=True,
        encoding="utf-8",
        env=kefu_env(data),
        check=False,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "没有写入权限" in lines[0]
    assert _data_only(data) == before
