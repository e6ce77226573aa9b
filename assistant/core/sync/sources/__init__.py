"""Where packs are published: a shared folder or a WebDAV server, one module each.

The implementations import only ``base``; this factory is the one place that picks one.
"""

from __future__ import annotations

from assistant.core.sync.sources.base import MAX_DOWNLOAD, PackSource, SyncError
from assistant.core.sync.sources.folder import FolderSource
from assistant.core.sync.sources.webdav import WebDavSource

__all__ = [
    "MAX_DOWNLOAD",
    "FolderSource",
    "PackSource",
    "SyncError",
    "WebDavSource",
    "is_url",
    "open_source",
]


def is_url(spec: str) -> bool:
    return spec.startswith(("http://", "https://"))


def open_source(spec: str, user: str | None = None, password: str | None = None) -> PackSource:
    if is_url(spec):
        return WebDavSource(spec, user, password)
    return FolderSource(spec)
