"""Giving memory back to the OS after a burst of work.

A background sync reads the whole phrase library into a workspace of its own and drops it
when done; a base merge or the reply suggestions' index build frees tens of MB of numpy
temporaries. Python frees them, but glibc's allocator keeps most freed pages in its heaps,
so the app's resident size creeps up to the highest peak it ever had (bench: soak; a first
start at 20,000 phrases went on holding ~160 MB it no longer used). After such a burst the
app asks glibc to return free pages (``malloc_trim``). Elsewhere (Windows, macOS, musl) this
does nothing: their allocators give free pages back by themselves.

It also empties Python's source-line cache (``linecache``). Qt for Python's import hook reads
the whole source of every module imported after it (~10 MB of text once the app is ready,
bench: a tracemalloc snapshot), and nothing else here needs those lines: a traceback reads
again the few it prints.

Python's cycle collector: a full collection walks every container object alive (~110,000
with 20,000 phrases and 50,000 buyers searched, 40 ms; 375,000 in the bench's process,
200 ms) and came when allocations said so, often in the middle of a keystroke. The app makes
them itself while the agent works in another program (``collect_and_set_aside``) and sets
what survives aside (``gc.freeze``): the collections that still come by themselves walk only
what was made since, a few ms.

The app also caps glibc's arenas (``limit_arenas``): each new thread gets a heap of its own
(up to 8 per core), and what the background threads (syncs, index builds, cache writes) free
there stays resident. With one heap the soak's day ended at 98 MB of anonymous memory
(RssAnon), not 114.
"""

from __future__ import annotations

import ctypes
import gc
import linecache
import sys
from collections.abc import Callable
from functools import cache

M_ARENA_MAX = -8  # glibc's mallopt parameter
APP_ARENAS = 1  # one heap for every thread: the GIL already takes turns


@cache
def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:  # glibc's name: find_library would run ldconfig in a subprocess to learn it
        return ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc
        return None


def limit_arenas(count: int = APP_ARENAS) -> bool:
    """Let glibc make at most ``count`` heaps for all threads (called before any thread
    starts: one that already has its own heap keeps it); True when the allocator could be
    asked. Their allocations then wait on each other for a lock now and then: the
    background threads' work is not measured in microseconds."""
    libc = _libc()
    mallopt = getattr(libc, "mallopt", None)
    return mallopt is not None and mallopt(M_ARENA_MAX, count) == 1


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    trim: Callable[[int], int] | None = getattr(_libc(), "malloc_trim", None)
    return trim


def release_free_memory() -> bool:
    """Return free heap pages to the OS; True when the allocator could be asked."""
    linecache.clearcache()
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


def collect_and_set_aside() -> int:
    """A full collection now (everything set aside before included), then every object that
    survived it set aside from the automatic collections (``gc.freeze``); returns how many.
    A cycle among objects set aside that becomes garbage waits for the next call."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
