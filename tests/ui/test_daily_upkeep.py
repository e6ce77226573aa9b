"""The app's daily backup, then the removal of images no phrase uses: the backup keeps its own
copy of every image, so an unused one can go from the data folder (real folder, real zip)."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from assistant.core.images.reading import prepare_image
from assistant.core.phrases.upkeep import backup_and_clean
from assistant.core.store.backup import list_backups
from assistant.core.workspace import open_workspace


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


def test_kefu_backup_daily_backs_up_once_a_day(seeded_dir: Path) -> None:
    from tests.helpers import kefu_json, run_kefu

    assert kefu_json(seeded_dir, "backup", "--daily") == {"made": True}
    assert kefu_json(seeded_dir, "backup", "--daily") == {"made": False}
    plain = run_kefu(seeded_dir, "backup", "--daily")
    assert plain.returncode == 0 and "今天已经备份过" in plain.stdout
    assert [b.reason for b in list_backups(open_workspace(seeded_dir).folder)] == ["daily"]


def _upkeep_done() -> None:
    import threading

    for thread in threading.enumerate():
        if thread.name == "kefu-backup":
            thread.join(timeout=120)  # a hang guard: the zip takes a fraction of a second
            assert not thread.is_alive()


def test_the_app_s_daily_backup_runs_in_a_process_of_its_own(
    qtbot: QtBot, seeded_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading every phrase for the unused images left ~20 MB of heap in the app: the
    upkeep runs in `kefu backup --daily`, and in the app only when that cannot run."""
    from assistant.core.phrases.library import PhraseLibrary
    from assistant.ui import background
    from assistant.ui.background import BackgroundJobs

    in_app: list[str] = []
    monkeypatch.setattr(
        PhraseLibrary, "remove_unused_images", lambda self: in_app.append("here") or []
    )
    ws = open_workspace(seeded_dir)
    jobs = BackgroundJobs(ws)
    jobs.daily_backup()
    _upkeep_done()
    assert [b.reason for b in list_backups(ws.folder)] == ["daily"]
    assert in_app == []  # made by the other process

    for backup in list_backups(ws.folder):  # tomorrow, and no `kefu` can be started
        backup.path.unlink()
    monkeypatch.setattr(background, "made_apart", lambda *a, **k: False)
    jobs.daily_backup()
    _upkeep_done()
    assert [b.reason for b in list_backups(ws.folder)] == ["daily"]
    assert in_app == ["here"]
