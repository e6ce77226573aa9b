"""Giving memory back to the OS after a burst of work.

A background sync reads the whole phrase library into a workspace of its own and drops it
when done; Python frees it, but glibc's allocator keeps most freed pages in its heaps, so
the app's resident size creeps up to the highest peak it ever had (bench: soak). After each
sync the app asks glibc to return free pages (``malloc_trim``). Elsewhere (Windows, macOS,
musl) this does nothing: their allocators give free pages back by themselves.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from collections.abc import Callable
from functools import cache


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        trim: Callable[[int], int] = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
    return trim


def release_free_memory() -> bool:
    """Return free heap pages to the OS; True when the allocator could be asked."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
