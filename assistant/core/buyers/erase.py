"""Erasing a buyer for good (the right to be forgotten), even when it was interrupted.

Deleting the record is one commit, but the account also sits in the monthly use logs, in
files set aside as damaged, in temporary files a killed writer left, in partial backups and
in the search cache. So the erase is written down first (``.kefu-erase.json``, private, never
backed up: its name starts with a dot), then done step by step, each step safe to repeat,
and the note removed last. A second ``kefu buyer rm`` (or the next opening of the buyer
book) finds the note and finishes the erase instead of answering 找不到买家.

Complete backups made before the erase still hold the account until rotation removes them:
rewriting them would change what a restore brings back, so they are named instead.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from assistant.core.errors import StorageError
from assistant.core.store import DataFolder
from assistant.core.store.atomic import atomic_write, describe_error
from assistant.core.store.partial import sweep_partial_files

if TYPE_CHECKING:  # every command asks `pending` when it opens the folder: it stays light
    import zipfile

    from assistant.core.buyers.model import Buyer

INTENT = ".kefu-erase.json"
SKIP = ("cache", "backups")  # the search cache is dropped whole; backups are reported


@dataclass(frozen=True)
class Pending:
    key: str
    account: str
    platform: str


@dataclass
class EraseReport:
    account: str
    platform: str
    scrubbed: list[str] = field(default_factory=list)  # files removed because they held it
    still_in: list[str] = field(default_factory=list)  # complete backups that still hold it
    buyer: Buyer | None = None  # the record deleted now (None: deleted by an earlier run)
    questions_forgotten: int = 0  # learned questions that named it (Workspace.erase_buyer)


def _intent_path(folder: DataFolder) -> Path:
    return folder.path / INTENT


def pending(folder: DataFolder) -> list[Pending]:
    """Erases begun and not finished (a killed `buyer rm`)."""
    try:
        raw = orjson.loads(_intent_path(folder).read_bytes())
        return [Pending(e["key"], e["account"], e["platform"]) for e in raw["erase"]]
    except FileNotFoundError:
        return []
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError):
        return []  # a note that does not read was never written whole: nothing begun


def _write_intent(folder: DataFolder, items: list[Pending]) -> None:
    path = _intent_path(folder)
    if not items:
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise StorageError(describe_error(exc, path)) from exc
        return
    payload = [{"key": p.key, "account": p.account, "platform": p.platform} for p in items]
    atomic_write(path, orjson.dumps({"erase": payload}))


def begin(folder: DataFolder, item: Pending) -> None:
    """Note the erase before anything is deleted (call under the folder's lock)."""
    items = [p for p in pending(folder) if p != item]
    _write_intent(folder, [*items, item])


def finish(folder: DataFolder, item: Pending) -> EraseReport:
    """Every step after the record's deletion; safe to run again (under the folder's lock)."""
    report = EraseReport(item.account, item.platform)
    needles = _needles(item.account)
    # A kill between the record's rename and its copy's leaves the copy holding it.
    folder.buyers.scrub_backup(item.key)
    _forget_in_usage_log(folder, item.account, needles)
    report.scrubbed = [str(p.relative_to(folder.path)) for p in _scrub_files(folder, needles)]
    report.still_in = _backups_holding(folder, needles)
    _write_intent(folder, [p for p in pending(folder) if p != item])
    return report


def _needles(account: str) -> list[bytes]:
    """The account as it appears in a file: raw UTF-8 (orjson) or JSON-escaped."""
    return list(dict.fromkeys([account.encode("utf-8"), orjson.dumps(account)[1:-1]]))


def _holds(raw: bytes, needles: list[bytes]) -> bool:
    return any(n in raw for n in needles)


def _forget_in_usage_log(folder: DataFolder, account: str, needles: list[bytes]) -> None:
    log = folder.usage_log
    for month in log.months():
        try:
            raw = log.path(month).read_bytes()
        except OSError:
            continue
        if _holds(raw, needles):
            # Rewriting keeps the whole events of other buyers; a torn line is dropped with it.
            log.rewrite(month, lambda event: event.get("buyer") != account, force=True)


def _scrub_files(folder: DataFolder, needles: list[bytes]) -> list[Path]:
    """Remove files that are not data but may hold the account: copies set aside as damaged,
    temporary files a killed writer left (no writer is running: we hold the lock), the
    partial zip of a killed backup."""
    removed = sweep_partial_files(folder.path)
    for path in sorted(folder.path.rglob("*")):
        rel = path.relative_to(folder.path)
        if rel.parts[0] in SKIP or not path.is_file() or path.is_symlink():
            continue
        name = path.name
        if ".damaged-" not in name and not (name.startswith(".") and name.endswith(".tmp")):
            continue
        with contextlib.suppress(OSError):
            if _holds(path.read_bytes(), needles):
                path.unlink()
                removed.append(path)
    return removed


def _backups_holding(folder: DataFolder, needles: list[bytes]) -> list[str]:
    """The complete backups in which the account still appears (buyers and use logs)."""
    import zipfile

    from assistant.core.store.backup import list_backups

    holding = []
    for backup in list_backups(folder):
        with (
            contextlib.suppress(OSError, zipfile.BadZipFile, RuntimeError),
            zipfile.ZipFile(backup.path) as zf,
        ):
            if any(_member_holds(zf, info, needles) for info in zf.infolist()):
                holding.append(backup.path.name)
    return holding


def _member_holds(zf: zipfile.ZipFile, info: zipfile.ZipInfo, needles: list[bytes]) -> bool:
    if not info.filename.startswith(("buyers/", "usage-log/")):
        return False
    with zf.open(info) as member:
        data: Any = member.read(info.file_size + 1)
    return _holds(data, needles)
