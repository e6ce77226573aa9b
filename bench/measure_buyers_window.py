"""The 买家 window at full size: opening it, each keystroke in its search box, and each
narrowing by group or tag, timed on the GUI thread (the call and the events it posts, until
the window is drawn again) in a child process with Qt offscreen.

``python -m bench.measure_buyers_window DATA QUERIES.json`` is the child; it prints
``buyers-window {...}`` with the times in ms.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.context import Context
from bench.figures import Section, at_most, info
from bench.stats import percentile

FRAME_MS = 16.0  # the standard: no work on the GUI thread longer than a frame


def run(ctx: Context) -> Section:
    section = Section("buyers-window")
    data = ctx.copy("buyers-window")
    queries = [q.text for q in ctx.queries if q.target == "buyers"]
    config = data.parent / "buyers-window-queries.json"
    config.write_text(json.dumps(queries, ensure_ascii=False), "utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-m", "bench.measure_buyers_window", str(data), str(config)],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=True,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("buyers-window "))
    got = json.loads(line.split(" ", 1)[1])
    n = ctx.sizes.buyers
    strokes, narrowings = got["keystrokes_ms"], got["narrowings_ms"]
    section.figures += [
        info("buyers_window.open_ms", f"买家 window opened, {n:,} buyers", got["open_ms"], "ms"),
        at_most(
            "buyers_window.keystroke_p95_ms",
            f"buyers window: keystroke in its search box → table shown, p95, {n:,} buyers",
            percentile(strokes, 95),
            "ms",
            FRAME_MS,
        ),
        info(
            "buyers_window.keystroke_max_ms",
            "buyers window: keystroke, the slowest",
            max(strokes),
            "ms",
        ),
        at_most(
            "buyers_window.narrowing_p95_ms",
            "buyers window: a group, subgroup, archive or tag chosen → table shown, p95",
            percentile(narrowings, 95),
            "ms",
            FRAME_MS,
        ),
        info(
            "buyers_window.gc_full_ms",
            "buyers window: a full collection of Python's cycle collector, once open "
            "(what was set aside before not walked)",
            got["gc_full_ms"],
            "ms",
            note=f"{got['gc_tracked']:,} objects tracked; "
            f"{len(got['gc_pauses_ms'])} full collections while typing and narrowing",
        ),
        info(
            "buyers_window.parsed_shards",
            "buyers window: buyer shard files parsed after all of that",
            got["parsed_shards"],
            f"of {got['shards']}",
        ),
    ]
    section.details = {"keystrokes": len(strokes), "narrowings": len(narrowings), **got}
    return section


def _timed(app: Any, act: Any) -> float:
    start = time.perf_counter()
    act()
    app.processEvents()
    return (time.perf_counter() - start) * 1e3


def main(argv: list[str]) -> int:
    from PySide6.QtCore import Qt  # noqa: TID251 (the real window, offscreen)
    from PySide6.QtWidgets import QApplication  # noqa: TID251

    from assistant.core.workspace import open_workspace
    from assistant.ui.buyers.buyer_manager import BuyerManager
    from assistant.ui.changes import ChangeNotifier
    from assistant.ui.context import UiContext
    from assistant.ui.system.paste import AutoPaster

    class NoKeys:  # the window pastes nothing: no key is sent anywhere
        def send_paste(self) -> None:
            pass

    pauses: list[float] = []  # full collections of Python's cycle collector, ms
    started = [0.0]

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        elif info["generation"] == 2:
            pauses.append((time.perf_counter() - started[0]) * 1e3)

    app = QApplication([])
    ws = open_workspace(Path(argv[0]), builtins=False)
    queries: list[str] = json.loads(Path(argv[1]).read_text("utf-8"))
    ws.buyers.search("qqqqzzzz")  # the index loaded (matching nobody: no document read)
    from assistant.core.memory import collect_and_set_aside
    from assistant.core.search.index import wait_for_cache_writes

    # A library copied fresh has no buyer index cache yet: the search above made the index,
    # and its completion and cache write (~1 s) would take GIL turns from the first
    # keystrokes. Timed as the steady state, as the search section is (the first build is
    # its figure there).
    wait_for_cache_writes()

    collect_and_set_aside()  # as the app's first idle minute does (ui/background.py)
    paster = AutoPaster(NoKeys(), modifiers=lambda: Qt.KeyboardModifier.NoModifier)
    ctx = UiContext(ws, ChangeNotifier(ws.path), paster)
    holder: list[BuyerManager] = []

    def open_window() -> None:
        holder.append(BuyerManager(ctx))
        holder[0].show()

    gc.callbacks.append(on_gc)
    open_ms = _timed(app, open_window)
    window = holder[0]
    strokes: list[float] = []
    for _ in range(3):
        for query in queries:
            for end in range(1, len(query) + 1):
                strokes.append(_timed(app, lambda q=query[:end]: window.search.setText(q)))
            strokes.append(_timed(app, window.search.clear))
    narrowings: list[float] = []
    tree = window.tree
    items = [tree.topLevelItem(i) for i in range(1, tree.topLevelItemCount())]
    for _ in range(3):
        for item in items:
            narrowings.append(_timed(app, lambda item=item: tree.setCurrentItem(item)))
        tree.setCurrentItem(items[0])  # 全部买家
        for t in range(1, window.tag.count()):
            narrowings.append(_timed(app, lambda t=t: window.tag.setCurrentIndex(t)))
        window.tag.setCurrentIndex(0)
    gc.callbacks.remove(on_gc)
    full_ms = _timed(app, gc.collect)
    shards: list[Any] = ws.folder.buyers._shards
    result = {
        "open_ms": round(open_ms, 2),
        "keystrokes_ms": [round(s, 3) for s in strokes],
        "narrowings_ms": [round(s, 3) for s in narrowings],
        "parsed_shards": sum(s.storage._cache is not None for s in shards),
        "shards": len(shards),
        "gc_pauses_ms": [round(p, 2) for p in pauses],
        "gc_full_ms": round(full_ms, 2),
        "gc_tracked": len(gc.get_objects()),
    }
    print("buyers-window " + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
