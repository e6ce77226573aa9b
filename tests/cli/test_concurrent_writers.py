"""Two `kefu` processes writing at once lose nothing.

Each writer is a separate Python process. The big case runs the real command code
(`assistant.cli.main.main`) 200 times in a loop per process, so the test stays fast; the
smaller case starts a real `kefu` executable for every change. Writers wait on stdin until
both are ready, then start together.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from assistant.core.paths import builtin_phrases_dir
from assistant.core.search.index import wait_for_cache_writes
from assistant.core.workspace import open_workspace
from tests.helpers import kefu_env

MAIN_LOOP = textwrap.dedent(
    """
    import sys
    from assistant.cli.main import main

    data, tag, count, code_prefix = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(count):
        code = f"{code_prefix}{i}" if code_prefix != "-" else f"{tag}{i}"
        rc = main(["--data-dir", data, "add", f"亲，{tag} 号客服的第 {i} 条短语，退货包邮",
                   "--code", code, "--tag", tag])
        print(f"rc {rc}", flush=True)
    """
)

KEFU_LOOP = textwrap.dedent(
    """
    import subprocess, sys

    kefu, data, tag, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(count):
        # Latin text and group: no pinyin to compute, so each process starts quickly.
        done = subprocess.run([kefu, "--data-dir", data, "add", f"{tag} says hello #{i}",
                               "--group", f"team-{tag}"], capture_output=True, encoding="utf-8")
        print(f"rc {done.returncode} {done.stdout.strip()} {done.stderr.strip()}", flush=True)
    """
)


def run_together(commands: list[list[str]]) -> list[str]:
    """Start the writers, release them at the same moment, return each one's output."""
    procs = [
        subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            encoding="utf-8",
            env=kefu_env(),
        )
        for cmd in commands
    ]
    for proc in procs:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        outputs.append(out)
    return outputs


def shipped_count() -> int:
    return sum(
        len(json.loads(f.read_text("utf-8"))["phrases"])
        for f in builtin_phrases_dir().glob("*.json")
    )


def assert_every_data_file_loads(data: Path) -> None:
    wait_for_cache_writes()  # the searches above write the index cache in a thread
    files = [p for p in data.rglob("*") if p.is_file() and p.suffix in (".json", ".bak")]
    assert files
    for path in files:
        assert isinstance(json.loads(path.read_bytes()), dict), path
    names = [p.name for p in data.rglob("*")]
    assert not [n for n in names if ".damaged-" in n or n.endswith(".tmp")]


def test_two_processes_adding_200_phrases_each_lose_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"  # fresh: both writers also race to install the built-ins
    outputs = run_together(
        [[sys.executable, "-c", MAIN_LOOP, str(data), tag, "200", "-"] for tag in ("甲", "乙")]
    )
    for out in outputs:
        rcs = [line for line in out.splitlines() if line.startswith("rc ")]
        assert rcs == ["rc 0"] * 200
    printed_ids = {line for out in outputs for line in out.splitlines() if line and " " not in line}
    assert len(printed_ids) == 400

    ws = open_workspace(data)
    assert ws.folder.recovered() == []
    phrases = ws.phrases.all(include_hidden=True)
    mine = [p for p in phrases if p.pack == "我的短语"]
    assert {p.id for p in mine} == printed_ids
    expected = {
        f"亲，{tag} 号客服的第 {i} 条短语，退货包邮" for tag in ("甲", "乙") for i in range(200)
    }
    assert {p.text for p in mine} == expected
    assert {p.code for p in mine} == {f"{tag}{i}" for tag in ("甲", "乙") for i in range(200)}
    assert len(phrases) - len(mine) == shipped_count()  # the built-ins once, not twice
    # The search index built from the files knows every one of them.
    assert len(ws.phrases.search("退货包邮", limit=None)) >= 400
    assert [p.code for p in ws.phrases.search("甲199")][:1] == ["甲199"]
    assert_every_data_file_loads(data)


def test_two_processes_racing_for_the_same_codes_get_each_code_once(seeded_dir: Path) -> None:
    outputs = run_together(
        [[sys.executable, "-c", MAIN_LOOP, str(seeded_dir), tag, "30", "same"] for tag in "AB"]
    )
    results = [line for out in outputs for line in out.splitlines() if line.startswith("rc ")]
    assert len(results) == 60
    assert results.count("rc 0") == 30
    assert results.count("rc 2") == 30
    ws = open_workspace(seeded_dir)
    codes = [p.code for p in ws.phrases.all() if p.code and p.code.startswith("same")]
    assert sorted(codes) == sorted(f"same{i}" for i in range(30))
    assert_every_data_file_loads(seeded_dir)


def test_two_real_kefu_add_loops_at_once(seeded_dir: Path) -> None:
    kefu = Path(sys.executable).parent / "kefu"
    assert kefu.exists(), "the kefu script is installed next to the interpreter"
    outputs = run_together(
        [[sys.executable, "-c", KEFU_LOOP, str(kefu), str(seeded_dir), tag, "20"] for tag in "XY"]
    )
    ids = set()
    for out in outputs:
        lines = out.splitlines()
        assert len(lines) == 20
        for line in lines:
            rc, new_id = line.split(" ")[1:3]
            assert rc == "0", line
            ids.add(new_id)
    assert len(ids) == 40
    ws = open_workspace(seeded_dir)
    texts = {p.id: p.text for p in ws.phrases.all() if p.pack == "我的短语"}
    assert set(texts) == ids
    assert set(texts.values()) == {f"{tag} says hello #{i}" for tag in "XY" for i in range(20)}
    assert_every_data_file_loads(seeded_dir)
