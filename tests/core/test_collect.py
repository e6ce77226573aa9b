"""Python's full collections made by the app itself (core/memory.py), in a fresh process:
what survives one is set aside from the collections that come by themselves, and the next
call collects it again."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import gc, json, weakref
    from assistant.core.memory import collect_and_set_aside

    class Node:
        pass

    def cycle():
        node = Node()
        node.me = node  # only the cycle collector can free it
        return weakref.ref(node)

    held = Node()
    held.me = held
    old = weakref.ref(held)
    set_aside = collect_and_set_aside()
    frozen = gc.get_freeze_count()
    del held  # garbage now, but set aside
    gc.collect()
    old_after_plain = old() is not None
    young = cycle()  # made after the call: collected as usual
    gc.collect()
    young_after_plain = young() is not None
    collect_and_set_aside()
    print(json.dumps({
        "set_aside": set_aside, "frozen": frozen, "old_after_plain": old_after_plain,
        "young_after_plain": young_after_plain, "old_after_next": old() is not None,
    }))
    """
)


def test_survivors_are_set_aside_until_the_next_call() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert got["set_aside"] > 1000 and got["frozen"] > 1000  # the interpreter's own at least
    assert got["old_after_plain"] is True  # set aside: a plain collection leaves it
    assert got["young_after_plain"] is False  # what came later is collected as before
    assert got["old_after_next"] is False  # the next call walks everything again
