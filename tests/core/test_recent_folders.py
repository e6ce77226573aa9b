"""The folder a file dialog last used, per kind of file, kept in the data folder (issue 14,
item 16): read back by a fresh workspace, forgotten when the folder is gone."""

from __future__ import annotations

from pathlib import Path

from assistant.core.recent_folders import RecentFolders
from assistant.core.workspace import open_workspace


def test_each_kind_remembers_its_folder_across_openings(data_dir: Path, tmp_path: Path) -> None:
    tables, reports = tmp_path / "表格", tmp_path / "报表"
    tables.mkdir()
    reports.mkdir()
    recent = RecentFolders(open_workspace(data_dir, builtins=False).folder)
    assert recent.get("phrases") is None
    recent.remember("phrases", tables)
    recent.remember("orders", reports)

    again = RecentFolders(open_workspace(data_dir, builtins=False).folder)
    assert (again.get("phrases"), again.get("orders"), again.get("stats")) == (
        tables,
        reports,
        None,
    )


def test_a_folder_that_is_gone_or_relative_is_not_offered(data_dir: Path, tmp_path: Path) -> None:
    gone = tmp_path / "拔掉的U盘"
    gone.mkdir()
    recent = RecentFolders(open_workspace(data_dir, builtins=False).folder)
    recent.remember("phrases", gone)
    gone.rmdir()
    assert recent.get("phrases") is None
    recent.remember("stats", Path("relative"))
    assert recent.get("stats") is None
