"""Where packs are published: a shared folder or a WebDAV server, one module each.

The implementations import only ``base``; this factory is the one place that picks one.
The WebDAV one is imported when a WebDAV source is opened: httpx takes a quarter to half a
second to import, which every app start and every command paid, with or without a server.
"""

from __future__ import annotations

from assistant.core.sync.sources.base import MAX_DOWNLOAD, PackSource, SyncError
from assistant.core.sync.sources.folder import FolderSource

__all__ = [
    "MAX_DOWNLOAD",
    "FolderSource",
    "PackSource",
    "SyncError",
    "is_url",
    "open_source",
]


def is_url(spec: str) -> bool:
    return spec.startswith(("http://", "https://"))


def open_source(spec: str, user: str | None = None, password: str | None = None) -> PackSource:
    if is_url(spec):
        from assistant.core.sync.sources.webdav import WebDavSource

        return WebDavSource(spec, user, password)
    return FolderSource(spec)
