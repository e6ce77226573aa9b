"""The suggestion index kept in one file of the cache folder, read back mapped.

Made once for the phrases as they are (by a short process of its own in the app, so the app
never holds the ~200 MB a build takes at 20,000 phrases) and read by every process after it:
mapped, a question reads only the postings of its own terms, so the index costs the app a few
megabytes instead of ~50 MB, and a one-shot ``kefu suggest`` does not build it again.

Layout: ``KEFUSUG1``, the header's length (8 bytes, little-endian), the header (JSON: what it
was made for, the phrase keys, each array's dtype, shape and offset), then the arrays, each
at a multiple of 64 bytes. A file that does not read back whole is made again, never trusted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import orjson

from assistant.core.phrases.suggest import SuggestionIndex
from assistant.core.store.atomic import atomic_write, ensure_private_dir

MAGIC = b"KEFUSUG1"
ALIGN = 64
MAX_HEADER = 64 * 1024 * 1024  # the keys of a very large library, and no more


def _aligned(size: int) -> int:
    return -(-size // ALIGN) * ALIGN


def _arrays_start(header_length: int) -> int:
    return _aligned(len(MAGIC) + 8 + header_length)


def save(path: Path, made_for: Any, index: SuggestionIndex) -> None:
    arrays = index.arrays()
    layout: dict[str, list[Any]] = {}
    offset = 0
    for name, array in arrays.items():
        layout[name] = [array.dtype.str, list(array.shape), offset]
        offset += _aligned(array.nbytes)
    header = orjson.dumps({"made_for": made_for, "keys": index.keys, "arrays": layout})
    start = _arrays_start(len(header))
    data = bytearray(start + offset)
    data[: len(MAGIC)] = MAGIC
    data[len(MAGIC) : len(MAGIC) + 8] = len(header).to_bytes(8, "little")
    data[len(MAGIC) + 8 : len(MAGIC) + 8 + len(header)] = header
    for name, array in arrays.items():
        at = start + layout[name][2]
        data[at : at + array.nbytes] = np.ascontiguousarray(array).tobytes()
    ensure_private_dir(path.parent)
    atomic_write(path, data)


def load(path: Path, made_for: Any) -> SuggestionIndex | None:
    """The index in ``path`` if it was made for ``made_for``; None when it is missing, made
    for other phrases, or does not read back whole."""
    found = read(path, lambda made: made == made_for)
    return found[1] if found is not None else None


def read(
    path: Path, wanted: Callable[[Any], bool] = lambda made_for: True
) -> tuple[Any, SuggestionIndex] | None:
    """What the index in ``path`` was made for, and the index; None when it is missing,
    does not read back whole, or was made for something not ``wanted``."""
    try:
        with path.open("rb") as f:
            if f.read(len(MAGIC)) != MAGIC:
                return None
            length = int.from_bytes(f.read(8), "little")
            if not 0 < length <= MAX_HEADER:
                return None
            header = orjson.loads(f.read(length))
        if not wanted(header.get("made_for")):
            return None
        size = path.stat().st_size
        start = _arrays_start(length)
        arrays: dict[str, npt.NDArray[Any]] = {}
        for name, (dtype, shape, offset) in header["arrays"].items():
            kind = np.dtype(dtype)
            count = int(np.prod(shape)) if shape else 1
            if kind.hasobject or start + offset + count * kind.itemsize > size:
                return None
            if count == 0:
                arrays[name] = np.zeros(shape, dtype=kind)
                continue
            arrays[name] = np.memmap(
                path, dtype=kind, mode="r", offset=start + offset, shape=tuple(shape)
            )
        keys = header["keys"]
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            return None
        return header.get("made_for"), SuggestionIndex.from_arrays(keys, arrays)
    except (OSError, ValueError, KeyError, TypeError, orjson.JSONDecodeError):
        return None
