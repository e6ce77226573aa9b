"""RESULTS.md and results.json: the same figures, for people and for tools."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import platform
import subprocess
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.config import PROJECT_DIR, Sizes
from bench.figures import Figure, Section


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _git(*args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def machine() -> dict[str, Any]:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {
        "nproc": usable,
        "cpu": _cpu_model(),
        "memory_gb": _memory_gb(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "os": platform.platform(),
    }


def code_version() -> dict[str, Any]:
    head = _git("rev-parse", "--short", "HEAD")
    dirty = bool(_git("status", "--porcelain", "--", "assistant"))
    return {"commit": head, "assistant_uncommitted_changes": dirty}


def _load(values: list[float] | None) -> str:
    return " / ".join(f"{v:.2f}" for v in values) if values else "?"


def _met(f: Figure) -> str:
    if f.met is None:
        return "–"
    return "yes" if f.met else "**no**"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(meta: dict[str, Any], sections: list[Section]) -> str:
    figures = [f for s in sections for f in s.figures]
    targeted = [f for f in figures if f.target]
    other = [f for f in figures if not f.target]
    m, code, sizes = meta["machine"], meta["code"], meta["sizes"]
    met = sum(1 for f in targeted if f.met)
    lines = [
        "# Benchmark results (issue 7)",
        "",
        f"- Command: `{meta['command']}` (from the project root)",
        f"- Date: {meta['date']}",
        f"- Machine: {m['nproc']} CPUs (nproc), {m['cpu']}, {m['memory_gb']} GB RAM, "
        f"{m['python']}, {m['os']}",
        f"- Code: commit {code['commit'] or '?'}"
        + (
            " with uncommitted changes in assistant/"
            if code["assistant_uncommitted_changes"]
            else ""
        )
        + (
            " — **assistant/ changed during the run: the figures may mix code versions**"
            if code["changed_during_run"]
            else ""
        ),
        f"- Sizes: {sizes['phrases']:,} phrases, {sizes['buyers']:,} buyers, "
        f"{sizes['order_rows']:,}-row order CSV, {sizes['xlsx_rows']:,}-row XLSX, "
        f"{sizes['sync_phrases']:,}-phrase sync pack (seed {sizes['seed']})",
        f"- Load average (1, 5, 15 min) at start {_load(meta['load_average']['start'])}, "
        f"at end {_load(meta['load_average']['end'])}: other work on the machine makes "
        "timings noisy",
        f"- Targets met: **{met} of {len(targeted)}**; run took {meta['seconds']:.0f} s",
        "",
        "| figure | value | target | met |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {_cell(f.label)} | {_cell(f.text())} | {f.target} | {_met(f)} |" for f in targeted
    ]
    if other:
        lines += ["", "Other figures (no target):", "", "| figure | value |", "|---|---|"]
        lines += [f"| {_cell(f.label)} | {_cell(f.text())} |" for f in other]
    notes = [f"{f.label}: {f.note}" for f in figures if f.note]
    for s in sections:
        notes += s.notes
    if notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    lines += [
        "",
        "## Reproduce",
        "",
        "```",
        "python -m bench            # full size, writes bench/RESULTS.md and bench/results.json",
        "python -m bench --quick    # small smoke run, writes bench/out/",
        "```",
        "",
        "See bench/README.md for what each figure measures and how.",
        "",
    ]
    return "\n".join(lines)


def write(out_dir: Path, meta: dict[str, Any], sections: list[Section]) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    md = out_dir / "RESULTS.md"
    js = out_dir / "results.json"
    md.write_text(render_markdown(meta, sections), encoding="utf-8")
    data = {
        **meta,
        "figures": {f.key: f.to_json() for s in sections for f in s.figures},
        "sections": {
            s.name: {"seconds": s.seconds, "notes": s.notes, "details": s.details} for s in sections
        },
    }
    js.write_text(
        json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8"
    )
    return md, js


def code_digest() -> str:
    """A digest of the code measured, to notice when it changes in the middle of a run."""
    h = hashlib.sha256()
    for path in sorted((PROJECT_DIR / "assistant").rglob("*.py")):
        h.update(str(path.relative_to(PROJECT_DIR)).encode())
        with contextlib.suppress(OSError):
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


def load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


@dataclass
class RunStart:
    command: str
    sizes: Sizes
    started: float = field(default_factory=time.perf_counter)
    date: str = field(default_factory=lambda: datetime.now().astimezone().isoformat("T", "seconds"))
    digest: str = field(default_factory=code_digest)
    load: list[float] | None = field(default_factory=load_average)


def run_meta(start: RunStart) -> dict[str, Any]:
    end_digest = code_digest()
    return {
        "command": start.command,
        "date": start.date,
        "machine": machine(),
        "code": {
            **code_version(),
            "digest": start.digest,
            "changed_during_run": end_digest != start.digest,
        },
        "load_average": {"start": start.load, "end": load_average()},
        "sizes": asdict(start.sizes),
        "seconds": time.perf_counter() - start.started,
    }
