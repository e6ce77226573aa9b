"""Child processes of the harness: the `kefu` command and the tray app, timed from spawn."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.config import PROJECT_DIR


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("KEFU_DATA_DIR", None)  # the data folder is always given with --data-dir
    env.setdefault("PYTHONIOENCODING", "utf-8")
    env.update(extra)
    return env


@dataclass
class CliRun:
    seconds: float
    code: int
    stdout: str
    stderr: str


def run_cli(args: list[str], timeout: float = 600) -> CliRun:
    """`kefu ARGS` as a new process ([python, -m, assistant, ...]), wall time from spawn to exit."""
    cmd = [sys.executable, "-m", "assistant", *args]
    start = time.perf_counter()
    done = subprocess.run(
        cmd,
        cwd=PROJECT_DIR,
        env=child_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
    )
    return CliRun(time.perf_counter() - start, done.returncode, done.stdout, done.stderr)


def proc_status(pid: int) -> dict[str, int]:
    """VmHWM / VmRSS of a process in kB, from /proc (Linux)."""
    out: dict[str, int] = {}
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return out
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            out[key] = int(value.split()[0])
    return out


@dataclass
class AppRun:
    ready_s: float | None
    vm_hwm_kb: int | None = None
    vm_rss_kb: int | None = None
    quit_ok: bool = False
    killed: bool = False
    code: int | None = None
    stderr: list[str] = field(default_factory=list)


def _pump(stream: object, lines: queue.Queue[str | None]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        lines.put(line.rstrip("\n"))
    lines.put(None)


def run_app(data: Path, timeout: float, settle_s: float = 1.0, until: str | None = None) -> AppRun:
    """Start the tray app offscreen, time until "kefu: ready", read its memory, quit it.

    Before reading the memory the quick panel is opened once ("show") and left ``settle_s``
    seconds, so work the app defers past "ready" is counted in the peak; with ``until``, only
    after the app printed a line starting with it too (or ``timeout`` passed): work it does
    in a thread after "ready" (the reply suggestions' index).
    """
    from assistant.core.system.instance import send_to_running

    cmd = [sys.executable, "-m", "assistant.ui.app", "--data-dir", str(data), "--fake-hotkey"]
    env = child_env(QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=PROJECT_DIR,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_pump, args=(proc.stderr, lines), daemon=True).start()
    run = AppRun(ready_s=None)
    deadline = start + timeout
    waiting = until is not None
    while run.ready_s is None:
        try:
            line = lines.get(timeout=max(0.01, deadline - time.perf_counter()))
        except queue.Empty:
            break
        if line is None:
            break
        run.stderr.append(line)
        if line.startswith("kefu: ready"):
            run.ready_s = time.perf_counter() - start
        elif until is not None and line.startswith(until):
            waiting = False
    while waiting and run.ready_s is not None:
        try:
            line = lines.get(timeout=max(0.01, deadline - time.perf_counter()))
        except queue.Empty:
            break
        if line is None:
            break
        run.stderr.append(line)
        if until is not None and line.startswith(until):
            break
    try:
        if run.ready_s is not None:
            send_to_running(data, "show")
            time.sleep(settle_s)
            status = proc_status(proc.pid)
            run.vm_hwm_kb, run.vm_rss_kb = status.get("VmHWM"), status.get("VmRSS")
            run.quit_ok = send_to_running(data, "quit", timeout=5.0)
        try:
            run.code = proc.wait(timeout=15 if run.quit_ok else 0.5)
        except subprocess.TimeoutExpired:
            proc.kill()
            run.killed = True
            run.code = proc.wait(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=15)
    while True:  # what the app printed after "ready" (errors on quit, for the report)
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            break
        if line is None:
            break
        run.stderr.append(line)
    return run
