"""Backups of the whole data folder: compressed zip files, a rolling daily one, 14 kept.

A backup holds every data file (not caches, locks, copies or set-aside damaged files). It is
written under a temporary name and renamed when complete, all under the data folder's lock,
so a killed backup leaves no zip that looks finished (``store.partial`` sweeps what it left).

Backups are ordered by a sequence number in their name, never by the clock: a clock set
back or ahead must not make rotation delete the backup just made, nor make ``restore`` pick
an old one. The time in the name is only shown.

Restoring reads and checks the whole backup in memory first (sizes capped before anything
is inflated, every document checked with its collection's shape), backs up the current
state, then writes every data file, its copy, and the removal of files the backup did not
have as one change of the write unit: a killed restore leaves the folder as it was or as
the backup was, never a mix.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from assistant.core.clock import now
from assistant.core.errors import NotFound, StorageError
from assistant.core.store import DataFolder
from assistant.core.store.archive import (
    DATA_SUFFIXES,
    LAYOUT,
    SKIP_DIRS,
    read_backup,
)
from assistant.core.store.atomic import PRIVATE_FILE, describe_error, ensure_private_dir, fsync_dir
from assistant.core.store.content_files import CONTENT_FOLDER, content_name
from assistant.core.store.partial import (
    BACKUP_DIR,
    PARTIAL_PREFIX,
    PARTIAL_SUFFIX,
    sweep_partial_files,
)
from assistant.core.store.unit import commit_files
from assistant.core.text import quote_input

KEEP = 14
PREFIX = "kefu-backup-"

# Caps on what a backup may unpack to, checked on the sizes the zip declares before anything
# is inflated (a member never yields more than it declares). A real library of 20,000
# phrases and 10,000 buyers unpacks to about 40 MB.

# kefu-backup-000017-20261122-195841-r-manual.zip: sequence, time shown, reason.
_NAME = re.compile(r"(\d+)-(\d{8}-\d{6})-r-([a-z][a-z-]*)")
# Before the sequence number: kefu-backup-20261122-195841-r-manual-3.zip.
_OLD_NAME = re.compile(r"(\d{8}-\d{6})-r-([a-z][a-z-]*?)(?:-(\d+))?")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    created: datetime
    size: int
    reason: str  # daily, manual, before-restore
    sequence: int = 0  # the order of creation; 0 for a backup named before numbering


def backup_dir(folder: DataFolder) -> Path:
    return folder.path / BACKUP_DIR


def data_files(root: Path) -> Iterator[Path]:
    """The files that make up the library: JSON data files and the use logs."""
    for path in sorted(p for s in DATA_SUFFIXES for p in root.rglob(f"*{s}")):
        rel = path.relative_to(root)
        if rel.parts[0] in SKIP_DIRS or any(p.startswith(".") for p in rel.parts):
            continue
        yield path


def content_files(root: Path) -> Iterator[Path]:
    """The images of phrases, each named by its hash (``store.content_files``)."""
    try:
        found = sorted((root / CONTENT_FOLDER).iterdir())
    except OSError:  # no images yet
        return
    for path in found:
        if content_name(path.name) is not None and path.is_file():
            yield path


@contextlib.contextmanager
def all_locks(folder: DataFolder) -> Iterator[None]:
    """The data folder's one lock: no collection changes while it is held."""
    with folder.unit.held():
        yield


# -- listing and ordering --------------------------------------------------------------
def _parse_name(path: Path) -> tuple[tuple[int, datetime, int], datetime, str] | None:
    """(sort key, time shown, reason), or None for a file that is not a backup."""
    if not (path.name.startswith(PREFIX) and path.name.endswith(".zip")):
        return None
    body = path.name[len(PREFIX) : -len(".zip")]
    if found := _NAME.fullmatch(body):
        created = _stamp(found[2])
        if created is None:
            return None
        return (int(found[1]), created, 0), created, found[3]
    if found := _OLD_NAME.fullmatch(body):
        created = _stamp(found[1])
        if created is None:
            return None
        # Older than every numbered backup; among themselves by time and number.
        return (0, created, int(found[3] or 1)), created, found[2]
    return None


def _stamp(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, "%Y%m%d-%H%M%S").astimezone()
    except ValueError:
        return None


def list_backups(folder: DataFolder) -> list[BackupInfo]:
    """Every backup, oldest first (in the order they were made)."""
    found: list[tuple[tuple[int, datetime, int], str, BackupInfo]] = []
    for path in backup_dir(folder).glob(f"{PREFIX}*.zip"):
        parsed = _parse_name(path)
        if parsed is None:
            continue
        key, created, reason = parsed
        try:
            size = path.stat().st_size
        except OSError:  # rotated away by another process just now
            continue
        found.append((key, path.name, BackupInfo(path, created, size, reason, key[0])))
    return [info for *_, info in sorted(found, key=lambda item: (item[0], item[1]))]


def create_backup(folder: DataFolder, reason: str = "manual") -> BackupInfo:
    return _make_backup(folder, reason, keep_also=None, rotate_now=True)


def _make_backup(
    folder: DataFolder, reason: str, keep_also: Path | None, rotate_now: bool
) -> BackupInfo:
    target_dir = backup_dir(folder)
    target = target_dir
    try:
        with all_locks(folder):
            ensure_private_dir(target_dir)
            sweep_partial_files(folder.path)  # under the lock: a dead process's leftovers
            sequence = 1 + max((b.sequence for b in list_backups(folder)), default=0)
            moment = now()
            target = target_dir / f"{PREFIX}{sequence:06d}-{moment:%Y%m%d-%H%M%S}-r-{reason}.zip"
            _write_zip(folder.path, target)
            info = BackupInfo(target, moment, target.stat().st_size, reason, sequence)
            if rotate_now:
                rotate(folder, keep_also=keep_also)
    except OSError as exc:
        raise StorageError("备份失败：" + describe_error(exc, target)) from exc
    except StorageError as exc:
        raise StorageError(f"备份失败：{exc}") from exc
    return info


def _write_zip(root: Path, target: Path) -> None:
    """The zip under a temporary name (0600), fsync'd, then renamed: complete or absent."""
    fd, tmp = tempfile.mkstemp(prefix=PARTIAL_PREFIX, suffix=PARTIAL_SUFFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
                for path in data_files(root):
                    zf.write(path, path.relative_to(root).as_posix())
                for path in content_files(root):  # compressed already
                    zf.write(path, path.relative_to(root).as_posix(), zipfile.ZIP_STORED)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, PRIVATE_FILE)
        os.replace(tmp, target)
        tmp = ""
        fsync_dir(target.parent)
    finally:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def rotate(folder: DataFolder, keep: int = KEEP, keep_also: Path | None = None) -> list[Path]:
    """Delete the oldest backups beyond ``keep`` (never the newest; never ``keep_also``, the
    backup just restored, which the backup made before restoring must not push out)."""
    backups = [b.path for b in list_backups(folder)]
    excess = len(backups) - keep
    old = [p for p in backups[:-1] if p != keep_also][: max(excess, 0)]
    for path in old:
        with contextlib.suppress(OSError):
            path.unlink()
    return old


def daily_backup_due(folder: DataFolder) -> bool:
    """No backup was made today. The latest is the last one made, whatever its time says:
    one dated in the future (the clock was ahead) does not stop the daily backups."""
    latest = list_backups(folder)
    return not latest or latest[-1].created.date() != now().date()


def daily_backup(folder: DataFolder) -> BackupInfo | None:
    """Make today's backup if there is none yet (the app calls this at start and daily)."""
    return create_backup(folder, "daily") if daily_backup_due(folder) else None


# -- restoring -------------------------------------------------------------------------
def latest_restorable(folder: DataFolder) -> Path:
    """The last backup made, before-restore ones aside."""
    backups = [b for b in list_backups(folder) if b.reason != "before-restore"]
    if not backups:
        raise NotFound("还没有任何备份（kefu backup 可以立即备份）")
    return backups[-1].path


def restore_backup(folder: DataFolder, source: Path | None = None) -> tuple[Path, BackupInfo]:
    """Replace the library with a backup (default: the latest). Returns the backup used and
    the backup of the state before restoring."""
    with all_locks(folder):
        source = source if source is not None else latest_restorable(folder)
        if not _exists(source):
            raise NotFound(f"找不到备份文件：{quote_input(str(source), 200)}")
        files = read_backup(folder, source)
        before = _make_backup(folder, "before-restore", keep_also=None, rotate_now=False)
        try:
            _replace_library(folder, files)
        except BaseException:
            with contextlib.suppress(OSError):  # nothing was restored: nothing to undo
                before.path.unlink()
            raise
        rotate(folder, keep_also=source)
    return source, before


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a name too long, a folder that cannot be read: not a backup here
        return False


def _replace_library(folder: DataFolder, files: dict[str, bytes]) -> None:
    root = folder.path
    writes = {root / name: data for name, data in files.items()}
    # Images the backup lacks stay: no restored phrase refers to them, and the clean-up of
    # unused images removes them (they may be in use by a phrase being saved elsewhere).
    gone = [p for p in data_files(root) if p not in writes]
    try:
        for path in writes:
            ensure_private_dir(path.parent)
    except StorageError as exc:
        raise StorageError(f"恢复失败：{exc}") from exc
    # Collection files keep a copy of their last state; layouts and use logs have none.
    # Images are checked against their names instead (``store.content_files``).
    bare = {
        p
        for p in writes
        if p.name == LAYOUT or p.suffix == ".jsonl" or content_name(p.name) is not None
    }
    try:
        commit_files(root, writes, remove=gone, bare=bare)
    except StorageError as exc:
        raise StorageError(f"恢复失败：{exc}") from exc
