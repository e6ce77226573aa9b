"""What this library is subscribed to, and what one sync of one pack came to."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.core.store import DataFolder
from assistant.core.sync.apply import ApplyReport

_SUBS = "subscriptions"  # a document of the settings collection


@dataclass(slots=True)
class Subscription:
    source: str
    user: str | None = None
    packs: list[str] | None = None  # None: every pack on the source


@dataclass(slots=True)
class SyncResult:
    source: str
    pack_id: str
    ok: bool
    message: str
    pack_name: str = ""
    report: ApplyReport | None = None


def load_subscriptions(folder: DataFolder) -> list[Subscription]:
    doc = folder.settings.get(_SUBS) or {}
    return [Subscription(**s) for s in doc.get("items", [])]


def save_subscriptions(folder: DataFolder, subs: list[Subscription]) -> None:
    with folder.settings.transaction():
        items = [{"source": s.source, "user": s.user, "packs": s.packs} for s in subs]
        folder.settings.put(_SUBS, {"items": items})
