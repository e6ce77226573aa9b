"""Imports: a phrase XLSX through `kefu pack import`, and the order report through
``import_orders`` into a copy of the full buyer library. Wall time, median of a few runs,
each into a fresh folder."""

from __future__ import annotations

import time
from pathlib import Path

from bench.context import Context
from bench.figures import Section, at_most, unavailable
from bench.procs import run_cli
from bench.stats import median

TARGET_S = 5.0


def _empty_folder(ctx: Context) -> Path:
    """A data folder as after the first start: built-in packs installed, nothing else."""
    from assistant.core.workspace import open_workspace

    data = ctx.scratch.fresh("xlsx-import") / "data"
    open_workspace(data)
    return data


def _phrase_count(data: Path) -> int:
    from assistant.core.workspace import open_workspace

    return len(list(open_workspace(data).folder.phrases.items()))


def run_xlsx(ctx: Context) -> Section:
    section = Section("import_xlsx")
    rows = ctx.sizes.xlsx_rows
    label = (
        f"{rows:,}-row XLSX phrase import (`kefu pack import`), median of {ctx.sizes.import_runs}"
    )
    key, target = "import.xlsx_s", f"≤ {TARGET_S:g} s"
    times: list[float] = []
    for _ in range(ctx.sizes.import_runs):
        data = _empty_folder(ctx)
        before = _phrase_count(data)
        run = run_cli(["--data-dir", str(data), "pack", "import", str(ctx.ds.phrases_xlsx)])
        if run.code != 0:
            tail = (run.stderr.strip() or run.stdout.strip())[-400:]
            section.figures.append(unavailable(key, label, target, f"exit code {run.code}: {tail}"))
            return section
        added = _phrase_count(data) - before
        if added != rows:
            section.notes.append(f"XLSX import added {added} phrases, expected {rows}.")
        times.append(run.seconds)
    section.figures.append(at_most(key, label, median(times), "s", TARGET_S))
    section.details = {"runs_s": times}
    section.notes.append(
        "XLSX import: wall time of the whole `kefu pack import` process into a fresh data folder "
        f"(built-in packs already installed); runs {', '.join(f'{t:.2f}' for t in times)} s."
    )
    return section


def run_orders(ctx: Context) -> Section:
    from assistant.core.buyers.orders import import_orders
    from assistant.core.workspace import open_workspace

    section = Section("import_orders")
    rows = ctx.sizes.order_rows
    label = (
        f"{rows:,}-row order CSV import into {ctx.sizes.buyers:,} buyers, "
        f"median of {ctx.sizes.import_runs}"
    )
    times: list[float] = []
    report = None
    for _ in range(ctx.sizes.import_runs):
        ws = open_workspace(ctx.copy("orders"))
        start = time.perf_counter()
        report = import_orders(ws.buyers, ctx.ds.orders_csv)
        times.append(time.perf_counter() - start)
    section.figures.append(at_most("import.orders_csv_s", label, median(times), "s", TARGET_S))
    section.details = {"runs_s": times, "report": report.to_json() if report else None}
    if report is not None:
        r = report
        section.notes.append(
            "Order import (in process, after opening the workspace): runs "
            f"{', '.join(f'{t:.2f}' for t in times)} s; {r.rows} rows, "
            f"{r.orders_counted} orders counted, {r.unpaid} unpaid, "
            f"{r.duplicates} already counted, {r.buyers_created} buyers created, "
            f"{r.buyers_updated} updated, {len(r.skipped)} rows skipped."
        )
    return section
