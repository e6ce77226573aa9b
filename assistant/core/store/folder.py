"""The data folder: one collection per kind of data, each in its own files.

Phrases, use counts, settings and (later) buyers never share a file, so recording a use
never rewrites the phrase table.
"""

from __future__ import annotations

import contextlib
import time
from functools import cached_property
from pathlib import Path

from assistant.core.store.atomic import ensure_private_dir
from assistant.core.store.collection import Collection
from assistant.core.store.event_log import EventLog
from assistant.core.store.shapes import BUYER_SHAPE, PHRASE_SHAPE

STALE_TEMP_SECONDS = 3600


def sweep_stale_temp_files(root: Path, older_than: float = STALE_TEMP_SECONDS) -> int:
    """Remove the temporary files a killed writer left behind (``.<name>.<random>.tmp``).

    Only old ones: a writer working right now has a fresh one. Never data, never read.
    """
    removed = 0
    cutoff = time.time() - older_than
    for folder in (root, *[p for p in root.iterdir() if p.is_dir()]):
        for tmp in folder.glob(".*.tmp"):
            with contextlib.suppress(OSError):
                if tmp.is_file() and tmp.stat().st_mtime < cutoff:
                    tmp.unlink()
                    removed += 1
    return removed


class DataFolder:
    def __init__(self, path: Path) -> None:
        self.path = path
        ensure_private_dir(path)
        with contextlib.suppress(OSError):
            sweep_stale_temp_files(path)

    @cached_property
    def phrases(self) -> Collection:
        return Collection(self.path, "phrases", shards=64, check=PHRASE_SHAPE.fits)

    @cached_property
    def usage(self) -> Collection:
        """Per-phrase use counters, keyed by phrase id."""
        return Collection(self.path, "usage", shards=16)

    @cached_property
    def usage_log(self) -> EventLog:
        """Use events, one file per month (``2026-11.jsonl``), for statistics."""
        return EventLog(self.path / "usage-log")

    @cached_property
    def settings(self) -> Collection:
        return Collection(self.path, "settings")

    @cached_property
    def buyers(self) -> Collection:
        return Collection(self.path, "buyers", shards=128, check=BUYER_SHAPE.fits)

    @cached_property
    def sync_state(self) -> Collection:
        """Per subscribed or published pack: what was fetched, heads, errors."""
        return Collection(self.path, "sync-state", shards=1)

    def recovered(self) -> list[str]:
        """Messages about damaged files restored from backup since start."""
        messages: list[str] = []
        for name in ("phrases", "usage", "settings", "buyers", "sync_state"):
            if name in self.__dict__:
                messages.extend(self.__dict__[name].recovered)
        return messages
