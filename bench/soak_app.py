"""The soak's app process: the real tray app (KefuApp, offscreen, background sync on) on a
copy of the library, driven from its own event loop for a compressed working day.

Run by measure_soak.py as ``python -m bench.soak_app CONFIG.json``; prints one JSON line
(``soak-result {...}``) at the end. The sync interval comes from KEFU_SYNC_INTERVAL_S, as in
the app; each finished background sync grants the day's next slice of searches and copies,
which a 10 ms timer spends (one search per tick, a copy every tenth), so the work is spread
over the day and runs while syncs and the other process's edits happen.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: TID251 (the soak drives the real app)
from PySide6.QtWidgets import QApplication  # noqa: TID251

from assistant.core.memory import limit_arenas
from assistant.core.workspace import open_workspace
from assistant.ui.app import KefuApp
from assistant.ui.system.hotkey import FakeHotkey

PHRASE_LIMIT = 60  # the quick panel's limit
COLLECT_CHECK_MS, COLLECT_EVERY_S = 1000, 5.0  # the idle collections' clock, compressed
TRACE = os.environ.get("KEFU_SOAK_TRACE") == "1"


class NoKeys:
    """Key injection into another window cannot run offscreen; copies do not paste."""

    def send_paste(self) -> None:
        pass


def rss_kb(field: str = "VmRSS") -> int:
    """A /proc/self/status memory figure in kB: VmRSS, or RssAnon (the process's own memory,
    what a leak grows; VmRSS also counts pages of the mapped index cache, file-backed)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


class Day:
    def __init__(self, config: dict[str, Any]) -> None:
        self.cfg = config
        self.queries: list[str] = config["queries"]
        self.ws = open_workspace(config["data"])
        self.app = KefuApp(self.ws, hotkey_factory=FakeHotkey, key_sender=NoKeys(), use_tray=False)
        self.app.load_indexes()  # as the app's start does (assistant/ui/app.py: run)
        self.syncs = config["syncs"]
        self.per_sync_searches = config["searches"] // self.syncs
        self.per_sync_copies = config["copies"] // self.syncs
        self.budget = 0
        self.copy_budget = 0
        self.searches: list[tuple[int, float]] = []  # (sync number, ms)
        self.copies = 0
        self.failed_syncs: list[str] = []
        self.rss: list[tuple[int, int]] = []  # (sync number, kB) after each sync
        self.anon: list[tuple[int, int]] = []  # (sync number, kB of RssAnon) after each sync
        self.rss_by_search: list[tuple[int, int]] = []  # (searches made, kB)
        self.start_rss = 0
        self.snapshot: Any = None
        self.started = time.perf_counter()
        self.ticker = QTimer()
        self.ticker.setInterval(10)
        self.ticker.timeout.connect(self.tick)
        self.app.jobs.sync.finished.connect(self.synced)

    def synced(self, results: list[Any]) -> None:
        done = self.app.jobs.sync.runs
        if TRACE:
            current, peak = tracemalloc.get_traced_memory()
            print(
                f"sync {done}: traced {current >> 20} MB, peak {peak >> 20} MB, "
                f"rss {rss_kb() >> 10} MB",
                file=sys.stderr,
            )
            tracemalloc.reset_peak()
        self.failed_syncs += [r.message for r in results if not r.ok]
        self.rss.append((done, rss_kb()))
        self.anon.append((done, rss_kb("RssAnon")))
        if done == 1:  # warm: the index loaded, one sync done, the first searches ahead
            self.start_rss = rss_kb()
            if TRACE:
                self.snapshot = tracemalloc.take_snapshot()
        if done <= self.syncs:
            self.budget += self.per_sync_searches
            self.copy_budget += self.per_sync_copies
        if done >= self.syncs:
            self.app.jobs.stop()
            QTimer.singleShot(0, self.finish_when_idle)

    def tick(self) -> None:
        if self.budget <= 0:
            return
        self.budget -= 1
        query = self.queries[len(self.searches) % len(self.queries)]
        self.ws.phrases.drop_kept_results()  # the engine's search is what is timed
        start = time.perf_counter_ns()
        found = self.ws.phrases.search(query, limit=PHRASE_LIMIT)
        self.searches.append((self.app.jobs.sync.runs, (time.perf_counter_ns() - start) / 1e6))
        if len(self.searches) % 100 == 0:
            self.rss_by_search.append((len(self.searches), rss_kb()))
        if found and self.copy_budget > 0 and len(self.searches) % 10 == 0:
            self.copy_budget -= 1
            self.copy(found[0])

    def copy(self, phrase: Any) -> None:
        """What picking a phrase in the panel does: render, clipboard, one use recorded."""
        text = self.ws.render(phrase, clipboard=self.app.ctx.clipboard_text)
        self.app.ctx.copy(text)
        self.ws.phrases.record_use(phrase.id)
        self.copies += 1

    def finish_when_idle(self) -> None:
        if self.budget > 0:  # the last slice of searches first
            QTimer.singleShot(50, self.finish_when_idle)
            return
        QApplication.exit(0)

    def result(self) -> dict[str, Any]:
        end_rss = rss_kb()
        gc.collect()
        if TRACE:  # where the memory went: KEFU_SOAK_TRACE=1 (slow)
            diff = tracemalloc.take_snapshot().compare_to(self.snapshot, "traceback")
            for stat in diff[:12]:
                print(stat, file=sys.stderr)
                for line in stat.traceback.format()[-8:]:
                    print("   ", line, file=sys.stderr)
        return {
            "start_rss_kb": self.start_rss,
            "end_rss_kb": end_rss,
            "end_rss_after_gc_kb": rss_kb(),
            "rss_after_sync_kb": self.rss,
            "anon_after_sync_kb": self.anon,
            "rss_by_search_kb": self.rss_by_search,
            "searches": self.searches,
            "copies": self.copies,
            "syncs": self.app.jobs.sync.runs,
            "failed_syncs": self.failed_syncs[:5],
            "failed_sync_count": len(self.failed_syncs),
            "idle_collections": self.app.jobs.collector.collections,
            "idle_collect_every_s": COLLECT_EVERY_S,
            "seconds": time.perf_counter() - self.started,
        }


def main(argv: list[str]) -> int:
    config = json.loads(Path(argv[0]).read_text("utf-8"))
    limit_arenas()  # as the app's start does (assistant/ui/app.py: run)
    if TRACE:
        tracemalloc.start(12)
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    day = Day(config)
    day.ws.phrases.suggested(1)  # as the app does at start: the index loaded before "ready"
    print("soak: ready", file=sys.stderr, flush=True)
    # The app's idle collections (ui/background.py) on the day's compressed clock: at most
    # every 5 s instead of 10 min; the soak has no agent typing, so it is always idle.
    collector = day.app.jobs.collector
    collector.is_idle = lambda: True
    collector.retime(COLLECT_CHECK_MS, COLLECT_EVERY_S)
    day.ticker.start()
    day.app.jobs.start()
    app.exec()
    day.ticker.stop()
    print("soak-result " + json.dumps(day.result()), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
