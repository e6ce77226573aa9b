"""Changes that span files are all or nothing, even when the writer is killed (issue 12,
item 4): a pack import (many phrase shards and the pack registry) and a sync (a pack going
from v1 to v2, its registry entry and sync state).

Each writer is a forked child running the real command code with the audit hook of
tests/reliability/io_probe.py: it announces every file operation and waits for a byte
before doing it. The child is killed exactly before its k-th rename, for every k from the
first to the last rename a complete run makes; then the data folder is opened again (which
finishes a committed change) and must hold the state before or the state after, never a mix.
"""

from __future__ import annotations

import signal
from pathlib import Path

import orjson
import pytest

from assistant.cli.main import main
from assistant.core.workspace import Workspace, open_workspace
from tests.reliability.conftest import assert_every_data_file_loads
from tests.reliability.kill import run_child as _run_child

PHRASES = 16  # spread over about a dozen of the 64 phrase shards


def _pack_file(path: Path, version: str, text: str) -> Path:
    pack = {
        "format": "kefu-phrase-pack",
        "format_version": 1,
        "id": "team-pack",
        "name": "团队短语",
        "version": version,
        "phrases": [
            {"id": f"tp{i:03d}", "text": f"亲，{text}第{i}条", "group": "团队"}
            for i in range(PHRASES)
        ],
    }
    path.write_bytes(orjson.dumps(pack))
    return path


def _state(data: Path) -> tuple[str | None, set[str]]:
    """The team pack's registered version and the texts of its phrases."""
    ws = open_workspace(data, builtins=False)
    version = next((p.version for p in ws.phrases.packs.list() if p.id == "team-pack"), None)
    texts = {p.text for p in ws.phrases.in_pack("team-pack")}
    return version, texts


def _copy_tree(src: Path, dst: Path) -> None:
    import shutil

    shutil.copytree(src, dst, symlinks=True)


@pytest.fixture
def base(tmp_path: Path) -> Path:
    data = tmp_path / "base"
    ws = open_workspace(data, builtins=False)
    ws.phrases.add("亲，我自己的短语", code="wo1")
    return data


def _kills(template: Path, work: Path, argv: list[str]) -> list[tuple[str | None, set[str]]]:
    full = work / "full"
    _copy_tree(template, full)
    total, code = _run_child(full, argv, None)
    assert code == 0 and total > 2
    outcomes = []
    for k in range(1, total + 1):
        data = work / f"kill-{k}"
        _copy_tree(template, data)
        _, code = _run_child(data, argv, k)
        assert code == -signal.SIGKILL, k
        outcomes.append(_state(data))
        assert_every_data_file_loads(data)
        assert not list(data.rglob("*.damaged-*")), k
    return outcomes


def test_a_pack_import_killed_before_any_rename_is_all_or_nothing(
    base: Path, tmp_path: Path
) -> None:
    pack = _pack_file(tmp_path / "pack.json", "1", "团队回复")
    outcomes = _kills(base, tmp_path / "runs", ["pack", "import", str(pack)])
    before = (None, set())
    after = ("1", {f"亲，团队回复第{i}条" for i in range(PHRASES)})
    assert all(o in (before, after) for o in outcomes), [
        (k + 1, o[0], len(o[1])) for k, o in enumerate(outcomes) if o not in (before, after)
    ]
    # The kills landed on both sides of the commit.
    assert before in outcomes and after in outcomes


def test_a_sync_killed_before_any_rename_leaves_the_pack_wholly_v1_or_v2(
    base: Path, tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    lead = open_workspace(tmp_path / "lead", builtins=False)
    assert (
        main(
            [
                "--data-dir",
                str(lead.path),
                "pack",
                "import",
                str(_pack_file(tmp_path / "v1.json", "1", "第一版")),
            ]
        )
        == 0
    )
    assert (
        main(["--data-dir", str(lead.path), "pack", "publish", "团队短语", "--to", str(shared)])
        == 0
    )
    assert main(["--data-dir", str(base), "pack", "subscribe", str(shared)]) == 0
    v1 = _state(base)
    assert len(v1[1]) == PHRASES
    # The lead rewrites every phrase and publishes v2.
    ws: Workspace = open_workspace(lead.path, builtins=False)
    for phrase in ws.phrases.in_pack("team-pack"):
        ws.phrases.edit(phrase.id, text=phrase.text.replace("第一版", "第二版"))
    assert (
        main(["--data-dir", str(lead.path), "pack", "publish", "团队短语", "--to", str(shared)])
        == 0
    )
    outcomes = _kills(base, tmp_path / "runs", ["pack", "sync"])
    v2_texts = {t.replace("第一版", "第二版") for t in v1[1]}
    good = [o for o in outcomes if o[1] in (v1[1], v2_texts)]
    assert len(good) == len(outcomes), [
        (k + 1, o[0], len(o[1])) for k, o in enumerate(outcomes) if o not in good
    ]
    assert any(o[1] == v1[1] for o in outcomes) and any(o[1] == v2_texts for o in outcomes)
    # The registry moves with the phrases.
    for version, texts in outcomes:
        assert (texts == v2_texts) == (version != v1[0]), (version, len(texts))
