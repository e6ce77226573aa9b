"""Sizes and repetitions of one benchmark run: the full size of issue 7, or a quick smoke run."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

MIN_SEARCH_REPS = 5
BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
OUT_DIR = BENCH_DIR / "out"  # git-ignored: generated libraries, quick and partial results


@dataclass(frozen=True)
class Sizes:
    phrases: int = 20_000
    buyers: int = 50_000
    order_rows: int = 50_000  # rows of the order-report CSV imported by the import figure
    xlsx_rows: int = 10_000  # rows of the phrase XLSX imported by `kefu pack import`
    sync_phrases: int = 5_000  # phrases in the pack pulled over WebDAV
    seed: int = 7
    search_reps: int = 20  # timings per query, after one warm-up call
    # Stop timing a query after this many seconds (never below MIN_SEARCH_REPS timings), so
    # a slow search engine cannot make a run last an hour; 0 = always search_reps.
    search_budget_s: float = 4.0
    edit_reps: int = 50
    cli_runs: int = 7
    app_runs: int = 5
    import_runs: int = 3
    sync_runs: int = 3
    app_timeout: float = 60.0  # seconds to wait for "kefu: ready"
    # The soak: a working day compressed (100 syncs at the 5-minute interval = 8 h 20 min).
    soak_syncs: int = 100
    soak_searches: int = 5_000
    soak_copies: int = 500
    soak_edits: int = 200  # from a second process, spread over the day
    soak_interval_s: float = 2.0  # KEFU_SYNC_INTERVAL_S for the app under soak
    soak_team_phrases: int = 500  # the subscribed team pack on the shared folder

    def generation_params(self) -> dict[str, Any]:
        """What the generated data depends on (the cache key), not how often it is timed."""
        keys = ("phrases", "buyers", "order_rows", "xlsx_rows", "seed")
        return {k: v for k, v in asdict(self).items() if k in keys}


FULL = Sizes()
QUICK = Sizes(
    phrases=2_000,
    buyers=5_000,
    order_rows=5_000,
    xlsx_rows=1_000,
    sync_phrases=500,
    search_budget_s=0.4,
    edit_reps=10,
    cli_runs=3,
    app_runs=2,
    import_runs=1,
    sync_runs=1,
    soak_syncs=20,
    soak_searches=1_000,
    soak_copies=100,
    soak_edits=40,
    soak_interval_s=1.0,
    soak_team_phrases=100,
)


def sizes_for(quick: bool, phrases: int | None, buyers: int | None, seed: int | None) -> Sizes:
    sizes = QUICK if quick else FULL
    changes: dict[str, int] = {}
    if phrases is not None:
        changes["phrases"] = phrases
    if buyers is not None:
        changes["buyers"] = buyers
    if seed is not None:
        changes["seed"] = seed
    return replace(sizes, **changes)
