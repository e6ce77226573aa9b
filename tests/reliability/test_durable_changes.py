"""Durability end to end: one change of each kind, made through the library as the app and
`kefu` make it, is on disk for good when the call returns.

Each records the calls (``tests/durability.py``) and checks: every data file, copy, journal
and backup renamed was fsync'd whole before its rename and its folder after; every removal
and every new folder was made durable in its folder; a change spanning several files kept
the journal's order (staged files durable, then the journal, then the renames, then the
journal's removal). A power cut cannot be made here; this is the order that survives one.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from assistant.core.packs.importer import import_file
from assistant.core.store.backup import create_backup, restore_backup
from assistant.core.workspace import Workspace, open_workspace
from tests.durability import Record, data_renames, durability_problems, journal_problems, record_io

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc/self/fd; folder fsync is POSIX"
)


def assert_durable(record: Record, root: Path, *, journaled: bool | None = None) -> None:
    assert data_renames(record, root), "nothing was written"
    assert durability_problems(record, root) == []
    has_journal = record.rename_to(root / ".kefu.journal") >= 0
    if journaled is not None:
        assert has_journal == journaled
    if has_journal:
        assert journal_problems(record, root) == []


def touched(record: Record, root: Path) -> set[str]:
    base = str(root.resolve())
    return {e.target[len(base) + 1 :] for e in data_renames(record, root)}


@pytest.fixture
def ws(seeded_dir: Path) -> Workspace:
    return open_workspace(seeded_dir)


def test_a_first_run_leaves_a_durable_library(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with record_io() as record:
        open_workspace(data)  # the folders, the built-in packs, their registry
    assert_durable(record, data, journaled=True)
    made = {e.path for _, e in record.kinds("mkdir")}
    assert str(data.resolve()) in made and str((data / "phrases").resolve()) in made


def test_a_phrase_added_through_the_library(ws: Workspace) -> None:
    with record_io() as record:
        phrase = ws.phrases.add("亲，这款今天下单明天发货", title="发货时间", code="fh9")
    assert_durable(record, ws.path)
    assert any(name.startswith("phrases/") for name in touched(record, ws.path))
    assert open_workspace(ws.path).phrases.get(phrase.id).text == "亲，这款今天下单明天发货"


def test_a_phrase_used_from_the_panel(ws: Workspace) -> None:
    phrase = ws.phrases.add("您好", title="问候", code="nh9")
    with record_io() as record:
        ws.phrases.record_use(phrase.id, buyer="张三")
    assert_durable(record, ws.path)
    logs = [e for e in record.events if e.kind == "fsync" and e.path.endswith(".jsonl")]
    assert logs, "the use was not appended to the log durably"


def test_a_buyer_edit(ws: Workspace) -> None:
    ws.buyers.add("张小花", remark="张姐", subgroup="1A")
    with record_io() as record:
        ws.buyers.edit("张小花", group=8, tags=["回头客"], append_note="要发顺丰")
    assert_durable(record, ws.path)
    assert any(name.startswith("buyers/") for name in touched(record, ws.path))


def test_a_pack_import_is_one_durable_journaled_change(ws: Workspace, tmp_path: Path) -> None:
    source = tmp_path / "团队话术.csv"
    rows = ["标题,内容,分组,编码"] + [f"话术{n},亲，第{n}条回复,售后,td{n}" for n in range(60)]
    source.write_text("\n".join(rows) + "\n", "utf-8")
    with record_io() as record:
        report = import_file(ws.phrases, source)
    assert report.count("added") == 60
    assert_durable(record, ws.path, journaled=True)
    shards = [n for n in touched(record, ws.path) if n.startswith("phrases/")]
    assert len(shards) > 4  # many shards (and their copies) in one change


def test_a_restore_is_one_durable_journaled_change_with_its_removals(ws: Workspace) -> None:
    made = create_backup(ws.folder)
    ws.buyers.add("恢复后不该在", remark="新")
    ws.phrases.add("恢复后也不该在", title="新短语", code="xx9")
    with record_io() as record:
        used, before = restore_backup(ws.folder, made.path)
    assert used == made.path
    assert_durable(record, ws.path, journaled=True)  # the before-restore zip included
    assert before.path.name in {Path(n).name for n in touched(record, ws.path)}
    reopened = open_workspace(ws.path)
    assert not reopened.buyers.exists("恢复后不该在")
