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
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import orjson

from assistant.core.clock import now
from assistant.core.errors import InvalidInput, KefuError, NotFound, StorageError
from assistant.core.store import DataFolder
from assistant.core.store.atomic import PRIVATE_FILE, describe_error, ensure_private_dir, fsync_dir
from assistant.core.store.partial import (
    BACKUP_DIR,
    PARTIAL_PREFIX,
    PARTIAL_SUFFIX,
    sweep_partial_files,
)
from assistant.core.store.storage import is_tables
from assistant.core.store.unit import commit_files
from assistant.core.text import quote_input

KEEP = 14
PREFIX = "kefu-backup-"
SKIP_DIRS = {BACKUP_DIR, "cache"}
DATA_SUFFIXES = (".json", ".jsonl")
LAYOUT = "layout.json"

# Caps on what a backup may unpack to, checked on the sizes the zip declares before anything
# is inflated (a member never yields more than it declares). A real library of 20,000
# phrases and 10,000 buyers unpacks to about 40 MB.
MAX_BACKUP_BYTES = 1024 * 1024 * 1024
MAX_MEMBER_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_RATIO = 200  # deflate can reach 1,000:1 on repeated bytes; JSON data stays near 10:1
RATIO_FROM_BYTES = 1024 * 1024  # small members may compress as they like

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


# -- reading a backup ------------------------------------------------------------------
def _refuse(source: Path, why: str) -> InvalidInput:
    return InvalidInput(f"{source.name} 不能恢复：{why}，资料库未改动")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB" if size >= 1024 * 1024 else f"{size} 字节"


def _check_members(zf: zipfile.ZipFile, source: Path) -> list[zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _refuse(source, f"含有 {len(infos):,} 个文件（上限 {MAX_MEMBERS:,}）")
    total = 0
    for info in infos:
        name = info.filename
        parts = Path(name).parts
        if (
            info.is_dir()
            or name.startswith("/")
            or "\\" in name
            or ".." in parts
            or not name.endswith(DATA_SUFFIXES)
            or parts[0] in SKIP_DIRS
            or any(p.startswith(".") for p in parts)
        ):
            raise InvalidInput(f"{source.name} 不是本程序的备份（含有不允许的文件 {_short(name)}）")
        if info.file_size > MAX_MEMBER_BYTES:
            raise _refuse(
                source,
                f"{_short(name)} 解压后 {_mb(info.file_size)}（上限 {_mb(MAX_MEMBER_BYTES)}）",
            )
        if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise _refuse(source, f"{_short(name)} 的压缩比超过 {MAX_RATIO}:1（疑似解压炸弹）")
        total += info.file_size
    if total > MAX_BACKUP_BYTES:
        raise _refuse(source, f"解压后共 {_mb(total)}（上限 {_mb(MAX_BACKUP_BYTES)}）")
    if len({i.filename for i in infos}) != len(infos):
        raise _refuse(source, "同一个文件出现了两次")
    return infos


def _short(name: str, limit: int = 60) -> str:
    return name if len(name) <= limit else name[:limit] + "…"


def _fits(folder: DataFolder, name: str, raw: bytes) -> bool:
    """A file loads and has the shape its reader expects, every document included: a file
    that would be set aside as damaged on the next read must not replace a good one."""
    if name.endswith(".jsonl"):
        return True  # a use log is read line by line and skips a damaged line itself
    value = orjson.loads(raw)
    if name.rsplit("/", 1)[-1] == LAYOUT:  # a collection's shard count, not a table
        return isinstance(value, dict)
    if not is_tables(value):
        return False
    collection = folder.collections().get(name.split("/", 1)[0].removesuffix(".json"))
    check = collection.check if collection is not None else None
    return check is None or all(check(k, d) for t in value.values() for k, d in t.items())


def read_backup(folder: DataFolder, source: Path) -> dict[str, bytes]:
    """Every file of a backup (relative name → bytes), checked; InvalidInput otherwise."""
    try:
        if not source.is_file():
            raise _refuse(source, "不是普通文件")
        with zipfile.ZipFile(source) as zf:
            files: dict[str, bytes] = {}
            for info in _check_members(zf, source):
                with zf.open(info) as member:
                    data = member.read(info.file_size + 1)  # never more than it declares
                if not _fits(folder, info.filename, data):
                    what = _short(info.filename)
                    raise InvalidInput(
                        f"{source.name} 已损坏，无法恢复：{what} 不是本程序的数据文件"
                    )
                files[info.filename] = data
    except KefuError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, orjson.JSONDecodeError) as exc:
        raise InvalidInput(f"{source.name} 已损坏，无法恢复：{_first_line(exc)}") from exc
    except (NotImplementedError, RuntimeError) as exc:  # an unknown method, encryption
        raise _refuse(source, f"不支持的压缩方式（{_first_line(exc)}）") from exc
    except OSError as exc:
        raise InvalidInput(f"无法读取备份 {source}（{exc.strerror or exc}）") from exc
    return files


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return _short(text[0] if text else type(exc).__name__, 120)


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
    gone = [p for p in data_files(root) if p not in writes]
    try:
        for path in writes:
            ensure_private_dir(path.parent)
    except StorageError as exc:
        raise StorageError(f"恢复失败：{exc}") from exc
    # Collection files keep a copy of their last state; layouts and use logs have none.
    bare = {p for p in writes if p.name == LAYOUT or p.suffix == ".jsonl"}
    try:
        commit_files(root, writes, remove=gone, bare=bare)
    except StorageError as exc:
        raise StorageError(f"恢复失败：{exc}") from exc
