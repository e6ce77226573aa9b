"""A pack file cannot make the library register packs without end (issue 12, item 10):
40,000 empty packs in one file are refused at once, and nothing changes."""

from __future__ import annotations

from pathlib import Path

import orjson

from assistant.core.packs.pack_format import FORMAT, FORMAT_VERSION, MAX_PACKS_PER_FILE
from assistant.core.workspace import open_workspace
from tests.helpers import run_kefu, snapshot


def _empty_packs(path: Path, count: int) -> Path:
    packs = [
        {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "id": f"p{i}",
            "name": f"包{i}",
            "phrases": [],
        }
        for i in range(count)
    ]
    path.write_bytes(orjson.dumps(packs))
    return path


def test_a_file_of_40000_empty_packs_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    open_workspace(data)  # as after a first run
    bomb = _empty_packs(tmp_path / "packs.json", 40_000)
    before = snapshot(data)

    done = run_kefu(None, "--data-dir", str(data), "pack", "import", str(bomb))

    assert done.returncode == 2, (done.stdout, done.stderr)
    [line] = done.stderr.strip().splitlines()
    assert "packs.json" in line and "短语包太多" in line and str(MAX_PACKS_PER_FILE) in line
    assert snapshot(data) == before


def test_a_file_of_a_few_packs_still_imports(tmp_path: Path) -> None:
    data = tmp_path / "data"
    open_workspace(data, builtins=False)
    packs = _empty_packs(tmp_path / "packs.json", 3)

    done = run_kefu(None, "--data-dir", str(data), "pack", "import", str(packs))

    assert done.returncode == 0, done.stderr
    ids = {p.id for p in open_workspace(data, builtins=False).phrases.packs.list()}
    assert {"p0", "p1", "p2"} <= ids
