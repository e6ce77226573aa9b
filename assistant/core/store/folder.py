"""The data folder: one collection per kind of data, each in its own files.

Phrases, use counts, settings and buyers never share a file, so recording a use never
rewrites the phrase table. All of them share the folder's one lock and write unit: a change
that spans collections (an import registering its pack, a sync) is written all or nothing.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

from assistant.core.errors import StorageError
from assistant.core.store.atomic import ensure_private_dir
from assistant.core.store.collection import Collection
from assistant.core.store.event_log import EventLog
from assistant.core.store.partial import partial_files, sweep_partial_files
from assistant.core.store.shapes import (
    BUYER_SHAPE,
    LEARNED_SHAPE,
    PHRASE_SHAPE,
    SETTINGS_SHAPES,
    SYNC_STATE_SHAPE,
    USAGE_SHAPE,
)
from assistant.core.store.storage import DocCheck
from assistant.core.store.unit import WriteUnit, has_journal

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
        self.unit = WriteUnit(path)
        if has_journal(path):  # a change a killed writer committed is finished first
            with self.unit.held():  # taking the lock finishes it
                pass
        with contextlib.suppress(OSError):
            sweep_stale_temp_files(path)
        if partial_files(path):  # a killed backup's zip: the lock proves its writer is gone
            with contextlib.suppress(StorageError, OSError), self.unit.held():
                sweep_partial_files(path)

    @property
    def finished_change(self) -> bool:
        """Whether a change a killed writer committed was finished by this process."""
        return self.unit.finished_changes > 0

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Changes to several collections inside are written together, or none of them."""
        with self.unit.open():
            yield

    def _followed(self, name: str, shards: int, check: DocCheck) -> Collection:
        """A collection that indexes (or a ranking) follow: each commit logs its keys for
        the other processes (change_log.py)."""
        return Collection(self.path, name, shards, check, self.unit, change_log=True)

    @cached_property
    def phrases(self) -> Collection:
        return self._followed("phrases", 64, PHRASE_SHAPE.check)

    @cached_property
    def usage(self) -> Collection:
        """Per-phrase use counters, keyed by phrase id."""
        return self._followed("usage", 16, USAGE_SHAPE.check)

    @cached_property
    def usage_log(self) -> EventLog:
        """Use events, one file per month (``2026-11.jsonl``), for statistics."""
        return EventLog(self.path / "usage-log", self.unit)

    @cached_property
    def learned(self) -> Collection:
        """Per phrase, the buyer questions it was copied for (reply suggestions learn them)."""
        return Collection(self.path, "learned", shards=4, check=LEARNED_SHAPE.check, unit=self.unit)

    @cached_property
    def settings(self) -> Collection:
        return Collection(self.path, "settings", check=SETTINGS_SHAPES.check, unit=self.unit)

    @cached_property
    def buyers(self) -> Collection:
        return self._followed("buyers", 128, BUYER_SHAPE.check)

    @cached_property
    def sync_state(self) -> Collection:
        """Per subscribed or published pack: what was fetched, heads, errors."""
        return Collection(
            self.path, "sync-state", shards=1, check=SYNC_STATE_SHAPE.check, unit=self.unit
        )

    def collections(self) -> dict[str, Collection]:
        """Each collection by its name, which is also its file (``settings.json``) or folder."""
        found = (
            self.phrases,
            self.usage,
            self.learned,
            self.settings,
            self.buyers,
            self.sync_state,
        )
        return {c.name: c for c in found}

    def recovered(self) -> list[str]:
        """Messages about damaged files restored from backup since start."""
        messages: list[str] = []
        for name in ("phrases", "usage", "learned", "settings", "buyers", "sync_state"):
            if name in self.__dict__:
                messages.extend(self.__dict__[name].recovered)
        return messages
