"""Thumbnails of phrase images for the lists, made in a thread and kept as pixmaps.

A list asks ``pixmap(sha)`` while it paints: a thumbnail made already is returned at once;
otherwise None, and it is made in a worker thread (``core.images.thumbnails``: decoding a
large image takes longer than a frame), after which ``ready`` tells the list to paint again.
"""

from __future__ import annotations

from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QPixmap

from assistant.core.images.store import ImageStore
from assistant.core.images.thumbnails import thumbnail_file

KEPT = 256  # pixmaps (96 px: ~36 kB each)


class Thumbnails(QObject):
    ready = Signal(str)  # the sha256 of an image whose thumbnail can now be drawn
    _made = Signal(str, str)  # from the worker: sha256, the thumbnail's file ("" if none)

    def __init__(self, store: ImageStore, cache_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._cache_dir = cache_dir
        self._pixmaps: OrderedDict[str, QPixmap | None] = OrderedDict()
        self._asked: set[str] = set()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kefu-thumbnails")
        self._made.connect(self._take)

    def pixmap(self, sha256: str) -> QPixmap | None:
        if sha256 in self._pixmaps:
            self._pixmaps.move_to_end(sha256)
            return self._pixmaps[sha256]
        if sha256 not in self._asked:
            self._asked.add(sha256)
            self._pool.submit(self._make, sha256)
        return None

    def _make(self, sha256: str) -> None:  # in the worker thread: touches no Qt object
        path = thumbnail_file(self._store, self._cache_dir, sha256)
        self._made.emit(sha256, str(path) if path else "")

    def _take(self, sha256: str, path: str) -> None:
        self._asked.discard(sha256)
        picture = QPixmap(path) if path else QPixmap()
        self._pixmaps[sha256] = None if picture.isNull() else picture
        while len(self._pixmaps) > KEPT:
            self._pixmaps.popitem(last=False)
        self.ready.emit(sha256)
