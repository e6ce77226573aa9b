"""Concurrency (issue 8, item 2): two writers at once lose nothing; a reader never sees a
half-written file.

Writer A runs the real command code (``assistant.cli.main.main``) 500 times in a loop:
phrase adds and buyer adds, alternating. Writer B makes 500 changes at the same time the
way the app does, on an open workspace, mixed with command runs: phrase edits (`kefu edit`),
recorded uses (``record_use``) and buyer note appends (`kefu buyer edit --append-note`).
A third process reads every data file with orjson as fast as it can while they run. The
three are separate processes, released at the same moment.

How much the reader manages depends on the machine, so the test does not count on a rate:
every CHECK changes writer A asks the reader for one whole pass over the files as they are
then and waits for it (a pipe each way), so the reader has read between the writes a known
number of times, however slow or busy the machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from assistant.core.phrases.shape import make_fields, new_doc
from assistant.core.workspace import open_workspace
from tests.helpers import kefu_env
from tests.reliability.conftest import assert_every_data_file_loads

CHANGES = 500
EDIT_TARGETS = 167
USE_TARGETS = 20
NOTE_BUYERS = 10
CHECK = 50  # writer A waits for a whole pass of the reader every CHECK changes

WRITER_A = textwrap.dedent(
    """
    import os, sys
    from assistant.cli.main import main

    data, count, check = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    ask, answer = int(sys.argv[4]), int(sys.argv[5])
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(count):
        if i % check == check - 1:  # a whole pass of the reader over the files as they are now
            os.write(ask, b"?")
            assert os.read(answer, 1) == b"!"
        if i % 2 == 0:
            argv = ["add", f"亲，A 写入的第 {i} 条：满两百减二十", "--code", f"a{i}"]
        else:
            argv = ["buyer", "add", f"buyer_a_{i}", "--remark", f"A{i}"]
        print(f"rc {main(['--data-dir', data, *argv])}", flush=True)
    """
)

WRITER_B = textwrap.dedent(
    """
    import json, sys
    from assistant.cli.main import main
    from assistant.core.workspace import open_workspace

    data, count = sys.argv[1], int(sys.argv[2])
    edits, uses, buyers = json.loads(sys.argv[3]), json.loads(sys.argv[4]), json.loads(sys.argv[5])
    phrases = open_workspace(data).phrases  # the app's long-lived workspace
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(count):
        if i % 3 == 0:
            rc = main(["--data-dir", data, "edit", edits[i // 3], "--text", f"B 改过的第 {i} 条"])
        elif i % 3 == 1:
            phrases.record_use(uses[(i // 3) % len(uses)])
            rc = 0
        else:
            account = buyers[(i // 3) % len(buyers)]
            argv = ["buyer", "edit", account, "--append-note", f"B note {i}"]
            rc = main(["--data-dir", data, *argv])
        print(f"rc {rc}", flush=True)
    """
)

READER = textwrap.dedent(
    """
    import os, select, sys
    from pathlib import Path
    import orjson

    data, stop = Path(sys.argv[1]), Path(sys.argv[2])
    ask, answer = int(sys.argv[3]), int(sys.argv[4])
    os.nice(19)  # the writers come first: the reader takes what CPU is left
    print("ready", flush=True)
    sys.stdin.readline()
    reads = errors = vanished = changed = answered = 0
    last = {}
    while not stop.exists():
        asked = bool(select.select([ask], [], [], 0)[0]) and os.read(ask, 1) == b"?"
        files = [data / "settings.json"]
        for name in ("phrases", "buyers", "usage"):
            files += sorted((data / name).glob("*.json"))
        for path in files:
            try:
                raw = path.read_bytes()
            except FileNotFoundError:
                if path in last:
                    vanished += 1
                continue
            reads += 1
            try:
                if not isinstance(orjson.loads(raw), dict):
                    errors += 1
            except orjson.JSONDecodeError:
                errors += 1
            changed += path in last and last[path] != raw
            last[path] = raw
        if asked:  # this pass began after writer A asked: it may go on
            os.write(answer, b"!")
            answered += 1
    print(f"reads {reads} errors {errors} vanished {vanished} changed {changed} "
          f"answered {answered}", flush=True)
    """
)


def _phrase_ids(ws_path: Path, prefix: str, count: int) -> list[str]:
    ws = open_workspace(ws_path)
    docs = [new_doc(make_fields(f"{prefix} {n}")) for n in range(count)]
    ws.phrases.put_docs(docs)
    return [str(d["id"]) for d in docs]


def _start(cmd: list[str], fds: tuple[int, ...] = ()) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        cmd,
        pass_fds=fds,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        encoding="utf-8",
        env=kefu_env(),
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
    return proc


def _go(procs: list[subprocess.Popen[str]]) -> None:
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()


def _finish(proc: subprocess.Popen[str]) -> str:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    return out


@pytest.mark.slow
def test_two_writers_500_changes_each_lose_nothing_and_a_reader_sees_no_half_file(
    seeded_dir: Path, tmp_path: Path
) -> None:
    data = seeded_dir
    edits = _phrase_ids(data, "B 要改的短语", EDIT_TARGETS)
    uses = _phrase_ids(data, "B 要用的短语", USE_TARGETS)
    ws = open_workspace(data)
    buyers = [f"buyer_b_{n}" for n in range(NOTE_BUYERS)]
    for account in buyers:
        ws.buyers.add(account, notes="开始")
    stop = tmp_path / "stop-reading"
    ask_r, ask_w = os.pipe()  # writer A → reader: "make a whole pass now"
    answer_r, answer_w = os.pipe()  # reader → writer A: "done"
    pipes = (str(ask_r), str(answer_w))
    reader = _start([sys.executable, "-c", READER, str(data), str(stop), *pipes], (ask_r, answer_w))
    ends = (str(ask_w), str(answer_r))
    writer_a = [sys.executable, "-c", WRITER_A, str(data), str(CHANGES), str(CHECK), *ends]
    writers = [
        _start(writer_a, (ask_w, answer_r)),
        _start(
            [
                sys.executable,
                "-c",
                WRITER_B,
                str(data),
                str(CHANGES),
                json.dumps(edits),
                json.dumps(uses),
                json.dumps(buyers),
            ]
        ),
    ]
    for fd in (ask_r, ask_w, answer_r, answer_w):
        os.close(fd)  # the children hold their ends
    _go([reader, *writers])
    outputs = [_finish(w) for w in writers]
    stop.touch()
    read_report = _finish(reader).split()

    for out in outputs:  # the command's own output lines sit between the rc lines
        assert [line for line in out.splitlines() if line.startswith("rc ")] == ["rc 0"] * CHANGES

    fresh = open_workspace(data)
    assert fresh.folder.recovered() == []
    # Writer A: every phrase and every buyer it added.
    by_code = {p.code: p for p in fresh.phrases.all(include_hidden=True) if p.code}
    for i in range(0, CHANGES, 2):
        assert by_code[f"a{i}"].text == f"亲，A 写入的第 {i} 条：满两百减二十"
    for i in range(1, CHANGES, 2):
        assert fresh.buyers.get(f"buyer_a_{i}").remark == f"A{i}"
    # Writer B: every edit, every use, every appended note.
    for i in range(0, CHANGES, 3):
        assert fresh.phrases.get(edits[i // 3]).text == f"B 改过的第 {i} 条"
    expected_uses = Counter(uses[(i // 3) % USE_TARGETS] for i in range(1, CHANGES, 3))
    assert {u: fresh.phrases.get(u).use_count for u in uses} == dict(expected_uses)
    for i in range(2, CHANGES, 3):
        account = buyers[(i // 3) % NOTE_BUYERS]
        assert f"B note {i}" in fresh.buyers.get(account).notes
    assert_every_data_file_loads(data)

    # The reader: a whole pass at each of writer A's checkpoints (so it read between the
    # writes, on any machine), files that had changed since its previous pass, and not one
    # read that failed to parse or found a file gone.
    figures = dict(zip(read_report[::2], map(int, read_report[1::2]), strict=True))
    print(f"\nconcurrency: 2 × {CHANGES} changes; reader {figures}")
    assert figures["answered"] == CHANGES // CHECK
    assert figures["errors"] == 0
    assert figures["vanished"] == 0
    # Between two checkpoints writer A added CHECK // 2 phrases to the phrase shards, so each
    # answered pass after the first found at least one file changed since the one before.
    assert figures["changed"] >= CHANGES // CHECK - 1
