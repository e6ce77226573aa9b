"""CopyQ beside the app, on the same private X desktop (Xvfb + openbox), in the same run.

CopyQ (the Debian package ``copyq``, not installed by the project: "not available" without
it) gets a home of its own in the scratch folder and 10,000 text items (the first 10,000
generated phrase texts, added with ``copyq add`` in batches). Then, for CopyQ and for our app,
one untimed start and ``app_runs`` timed ones:

- CopyQ: from spawning the server (``copyq``) to the first ``copyq count`` that answers
  10000, polled from the start; its own client start is part of that, so the time of one
  ``copyq count`` against the running server is given too. Memory of the server process
  (VmRSS/VmHWM) 1 s after ready, and with its helper processes (the clipboard monitor).
- ours: ``python -m assistant.ui.app --data-dir D`` (the xcb platform, the real hotkey) from
  spawn to its "kefu: ready" line; the quick panel opened once, VmRSS/VmHWM 1 s later.

No target: the figures and our ratios to CopyQ (ready time, RSS) are given for information.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from bench.context import Context
from bench.figures import Section, info, unavailable
from bench.stats import median
from bench.xdesk import (
    children,
    mark_setup_done,
    missing_tools,
    proc_status,
    start_app,
    x_desktop,
)

ITEMS = 10_000
BATCH = 500  # items per `copyq add` (one argument each; well inside the argument limit)
SETTLE_S = 1.0
CLI_TIMEOUT_S = 60.0


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


class CopyQ:
    """CopyQ with a home of its own on ``desk``."""

    def __init__(self, desk: Any, home: Path) -> None:
        home.mkdir(parents=True, exist_ok=True)
        runtime = home / "run"
        runtime.mkdir(mode=0o700, exist_ok=True)
        self.env = {
            **desk.env,
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_RUNTIME_DIR": str(runtime),
        }
        self.log = home / "copyq.log"
        self.server: subprocess.Popen[bytes] | None = None

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["copyq", *args],
            env=self.env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=CLI_TIMEOUT_S,
            check=False,
        )

    def start(self, expect: int | None = None) -> float:
        """Spawn the server; seconds until `copyq count` answers (``expect`` items)."""
        start = time.perf_counter()
        with self.log.open("ab") as log:
            self.server = subprocess.Popen(
                ["copyq"],
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        end = start + CLI_TIMEOUT_S
        while True:
            done = self.cli("count")
            count = done.stdout.strip()
            if done.returncode == 0 and count.isdigit() and expect in (None, int(count)):
                return time.perf_counter() - start
            if time.perf_counter() > end or self.server.poll() is not None:
                raise RuntimeError(f"copyq did not answer: {done.stderr.strip()[-300:]}")
            time.sleep(0.02)  # the poll's pace: each client is a process of its own

    def memory(self) -> tuple[int, int, int]:
        """VmRSS and VmHWM of the server, and VmRSS of the server with its helpers (kB)."""
        assert self.server is not None
        own = proc_status(self.server.pid)
        helpers = sum(proc_status(c).get("VmRSS", 0) for c in children(self.server.pid))
        rss = own.get("VmRSS", 0)
        return rss, own.get("VmHWM", 0), rss + helpers

    def stop(self) -> None:
        if self.server is None:
            return
        self.cli("exit")
        try:
            self.server.wait(30)
        except subprocess.TimeoutExpired:
            self.server.kill()
            self.server.wait(10)
        self.server = None


def _fill(copyq: CopyQ, texts: list[str]) -> int:
    copyq.start()
    try:
        copyq.cli("config", "maxitems", str(ITEMS))
        for i in range(0, len(texts), BATCH):
            done = copyq.cli("add", "--", *texts[i : i + BATCH])
            if done.returncode != 0:
                raise RuntimeError(f"copyq add failed: {done.stderr.strip()[-300:]}")
        count = copyq.cli("count").stdout.strip()
        return int(count) if count.isdigit() else 0
    finally:
        copyq.stop()


def _copyq_runs(copyq: CopyQ, runs: int, stored: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {"ready_s": [], "rss_mb": [], "hwm_mb": [], "total_mb": []}
    out["cli_s"] = []
    for i in range(runs + 1):
        ready = copyq.start(expect=stored)
        try:
            time.sleep(SETTLE_S)
            rss, hwm, total = copyq.memory()
            start = time.perf_counter()
            copyq.cli("count")
            cli = time.perf_counter() - start
        finally:
            copyq.stop()
        if i == 0:
            continue  # untimed: the OS file cache
        out["ready_s"].append(ready)
        out["rss_mb"].append(rss / 1024)
        out["hwm_mb"].append(hwm / 1024)
        out["total_mb"].append(total / 1024)
        out["cli_s"].append(cli)
    return out


def _our_runs(ctx: Context, desk: Any, runs: int) -> dict[str, list[float]]:
    from assistant.core.system.instance import send_to_running

    data = ctx.copy("copyq-ours")
    mark_setup_done(data)
    trace = data.parent / "trace.txt"  # unused here; start_app always names one
    out: dict[str, list[float]] = {"ready_s": [], "rss_mb": [], "hwm_mb": []}
    for i in range(runs + 1):
        app = start_app(desk, data, trace, timeout=ctx.sizes.app_timeout)
        try:
            if app.ready_s is None:
                raise RuntimeError("no 'kefu: ready' line: " + " | ".join(app.stderr[-6:]))
            send_to_running(data, "show")
            time.sleep(SETTLE_S)
            status = proc_status(app.proc.pid)
        finally:
            app.quit()
        if i == 0:
            continue  # untimed: lets the app build what it caches in its data folder
        out["ready_s"].append(app.ready_s)
        out["rss_mb"].append(status.get("VmRSS", 0) / 1024)
        out["hwm_mb"].append(status.get("VmHWM", 0) / 1024)
    return out


def run(ctx: Context) -> Section:
    section = Section("copyq")
    label = f"CopyQ ({ITEMS:,} items) beside the app, same Xvfb"
    missing = missing_tools("copyq")
    if missing:
        why = f"needs {', '.join(missing)} (copyq: apt-get install copyq; not installed by us)"
        section.figures.append(unavailable("copyq.ready_s", label, "", why))
        return section
    texts = [d["text"] for d in ctx.ds.phrases[:ITEMS]]
    runs = ctx.sizes.app_runs
    load_start = _load()
    root = ctx.scratch.fresh("copyq-desktop")
    with x_desktop(root / "desktop") as desk:
        copyq = CopyQ(desk, root / "copyq-home")
        stored = _fill(copyq, texts)
        theirs = _copyq_runs(copyq, runs, stored)
        ours = _our_runs(ctx, desk, runs)
    load_end = _load()
    c_ready, o_ready = median(theirs["ready_s"]), median(ours["ready_s"])
    c_rss, o_rss = median(theirs["rss_mb"]), median(ours["rss_mb"])
    section.figures += [
        info("copyq.ready_s", f"CopyQ ready (start → `copyq count` answers), median of {runs}",
             c_ready, "s"),
        info("copyq.rss_mb", "CopyQ server RSS once ready (VmRSS, median)", c_rss, "MB"),
        info("copyq.peak_rss_mb", "CopyQ server peak RSS (VmHWM, highest)",
             max(theirs["hwm_mb"]), "MB"),
        info("copyq.total_rss_mb", "CopyQ server and its helper processes, RSS (median)",
             median(theirs["total_mb"]), "MB"),
        info("copyq.ours_ready_s", f"our app ready under the same Xvfb, median of {runs}",
             o_ready, "s"),
        info("copyq.ours_rss_mb", "our app RSS at full size once ready (VmRSS, median)",
             o_rss, "MB"),
        info("copyq.ours_peak_rss_mb", "our app peak RSS (VmHWM, highest)",
             max(ours["hwm_mb"]), "MB"),
        info("copyq.ready_ratio", "ready time, ours ÷ CopyQ's", o_ready / c_ready, "×"),
        info("copyq.rss_ratio", "RSS once ready, ours ÷ CopyQ server's", o_rss / c_rss, "×"),
    ]  # fmt: skip
    section.details = {
        "items_stored": stored,
        "copyq_version": _copyq_version(),
        "copyq": theirs,
        "ours": ours,
        "load_average": {"start": load_start, "end": load_end},
    }
    section.notes.append(
        f"CopyQ {section.details['copyq_version']} with {stored:,} items (the first {ITEMS:,} "
        "phrase texts), a home of its own in the scratch folder; its ready time includes one "
        f"`copyq count` client start (alone: median {median(theirs['cli_s']):.2f} s). Ours: "
        f"{ctx.sizes.phrases:,} phrases and {ctx.sizes.buyers:,} buyers, the real hotkey, "
        f"the panel opened once before memory is read. Load average {load_start} at the "
        f"start, {load_end} at the end."
    )
    return section


def _copyq_version() -> str:
    if shutil.which("copyq") is None:
        return ""
    done = subprocess.run(["copyq", "--version"], capture_output=True, text=True, check=False)
    first = (done.stdout or done.stderr).splitlines()
    return first[0].replace("CopyQ Clipboard Manager", "").strip() if first else ""
