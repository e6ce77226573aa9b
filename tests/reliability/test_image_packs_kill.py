"""A pack import and a sync that bring images, killed before each of their renames (issue
16): the library holds the state before or after, never a mix, and every phrase it holds
finds each of its images (stored before the phrases: a kill in between leaves at most an
image nothing uses).

Each writer is a forked child running the real command code with the audit hook of
tests/reliability/io_probe.py; it waits for a byte before each file operation, so the kill
lands exactly before the k-th rename, for every k a complete run makes.
"""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest

from assistant.cli.main import main
from assistant.core.images.reading import prepare_image
from assistant.core.sync.service import PackSync
from assistant.core.workspace import open_workspace
from tests.core.packs.image_kit import imaged_pack, png
from tests.reliability.conftest import assert_every_data_file_loads
from tests.reliability.kill import run_child

State = tuple[frozenset[str], frozenset[str]]  # texts of the pack, hashes of their images


def _state(data: Path, pack_id: str) -> State:
    ws = open_workspace(data, builtins=False)
    phrases = ws.phrases.in_pack(pack_id)
    for p in phrases:
        for image in p.images:  # every image a phrase names is there and whole
            ws.phrases.images.read(image.sha256)
    return (
        frozenset(p.text for p in phrases),
        frozenset(i.sha256 for p in phrases for i in p.images),
    )


def _kills(template: Path, work: Path, argv: list[str], pack_id: str) -> list[State]:
    full = work / "full"
    shutil.copytree(template, full, symlinks=True)
    total, code = run_child(full, argv, None)
    assert code == 0 and total > 2
    outcomes = []
    for k in range(1, total + 1):
        data = work / f"kill-{k}"
        shutil.copytree(template, data, symlinks=True)
        _, code = run_child(data, argv, k)
        assert code == -signal.SIGKILL, k
        outcomes.append(_state(data, pack_id))
        assert_every_data_file_loads(data)
    outcomes.append(_state(full, pack_id))
    return outcomes


@pytest.fixture
def lead(tmp_path: Path) -> tuple[Path, str]:
    ws = open_workspace(tmp_path / "lead", builtins=False)
    pack_id, _ = imaged_pack(ws)
    return ws.path, pack_id


def test_a_kefupack_import_killed_anywhere_is_all_or_nothing(
    lead: tuple[Path, str], tmp_path: Path
) -> None:
    data, pack_id = lead
    path = tmp_path / "pack.kefupack"
    assert main(["--data-dir", str(data), "pack", "export", pack_id, "--out", str(path)]) == 0
    base = tmp_path / "base"
    open_workspace(base, builtins=False).phrases.add("亲，我自己的短语")

    outcomes = _kills(base, tmp_path / "runs", ["pack", "import", str(path)], pack_id)

    after = _state(data, pack_id)
    before: State = (frozenset(), frozenset())
    assert set(outcomes) <= {before, after}, outcomes
    assert before in outcomes and after in outcomes  # kills on both sides of the commit


def test_a_sync_bringing_an_image_killed_anywhere_is_v1_or_v2(
    lead: tuple[Path, str], tmp_path: Path
) -> None:
    data, pack_id = lead
    shared = tmp_path / "shared"
    shared.mkdir()
    lead_ws = open_workspace(data, builtins=False)
    assert PackSync(lead_ws.phrases).publish(pack_id, str(shared)).ok
    base = open_workspace(tmp_path / "base", builtins=False)
    assert all(r.ok for r in PackSync(base.phrases).subscribe(str(shared)))
    v1 = _state(base.path, pack_id)
    plain = next(p for p in lead_ws.phrases.in_pack(pack_id) if not p.images)
    lead_ws.phrases.edit(
        plain.id, text="亲，看看这张新图", add_images=[(prepare_image(png("teal")), "新图.png")]
    )
    assert PackSync(lead_ws.phrases).publish(pack_id, str(shared)).ok

    outcomes = _kills(base.path, tmp_path / "runs", ["pack", "sync"], pack_id)

    v2 = _state(data, pack_id)
    assert v1 != v2 and set(outcomes) <= {v1, v2}, outcomes
    assert v1 in outcomes and v2 in outcomes
