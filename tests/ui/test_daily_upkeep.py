"""The app's daily backup, then the removal of images no phrase uses: the backup keeps its own
copy of every image, so an unused one can go from the data folder (real folder, real zip)."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

from PIL import Image

from assistant.core.images.reading import prepare_image
from assistant.core.store.backup import list_backups
from assistant.core.workspace import open_workspace
from assistant.ui.background import backup_and_clean


def png(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (6, 6), colour).save(out, "PNG")
    return out.getvalue()


def test_the_daily_backup_keeps_the_images_and_then_unused_ones_go(data_dir: Path) -> None:
    ws = open_workspace(data_dir)
    kept, dropped = prepare_image(png((1, 2, 3)), "留.png"), prepare_image(png((9, 9, 9)), "删.png")
    ws.phrases.add("用着的图", images=[(kept, "留.png")])
    gone = ws.phrases.add("删掉的图", images=[(dropped, "删.png")])
    ws.phrases.remove(gone.id)
    old = time.time() - 2 * 3600  # written before the hour of grace
    for sha in (kept.sha256, dropped.sha256):
        path = ws.phrases.images.find(sha)
        assert path is not None
        os.utime(path, (old, old))

    assert backup_and_clean(ws.folder)
    [backup] = list_backups(ws.folder)
    with zipfile.ZipFile(backup.path) as zf:
        names = set(zf.namelist())
    assert {f"images/{kept.sha256}.png", f"images/{dropped.sha256}.png"} <= names
    assert ws.phrases.images.find(kept.sha256) is not None
    assert ws.phrases.images.find(dropped.sha256) is None
    # Once a day: a second call makes no backup and removes nothing more.
    assert not backup_and_clean(ws.folder)
    assert ws.phrases.images.find(kept.sha256) is not None
