"""Atomic, private file writes: temporary file in the same folder, fsync, rename."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from assistant.core.errors import StorageError

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` readable by the owner only, or take group and other access away.

    Only ever tightens: a folder the user made read-only stays read-only. A folder made
    here is made durable in its parent, so a file renamed into it cannot vanish with it.
    """
    missing = []
    try:
        ancestor = path
        while not ancestor.is_dir() and ancestor.parent != ancestor:
            missing.append(ancestor)
            ancestor = ancestor.parent
        path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
        for made in reversed(missing):
            fsync_dir(made.parent)
        current = stat.S_IMODE(path.stat().st_mode)
    except OSError as exc:
        raise StorageError(describe_error(exc, path)) from exc
    if current & ~PRIVATE_DIR:
        with contextlib.suppress(OSError):  # e.g. a network drive that has no POSIX modes
            os.chmod(path, current & PRIVATE_DIR)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; elsewhere the rename is the commit)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes | bytearray) -> None:
    """Replace ``path`` with ``data`` so a reader sees the old or the new file, never a mix.

    Raises StorageError with a plain message (disk full, read-only folder...) and leaves no
    partial file behind. Data files go through ``store.unit``, which also keeps a copy.
    """
    folder = path.parent
    fd = -1
    tmp_name = ""
    try:
        # mkstemp creates the file readable by the owner only (0600).
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp_name, path)
        tmp_name = ""
        fsync_dir(folder)
    except OSError as exc:
        raise StorageError(describe_error(exc, path)) from exc
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def describe_error(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return f"磁盘空间不足，未能保存 {path}，原有数据未改动"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"没有写入权限，未能保存 {path}，原有数据未改动"
    return f"保存 {path} 失败（{exc.strerror or exc}），原有数据未改动"
