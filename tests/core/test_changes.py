"""What a change of the data folder means: which collection, and what is ignored."""

from __future__ import annotations

from pathlib import Path

from assistant.core.changes import Changed, changed_by, root_changes, root_files, watched_folders
from assistant.core.workspace import open_workspace


def test_each_collection_folder_names_what_it_holds() -> None:
    assert changed_by("phrases") == Changed.PHRASES
    assert changed_by("buyers") == Changed.BUYERS
    assert changed_by("usage") == Changed.USAGE
    assert changed_by("usage-log") == Changed.USAGE
    assert changed_by("sync-state.json") == Changed.PACKS
    # The settings collection also holds the pack registry and the contact-group scheme.
    assert changed_by("settings.json") == Changed.SETTINGS | Changed.PACKS | Changed.BUYERS


def test_caches_backups_and_hidden_files_change_nothing_shown() -> None:
    for name in ("cache", "backups", ".phrases.json.abc.tmp", ".lock"):
        assert changed_by(name) == Changed.NONE, name


def test_an_unknown_entry_counts_as_everything() -> None:
    assert changed_by("something-new") == Changed.ALL


def test_watched_folders_leave_out_cache_and_backups(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path)
    ws.phrases.add("亲，在的哦", code="zz1")
    ws.phrases.search("zz")  # writes the index cache
    for name in ("cache", "backups", "phrases"):
        (tmp_path / name).mkdir(exist_ok=True)
    names = {p.name for p in watched_folders(tmp_path)} - {tmp_path.name}
    assert "phrases" in names
    assert not names & {"cache", "backups"}


def test_a_settings_write_shows_in_the_root_files(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path)
    before = root_files(tmp_path)
    ws.shop.update({"活动": "满200减20"})
    after = root_files(tmp_path)
    assert root_changes(before, after) & Changed.SETTINGS
    assert root_changes(after, root_files(tmp_path)) == Changed.NONE
