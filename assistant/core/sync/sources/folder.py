"""A shared folder as a pack source: a network drive, or a Syncthing/Nextcloud/坚果云 folder."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from assistant.core.sync.sources.base import (
    IMAGES,
    MAX_DOWNLOAD,
    MAX_IMAGE_DOWNLOAD,
    SAFE_NAME,
    Names,
    SyncError,
    is_image_name,
)

# Never follow a link, never wait for a writer: a FIFO opened for reading would block
# until someone writes, a link could point at /dev/zero or out of the shared folder.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
_OPEN_FLAGS |= getattr(os, "O_BINARY", 0)


def _safe(name: str) -> str:
    if not SAFE_NAME.match(name):
        raise SyncError(f"不安全的名称：{name!r}")
    return name


def _is(path: Path, kind: int) -> bool:
    """``path`` itself (a link is not followed) is a folder or a regular file."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return False
    return stat.S_IFMT(mode) == kind


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else is refused
    before a byte is read (a link, a FIFO, a device such as /dev/zero)."""
    if not _is(path, stat.S_IFREG):
        raise SyncError(f"{path.name} 不是普通文件（链接、管道或设备），已拒绝")
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise SyncError(f"无法读取 {path}：{exc.strerror or exc}") from exc
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):  # replaced between the lstat and the open
            raise SyncError(f"{path.name} 不是普通文件（链接、管道或设备），已拒绝")
        if info.st_size > limit:
            raise SyncError(f"{path.name} 太大，已拒绝")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fh.fileno(), True)
        data = fh.read(limit + 1)  # a file growing while read stops at the cap too
    if len(data) > limit:
        raise SyncError(f"{path.name} 太大，已拒绝")
    return data


class FolderSource:
    def __init__(self, path: str) -> None:
        self.label = path
        self.root = Path(path).expanduser()

    def _check_root(self) -> None:
        if not self.root.is_dir():  # the shared folder itself may be a link (a mount)
            raise SyncError(f"共享文件夹不存在或无法访问：{self.root}")

    def _names(self, folder: Path, kind: int) -> list[str]:
        try:
            names = [p.name for p in folder.iterdir()]
        except OSError as exc:
            raise SyncError(f"无法列出 {folder}：{exc.strerror or exc}") from exc
        return sorted(n for n in names if SAFE_NAME.match(n) and _is(folder / n, kind))

    def pack_ids(self) -> list[str]:
        self._check_root()
        return self._names(self.root, stat.S_IFDIR)

    def list(self, pack_id: str) -> list[str]:
        self._check_root()
        folder = self.root / _safe(pack_id)
        if not _is(folder, stat.S_IFDIR):
            return []
        return [n for n in self._names(folder, stat.S_IFREG) if n.endswith(".json")]

    def read(self, pack_id: str, name: str) -> bytes:
        folder, name = self.root / _safe(pack_id), _safe(name)
        if not _is(folder, stat.S_IFDIR):
            raise SyncError(f"{folder} 不是文件夹（或是链接），已拒绝")
        return read_regular(folder / name, MAX_DOWNLOAD)

    def write_new(self, pack_id: str, name: str, data: bytes) -> None:
        self._check_root()
        self._write(self.root / _safe(pack_id), _safe(name), data)

    def image_names(self, pack_id: str) -> Names:
        self._check_root()
        pack, images = self.root / _safe(pack_id), self.root / _safe(pack_id) / IMAGES
        if not (_is(pack, stat.S_IFDIR) and _is(images, stat.S_IFDIR)):
            return []
        return [n for n in self._names(images, stat.S_IFREG) if is_image_name(n)]

    def read_image(self, pack_id: str, name: str) -> bytes:
        pack = self.root / _safe(pack_id)
        for folder in (pack, pack / IMAGES):
            if not _is(folder, stat.S_IFDIR):
                raise SyncError(f"{folder} 不是文件夹（或是链接），已拒绝")
        return read_regular(pack / IMAGES / _safe(name), MAX_IMAGE_DOWNLOAD)

    def write_image(self, pack_id: str, name: str, data: bytes) -> None:
        self._check_root()
        pack = self.root / _safe(pack_id)
        self._folder(pack)
        self._write(pack / IMAGES, _safe(name), data)

    @staticmethod
    def _folder(folder: Path) -> None:
        try:
            folder.mkdir(exist_ok=True)
        except OSError as exc:
            raise SyncError(f"无法写入共享文件夹 {folder}：{exc.strerror or exc}") from exc
        if not _is(folder, stat.S_IFDIR):  # a link would publish somewhere else
            raise SyncError(f"{folder} 不是文件夹（或是链接），未发布")

    def _write(self, folder: Path, name: str, data: bytes) -> None:
        """A new file that is never overwritten: written aside, then linked to its name."""
        target = folder / name
        tmp = ""
        self._folder(folder)
        try:
            fd, tmp = tempfile.mkstemp(prefix=".publish-", dir=folder)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            try:
                os.link(tmp, target)  # fails if the name exists: never overwrite
            except FileExistsError:
                pass  # same name = same content hash: already published
            except OSError:
                if not target.exists():  # a file system without hard links
                    os.replace(tmp, target)
                    tmp = ""
        except OSError as exc:
            raise SyncError(f"无法写入共享文件夹 {folder}：{exc.strerror or exc}") from exc
        finally:
            if tmp:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
