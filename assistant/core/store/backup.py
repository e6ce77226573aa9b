"""Backups of the whole data folder: compressed zip files, a rolling daily one, 14 kept.

A backup holds every data file (not caches, locks or set-aside damaged files). Restoring
first backs up the current state, checks every file of the backup loads, then puts the
files back while holding every collection's lock, so no writer sees a half-restored folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import orjson

from assistant.core.clock import now
from assistant.core.errors import InvalidInput, NotFound, StorageError
from assistant.core.store import DataFolder
from assistant.core.store.atomic import PRIVATE_FILE, describe_error, ensure_private_dir
from assistant.core.store.storage import is_tables

KEEP = 14
PREFIX = "kefu-backup-"
BACKUP_DIR = "backups"
SKIP_DIRS = {BACKUP_DIR, "cache"}
MAX_BACKUP_BYTES = 2 * 1024 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    created: datetime
    size: int
    reason: str  # daily, manual, before-restore


def backup_dir(folder: DataFolder) -> Path:
    return folder.path / BACKUP_DIR


DATA_SUFFIXES = (".json", ".jsonl")


def data_files(root: Path) -> Iterator[Path]:
    """The files that make up the library: JSON data files and the use logs."""
    for path in sorted(p for s in DATA_SUFFIXES for p in root.rglob(f"*{s}")):
        rel = path.relative_to(root)
        if rel.parts[0] in SKIP_DIRS or any(p.startswith(".") for p in rel.parts):
            continue
        yield path


@contextlib.contextmanager
def all_locks(folder: DataFolder) -> Iterator[None]:
    """Every collection's lock, always taken in the same order."""
    with contextlib.ExitStack() as stack:
        for collection in (
            folder.phrases,
            folder.settings,
            folder.buyers,
            folder.usage,
            folder.sync_state,
        ):
            stack.enter_context(collection.transaction())
        stack.enter_context(folder.usage_log.locked())
        yield


def list_backups(folder: DataFolder) -> list[BackupInfo]:
    found: list[tuple[tuple[datetime, int, str], BackupInfo]] = []
    for path in backup_dir(folder).glob(f"{PREFIX}*.zip"):
        parsed = _parse_name(path)
        if parsed is None:
            continue
        created, reason, n = parsed
        info = BackupInfo(path, created, path.stat().st_size, reason)
        found.append(((created, n, path.name), info))
    return [info for _, info in sorted(found, key=lambda item: item[0])]


def _parse_name(path: Path) -> tuple[datetime, str, int] | None:
    """When, why, and which of that second's backups: ``…-195841-r-manual-3.zip``.

    The number orders backups made in one second; their names do not (``-10`` sorts before
    ``-2``, and the first one, unnumbered, after both).
    """
    stamp, _, reason = path.stem[len(PREFIX) :].partition("-r-")
    try:
        created = datetime.strptime(stamp, "%Y%m%d-%H%M%S").astimezone()
    except ValueError:
        return None
    base, _, number = reason.rpartition("-")
    if base and number.isdigit():
        return created, base, int(number)
    return created, reason or "manual", 1


def create_backup(folder: DataFolder, reason: str = "manual") -> BackupInfo:
    target_dir = backup_dir(folder)
    ensure_private_dir(target_dir)
    moment = now()
    stamp = moment.strftime("%Y%m%d-%H%M%S")
    # Several backups in one second are numbered after the highest number of that second
    # still there: never overwrite one, never reuse a number rotation has just freed.
    same_second = (_parse_name(p) for p in target_dir.glob(f"{PREFIX}{stamp}-r-*.zip"))
    n = 1 + max((p[2] for p in same_second if p is not None and p[1] == reason), default=0)
    target = target_dir / f"{PREFIX}{stamp}-r-{reason}{f'-{n}' if n > 1 else ''}.zip"
    fd, tmp = tempfile.mkstemp(prefix=".backup-", suffix=".zip", dir=target_dir)
    os.close(fd)
    try:
        with all_locks(folder), zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in data_files(folder.path):
                zf.write(path, path.relative_to(folder.path).as_posix())
        os.chmod(tmp, PRIVATE_FILE)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise StorageError("备份失败：" + describe_error(exc, target)) from exc
    rotate(folder)
    return BackupInfo(target, moment, target.stat().st_size, reason)


def rotate(folder: DataFolder, keep: int = KEEP) -> list[Path]:
    backups = list_backups(folder)
    old = [b.path for b in backups[:-keep]] if len(backups) > keep else []
    for path in old:
        with contextlib.suppress(OSError):
            path.unlink()
    return old


def daily_backup_due(folder: DataFolder) -> bool:
    latest = list_backups(folder)
    return not latest or latest[-1].created.date() < now().date()


def daily_backup(folder: DataFolder) -> BackupInfo | None:
    """Make today's backup if there is none yet (the app calls this at start and daily)."""
    return create_backup(folder, "daily") if daily_backup_due(folder) else None


def _safe_members(zf: zipfile.ZipFile, source: Path) -> list[zipfile.ZipInfo]:
    members = []
    total = 0
    for info in zf.infolist():
        parts = Path(info.filename).parts
        if (
            info.is_dir()
            or info.filename.startswith("/")
            or ".." in parts
            or not info.filename.endswith(DATA_SUFFIXES)
            or parts[0] in SKIP_DIRS
        ):
            raise InvalidInput(
                f"{source.name} 不是本程序的备份（含有不允许的文件 {info.filename}）"
            )
        total += info.file_size
        members.append(info)
    if total > MAX_BACKUP_BYTES:
        raise InvalidInput(f"{source.name} 解压后太大，已拒绝")
    return members


def _loads_as_data(name: str, raw: bytes) -> bool:
    """A file loads and has the shape its reader expects: a file that loads but would be set
    aside as damaged on the next read must not replace a good one."""
    if name.endswith(".jsonl"):
        return True  # a use log is read line by line and skips a damaged line itself
    value = orjson.loads(raw)
    if name.rsplit("/", 1)[-1] == "layout.json":  # a collection's shard count, not a table
        return isinstance(value, dict)
    return is_tables(value)


def restore_backup(folder: DataFolder, source: Path | None = None) -> tuple[Path, BackupInfo]:
    """Replace the library with a backup (default: the latest). Returns the backup used and
    the backup of the state before restoring."""
    if source is None:
        backups = [b for b in list_backups(folder) if b.reason != "before-restore"]
        if not backups:
            raise NotFound("还没有任何备份（kefu backup 可以立即备份）")
        source = backups[-1].path
    if not source.exists():
        raise NotFound(f"找不到备份文件：{source}")
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=folder.path))
    try:
        try:
            with zipfile.ZipFile(source) as zf:
                for info in _safe_members(zf, source):
                    data = zf.read(info)
                    # every file must load before anything is replaced
                    if not _loads_as_data(info.filename, data):
                        raise InvalidInput(
                            f"{source.name} 已损坏，无法恢复：{info.filename} 不是本程序的数据文件"
                        )
                    out = staging / info.filename
                    out.parent.mkdir(parents=True, exist_ok=True)
                    out.write_bytes(data)
        except (zipfile.BadZipFile, orjson.JSONDecodeError, KeyError) as exc:
            raise InvalidInput(f"{source.name} 已损坏，无法恢复：{exc}") from exc
        before = create_backup(folder, "before-restore")
        with all_locks(folder):
            current = set(data_files(folder.path))
            for path in sorted(p for s in DATA_SUFFIXES for p in staging.rglob(f"*{s}")):
                target = folder.path / path.relative_to(staging)
                ensure_private_dir(target.parent)
                os.chmod(path, PRIVATE_FILE)
                os.replace(path, target)
                current.discard(target)
            for leftover in current:  # files the backup did not have (e.g. a newer month)
                leftover.unlink()
        return source, before
    finally:
        shutil.rmtree(staging, ignore_errors=True)
