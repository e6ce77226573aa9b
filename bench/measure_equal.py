"""The app's search returns the same set as the brute-force reference, on every query."""

from __future__ import annotations

from typing import Any

from bench.context import Context
from bench.figures import Figure, Section
from bench.reference import reference_engine

SAMPLE = 5  # keys shown per mismatch


def run(ctx: Context) -> Section:
    section = Section("equal")
    ws = ctx.shared_workspace()
    engines = reference_engine(ws)
    mismatches: list[dict[str, Any]] = []
    sizes: list[dict[str, Any]] = []
    for q in ctx.queries:
        app, ref = (
            (engines.app_phrases, engines.ref_phrases)
            if q.target == "phrases"
            else (engines.app_buyers, engines.ref_buyers)
        )
        try:
            got = app(q.text)
        except Exception as exc:
            mismatches.append({**q.__dict__, "error": f"{type(exc).__name__}: {exc}"})
            continue
        want = ref(q.text)
        sizes.append({**q.__dict__, "results": len(want)})
        if got != want:
            mismatches.append(
                {
                    **q.__dict__,
                    "app": len(got),
                    "reference": len(want),
                    "missing": sorted(want - got)[:SAMPLE],
                    "extra": sorted(got - want)[:SAMPLE],
                    "missing_count": len(want - got),
                    "extra_count": len(got - want),
                }
            )
    total = len(ctx.queries)
    equal = total - len(mismatches)
    section.figures.append(
        Figure(
            "search.equal_queries",
            "search results = brute-force reference",
            equal,
            target="every query",
            met=equal == total,
            shown=f"equal on {equal}/{total} queries",
        )
    )
    section.details = {"mismatches": mismatches, "result_counts": sizes}
    for m in mismatches:
        if "error" in m:
            section.notes.append(f"Mismatch `{m['text']}` ({m['target']}): {m['error']}")
        else:
            section.notes.append(
                f"Mismatch `{m['text']}` ({m['target']}, {m['kind']}): app {m['app']}, "
                f"reference {m['reference']}; missing {m['missing_count']} "
                f"(e.g. {', '.join(m['missing']) or '-'}), extra {m['extra_count']} "
                f"(e.g. {', '.join(m['extra']) or '-'})"
            )
    return section
