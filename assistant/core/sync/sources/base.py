"""Where packs are published: the interface every kind of source implements."""

from __future__ import annotations

from typing import Protocol

from assistant.core.errors import KefuError
from assistant.core.packs.pack_format import MAX_PACK_BYTES
from assistant.core.phrases.model import ID_PATTERN

# Pack ids and file names on a source: the same safe shape as phrase ids (no separators).
SAFE_NAME = ID_PATTERN

MAX_DOWNLOAD = MAX_PACK_BYTES  # a published version is a pack file


class SyncError(KefuError):
    """The source could not be used; the library was not changed. The next sync retries."""


class PackSource(Protocol):
    label: str  # what the user typed: a folder path or a URL (never a password)

    def pack_ids(self) -> list[str]:
        """Packs published on this source."""
        ...

    def list(self, pack_id: str) -> list[str]:
        """File names of the pack's published versions ([] when none)."""
        ...

    def read(self, pack_id: str, name: str) -> bytes: ...

    def write_new(self, pack_id: str, name: str, data: bytes) -> None:
        """Store a new immutable file; never overwrite an existing one."""
        ...
