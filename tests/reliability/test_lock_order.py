"""No two writers can wait for each other (issue 12, item 3).

`groups sub rm` took the buyers lock then the settings lock while backup and restore took
settings then buyers: run together, both waited forever and so did every later write. A data
folder now has one lock. Here every pair of writing commands runs at the same moment, each
in a process of its own (forked, running the real command code), many rounds per pair, and
every run must end — a deadlock would leave both waiting until the limit below — with the
exit code it has when run alone.
"""

from __future__ import annotations

import itertools
import os
import signal
import sys
import time
import traceback
from pathlib import Path

import pytest

from assistant.cli.main import main
from assistant.core.buyers.shape import new_buyer_doc
from assistant.core.workspace import open_workspace

ROUNDS = 2
RACE_ROUNDS = 12  # the pair that deadlocked, run more often
BUYERS = 3000  # a big book: reading it keeps a writer between two locks for a while
LIMIT_S = 60.0  # far beyond any of these commands; only a deadlock reaches it

WRITERS: dict[str, list[str]] = {
    "add": ["add", "亲，并发写入的短语", "--group", "并发"],
    "edit": ["edit", "sx1", "--text", "亲，改过的短语"],
    "use": ["copy", "sx1"],
    "shop": ["shop", "--set", "活动=满200减20"],
    "buyer": ["buyer", "edit", "买家甲", "--remark", "甲姐"],
    "subgroup": ["groups", "sub", "add", "3", "Z", "临时"],
    "subgroup-rm": ["groups", "sub", "rm", "1", "A"],
    "backup": ["backup"],
    "restore": ["restore"],
    "import": ["buyer", "import-orders", "{orders}"],
}


def _fork(data: Path, argv: list[str]) -> int:
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 70
        try:
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(devnull, fd)
            code = main(["--data-dir", str(data), *argv])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 70
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    return pid


def _wait_all(pids: list[int]) -> list[int | None]:
    """Exit codes, None for a process still running at the limit (then killed)."""
    deadline = time.monotonic() + LIMIT_S
    codes: dict[int, int | None] = {}
    while len(codes) < len(pids) and time.monotonic() < deadline:
        for pid in pids:
            if pid in codes:
                continue
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                codes[pid] = os.waitstatus_to_exitcode(status)
        if len(codes) < len(pids):
            time.sleep(0.01)  # polling child exits, not synchronising with them
    for pid in pids:
        if pid not in codes:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            codes[pid] = None
    return [codes[pid] for pid in pids]


@pytest.fixture
def data(tmp_path: Path) -> tuple[Path, dict[str, list[str]]]:
    folder = tmp_path / "data"
    ws = open_workspace(folder)
    ws.phrases.add("亲，并发测试用的短语", code="sx1")
    ws.buyers.add("买家甲", subgroup="1A")
    with ws.folder.buyers.transaction():
        for i in range(BUYERS):
            doc = new_buyer_doc(f"老买家{i}", "taobao", "2026-11-01T10:00:00+00:00")
            doc.update(group=1, subgroup="1A")
            ws.folder.buyers.put(f"taobao:老买家{i}", doc)
    orders = tmp_path / "orders.csv"
    rows = ["订单编号,买家会员名,实付金额,订单状态,订单付款时间"]
    rows += [f"{9000 + i},买家{i},10.0,交易成功,2026-11-2{i % 9} 10:00:00" for i in range(30)]
    orders.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["--data-dir", str(folder), "backup"]) == 0  # so restore has one to take
    writers = {k: [a.replace("{orders}", str(orders)) for a in v] for k, v in WRITERS.items()}
    return folder, writers


def test_every_pair_of_writing_commands_run_together_finishes(
    data: tuple[Path, dict[str, list[str]]],
) -> None:
    folder, writers = data
    stuck: list[str] = []
    for (a, argv_a), (b, argv_b) in itertools.combinations_with_replacement(writers.items(), 2):
        rounds = RACE_ROUNDS if {a, b} == {"subgroup-rm", "backup"} else ROUNDS
        for _ in range(rounds):
            codes = _wait_all([_fork(folder, argv_a), _fork(folder, argv_b)])
            if None in codes:
                stuck.append(f"{a} + {b}")
                break
    assert stuck == []
    # And the folder is still usable by everyone.
    assert main(["--data-dir", str(folder), "add", "亲，之后还能写入"]) == 0
