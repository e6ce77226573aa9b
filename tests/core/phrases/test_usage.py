"""Use counts live in their own files; concurrent uses are all counted."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from assistant.core.workspace import Workspace, open_workspace
from tests.helpers import kefu_env, snapshot

RECORD_LOOP = textwrap.dedent(
    """
    import sys
    from assistant.core.workspace import Workspace, open_workspace

    data, phrase_id, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    print("ready", flush=True)
    sys.stdin.readline()
    for _ in range(count):
        # A new workspace per use, as each `kefu copy` would open one.
        open_workspace(data).phrases.record_use(phrase_id)
    print("done", flush=True)
    """
)


def test_recording_a_use_rewrites_no_phrase_file(seeded_dir: Path) -> None:
    ws = open_workspace(seeded_dir)
    phrase = ws.phrases.resolve("th1")
    before = snapshot(seeded_dir / "phrases")
    used = ws.phrases.record_use(phrase.id, buyer="tb_小王")
    assert (used.use_count, used.last_used_at is not None) == (1, True)
    assert snapshot(seeded_dir / "phrases") == before
    again = open_workspace(seeded_dir).phrases.get(phrase.id)
    assert again.use_count == 1
    assert again.last_used_at == used.last_used_at
    logs = list((seeded_dir / "usage-log").glob("*.jsonl"))  # one append-only file a month
    assert len(logs) == 1
    assert "tb_小王" in logs[0].read_text("utf-8")


def test_removing_a_phrase_forgets_its_count(empty_ws: Workspace) -> None:
    phrase = empty_ws.phrases.add("亲，在的")
    empty_ws.phrases.record_use(phrase.id)
    empty_ws.phrases.remove(phrase.id)
    assert empty_ws.phrases.usage.get(phrase.id).count == 0


def test_two_processes_recording_200_uses_each_count_400(seeded_dir: Path) -> None:
    phrase_id = open_workspace(seeded_dir).phrases.resolve("cf1").id
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", RECORD_LOOP, str(seeded_dir), phrase_id, "200"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            encoding="utf-8",
            env=kefu_env(),
        )
        for _ in range(2)
    ]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert out.strip() == "done"
    ws = open_workspace(seeded_dir)
    assert ws.phrases.get(phrase_id).use_count == 400
    (month,) = ws.folder.usage_log.months()
    assert len(list(ws.folder.usage_log.events(month))) == 400
    assert ws.folder.recovered() == []
