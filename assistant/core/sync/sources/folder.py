"""A shared folder as a pack source: a network drive, or a Syncthing/Nextcloud/坚果云 folder."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from assistant.core.sync.sources.base import MAX_DOWNLOAD, SAFE_NAME, SyncError


def _safe(name: str) -> str:
    if not SAFE_NAME.match(name):
        raise SyncError(f"不安全的名称：{name!r}")
    return name


class FolderSource:
    def __init__(self, path: str) -> None:
        self.label = path
        self.root = Path(path).expanduser()

    def _check_root(self) -> None:
        if not self.root.is_dir():
            raise SyncError(f"共享文件夹不存在或无法访问：{self.root}")

    def pack_ids(self) -> list[str]:
        self._check_root()
        return sorted(p.name for p in self.root.iterdir() if p.is_dir() and SAFE_NAME.match(p.name))

    def list(self, pack_id: str) -> list[str]:
        self._check_root()
        folder = self.root / _safe(pack_id)
        if not folder.is_dir():
            return []
        return sorted(p.name for p in folder.glob("*.json") if SAFE_NAME.match(p.name))

    def read(self, pack_id: str, name: str) -> bytes:
        path = self.root / _safe(pack_id) / _safe(name)
        try:
            if path.stat().st_size > MAX_DOWNLOAD:
                raise SyncError(f"{name} 太大，已拒绝")
            return path.read_bytes()
        except OSError as exc:
            raise SyncError(f"无法读取 {path}：{exc.strerror or exc}") from exc

    def write_new(self, pack_id: str, name: str, data: bytes) -> None:
        self._check_root()
        folder = self.root / _safe(pack_id)
        target = folder / _safe(name)
        tmp = ""
        try:
            folder.mkdir(exist_ok=True)
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
