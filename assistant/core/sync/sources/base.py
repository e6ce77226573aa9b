"""Where packs are published: the interface every kind of source implements."""

from __future__ import annotations

from typing import Protocol

from assistant.core.errors import KefuError
from assistant.core.images.reading import MAX_BYTES
from assistant.core.packs.pack_format import MAX_PACK_BYTES
from assistant.core.phrases.model import ID_PATTERN
from assistant.core.store.content_files import content_name

# Pack ids and file names on a source: the same safe shape as phrase ids (no separators).
SAFE_NAME = ID_PATTERN

MAX_DOWNLOAD = MAX_PACK_BYTES  # a published version is a pack file
MAX_IMAGE_DOWNLOAD = MAX_BYTES  # an image published beside it
Names = list[str]  # ``list`` is a method of a source: in its class the name means that
IMAGES = "images"  # the folder of a pack's images: <pack id>/images/<sha256>.<ext>


def is_image_name(name: str) -> bool:
    """``<sha256>.<ext>``: an image file named by the hash of its bytes."""
    return content_name(name) is not None


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

    def image_names(self, pack_id: str) -> Names:
        """File names (``<sha256>.<ext>``) of the images published for the pack."""
        ...

    def read_image(self, pack_id: str, name: str) -> bytes:
        """An image's bytes, at most MAX_IMAGE_DOWNLOAD (not checked here: see sync.images)."""
        ...

    def write_image(self, pack_id: str, name: str, data: bytes) -> None:
        """Publish an image file; never overwrite one (its name is its content's hash)."""
        ...
