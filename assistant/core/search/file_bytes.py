"""What results show, read from the index's cache file when asked, not mapped.

A result shows a few hundred bytes of ``shown.npy`` (~10 MB at 20,000 phrases). Mapped, each
read made the OS map a large block of the file around it into the process: one screen of 60
results left 5 MB of it resident, and a day of searches all of it. Read at their offset
(``pread``; a seek and a read on Windows), only the bytes asked for are copied, and nothing
stays.
"""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

PREAD: Callable[[int, int, int], bytes] | None = getattr(os, "pread", None)  # not on Windows


class FileBytes:
    """``size`` bytes of ``path`` from ``offset`` on (a .npy file's data), read on demand."""

    dtype = np.dtype(np.uint8)

    def __init__(self, path: Path, offset: int, size: int) -> None:
        self._file = open(path, "rb", buffering=0)  # noqa: SIM115 - lives with the index
        self._offset, self._size = offset, size
        self._lock = threading.Lock()  # a rebuild's thread reads too: one seek and read at a time
        # Closed with the base that holds it (a base taken over by a rebuild goes away).
        self._closing = weakref.finalize(self, self._file.close)

    def __len__(self) -> int:
        return self._size

    def read(self, start: int, end: int) -> bytes:
        start, end = max(0, start), min(end, self._size)
        if end <= start:
            return b""
        if PREAD is not None:  # one call, no lock: it reads at the offset given
            data = PREAD(self._file.fileno(), end - start, self._offset + start)
        else:
            with self._lock:
                self._file.seek(self._offset + start)
                data = self._file.read(end - start)
        if len(data) != end - start:  # the file was cut short under us
            raise OSError(f"{self._file.name}: {len(data)} of {end - start} bytes read")
        return data

    def __array__(self, dtype: Any = None, copy: Any = None) -> npt.NDArray[np.uint8]:
        """All of it (a cache written again from this one, its CRC)."""
        return np.frombuffer(self.read(0, self._size), dtype=np.uint8)

    def close(self) -> None:
        self._closing()


Blob = npt.NDArray[np.uint8] | FileBytes


def blob_bytes(blob: Blob, start: int, end: int) -> bytes:
    """Bytes ``start:end`` of a blob in memory or in its file."""
    if isinstance(blob, FileBytes):
        return blob.read(start, end)
    return blob[start:end].tobytes()
