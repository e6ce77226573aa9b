"""The images phrases hold: files in the data folder's ``images/``, named by their sha256.

A file's name is the hash of its bytes, so it never changes once written: two phrases with the
same size chart share one file, a sync or a pack carries only what the other side lacks, and a
file that does not hash to its name is damage. Files are written atomically and readable by
the user only. A phrase refers to an image by hash; an image no phrase refers to any more is
removed by ``remove_unused`` (the backups keep their own copies).

Writing an image first and the phrase that uses it second needs no journal: a kill between the
two leaves an image nothing refers to, which the next clean-up removes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from assistant.core.errors import NotFound, StorageError
from assistant.core.images.reading import FORMATS, MAX_BYTES, PreparedImage, image_size
from assistant.core.store.atomic import atomic_write, describe_error, ensure_private_dir
from assistant.core.store.content_files import CONTENT_FOLDER, content_name, is_sha256

EXTENSIONS = {ext: mime for ext, mime in FORMATS.values()}
GRACE_S = 3600.0


@dataclass(frozen=True, slots=True)
class StoredImage:
    """A stored image as ``kefu show --json`` lists it."""

    sha256: str
    path: Path
    mime: str
    bytes: int
    width: int
    height: int


class ImageStore:
    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir / CONTENT_FOLDER

    def put(self, image: PreparedImage) -> str:
        """Store ``image`` (a no-op when it is there already); its sha256."""
        target = self.root / f"{image.sha256}.{image.extension}"
        if target.exists() and self._intact(target, image.sha256):
            with contextlib.suppress(OSError):  # fresh again: see remove_unused
                os.utime(target)
        else:  # new, or damaged: the image given again repairs it
            ensure_private_dir(self.root)
            atomic_write(target, image.data)
        return image.sha256

    @staticmethod
    def _intact(path: Path, sha256: str) -> bool:
        try:
            return hashlib.sha256(path.read_bytes()).hexdigest() == sha256
        except OSError:
            return False

    def find(self, sha256: str) -> Path | None:
        """The file of an image, or None when the folder does not hold it."""
        if not is_sha256(sha256):
            return None
        for ext in EXTENSIONS:
            path = self.root / f"{sha256}.{ext}"
            if path.is_file():
                return path
        return None

    def read(self, sha256: str) -> bytes:
        """The image's bytes, checked against its name; NotFound or StorageError if not."""
        path = self.find(sha256)
        if path is None:
            raise NotFound(f"图片 {sha256[:12]} 不在数据文件夹里（{self.root}）")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise StorageError(describe_error(exc, path)) from exc
        if len(data) > MAX_BYTES or hashlib.sha256(data).hexdigest() != sha256:
            raise StorageError(f"图片文件已损坏（内容与文件名不符）：{path}")
        return data

    def describe(self, sha256: str) -> StoredImage | None:
        """Size and dimensions of a stored image (read from its header), or None."""
        path = self.find(sha256)
        if path is None:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        size = image_size(data)
        width, height = size if size else (0, 0)
        mime = EXTENSIONS[path.suffix[1:]]
        return StoredImage(sha256, path, mime, len(data), width, height)

    def stored(self) -> list[str]:
        """The hashes of every image file in the folder."""
        try:
            names = [p.name for p in self.root.iterdir()]
        except OSError:
            return []
        return [sha for sha in map(content_name, names) if sha is not None]

    def remove_unused(self, used: Iterable[str], grace_s: float = GRACE_S) -> list[str]:
        """Delete the image files no phrase refers to, but not one written (or stored again)
        within ``grace_s``: another process may have stored it for a phrase it has not
        committed yet. The hashes removed."""
        keep = set(used)
        before = time.time() - grace_s
        removed = []
        for sha in self.stored():
            path = self.find(sha)
            if sha in keep or path is None:
                continue
            with contextlib.suppress(OSError):  # gone already, or in use: next time
                if path.stat().st_mtime < before:
                    path.unlink()
                    removed.append(sha)
        return removed
