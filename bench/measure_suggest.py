"""`kefu suggest` in process at full size: the index build on the first question, then the
latency of each question of the evaluation set (tests/core/suggest/questions_eval.json)."""

from __future__ import annotations

import json

from bench.config import PROJECT_DIR
from bench.context import Context
from bench.figures import Section, at_most, info
from bench.stats import median, ms, percentile, time_ns

TARGET_MS = 10.0  # issue 18: p95 in process at 20,000 phrases
LIMIT = 5  # what `kefu suggest` shows by default
REPS = 20
EVAL_SET = PROJECT_DIR / "tests" / "core" / "suggest" / "questions_eval.json"
FALLBACK = ("能便宜点吗", "什么时候发货", "165 110斤穿多大", "包邮吗", "是正品吗", "不想要了怎么退")


def eval_questions() -> list[str]:
    if EVAL_SET.is_file():
        return [e["q"] for e in json.loads(EVAL_SET.read_text(encoding="utf-8"))]
    return list(FALLBACK)


def run(ctx: Context) -> Section:
    section = Section("suggest")
    ws = ctx.shared_workspace()
    questions = eval_questions()
    build = time_ns(lambda: ws.suggestions.suggest(questions[0], LIMIT))
    times: list[int] = []
    for _ in range(REPS):
        for q in questions:
            times.append(time_ns(lambda q=q: ws.suggestions.suggest(q, LIMIT)))
    n = ctx.sizes.phrases
    label = f"suggest p95, {n:,} phrases ({len(questions)} buyer questions × {REPS})"
    section.figures.append(
        at_most("suggest.p95_ms", label, ms(percentile(times, 95)), "ms", TARGET_MS)
    )
    section.figures.append(info("suggest.p50_ms", "suggest p50", ms(median(times)), "ms"))
    section.figures.append(
        info("suggest.first_ms", "first suggestion (index build)", ms(build), "ms")
    )
    section.details = {"questions": len(questions), "reps": REPS, "limit": LIMIT}
    return section
