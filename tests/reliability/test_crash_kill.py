"""Crash safety (issue 8, item 1): writers killed with SIGKILL at random moments, 300+ times.

Writers: `kefu add`, `kefu edit`, `kefu buyer add`, `kefu buyer import-orders` of a small
CSV, and a driver that records phrase uses in a loop (printing ``done N`` after each
committed use). Each job changes things no other job touches, so each can be checked.

Two kinds of writer process, four running at once:
- real processes, ``python -m assistant --data-dir DIR ...`` (and ``python -c`` for the use
  driver), at least REAL_KILLS of them killed;
- forked children of the test process that run the same command code
  (``assistant.cli.main.main``) — a process of their own, killed the same way, but
  without the ~0.5 s interpreter start, so that 300+ kills fit in the suite's time.

Where the kill lands: an audit hook (tests/reliability/io_probe.py) makes every writer
print ``@io <event>`` to stderr before each operation that can change a file in the data
folder. The test kills a writer once it has read k such lines, k drawn from a seeded
generator between 1 and the number of such operations the job makes (the median of the
jobs of its kind that ran to their end). A real process runs on meanwhile, so its kill
lands wherever it has got to. A forked writer waits after each line for one byte on a
pipe: half of them are killed exactly before operation k (while waiting), half just after
being let go into it. Either way the kills fall inside the write protocol (after mkstemp
while the data is written, between the backup link and the rename...), and no sleep
decides when.

Afterwards: every data file loads, no file was set aside as damaged, no temporary file
can be mistaken for data, the workspace opens without recovering anything, and every
change a command reported as done is there (a job that printed nothing: its change is
whole or absent). Killed imports are run again and complete without counting an order
twice.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import selectors
import signal
import subprocess
import sys
import textwrap
import traceback
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median_low

import orjson
import pytest

from assistant.cli.main import main
from assistant.core.buyers.orders import import_orders
from assistant.core.phrases.shape import make_fields, new_doc
from assistant.core.search import pinyin
from assistant.core.workspace import Workspace, open_workspace
from tests.helpers import kefu_env
from tests.reliability import io_probe
from tests.reliability.conftest import (
    assert_every_data_file_loads,
    assert_no_temp_file_looks_like_data,
    kefu,
)

SEED = int(os.environ.get("KEFU_CRASH_SEED", "20261122"))
MIN_KILLS = 300
REAL_KILLS = 40
PARALLEL = 4
BATCH = 24
USES_PER_DRIVER = 25
ORDERS_PER_IMPORT = 20
ACCOUNTS_PER_IMPORT = 5
KINDS = ("add", "edit", "buyer", "import", "use")
WEIGHTS = (25, 20, 20, 15, 20)
REPO = Path(__file__).resolve().parents[2]

SITECUSTOMIZE = textwrap.dedent(
    """
    import os

    if os.environ.get("KEFU_CRASH_WATCH"):
        from tests.reliability.io_probe import install

        install(os.environ["KEFU_CRASH_WATCH"])
    """
)

USE_DRIVER = textwrap.dedent(
    """
    import sys
    from assistant.core.workspace import open_workspace

    data, phrase_id, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    phrases = open_workspace(data).phrases
    for n in range(1, count + 1):
        phrases.record_use(phrase_id)
        print(f"done {n}", flush=True)
    """
)


@dataclass
class Job:
    kind: str
    index: int
    argv: list[str]  # for `kefu --data-dir DIR ...`; the use driver: [phrase id]
    stop_after: int | None = None  # file operations to see before the kill; None: finish
    target: str = ""  # phrase id (edit, use) or account (buyer)
    expected: str = ""  # the text or note the change writes
    old: str = ""
    accounts: dict[str, int] = field(default_factory=dict)  # import: orders per account
    csv: Path | None = None
    mode: str = "real"  # real | fork
    exact: bool = False  # fork: killed just before the operation k, not while it runs
    killed: bool = False
    code: int | None = None
    out: str = ""
    err: str = ""
    events: int = 0
    last_event: str = ""

    def see(self, line: bytes) -> bool:
        """Take one stderr line; True when the job should be killed now."""
        if not line.startswith(io_probe.MARK):
            self.err += line.decode("utf-8", "replace") + "\n"
            return False
        self.events += 1
        self.last_event = line[len(io_probe.MARK) :].decode().strip()
        return self.stop_after is not None and self.events >= self.stop_after

    def finish(self, code: int) -> Job:
        self.code = code
        self.killed = code == -signal.SIGKILL
        if not self.killed:
            assert code == 0, (self.kind, self.mode, self.argv, code, self.err)
        return self


# -- real processes -------------------------------------------------------------------------
def run_real(job: Job, data: Path, env: dict[str, str]) -> Job:
    if job.kind == "use":
        cmd = [sys.executable, "-c", USE_DRIVER, str(data), job.argv[0], str(USES_PER_DRIVER)]
    else:
        cmd = [sys.executable, "-m", "assistant", "--data-dir", str(data), *job.argv]
    proc = subprocess.Popen(
        cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    assert proc.stderr is not None and proc.stdout is not None
    for line in proc.stderr:
        if job.see(line.rstrip(b"\n")):
            proc.send_signal(signal.SIGKILL)
            break
    proc.stderr.read()  # until the process is gone
    job.out = proc.stdout.read().decode("utf-8", "replace")
    return job.finish(proc.wait(timeout=120))


# -- forked children of this process --------------------------------------------------------
def _child(job: Job, data: Path, out_fd: int, err_fd: int, gate_fd: int) -> None:
    """Runs in the forked child: never returns."""
    code = 70
    try:
        os.dup2(out_fd, 1)
        os.dup2(err_fd, 2)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False, buffering=1)  # noqa: SIM115
        io_probe.install(str(data), gate=gate_fd)
        if job.kind == "use":
            phrases = open_workspace(data).phrases
            for n in range(1, USES_PER_DRIVER + 1):
                phrases.record_use(job.argv[0])
                print(f"done {n}", flush=True)
            code = 0
        else:
            code = main(["--data-dir", str(data), *job.argv])
        sys.stdout.flush()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 70
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(code)


@dataclass
class _Live:
    job: Job
    pid: int
    fds: dict[int, str]
    gate: int  # one byte lets the child go on past the file operation it announced
    buf: bytes = b""
    out: bytes = b""
    kill_sent: bool = False

    def release(self) -> None:
        with contextlib.suppress(OSError):  # the child may be gone
            os.write(self.gate, b"g")

    def on_line(self, line: bytes) -> None:
        if self.kill_sent:
            return
        if not self.job.see(line):
            if line.startswith(io_probe.MARK):
                self.release()
            return
        # Either exactly before the announced operation (the child is waiting), or
        # while it runs (released, then killed at once).
        if not self.job.exact:
            self.release()
        os.kill(self.pid, signal.SIGKILL)
        self.kill_sent = True


def run_forked(jobs: list[Job], data: Path, parallel: int = PARALLEL) -> list[Job]:
    sys.stdout.flush()
    sys.stderr.flush()
    pending = list(reversed(jobs))
    live: dict[int, _Live] = {}
    by_fd: dict[int, _Live] = {}
    with selectors.DefaultSelector() as sel:
        while pending or live:
            while pending and len(live) < parallel:
                job = pending.pop()
                job.mode = "fork"
                out_r, out_w = os.pipe()
                err_r, err_w = os.pipe()
                gate_r, gate_w = os.pipe()
                pid = os.fork()
                if pid == 0:  # pragma: no cover - the child
                    _child(job, data, out_w, err_w, gate_r)
                for fd in (out_w, err_w, gate_r):
                    os.close(fd)
                child = _Live(job, pid, {out_r: "out", err_r: "err"}, gate_w)
                live[pid] = child
                for fd in (out_r, err_r):
                    by_fd[fd] = child
                    sel.register(fd, selectors.EVENT_READ)
            for key, _ in sel.select():
                fd = key.fd
                child = by_fd[fd]
                chunk = os.read(fd, 65536)
                if chunk and child.fds[fd] == "out":
                    child.out += chunk
                elif chunk:
                    child.buf += chunk
                    *lines, child.buf = child.buf.split(b"\n")
                    for line in lines:
                        child.on_line(line)
                else:
                    sel.unregister(fd)
                    os.close(fd)
                    del child.fds[fd], by_fd[fd]
                    if not child.fds:
                        os.close(child.gate)
                        _, status = os.waitpid(child.pid, 0)
                        child.job.out = child.out.decode("utf-8", "replace")
                        child.job.finish(os.waitstatus_to_exitcode(status))
                        del live[child.pid]
    return jobs


# -- the jobs ---------------------------------------------------------------------------------
class Plan:
    def __init__(self, ws: Workspace, work: Path, rng: random.Random) -> None:
        self.ws, self.work, self.rng = ws, work, rng
        self.count = 0

    def _phrase(self, text: str) -> str:
        doc = new_doc(make_fields(text))
        self.ws.phrases.put_docs([doc])
        return str(doc["id"])

    def make(self, kind: str, span: dict[str, int] | None = None) -> Job:
        job = self._make(kind)
        # One in eight runs to its end amid the kills; the others die after k file
        # operations, anywhere from the first to the last the job makes.
        if span is not None and self.rng.random() >= 1 / 8:
            job.stop_after = self.rng.randint(1, span[kind])
            job.exact = self.rng.random() < 0.5
        return job

    def _make(self, kind: str) -> Job:
        i = self.count
        self.count += 1
        chinese = i % 3 == 0  # Chinese text costs a pinyin import in a new process
        if kind == "add":
            text = f"亲，第{i}号短语：明天发货" if chinese else f"Hi, order #{i} ships today"
            return Job(kind, i, ["add", text, "--code", f"k{i}"], expected=text)
        if kind == "edit":
            old = f"edit target {i}, old text"
            target = self._phrase(old)
            text = f"亲，第{i}号已修改" if chinese else f"edit target {i}, new text"
            argv = ["edit", target, "--text", text]
            return Job(kind, i, argv, target=target, expected=text, old=old)
        if kind == "buyer":
            account = f"崩溃买家{i}" if chinese else f"crash_buyer_{i}"
            note = f"note {i}: size 38"
            argv = ["buyer", "add", account, "--note", note]
            return Job(kind, i, argv, target=account, expected=note)
        if kind == "import":
            return self._import_job(i)
        target = self._phrase(f"use target {i}")
        return Job(kind, i, [target], target=target)

    def _import_job(self, i: int) -> Job:
        accounts: Counter[str] = Counter()
        lines = ["订单编号,买家会员名,买家实际支付金额,订单状态,订单付款时间"]
        for n in range(ORDERS_PER_IMPORT):
            account = f"order_buyer_{i}_{n % ACCOUNTS_PER_IMPORT}"
            accounts[account] += 1
            day = n % 28 + 1
            lines.append(f"9{i:05d}{n:04d},{account},12.50,交易成功,2026-11-{day:02d} 10:00:00")
        csv = self.work / f"orders-{i}.csv"
        csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
        argv = ["buyer", "import-orders", str(csv)]
        return Job("import", i, argv, accounts=dict(accounts), csv=csv)


def logged_uses(ws: Workspace) -> Counter[str]:
    log = ws.folder.usage_log
    return Counter(str(e.get("phrase")) for month in log.months() for e in log.events(month))


def check_job(job: Job, ws: Workspace, uses: Counter[str]) -> None:
    """Reported changes are there; unreported ones are whole or absent."""
    reported = job.code == 0
    if job.kind == "add":
        found = [p for p in ws.phrases.all(include_hidden=True) if p.code == f"k{job.index}"]
        assert len(found) <= 1
        if reported:
            new_id = job.out.strip()
            assert re.fullmatch(r"[0-9a-f]{32}", new_id), job.out
            assert [p.id for p in found] == [new_id]
        assert all(p.text == job.expected for p in found)
    elif job.kind == "edit":
        text = ws.phrases.get(job.target).text
        if reported:
            assert "已修改" in job.out
            assert text == job.expected
        else:
            assert text in (job.expected, job.old)
    elif job.kind == "buyer":
        if reported:
            assert "已添加买家" in job.out
            assert ws.buyers.exists(job.target)
        if ws.buyers.exists(job.target):
            assert ws.buyers.get(job.target).notes == job.expected
    elif job.kind == "import":
        counts = {a: ws.buyers.get(a).order_count for a in job.accounts if ws.buyers.exists(a)}
        if reported:
            assert f"读取 {ORDERS_PER_IMPORT} 行" in job.out
            assert counts == job.accounts
        else:  # a buyer's orders sit in one document: each buyer has all of them or none
            assert all(counts[a] == job.accounts[a] for a in counts), counts
    else:
        printed = [int(m) for m in re.findall(r"^done (\d+)$", job.out, re.M)]
        done = max(printed, default=0)
        count = ws.phrases.get(job.target).use_count
        # The use in flight when the kill came may have been committed without its line.
        assert done <= count <= done + 1, (done, count)
        assert done <= uses[job.target] <= count, (done, uses[job.target], count)
        if not job.killed:
            assert count == done == USES_PER_DRIVER


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_reported_change(
    seeded_dir: Path, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    data = seeded_dir.resolve()
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    env = kefu_env()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), str(REPO), env.get("PYTHONPATH")]))
    env["KEFU_CRASH_WATCH"] = str(data)
    ws = open_workspace(data)
    pinyin.encode("亲")  # forked children inherit pypinyin instead of each importing it
    plan = Plan(ws, work, rng)

    # Calibration: one job of each kind runs to its end in each mode, to learn how many
    # file operations it makes: kill points are drawn from 1 to the median number of
    # operations of the jobs of that kind that ran to their end (kept up to date; the
    # first run of a kind can make more, creating files that later runs find).
    jobs = [run_real(plan.make(kind), data, env) for kind in KINDS]
    jobs += run_forked([plan.make(kind) for kind in KINDS], data, parallel=1)

    def span(mode: str) -> dict[str, int]:
        # Only jobs never sent a kill: one the kill reached just after its last operation
        # also ends with 0, and its count would drag the range down.
        done = [j for j in jobs if j.mode == mode and j.code == 0 and j.stop_after is None]
        return {kind: median_low(j.events for j in done if j.kind == kind) for kind in KINDS}

    assert min(span("real").values()) > 0 and min(span("fork").values()) > 0, jobs

    def kills(mode: str | None = None) -> int:
        return sum(j.killed for j in jobs if mode is None or j.mode == mode)

    with ThreadPoolExecutor(PARALLEL) as pool:
        while kills("real") < REAL_KILLS:
            batch = [plan.make(rng.choices(KINDS, WEIGHTS)[0], span("real")) for _ in range(BATCH)]
            jobs += pool.map(lambda j: run_real(j, data, env), batch)
    while kills() < MIN_KILLS:
        batch = [plan.make(rng.choices(KINDS, WEIGHTS)[0], span("fork")) for _ in range(BATCH)]
        jobs += run_forked(batch, data)

    # Every data file loads; nothing was damaged; no temporary file passes for data.
    checked = assert_every_data_file_loads(data)
    assert [p for p in data.rglob("*") if ".damaged-" in p.name] == []
    leftovers = assert_no_temp_file_looks_like_data(data)

    fresh = open_workspace(data)
    fresh.phrases.all(include_hidden=True)
    fresh.buyers.all(archived=None)
    fresh.settings.load()
    fresh.shop.get()
    uses = logged_uses(fresh)
    assert fresh.folder.recovered() == []
    listed = kefu(data, "list", "--all")
    assert listed.code == 0 and listed.err == "", listed.err
    assert kefu(data, "buyer", "list").code == 0

    for job in jobs:
        check_job(job, fresh, uses)

    # An import killed midway is completed by running it again; running a finished one
    # again counts nothing twice (each order number counts once).
    for job in jobs:
        if job.kind == "import":
            assert job.csv is not None
            import_orders(fresh.buyers, job.csv)
            assert {a: fresh.buyers.get(a).order_count for a in job.accounts} == job.accounts

    torn = 0  # use-log lines a kill cut short: skipped by readers, never a reported use
    for path in (data / "usage-log").glob("*.jsonl"):
        for line in path.read_bytes().splitlines():
            try:
                orjson.loads(line)
            except orjson.JSONDecodeError:
                torn += 1

    by_kind = Counter(j.kind for j in jobs if j.killed)
    moments = Counter(j.last_event for j in jobs if j.killed)
    reported = sum(1 for j in jobs if j.code == 0)
    unplanned = Counter(f"{j.mode}-{j.kind}" for j in jobs if j.stop_after and not j.killed)
    summary = (
        f"crash test (seed {SEED}): {kills()} SIGKILLs ({kills('real')} of real "
        f"`python -m assistant`/driver processes, {kills('fork')} of forked writers, "
        f"{sum(j.killed and j.exact for j in jobs)} of these exactly before an operation) over "
        f"{len(jobs)} processes, {reported} of which ran to the end; kills by kind "
        f"{dict(sorted(by_kind.items()))}; kills right after {dict(moments.most_common())}; "
        f"{checked} data files checked; {len(leftovers)} temporary files left by killed "
        f"writers (none read as data); {torn} torn use-log lines; file operations per job "
        f"{span('real')} (real), {span('fork')} (forked); meant to be killed but finished first "
        f"{dict(unplanned)}"
    )
    print("\n" + summary)
    assert kills() >= MIN_KILLS
    assert kills("real") >= REAL_KILLS
    assert reported >= 2 * len(KINDS)


def test_the_io_probe_sees_writes_and_not_reads(tmp_path: Path) -> None:
    """The kill points are only as good as the probe: it must see writes, not reads."""
    watched = tmp_path / "watched"
    watched.mkdir()
    (watched / "old.json").write_text("{}", encoding="utf-8")
    code = textwrap.dedent(
        """
        import os, sys, tempfile
        from tests.reliability.io_probe import install
        root = sys.argv[1]
        install(root)
        open(os.path.join(root, "old.json")).read()
        fd, tmp = tempfile.mkstemp(dir=root)
        os.close(fd)
        os.replace(tmp, os.path.join(root, "new.json"))
        with open(os.path.join(root, "new.json"), "w") as fh:
            fh.write("{}")
        os.remove(os.path.join(root, "old.json"))
        """
    )
    env = kefu_env()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-c", code, str(watched)],
        capture_output=True,
        env=env,
        check=True,
    )
    events = [line.split()[1] for line in io.BytesIO(result.stderr).read().decode().splitlines()]
    assert events == ["tempfile.mkstemp", "open", "os.rename", "open", "os.remove"]


def test_a_use_recorded_after_a_torn_log_line_is_not_lost(seeded_dir: Path) -> None:
    """A writer killed in the middle of appending to the monthly use log (or a disk that
    filled up mid-line) leaves a line without its end. The next use must still be read
    back: it may not be glued onto the torn line and skipped with it."""
    ws = open_workspace(seeded_dir)
    phrase = ws.phrases.add("亲，在的", code="torn")
    ws.phrases.record_use(phrase.id)
    log = ws.folder.usage_log
    (month,) = log.months()
    with log.path(month).open("ab") as fh:
        fh.write(b'{"phrase":"' + phrase.id.encode() + b'","at":"2026-11')  # cut short
    ws.phrases.record_use(phrase.id)
    events = [e for e in log.events(month) if e.get("phrase") == phrase.id]
    assert len(events) == 2
    assert ws.phrases.get(phrase.id).use_count == 2
