"""Use counts (for ranking) and a monthly log of uses (for statistics).

Kept apart from the phrase files so that recording a use rewrites one small file.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.core.clock import now
from assistant.core.store import DataFolder


@dataclass(frozen=True, slots=True)
class UseCount:
    count: int
    last_used_at: str | None


class UsageStore:
    def __init__(self, folder: DataFolder) -> None:
        self._folder = folder
        self._counts = folder.usage

    def signature(self) -> list[object]:
        """Changes whenever a use is recorded, here or in another process."""
        return self._counts.shard_signatures()

    def changed_since(self, before: list[object], now: list[object]) -> set[str] | None:
        """The phrases whose use changed between two ``signature()``s, when this process
        recorded every change between; None when another process may have (or it is not
        known): then read ``all()``."""
        changed: set[str] = set()
        for i, (old, new) in enumerate(zip(before, now, strict=True)):
            if old != new:
                keys = self._counts.changed_keys(i, old, new)
                if keys is None:
                    return None
                changed |= keys
        return changed

    def get(self, phrase_id: str, cached: bool = False) -> UseCount:
        doc = self._counts.get_cached(phrase_id) if cached else self._counts.get(phrase_id)
        if not doc:
            return UseCount(0, None)
        return UseCount(int(doc.get("count", 0)), doc.get("last_used_at"))

    def all(self) -> dict[str, UseCount]:
        return {
            key: UseCount(int(doc.get("count", 0)), doc.get("last_used_at"))
            for key, doc in self._counts.items()
        }

    def record(self, phrase_id: str, buyer: str | None = None) -> UseCount:
        moment = now()
        stamp = moment.isoformat()
        event = {"phrase": phrase_id, "at": stamp}
        if buyer:
            event["buyer"] = buyer
        log = self._folder.usage_log
        with log.locked():  # taken once for both writes (twice was a fifth of a use's cost)
            with self._counts.transaction():
                old = self._counts.get(phrase_id) or {}
                count = int(old.get("count", 0)) + 1
                self._counts.put(phrase_id, {"count": count, "last_used_at": stamp})
            log.append(moment.strftime("%Y-%m"), event)
        return UseCount(count, stamp)

    def put(self, phrase_id: str, use: UseCount) -> None:
        with self._counts.transaction():
            self._counts.put(phrase_id, {"count": use.count, "last_used_at": use.last_used_at})

    def forget(self, phrase_id: str) -> None:
        with self._counts.transaction():
            self._counts.delete(phrase_id)
