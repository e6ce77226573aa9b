"""A buyer's erase can be finished when it was interrupted, and it reaches the copies that
are not data (issue 12, item 17).

`kefu buyer rm` runs in a forked child (tests/reliability/kill.py) killed before each of its
file changes (rename, remove) in turn; then it is run again, as a user would after a crash.
Afterwards no file of the data folder holds the account (damaged copies, torn use-log
lines, a killed writer's temporary file and a partial backup included) but the complete
backups made before, which the command names.
"""

from __future__ import annotations

import shutil
import signal
import zipfile
from pathlib import Path

import pytest

from assistant.core.store.backup import create_backup
from assistant.core.workspace import open_workspace
from tests.helpers import stored_docs
from tests.reliability.conftest import kefu
from tests.reliability.kill import run_child

ACCOUNT = "隐私买家yinsi"
NAME = "隐私买家".encode()  # what the learned question keeps of it (the handle is scrubbed)
OTHER = "留下的买家"
FILE_OPS = b"@io os."  # os.rename, os.remove, os.link


def files_holding(data: Path, needle: bytes) -> list[str]:
    """Every file in the data folder holding ``needle``; a zip member by member."""
    found = []
    for path in sorted(data.rglob("*")):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        if path.suffix == ".zip" and raw.startswith(b"PK"):
            with zipfile.ZipFile(path) as zf:
                raw = b"".join(zf.read(n) for n in zf.namelist())
        if needle in raw:
            found.append(path.relative_to(data).as_posix())
    return found


@pytest.fixture
def library(seeded_dir: Path) -> tuple[Path, str]:
    """The buyer in the book, in uses, in a complete backup, in the buyers' log of recent
    changes, and in four places that are not data: a copy set aside as damaged, a torn last
    line of the use log, a temporary file a killed writer left, a killed backup's partial
    zip."""
    ws = open_workspace(seeded_dir)
    phrase = ws.phrases.add("亲，在的", code="zai")
    ws.buyers.add(ACCOUNT, notes="住在某某小区 3 栋", group="8")
    ws.buyers.add(OTHER, notes="这位不删")
    ws.phrases.record_use(phrase.id, buyer=ACCOUNT)
    ws.phrases.record_use(phrase.id, buyer=OTHER)
    backup = create_backup(ws.folder).path.name
    ws.phrases.record_use(phrase.id, buyer=ACCOUNT)
    ws.suggestions.learn(phrase.id, f"我是{ACCOUNT}，在吗 能便宜点吗")  # kept as "我是隐私买家…"
    ws.suggestions.learn(phrase.id, "在吗 这件还有货吗")
    ws.suggestions.index()  # cache/suggestions.bin: its terms come partly from those
    log = ws.folder.usage_log
    month = log.months()[-1]
    with log.path(month).open("ab") as out:  # a crash cut this line short
        out.write(f'{{"phrase": "{phrase.id}", "buyer": "{ACCOUNT}", "at": "20'.encode())
    shard = next(
        p for p in (seeded_dir / "buyers").glob("*.json") if ACCOUNT.encode() in p.read_bytes()
    )
    aside = shard.with_name(f"{shard.name}.damaged-20261101-080000")
    aside.write_bytes(shard.read_bytes()[:-7])
    shard.with_name(f".{shard.name}.k3j9x0.tmp").write_bytes(shard.read_bytes())
    (seeded_dir / "backups" / ".partial-k3j9x0.zip.tmp").write_bytes(ACCOUNT.encode() * 3)
    held = files_holding(seeded_dir, ACCOUNT.encode())
    assert len(held) == 8 and "buyers/.recent-changes" in held  # the log names its key
    assert any(f.startswith("learned/") for f in files_holding(seeded_dir, NAME))
    return seeded_dir, backup


def _assert_erased(data: Path, backup: str) -> None:
    assert files_holding(data, ACCOUNT.encode()) == [f"backups/{backup}"]
    assert files_holding(data, NAME) == [f"backups/{backup}"]  # no learned question either
    ws = open_workspace(data)
    assert [q for qs in ws.suggestions.learned.all().values() for q in qs] == ["在吗 这件还有货吗"]
    assert not ws.buyers.exists(ACCOUNT)
    assert ws.buyers.get(OTHER).notes == "这位不删"
    log = ws.folder.usage_log
    assert [e.get("buyer") for m in log.months() for e in log.events(m)] == [OTHER]
    assert ws.folder.recovered() == []


def test_buyer_rm_reaches_damaged_copies_torn_lines_and_partial_backups(
    library: tuple[Path, str],
) -> None:
    data, backup = library
    run = kefu(data, "buyer", "rm", ACCOUNT)
    assert run.code == 0, run.err
    assert backup in run.out  # the complete backup made before still holds it: said so
    assert "2 个含有该账号的文件" in run.out and ".damaged-" in run.out  # the partial zip:
    # removed when the folder opened (its writer was dead), before the erase began
    _assert_erased(data, backup)


def test_a_buyer_rm_killed_at_any_step_is_finished_by_running_it_again(
    library: tuple[Path, str], tmp_path: Path
) -> None:
    template, backup = library
    full = tmp_path / "full"
    shutil.copytree(template, full)
    total, code = run_child(full, ["buyer", "rm", ACCOUNT], None, event=FILE_OPS)
    assert code == 0 and total > 3
    _assert_erased(full, backup)
    for k in range(1, total + 1):
        data = tmp_path / f"kill-{k}"
        shutil.copytree(template, data)
        _, code = run_child(data, ["buyer", "rm", ACCOUNT], k, event=FILE_OPS)
        assert code == -signal.SIGKILL, k
        again = kefu(data, "buyer", "rm", ACCOUNT)
        assert again.code == 0, (k, again.err)
        _assert_erased(data, backup)
        shutil.rmtree(data)
    print(f"\nbuyer rm: {total} kills, each finished by a second run")


def test_an_interrupted_erase_is_finished_when_the_book_opens(
    library: tuple[Path, str], tmp_path: Path
) -> None:
    data, backup = library
    for k in range(1, 40):  # the first kill after the record's deletion was committed
        trial = tmp_path / f"kill-{k}"
        shutil.copytree(data, trial)
        _, code = run_child(trial, ["buyer", "rm", ACCOUNT], k, event=FILE_OPS)
        assert code == -signal.SIGKILL, k
        deleted = not any(d["account"] == ACCOUNT for d in stored_docs(trial, "buyers").values())
        if deleted and (trial / ".kefu-erase.json").exists():
            break
        shutil.rmtree(trial)
    else:
        pytest.fail("no kill left the record deleted and the erase unfinished")
    open_workspace(trial)  # the buyer book finishes it on open
    assert not (trial / ".kefu-erase.json").exists()
    _assert_erased(trial, backup)
