"""Usage statistics from the monthly use logs: which phrases work, which are never used."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from assistant.core.clock import now, parse_iso
from assistant.core.errors import InvalidInput
from assistant.core.phrases.library import PhraseLibrary
from assistant.core.phrases.model import Phrase
from assistant.core.tables.cells import guard_cell


@dataclass(slots=True)
class UsageStats:
    days: int
    start: date
    end: date
    total: int = 0
    per_day: list[tuple[str, int]] = field(default_factory=list)  # every day of the window
    top: list[tuple[Phrase, int]] = field(default_factory=list)
    per_group: list[tuple[str, int]] = field(default_factory=list)
    unused: list[Phrase] = field(default_factory=list)  # not used once in the window

    def to_json(self) -> dict[str, Any]:
        return {
            "days": self.days,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "total": self.total,
            "per_day": [{"date": d, "uses": n} for d, n in self.per_day],
            "top": [
                {"id": p.id, "title": p.title, "group": p.group, "uses": n} for p, n in self.top
            ],
            "per_group": [{"group": g, "uses": n} for g, n in self.per_group],
            "unused": [{"id": p.id, "title": p.title, "group": p.group} for p in self.unused],
        }


def _months(start: date, end: date) -> list[str]:
    months, cursor = [], start.replace(day=1)
    while cursor <= end:
        months.append(cursor.strftime("%Y-%m"))
        cursor = (cursor + timedelta(days=32)).replace(day=1)
    return months


def compute(
    library: PhraseLibrary, days: int = 30, top_n: int = 10, today: datetime | None = None
) -> UsageStats:
    if not 1 <= days <= 3660:
        raise InvalidInput("--days 应在 1 到 3660 之间")
    end = (today or now()).date()
    start = end - timedelta(days=days - 1)
    counts: Counter[str] = Counter()
    by_day: Counter[str] = Counter()
    log = library.folder.usage_log
    for month in _months(start, end):
        for event in log.events(month):
            raw = event.get("at")
            at = parse_iso(raw) if isinstance(raw, str) else None  # a hand-edited line
            if at is None or not start <= at.date() <= end:
                continue
            counts[str(event.get("phrase"))] += 1
            by_day[at.date().isoformat()] += 1
    phrases = {p.id: p for p in library.all()}
    stats = UsageStats(days, start, end, total=sum(counts.values()))
    stats.per_day = [
        ((start + timedelta(days=i)).isoformat(), by_day[(start + timedelta(days=i)).isoformat()])
        for i in range(days)
    ]
    stats.top = [(phrases[pid], n) for pid, n in counts.most_common() if pid in phrases][:top_n]
    groups: Counter[str] = Counter()
    for pid, n in counts.items():
        if pid in phrases:
            groups[phrases[pid].group] += n
    stats.per_group = groups.most_common()
    stats.unused = sorted(
        (p for pid, p in phrases.items() if pid not in counts), key=lambda p: (p.group, p.title)
    )
    return stats


def to_csv(stats: UsageStats) -> bytes:
    """One file a team lead can open in Excel: per-phrase uses, then per day."""
    out = io.StringIO(newline="")
    w = csv.writer(out)
    w.writerow(
        ["统计区间", stats.start.isoformat(), stats.end.isoformat(), "总使用次数", stats.total]
    )
    w.writerow([])
    w.writerow(["短语编号", "标题", "分组", "使用次数"])
    for p, n in [*stats.top, *((p, 0) for p in stats.unused)]:
        # Titles and groups come from shared packs: a spreadsheet must not run them.
        w.writerow([guard_cell(p.id), guard_cell(p.title), guard_cell(p.group), n])
    w.writerow([])
    w.writerow(["日期", "使用次数"])
    w.writerows(stats.per_day)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
