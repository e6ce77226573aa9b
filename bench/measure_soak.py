"""A working day compressed: the real app process under background syncs, searches, copies
and another process's edits; its memory and search latency at the start and the end.

A team lead's folder publishes a pack to a local shared folder; a copy of the full library
subscribes to it. The app (bench/soak_app.py: KefuApp offscreen, background sync on, the
interval set with KEFU_SYNC_INTERVAL_S) runs ``soak_syncs`` syncs against that folder while
its event loop makes ``soak_searches`` searches and ``soak_copies`` copies; a second process
(bench/soak_editor.py) makes ``soak_edits`` edits of the same library and now and then
publishes a new team version. RSS (VmRSS) is read by the app itself after its first sync
(warm) and after its last; search p95 over the searches made during the first and the last
tenth of the syncs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.config import PROJECT_DIR
from bench.context import Context
from bench.figures import Section, at_most, info
from bench.procs import child_env
from bench.stats import percentile

TARGET_GROWTH_MB = 10.0
PACK_NAME = "团队话术"
PUBLISH_EVERY = 20  # edits between two team versions: ~10 upstream changes a day


def _team_pack(ctx: Context, lead_dir: Path, share: Path) -> str:
    from assistant.core.sync.service import PackSync
    from assistant.core.workspace import open_workspace

    lead = open_workspace(lead_dir, builtins=False)
    pack = lead.phrases.packs.create(PACK_NAME)
    with lead.folder.phrases.transaction():
        for n, doc in enumerate(ctx.ds.phrases[: ctx.sizes.soak_team_phrases]):
            copy = dict(doc, id=f"team{n:06d}{doc['id'][:8]}", pack=pack.name, pack_id=pack.id)
            copy.pop("hidden", None)
            lead.folder.phrases.put(copy["id"], copy)
    result = PackSync(lead.phrases).publish(pack.id, str(share))
    if not result.ok:
        raise RuntimeError(f"publish failed: {result.message}")
    return pack.id


def _subscribe(data: Path, share: Path) -> None:
    from assistant.core.sync.service import PackSync
    from assistant.core.workspace import open_workspace

    results = PackSync(open_workspace(data).phrases).subscribe(str(share))
    failed = [r.message for r in results if not r.ok]
    if failed:
        raise RuntimeError("subscribe failed: " + "; ".join(failed))


def _loadavg() -> tuple[float, float, float]:
    try:
        return os.getloadavg()
    except OSError:
        return (0.0, 0.0, 0.0)


def _spawn(module: str, config: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", module, str(config)],
        cwd=PROJECT_DIR,
        env=child_env(**env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
    )


def _result_line(out: str, prefix: str) -> dict[str, Any]:
    for line in out.splitlines():
        if line.startswith(prefix + " "):
            parsed: dict[str, Any] = json.loads(line[len(prefix) + 1 :])
            return parsed
    raise RuntimeError(f"no {prefix!r} line in the output")


def run(ctx: Context) -> Section:
    sizes = ctx.sizes
    section = Section("soak")
    data = ctx.copy("soak")
    root = ctx.scratch.fresh("soak-team")
    share = root / "shared-folder"
    share.mkdir(parents=True)
    pack_id = _team_pack(ctx, root / "lead", share)
    _subscribe(data, share)
    queries = [q.text for q in ctx.queries if q.target == "phrases"]
    edit_ids = [d["id"] for d in ctx.ds.phrases[:50] if not d.get("hidden")]
    app_cfg = root / "app.json"
    app_cfg.write_text(
        json.dumps(
            {
                "data": str(data),
                "queries": queries,
                "syncs": sizes.soak_syncs,
                "searches": sizes.soak_searches,
                "copies": sizes.soak_copies,
            }
        ),
        "utf-8",
    )
    day_s = sizes.soak_syncs * sizes.soak_interval_s
    editor_cfg = root / "editor.json"
    editor_cfg.write_text(
        json.dumps(
            {
                "data": str(data),
                "lead": str(root / "lead"),
                "share": str(share),
                "pack_id": pack_id,
                "edit_ids": edit_ids,
                "edits": sizes.soak_edits,
                "pace_s": 0.8 * day_s / max(1, sizes.soak_edits),
                "publish_every": PUBLISH_EVERY,
            }
        ),
        "utf-8",
    )
    load_start = _loadavg()
    start = time.perf_counter()
    app = _spawn(
        "bench.soak_app",
        app_cfg,
        QT_QPA_PLATFORM="offscreen",
        KEFU_SYNC_INTERVAL_S=str(sizes.soak_interval_s),
    )
    assert app.stderr is not None
    before_ready: list[str] = []
    for line in app.stderr:  # the editor starts once the app is up
        if line.startswith("soak: ready"):
            break
        before_ready.append(line)
    editor = _spawn("bench.soak_editor", editor_cfg)
    limit = 30 * day_s + 600
    try:
        app_out, app_err = app.communicate(timeout=limit)
        editor_out, editor_err = editor.communicate(timeout=limit)
    finally:
        for proc in (app, editor):
            if proc.poll() is None:
                proc.kill()
                proc.wait(30)
    seconds = time.perf_counter() - start
    load_end = _loadavg()
    if app.returncode != 0:
        said = "".join(before_ready) + app_err
        raise RuntimeError(f"soak app exited {app.returncode}: {said[-2000:]}")
    if editor.returncode != 0:
        raise RuntimeError(f"soak editor exited {editor.returncode}: {editor_err[-2000:]}")
    day = _result_line(app_out, "soak-result")
    if os.environ.get("KEFU_SOAK_TRACE") == "1":
        print(app_err, file=sys.stderr)
    edits = _result_line(editor_out, "soak-editor")

    tenth = max(1, sizes.soak_syncs // 10)
    curve = dict(day["rss_after_sync_kb"])

    # RSS read as a sync ends swings with the pulls (a sync that pulls a new version peaks
    # hundreds of MB, given back afterwards), so the app at rest is the lowest reading over
    # a stretch of syncs. The day starts warm, over the second tenth (the index merged
    # again after other processes' edits, the first team versions pulled, caches written);
    # it ends over the last tenth. The growth from the very first sync is given too.
    def floor(first: int, last: int, readings: dict[int, int] = curve) -> int:
        values = [kb for n, kb in readings.items() if first <= n <= last]
        return min(values) if values else day["end_rss_kb"]

    warm_kb = floor(tenth + 1, 2 * tenth)
    end_kb = floor(sizes.soak_syncs - tenth + 1, sizes.soak_syncs)
    # The anonymous part alone (RssAnon): VmRSS also counts the mapped index cache's pages,
    # file-backed and given back to the page cache under pressure.
    anon = dict(day["anon_after_sync_kb"])
    anon_first = anon.get(1, 0)
    anon_warm = floor(tenth + 1, 2 * tenth, anon)
    anon_end = floor(sizes.soak_syncs - tenth + 1, sizes.soak_syncs, anon)
    growth_mb = (end_kb - warm_kb) / 1024
    from_first_mb = (end_kb - day["start_rss_kb"]) / 1024
    early = [t for n, t in day["searches"] if n <= tenth]
    late = [t for n, t in day["searches"] if n >= sizes.soak_syncs - tenth]
    p95_start, p95_end = percentile(early, 95), percentile(late, 95)
    firsts: dict[int, float] = {}  # the first search after each sync (its changes taken in)
    for n, ms in day["searches"]:
        firsts.setdefault(n, ms)
    after_sync = [ms for n, ms in firsts.items() if n > 1]
    section.figures.append(
        at_most(
            "soak.rss_growth_mb",
            f"soak: RSS growth over a compressed day ({day['syncs']} syncs, warm → end)",
            growth_mb,
            "MB",
            TARGET_GROWTH_MB,
        )
    )
    section.figures.append(
        info(
            "soak.rss_growth_from_first_mb",
            "soak: RSS growth from the first sync (warm-up included)",
            from_first_mb,
            "MB",
        )
    )
    section.figures.append(
        info(
            "soak.anon_growth_mb",
            "soak: anonymous memory (RssAnon) growth, warm → end",
            (anon_end - anon_warm) / 1024,
            "MB",
        )
    )
    section.figures.append(
        info(
            "soak.rss_highest_mb",
            "soak: highest RSS read as a sync ended (a pull's transient peak)",
            max(curve.values()) / 1024,
            "MB",
        )
    )
    section.figures.append(
        info(
            "soak.search_p95",
            "soak: search p95 start → end",
            p95_end,
            "ms",
        )
    )
    section.figures[-1].shown = f"{p95_start:.2f} ms → {p95_end:.2f} ms"
    section.details = {
        **{k: v for k, v in day.items() if k != "searches"},
        "search_p95_start_ms": p95_start,
        "search_p95_end_ms": p95_end,
        "search_p50_start_ms": percentile(early, 50),
        "search_p50_end_ms": percentile(late, 50),
        "searches_made": len(day["searches"]),
        "first_after_sync_p50_ms": percentile(after_sync, 50) if after_sync else None,
        "first_after_sync_p95_ms": percentile(after_sync, 95) if after_sync else None,
        "edits": edits,
        "wall_s": seconds,
        "load_start": load_start,
        "load_end": load_end,
    }
    points = day["rss_after_sync_kb"]
    picks = [points[i] for i in sorted({0, len(points) // 4, len(points) // 2, len(points) - 1})]
    section.notes.append(
        f"Soak: {day['syncs']} background syncs at KEFU_SYNC_INTERVAL_S={sizes.soak_interval_s} "
        f"against a local shared folder ({sizes.soak_team_phrases}-phrase team pack, "
        f"{edits['published']} new versions published meanwhile), "
        f"{len(day['searches'])} searches, {day['copies']} copies, {edits['edits']} edits from "
        f"a second process, in {seconds:.0f} s. RSS after the first sync "
        f"{day['start_rss_kb'] / 1024:.0f} MB; lowest after syncs {tenth + 1}–{2 * tenth} "
        f"{warm_kb / 1024:.0f} MB, over the last {tenth} {end_kb / 1024:.0f} MB; at exit "
        f"{day['end_rss_kb'] / 1024:.0f} MB "
        f"(after sync n: {', '.join(f'#{n} {kb / 1024:.0f} MB' for n, kb in picks)}); "
        f"RssAnon (VmRSS less the mapped cache files and libraries): after the first sync "
        f"{anon_first / 1024:.0f} MB, warm {anon_warm / 1024:.0f} MB, end "
        f"{anon_end / 1024:.0f} MB. "
        f"{day['failed_sync_count']} failed syncs; {day.get('idle_collections', 0)} of the app's "
        f"idle garbage collections (at most every {day.get('idle_collect_every_s', 0):g} s, "
        f"the day's clock). Search p50 "
        f"{percentile(early, 50):.2f} → {percentile(late, 50):.2f} ms "
        f"({len(early)} and {len(late)} searches); the first search after each sync p50 "
        f"{percentile(after_sync, 50) if after_sync else 0:.2f}, p95 "
        f"{percentile(after_sync, 95) if after_sync else 0:.2f} ms. "
        f"Load average (1, 5, 15 min) at start "
        f"{' / '.join(f'{x:.2f}' for x in load_start)}, at end "
        f"{' / '.join(f'{x:.2f}' for x in load_end)}."
    )
    return section
