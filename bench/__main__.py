"""`python -m bench`: generate (or reuse) the library, measure, write the results.

A full-size run of every measurement writes bench/RESULTS.md and bench/results.json; a
quick run, a partial run (--only) or other sizes write to bench/out/ instead, so the
committed results always describe a full run.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from bench import (
    measure_buyers_window,
    measure_copyq,
    measure_edit,
    measure_equal,
    measure_import,
    measure_oneshot,
    measure_panel,
    measure_search,
    measure_soak,
    measure_start,
    measure_suggest,
    measure_sync,
)
from bench.config import BENCH_DIR, FULL, OUT_DIR, sizes_for
from bench.context import Context
from bench.figures import Figure, Section
from bench.generate import Scratch, log, prepare
from bench.report import RunStart, run_meta, write

MEASURES: dict[str, tuple[Callable[[Context], Section], str]] = {
    "search": (measure_search.run, "search latency, phrases and buyers"),
    "after-edit": (measure_search.run_after_edit, "a search right after an edit"),
    "equal": (measure_equal.run, "search results against the brute-force reference"),
    "edit": (measure_edit.run, "durable edits, ours and stock TinyDB"),
    "cold": (measure_start.run_cold_cli, "`kefu search 催付` as a new process"),
    "app": (measure_start.run_app_start, "tray app until ready, and its peak memory"),
    "oneshot": (measure_oneshot.run, "`kefu render CODE` / `kefu copy CODE` against a bare start"),
    "xlsx": (measure_import.run_xlsx, "XLSX phrase import through `kefu pack import`"),
    "orders": (measure_import.run_orders, "order-report CSV import"),
    "sync": (measure_sync.run, "pack pulled from a loopback WebDAV server"),
    "soak": (measure_soak.run, "a compressed working day: memory and search at start and end"),
    "keystroke": (measure_panel.run_keystroke, "keystroke → results shown, real panel on Xvfb"),
    "hotkey": (measure_panel.run_hotkey, "hotkey pressed → panel visible, real X11 grab"),
    "buyers-window": (measure_buyers_window.run, "the 买家 window: open, keystroke, narrowing"),
    "copyq": (measure_copyq.run, "CopyQ beside the app: ready time and memory, our ratios"),
    "suggest": (measure_suggest.run, "`kefu suggest` in process: index build and latency"),
}
ALIASES = {"memory": ["app"], "import": ["xlsx", "orders"], "start": ["cold", "app"]}


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    names = ", ".join([*MEASURES, *ALIASES])
    p = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--phrases", type=int, help=f"phrases in the library (default {FULL.phrases})")
    p.add_argument("--buyers", type=int, help=f"buyers in the library (default {FULL.buyers})")
    p.add_argument("--seed", type=int, help=f"generator seed (default {FULL.seed})")
    p.add_argument("--quick", action="store_true", help="small sizes, few repetitions: a smoke run")
    p.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help=f"run only these measurements (repeat or comma-separate): {names}",
    )
    p.add_argument(
        "--search-budget",
        type=float,
        metavar="SECONDS",
        help="stop timing one query after this long (at least 5 timings); 0: always 20",
    )
    p.add_argument("--out", metavar="DIR", help="where to write RESULTS.md and results.json")
    p.add_argument("--keep", action="store_true", help="keep the scratch folders (prints where)")
    return p.parse_args(list(argv))


def selected(only: list[str] | None) -> list[str]:
    if not only:
        return list(MEASURES)
    wanted: list[str] = []
    for item in only:
        for name in (n.strip() for n in item.split(",") if n.strip()):
            if name not in MEASURES and name not in ALIASES:
                raise SystemExit(
                    f"unknown measurement {name!r}; choose from {', '.join([*MEASURES, *ALIASES])}"
                )
            wanted += ALIASES.get(name, [name])
    return [n for n in MEASURES if n in wanted]


def run_one(name: str, ctx: Context) -> Section:
    func, what = MEASURES[name]
    log(f"measuring {name}: {what}")
    start = time.perf_counter()
    try:
        section = func(ctx)
    except Exception as exc:  # one broken measurement must not lose the others
        section = Section(name)
        section.figures.append(
            Figure(
                f"{name}.error",
                f"{name}: {what}",
                None,
                shown="error",
                target="runs",
                met=False,
                note=f"{type(exc).__name__}: {exc}",
            )
        )
        section.notes.append(f"{name} failed:\n\n```\n{traceback.format_exc()[-3000:]}```")
        log(f"  {name} FAILED: {type(exc).__name__}: {exc}")
    section.seconds = time.perf_counter() - start
    for f in section.figures:
        mark = "" if f.met is None else (" (met)" if f.met else " (NOT met)")
        log(f"  {f.label}: {f.text()}{mark}")
    return section


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    sizes = sizes_for(args.quick, args.phrases, args.buyers, args.seed)
    if args.search_budget is not None:
        sizes = replace(sizes, search_budget_s=args.search_budget)
    names = selected(args.only)
    official = (
        not args.quick and not args.only and sizes.generation_params() == FULL.generation_params()
    )
    out_dir = args.out or (BENCH_DIR if official else OUT_DIR)
    command = " ".join(["python -m bench", *(sys.argv[1:] if argv is None else argv)])
    start = RunStart(command, sizes)
    ds = prepare(sizes)
    scratch = Scratch(keep=args.keep)
    ctx = Context(sizes, ds, scratch)
    try:
        sections = [run_one(name, ctx) for name in names]
    finally:
        scratch.close()
    meta = run_meta(start)
    md, js = write(Path(out_dir), meta, sections)
    print(md.read_text(encoding="utf-8"))
    log(f"wrote {md} and {js}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
