"""The threads the search index starts (cache writers, background rebuilds), and waiting
for them: at exit, and before anything walks the data folder."""

from __future__ import annotations

import atexit
import threading
from collections.abc import Callable

# The cache writers and rebuilds running in this process. Only the threads are held: an
# index registered itself with atexit before (atexit.register(index.flush)), which kept
# every dropped index, its collection and all its documents alive until exit — ~46 MB for
# each background sync at 20,000 phrases, since each sync opens its own workspace.
_writers: set[threading.Thread] = set()
_writers_lock = threading.Lock()


def wait_for_cache_writes() -> None:
    """Wait until every search-cache write started in this process is done: at exit, and
    before anything walks the data folder (a writer's temporary folder vanishes when it is
    swapped in)."""
    with _writers_lock:
        running = list(_writers)
    for thread in running:
        thread.join()


atexit.register(wait_for_cache_writes)


def start(target: Callable[[], None], name: str) -> threading.Thread:
    def run() -> None:
        try:
            target()
        finally:
            with _writers_lock:
                _writers.discard(threading.current_thread())

    thread = threading.Thread(target=run, name=name)
    with _writers_lock:  # started inside: wait_for_cache_writes never joins an unstarted one
        _writers.add(thread)
        thread.start()
    return thread
