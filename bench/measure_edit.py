"""One durable edit at full size, ours against stock TinyDB doing the same edit.

Ours: ``ws.phrases.edit``, ``ws.buyers.edit`` and ``ws.phrases.record_use`` on a copy of
the full library, each committed to disk when the call returns.
Stock: TinyDB(path) with its default JSONStorage, one file per kind holding every phrase /
buyer / use counter in one table, ``table.update(..., doc_ids=[n])`` — what stock TinyDB
does for one change: read and parse the whole file, rewrite it whole, fsync. The stock
side only stores the changed fields (no pinyin computed), which favours stock.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from bench import vocab
from bench.context import Context
from bench.figures import Figure, Section, at_most
from bench.gen_phrases import phrase_text
from bench.stats import ms, percentile, time_ns

TARGET_P95_MS = 20.0
TARGET_RATIO = 15.0
KINDS = ("phrase edit", "buyer edit", "record use")


def _now() -> str:
    return datetime.now().astimezone().isoformat()


def _stock_table(path: Path, docs: list[dict[str, Any]]) -> Any:
    from tinydb import TinyDB

    db = TinyDB(path)  # stock JSONStorage: json.dump of the whole file, flush, fsync
    db.insert_multiple(docs)
    return db.table(db.default_table_name)


def _timed(calls: list[Callable[[], Any]]) -> list[int]:
    calls[0]()  # warm-up, untimed (imports, first read)
    return [time_ns(call) for call in calls[1:]]


def _ours(ctx: Context, plan: dict[str, Any]) -> dict[str, list[int]]:
    from assistant.core.workspace import open_workspace

    ws = open_workspace(ctx.copy("edit"))
    phrases = [lambda i=i, t=t: ws.phrases.edit(i, text=t) for i, t in plan["phrase_edits"]]
    buyers = [lambda a=a, r=r: ws.buyers.edit(a, remark=r) for a, r in plan["buyer_edits"]]
    uses = [lambda i=i: ws.phrases.record_use(i) for i in plan["uses"]]
    timed = {
        "phrase edit": _timed(phrases),
        "buyer edit": _timed(buyers),
        "record use": _timed(uses),
    }
    return timed


def _stock(ctx: Context, plan: dict[str, Any]) -> dict[str, list[int]]:
    folder = ctx.scratch.fresh("stock-tinydb")
    phrase_docs = ctx.ds.phrases
    buyer_docs = [d for _, d in ctx.ds.buyers]
    usage = ctx.ds.usage
    counters = [
        {"id": pid, **usage.get(pid, {"count": 0, "last_used_at": None})}
        for pid in (d["id"] for d in phrase_docs)
    ]
    phrase_n = {d["id"]: n for n, d in enumerate(phrase_docs, start=1)}
    buyer_n = {d["account"]: n for n, d in enumerate(buyer_docs, start=1)}
    phrases = _stock_table(folder / "phrases.json", phrase_docs)
    buyers = _stock_table(folder / "buyers.json", buyer_docs)
    counts = _stock_table(folder / "usage.json", counters)

    def use(doc: dict[str, Any]) -> None:
        doc["count"] = int(doc.get("count") or 0) + 1
        doc["last_used_at"] = _now()

    return {
        "phrase edit": _timed(
            [
                lambda i=i, t=t: phrases.update(
                    {"text": t, "updated_at": _now()}, doc_ids=[phrase_n[i]]
                )
                for i, t in plan["phrase_edits"]
            ]
        ),
        "buyer edit": _timed(
            [
                lambda a=a, r=r: buyers.update(
                    {"remark": r, "updated_at": _now()}, doc_ids=[buyer_n[a]]
                )
                for a, r in plan["buyer_edits"]
            ]
        ),
        "record use": _timed(
            [lambda i=i: counts.update(use, doc_ids=[phrase_n[i]]) for i in plan["uses"]]
        ),
    }


def _plan(ctx: Context) -> dict[str, Any]:
    rng = random.Random(ctx.sizes.seed + 200)
    n = ctx.sizes.edit_reps + 1  # one warm-up each
    ids = [d["id"] for d in ctx.ds.phrases]
    accounts = [d["account"] for _, d in ctx.ds.buyers if not d.get("archived")]
    remarks = [" ".join(rng.sample(vocab.REMARKS, 2)) for _ in range(n)]
    return {
        "phrase_edits": [(i, phrase_text(rng)) for i in rng.sample(ids, n)],
        "buyer_edits": list(zip(rng.sample(accounts, n), remarks, strict=True)),
        "uses": rng.sample(ids, n),
    }


def run(ctx: Context) -> Section:
    section = Section("edit")
    plan = _plan(ctx)
    ours = _ours(ctx, plan)
    stock = _stock(ctx, plan)
    table: dict[str, Any] = {}
    for kind in KINDS:
        o95, s95 = ms(percentile(ours[kind], 95)), ms(percentile(stock[kind], 95))
        o50, s50 = ms(percentile(ours[kind], 50)), ms(percentile(stock[kind], 50))
        ratio = s50 / o50 if o50 else float("inf")
        key = kind.replace(" ", "_")
        table[key] = {
            "ours_p50_ms": o50,
            "ours_p95_ms": o95,
            "stock_p50_ms": s50,
            "stock_p95_ms": s95,
            "ratio_p50": ratio,
            "ratio_p95": s95 / o95 if o95 else None,
        }
        section.figures.append(
            at_most(
                f"edit.{key}.p95_ms",
                f"durable {kind} p95 (p50 {o50:.1f} ms)",
                o95,
                "ms",
                TARGET_P95_MS,
            )
        )
        section.figures.append(
            Figure(
                f"edit.{key}.ratio",
                f"{kind}: stock TinyDB ÷ ours, medians (stock p50 {s50:.0f} ms, p95 {s95:.0f} ms)",
                ratio,
                "×",
                target=f"≥ {TARGET_RATIO:g} ×",
                met=ratio >= TARGET_RATIO,
            )
        )
    section.details = {"reps": ctx.sizes.edit_reps, "figures": table}
    section.notes.append(
        f"Durable edits: {ctx.sizes.edit_reps} timed calls each after one warm-up; the ratio "
        "compares medians (the p95 of a few dozen fsync'd writes is mostly disk noise; both "
        "p95 are in results.json). Stock TinyDB stores only the changed fields (no pinyin)."
    )
    return section
