"""Small copies of stored images for lists (the quick panel, the phrase manager, the editor).

Made with Pillow from the stored file and kept in the data folder's cache (a cache: deleting
it loses nothing). Making one decodes the whole image — up to 8,000 px a side, a few hundred
ms — so windows ask for it from a thread; reading one made already is a small PNG.
"""

from __future__ import annotations

import io
from pathlib import Path

from assistant.core.images.store import ImageStore
from assistant.core.store.atomic import atomic_write, ensure_private_dir
from assistant.core.store.content_files import is_sha256

SIZE = 96  # pixels, the longer side: sharp at 2× on a 48 px cell


def thumbnail_file(
    store: ImageStore, cache_dir: Path, sha256: str, size: int = SIZE
) -> Path | None:
    """The thumbnail of a stored image (made if needed), or None when the image is missing,
    damaged or does not decode."""
    if not is_sha256(sha256):
        return None
    target = cache_dir / f"{sha256}-{size}.png"
    if target.is_file():
        return target
    try:
        data = store.read(sha256)
    except Exception:  # missing or damaged: the list shows no picture
        return None
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.draft("RGB", (size, size))  # JPEG: decode at a fraction of the size
            image.thumbnail((size, size))
            out = io.BytesIO()
            image.convert("RGBA").save(out, "PNG")
    except (OSError, ValueError, SyntaxError):
        return None
    try:
        ensure_private_dir(cache_dir)
        atomic_write(target, out.getvalue())
    except Exception:  # a read-only folder: made again next time
        return None
    return target
