"""Files named by the sha256 of their bytes (the images of phrases): how they are named.

Such a file never changes once written, so a backup, a restore or a sync copies it as it is
and checks it against its name; a file that does not hash to its name is damage. The image
package decides what may go in; the store only knows the names.
"""

from __future__ import annotations

import hashlib
import re

CONTENT_FOLDER = "images"
EXTENSIONS = ("png", "jpg", "gif", "webp", "bmp")
SHA256 = r"[0-9a-f]{64}"
_SHA256 = re.compile(SHA256)
_NAME = re.compile(f"({SHA256})\\.(?:" + "|".join(EXTENSIONS) + ")")


def is_sha256(text: object) -> bool:
    """A sha256 as this program writes it: 64 lowercase hex digits."""
    return isinstance(text, str) and _SHA256.fullmatch(text) is not None


def content_name(name: str) -> str | None:
    """The sha256 a file name (``<sha256>.<ext>``) promises, or None if it is not one."""
    found = _NAME.fullmatch(name)
    return found[1] if found else None


def is_content_path(relative: str) -> bool:
    """``images/<sha256>.<ext>``, relative to the data folder, ``/``-separated."""
    folder, _, name = relative.partition("/")
    return folder == CONTENT_FOLDER and content_name(name) is not None


def content_intact(relative: str, data: bytes) -> bool:
    """The bytes hash to the name they are stored under."""
    sha = content_name(relative.rpartition("/")[2])
    return sha is not None and hashlib.sha256(data).hexdigest() == sha
