"""What an operation changed, so each open view refreshes only what it shows.

Edits made in the app say what they change; edits made by another process (the `kefu`
command, a sync) are read off the data folder: each collection has its own files, so the
file that changed names the collection. Caches and backups change nothing a view shows.
"""

from __future__ import annotations

import enum
from pathlib import Path

from assistant.core.store.archive import SKIP_DIRS


class Changed(enum.Flag):
    NONE = 0
    PHRASES = enum.auto()
    BUYERS = enum.auto()
    PACKS = enum.auto()  # the pack registry and sync state
    SETTINGS = enum.auto()  # app settings, shop profile, contact groups, lint rules
    USAGE = enum.auto()  # use counts and the use log
    ALL = PHRASES | BUYERS | PACKS | SETTINGS | USAGE


# A collection's folder (sharded) or file stem (single file) → what it holds. The settings
# collection also keeps the pack registry and the contact-group scheme.
_BY_NAME: dict[str, Changed] = {
    "phrases": Changed.PHRASES,
    "buyers": Changed.BUYERS,
    "usage": Changed.USAGE,
    "usage-log": Changed.USAGE,
    "learned": Changed.USAGE,  # the questions phrases were copied for
    "settings": Changed.SETTINGS | Changed.PACKS | Changed.BUYERS,
    "sync-state": Changed.PACKS,
    "lint": Changed.SETTINGS,
}
IGNORED = frozenset(SKIP_DIRS)


def changed_by(name: str) -> Changed:
    """What a change of the data folder's entry ``name`` (a folder or a ``.json`` file) means.

    Unknown names count as everything: better one refresh too many than a stale view.
    """
    if name in IGNORED or name.startswith("."):
        return Changed.NONE
    stem = name[:-5] if name.endswith(".json") else name
    return _BY_NAME.get(stem, Changed.ALL)


def watched_folders(root: Path) -> list[Path]:
    """The folders whose changes matter: the data folder and its collections' folders."""
    return [root, *sorted(p for p in root.iterdir() if p.is_dir() and changed_by(p.name))]


def root_files(root: Path) -> dict[str, int]:
    """Modification times of the single-file collections in the data folder itself."""
    out: dict[str, int] = {}
    for path in root.glob("*.json"):
        try:
            out[path.name] = path.stat().st_mtime_ns
        except OSError:
            continue
    return out


def root_changes(before: dict[str, int], after: dict[str, int]) -> Changed:
    """What changed among the data folder's own files between two ``root_files`` readings."""
    flags = Changed.NONE
    for name in before.keys() | after.keys():
        if before.get(name) != after.get(name):
            flags |= changed_by(name)
    return flags
