"""Start-up at full size: `kefu search 催付` as a new process, the tray app until ready, and
the app's peak memory. "Cold" means a new process; the OS file cache is warm (an untimed
run comes first, so caches the app may build in its data folder exist too).

The app's untimed first run is its first start after the phrases were imported: the library
folder holds no search index cache, so it merges the index from every shard (and writes the
cache the timed runs then map); its peak memory is a figure of its own."""

from __future__ import annotations

from bench.context import Context
from bench.figures import Figure, Section, at_most, info, unavailable
from bench.procs import run_app, run_cli
from bench.stats import median

CLI_TARGET_S = 0.6
APP_TARGET_S = 1.5
RSS_TARGET_MB = 250.0  # first round (issue 7): the app once ready
READY_RSS_TARGET_MB = 120.0  # issue 15: the app once ready, at full size
FIRST_START_RSS_TARGET_MB = 250.0  # issue 15: the first start after importing the phrases
ANSWERS_READY = "kefu: answers ready"  # the suggestion index, made in a thread after ready
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
    had_cache = (data / "cache" / "phrases-index").exists()  # never: the library has none
    # Untimed: the first start, which builds whatever the app caches.
    warm = run_app(data, timeout, until=ANSWERS_READY)
    ready_label = f"app ready (offscreen), median of {ctx.sizes.app_runs}"
    rss_label = "app peak RSS (VmHWM)"
    ready_rss_label = (
        f"app peak RSS at full size, once ready (VmHWM, {ctx.sizes.phrases:,} phrases)"
    )
    first_label = (
        f"app peak RSS on the first start after importing {ctx.sizes.phrases:,} phrases "
        "(no index cache; VmHWM)"
    )
    if warm.ready_s is None:
        why = "no 'kefu: ready' line; stderr: " + " | ".join(warm.stderr[-8:])
        section.figures.append(unavailable("app.ready_s", ready_label, f"≤ {APP_TARGET_S} s", why))
        section.figures.append(
            unavailable("app.peak_rss_mb", rss_label, f"≤ {RSS_TARGET_MB:g} MB", why)
        )
        section.figures.append(
            unavailable(
                "app.first_start_peak_rss_mb",
                first_label,
                f"≤ {FIRST_START_RSS_TARGET_MB:g} MB",
                why,
            )
        )
        return section
    runs = [run_app(data, timeout, until=ANSWERS_READY) for _ in range(ctx.sizes.app_runs)]
    ready = [r.ready_s for r in runs if r.ready_s is not None]
    hwm = [r.vm_hwm_kb / 1024 for r in runs if r.vm_hwm_kb]
    rss = [r.vm_rss_kb / 1024 for r in runs if r.vm_rss_kb]
    if ready:
        section.figures.append(
            at_most("app.ready_s", ready_label, median(ready), "s", APP_TARGET_S)
        )
    first_target = f"≤ {FIRST_START_RSS_TARGET_MB:g} MB"
    if had_cache or not warm.vm_hwm_kb:
        why = "the library folder held an index cache" if had_cache else "VmHWM unreadable"
        section.figures.append(
            unavailable("app.first_start_peak_rss_mb", first_label, first_target, why)
        )
    else:
        section.figures.append(
            at_most(
                "app.first_start_peak_rss_mb",
                first_label,
                warm.vm_hwm_kb / 1024,
                "MB",
                FIRST_START_RSS_TARGET_MB,
            )
        )
    if hwm:
        section.figures.append(at_most("app.peak_rss_mb", rss_label, max(hwm), "MB", RSS_TARGET_MB))
        section.figures.append(
            at_most("app.ready_peak_rss_mb", ready_rss_label, max(hwm), "MB", READY_RSS_TARGET_MB)
        )
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
        "first_start_vm_hwm_mb": (warm.vm_hwm_kb or 0) / 1024,
        "first_start_vm_rss_mb": (warm.vm_rss_kb or 0) / 1024,
        "first_start_had_index_cache": had_cache,
        "quit": [{"quit_ok": r.quit_ok, "killed": r.killed, "code": r.code} for r in [warm, *runs]],
    }
    section.notes.append(
        f"App ready: runs {', '.join(f'{t:.2f}' for t in ready)} s (untimed first run "
        f"{warm.ready_s:.2f} s). Memory read once the reply suggestions were ready "
        f"('{ANSWERS_READY}'), 1 s after opening the quick panel once, just before quit. "
        "The untimed first run is the first start after the import (no search index cache "
        f"in the folder: {not had_cache}): peak {(warm.vm_hwm_kb or 0) / 1024:.0f} MB, "
        f"{(warm.vm_rss_kb or 0) / 1024:.0f} MB held when read."
    )
    if problems:
        section.notes.append(
            f"{len(problems)} app runs did not quit cleanly on the 'quit' command "
            f"(killed: {sum(r.killed for r in problems)}); last stderr: "
            + " | ".join(problems[-1].stderr[-5:])
        )
    return section
