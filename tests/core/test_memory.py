"""The allocator limits of core/memory.py, measured in a fresh process: glibc reports its
heaps (``malloc_stats`` writes one "Arena N:" block per heap to stderr)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="glibc's heaps: Linux only"
)

# Four threads alive at once, each allocating through malloc (objects past pymalloc's 512
# bytes): without a limit glibc gives each one a heap of its own.
SCRIPT = textwrap.dedent(
    """
    import ctypes, sys, threading
    from assistant.core.memory import limit_arenas
    if sys.argv[1] != "none":
        print(limit_arenas(int(sys.argv[1])), flush=True)
    together = threading.Barrier(5)
    kept = []
    def work():
        kept.append([bytearray(4000) for _ in range(200)])
        together.wait()
        together.wait()
    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    together.wait()
    ctypes.CDLL("libc.so.6").malloc_stats()
    together.wait()
    for t in threads:
        t.join()
    """
)


def heaps_with(limit: str) -> tuple[str, int]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, limit], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip(), done.stderr.count("Arena ")


def test_without_a_limit_each_thread_gets_a_heap_of_its_own() -> None:
    # The control: shows that the count below could fail.
    said, heaps = heaps_with("none")
    assert said == ""
    assert heaps >= 4


def test_limit_arenas_caps_the_heaps_of_every_thread() -> None:
    said, heaps = heaps_with("2")
    assert said == "True"
    assert heaps == 2
