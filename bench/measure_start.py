"""Start-up at full size: `kefu search 催付` as a new process, the tray app until ready, and
the app's peak memory. "Cold" means a new process; the OS file cache is warm (an untimed
run comes first, so caches the app may build in its data folder exist too)."""

from __future__ import annotations

from bench.context import Context
from bench.figures import Figure, Section, at_most, info, unavailable
from bench.procs import run_app, run_cli
from bench.stats import median

CLI_TARGET_S = 0.6
APP_TARGET_S = 1.5
RSS_TARGET_MB = 250.0
QUERY = "催付"


def run_cold_cli(ctx: Context) -> Section:
    section = Section("cold")
    data = ctx.copy("cli")
    args = ["--data-dir", str(data), "search", QUERY]
    label = f"`kefu search {QUERY}` cold, median of {ctx.sizes.cli_runs}"
    first = run_cli(args)
    if first.code != 0:
        section.figures.append(
            unavailable(
                "cold.kefu_search_s",
                label,
                f"≤ {CLI_TARGET_S} s",
                f"exit code {first.code}: {first.stderr.strip()[-300:]}",
            )
        )
        return section
    runs = [run_cli(args) for _ in range(ctx.sizes.cli_runs)]
    times = [r.seconds for r in runs]
    section.figures.append(at_most("cold.kefu_search_s", label, median(times), "s", CLI_TARGET_S))
    section.details = {
        "runs_s": times,
        "untimed_first_s": first.seconds,
        "result_lines": len(first.stdout.splitlines()),
        "failed_runs": [r.stderr[-300:] for r in runs if r.code != 0],
    }
    section.notes.append(
        f"`kefu search {QUERY}`: runs {', '.join(f'{t:.2f}' for t in times)} s; "
        f"untimed first run {first.seconds:.2f} s; "
        f"{len(first.stdout.splitlines())} lines of output."
    )
    return section


def run_app_start(ctx: Context) -> Section:
    """App ready (median) and its memory (highest VmHWM of the runs) in one set of runs."""
    section = Section("app")
    data = ctx.copy("app")
    timeout = ctx.sizes.app_timeout
    warm = run_app(data, timeout)  # untimed: lets the app build whatever it caches
    ready_label = f"app ready (offscreen), median of {ctx.sizes.app_runs}"
    rss_label = "app peak RSS (VmHWM)"
    if warm.ready_s is None:
        why = "no 'kefu: ready' line; stderr: " + " | ".join(warm.stderr[-8:])
        section.figures.append(unavailable("app.ready_s", ready_label, f"≤ {APP_TARGET_S} s", why))
        section.figures.append(
            unavailable("app.peak_rss_mb", rss_label, f"≤ {RSS_TARGET_MB:g} MB", why)
        )
        return section
    runs = [run_app(data, timeout) for _ in range(ctx.sizes.app_runs)]
    ready = [r.ready_s for r in runs if r.ready_s is not None]
    hwm = [r.vm_hwm_kb / 1024 for r in runs if r.vm_hwm_kb]
    rss = [r.vm_rss_kb / 1024 for r in runs if r.vm_rss_kb]
    if ready:
        section.figures.append(
            at_most("app.ready_s", ready_label, median(ready), "s", APP_TARGET_S)
        )
    if hwm:
        section.figures.append(at_most("app.peak_rss_mb", rss_label, max(hwm), "MB", RSS_TARGET_MB))
        section.figures.append(
            info("app.rss_mb", "app RSS before quitting (VmRSS, median)", median(rss), "MB")
        )
    else:
        section.figures.append(
            Figure(
                "app.peak_rss_mb",
                rss_label,
                None,
                target=f"≤ {RSS_TARGET_MB:g} MB",
                shown="not available",
                note="/proc/<pid>/status unreadable",
            )
        )
    problems = [r for r in [warm, *runs] if r.killed or not r.quit_ok or r.code not in (0, None)]
    section.details = {
        "ready_s": ready,
        "vm_hwm_mb": hwm,
        "vm_rss_mb": rss,
        "untimed_first_ready_s": warm.ready_s,
        "quit": [{"quit_ok": r.quit_ok, "killed": r.killed, "code": r.code} for r in [warm, *runs]],
    }
    section.notes.append(
        f"App ready: runs {', '.join(f'{t:.2f}' for t in ready)} s (untimed first run "
        f"{warm.ready_s:.2f} s). Memory read 1 s after opening the quick panel once, "
        "just before quit."
    )
    if problems:
        section.notes.append(
            f"{len(problems)} app runs did not quit cleanly on the 'quit' command "
            f"(killed: {sum(r.killed for r in problems)}); last stderr: "
            + " | ".join(problems[-1].stderr[-5:])
        )
    return section
