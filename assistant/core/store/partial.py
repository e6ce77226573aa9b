"""Files a backup or a restore has not finished: a zip being written, an old staging folder.

A backup is written under a temporary name in ``backups/`` and renamed once complete, all
under the data folder's lock; a restore reads the backup into memory and commits it through
the write unit (earlier versions unpacked into a ``.restore-*`` folder). So a partial file
seen while holding the lock belongs to a process that was killed: it is removed when the
folder opens, and is never listed, restored from or counted as a backup.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

BACKUP_DIR = "backups"
PARTIAL_PREFIX = ".partial-"
PARTIAL_SUFFIX = ".zip.tmp"
STAGING_PREFIX = ".restore-"


def partial_files(root: Path) -> list[Path]:
    """Unfinished backups and staging folders under the data folder ``root``."""
    found = list((root / BACKUP_DIR).glob(f"{PARTIAL_PREFIX}*{PARTIAL_SUFFIX}"))
    found += root.glob(f"{STAGING_PREFIX}*")
    found += (root / BACKUP_DIR).glob(".backup-*.zip")  # the temporary name before 12.7
    return sorted(found)


def sweep_partial_files(root: Path) -> list[Path]:
    """Remove them (call under the data folder's lock). Returns what was removed."""
    removed = []
    for path in partial_files(root):
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path)
    return removed
