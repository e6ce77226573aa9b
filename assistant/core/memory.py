"""Memory a large build freed, given back to the system."""

from __future__ import annotations

from typing import Any

_trim: Any = None  # glibc's malloc_trim, False where there is none


def release_freed_memory() -> None:
    """Give the heap that a large build freed back to the system (a base merged, the reply
    suggestions' index made). glibc keeps it otherwise: numpy's temporaries of a merge are
    freed into the heap, and a first start at 20,000 phrases went on holding ~160 MB it no
    longer used. Does nothing on other C libraries."""
    global _trim
    if _trim is None:
        try:
            import ctypes

            _trim = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _trim = False
    if _trim:
        _trim(0)
