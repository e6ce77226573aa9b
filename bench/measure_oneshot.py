"""One-shot commands at full size: `kefu render CODE` and `kefu copy CODE` as new processes,
each against a bare `python -c "import json"` start timed in the same run.

The three are timed in turns (bare, render, copy, bare, ...), so a change in the machine's
load during the run weighs on all of them alike and the ratio stays fair. An untimed run of
each comes first, so caches the command builds in its data folder exist (as they would after
its first use). `kefu copy` needs a clipboard: under `xvfb-run -a` it uses xclip; without a
display or xclip it is reported "not available".
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

from bench.config import OUT_DIR, PROJECT_DIR
from bench.context import Context
from bench.figures import Section, at_most, info, unavailable
from bench.procs import CliRun, child_env
from bench.stats import median

RATIO_TARGET = 8.0
BARE = [sys.executable, "-c", "import json"]
# Compiled modules are kept (outside the work tree) even when the environment says not to
# write them: an installed kefu has its .pyc files, as the standard library the bare start
# imports has; compiling every module at every start would measure the compiler.
PYCACHE = OUT_DIR / "pycache"


def oneshot_env() -> dict[str, str]:
    env = child_env(PYTHONPYCACHEPREFIX=str(PYCACHE))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def bare_start() -> float:
    """Wall time of a bare Python start, from spawn to exit (the same way kefu is timed)."""
    start = time.perf_counter()
    subprocess.run(BARE, cwd=PROJECT_DIR, env=oneshot_env(), check=True, capture_output=True)
    return time.perf_counter() - start


def run_kefu(args: list[str]) -> CliRun:
    """`kefu ARGS` as a new process, wall time from spawn to exit."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        cwd=PROJECT_DIR,
        env=oneshot_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=600,
    )
    return CliRun(time.perf_counter() - start, done.returncode, done.stdout, done.stderr)


def pick_code(ctx: Context) -> str:
    """A generated phrase's 快捷编码, the same every run: one whose text has no placeholder,
    so the command needs nothing but the phrase (no --set, no clipboard read)."""
    codes = sorted(
        d["code"] for d in ctx.ds.phrases if d.get("code") and "{" not in d.get("text", "")
    )
    if not codes:
        raise RuntimeError("the generated library has no 快捷编码 without placeholders")
    return codes[len(codes) // 2]


def clipboard_missing() -> str | None:
    """Why `kefu copy` cannot run here, or None."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return "no DISPLAY (run the bench under `xvfb-run -a`)"
    if os.environ.get("DISPLAY") and shutil.which("xclip") is None and not shutil.which("xsel"):
        return "neither xclip nor xsel is installed"
    return None


def _failure(run: CliRun) -> str:
    return f"exit code {run.code}: {run.stderr.strip()[-300:]}"


def run(ctx: Context) -> Section:
    section = Section("oneshot")
    data = ctx.copy("oneshot")
    code = pick_code(ctx)
    commands = {
        "render": ["--data-dir", str(data), "render", code],
        "copy": ["--data-dir", str(data), "copy", code],
    }
    why_not: dict[str, str] = {}
    missing = clipboard_missing()
    if missing:
        why_not["copy"] = missing
    for name, args in commands.items():
        if name not in why_not:
            first = run_kefu(args)  # untimed: builds whatever the command caches
            if first.code != 0:
                why_not[name] = _failure(first)
    bare_start()  # untimed: the interpreter's own files in the OS cache
    runs = max(ctx.sizes.cli_runs, 5)
    times: dict[str, list[float]] = {"bare": [], "render": [], "copy": []}
    failed: list[str] = []
    for _ in range(runs):
        times["bare"].append(bare_start())
        for name, args in commands.items():
            if name in why_not:
                continue
            done = run_kefu(args)
            if done.code != 0:
                failed.append(f"{name}: {_failure(done)}")
                continue
            times[name].append(done.seconds)
    bare = median(times["bare"])
    section.figures.append(
        info(
            "oneshot.bare_start_s",
            f'bare `python -c "import json"` start, median of {runs}',
            bare,
            "s",
        )
    )
    for name in commands:
        label = f"one-shot `kefu {name} CODE` at full size, median of {runs}"
        ratio_label = f"one-shot `kefu {name} CODE` ÷ bare start"
        target = f"≤ {RATIO_TARGET:g} ×"
        if name in why_not or not times[name]:
            why = why_not.get(name) or "every timed run failed"
            section.figures.append(unavailable(f"oneshot.{name}_s", label, "", why))
            section.figures.append(unavailable(f"oneshot.{name}_ratio", ratio_label, target, why))
            continue
        seconds = median(times[name])
        section.figures.append(info(f"oneshot.{name}_s", label, seconds, "s"))
        section.figures.append(
            at_most(f"oneshot.{name}_ratio", ratio_label, seconds / bare, "×", RATIO_TARGET)
        )
    section.details = {"code": code, "runs_s": times, "failed_runs": failed, "skipped": why_not}
    section.notes.append(
        f"One-shot: CODE = `{code}`; timed in turns (bare, render, copy) {runs} times; "
        + "; ".join(
            f"{name} runs {', '.join(f'{t:.3f}' for t in values)} s"
            for name, values in times.items()
            if values
        )
        + "."
    )
    if failed:
        section.notes.append(f"{len(failed)} one-shot runs failed; last: {failed[-1]}")
    return section
