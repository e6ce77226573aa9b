"""Usage statistics (issue 6) from the monthly use logs of a real data folder."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from assistant.core.clock import now
from assistant.core.errors import InvalidInput
from assistant.core.phrases.model import Phrase
from assistant.core.phrases.stats import compute, to_csv
from assistant.core.workspace import Workspace

# A fixed "today" across a month end (and a leap day): the window reads two monthly files.
TODAY = datetime(2024, 3, 2, 18, 30).astimezone()


def log_use(ws: Workspace, phrase: Phrase | str, at: datetime, **extra: str) -> None:
    """Append one use as the app writes it: a JSON line in usage-log/<YYYY-MM>.jsonl."""
    folder = ws.path / "usage-log"
    folder.mkdir(exist_ok=True)
    pid = phrase if isinstance(phrase, str) else phrase.id
    line = json.dumps({"phrase": pid, "at": at.isoformat(), **extra}, ensure_ascii=False)
    with (folder / f"{at:%Y-%m}.jsonl").open("a", encoding="utf-8") as f:
        f.write(line + "\n")


def day(offset: int, hour: int = 10) -> datetime:
    """``offset`` days before TODAY, at ``hour`` local time."""
    return (TODAY - timedelta(days=offset)).replace(hour=hour, minute=5)


@pytest.fixture
def shop(empty_ws: Workspace) -> dict[str, Phrase]:
    add = empty_ws.phrases.add
    return {
        "greet": add("亲，在的，有什么可以帮您？", title="问候", group="欢迎"),
        "size": add("亲，平时穿多大码就拍多大码哦", title="尺码", group="尺码"),
        "wide": add("亲，脚背高脚宽建议拍大一码哦", title="宽脚", group="尺码"),
        "post": add("亲，拍两件就包邮哦", title="包邮", group="邮费"),
        "old": add("亲，双十一的活动已经结束了哦，现在有满减", title="旧活动", group="议价"),
        "never": add("亲，下单备注颜色就可以了哦", title="备注", group="售后"),
    }


@pytest.fixture
def used(empty_ws: Workspace, shop: dict[str, Phrase]) -> Workspace:
    """greet 4 uses, size 2, wide 1, post 1 in the last 7 days; old only 20 days ago."""
    for offset in (0, 0, 1, 6):
        log_use(empty_ws, shop["greet"], day(offset))
    log_use(empty_ws, shop["size"], day(1, hour=0))  # Mar 1st, just after midnight
    log_use(empty_ws, shop["size"], day(2, hour=23))  # Feb 29th, late
    log_use(empty_ws, shop["wide"], day(3), buyer="tb_buyer01")
    log_use(empty_ws, shop["post"], day(6, hour=8))
    log_use(empty_ws, shop["old"], day(20))
    log_use(empty_ws, shop["greet"], day(7))  # the day before a 7-day window
    return empty_ws


# What `used` gives for a 7-day window ending TODAY (Feb 25 … Mar 2).
PER_DAY_7 = [
    ("2024-02-25", 2),  # greet, post
    ("2024-02-26", 0),
    ("2024-02-27", 0),
    ("2024-02-28", 1),  # wide
    ("2024-02-29", 1),  # size, late in the evening
    ("2024-03-01", 2),  # greet, size just after midnight
    ("2024-03-02", 2),  # greet twice
]


def test_per_day_has_every_day_of_the_window_with_its_count(used: Workspace) -> None:
    stats = compute(used.phrases, days=7, today=TODAY)
    assert (stats.start, stats.end) == (date(2024, 2, 25), date(2024, 3, 2))
    assert stats.per_day == PER_DAY_7
    assert stats.total == 8 == sum(n for _, n in stats.per_day)


def test_top_is_ordered_by_uses_and_per_group_sums_them(
    used: Workspace, shop: dict[str, Phrase]
) -> None:
    stats = compute(used.phrases, days=7, today=TODAY)
    top = [(p.id, n) for p, n in stats.top]
    assert top[:2] == [(shop["greet"].id, 4), (shop["size"].id, 2)]
    assert sorted(top[2:]) == sorted([(shop["wide"].id, 1), (shop["post"].id, 1)])
    assert stats.per_group[0] == ("欢迎", 4)
    assert dict(stats.per_group) == {"欢迎": 4, "尺码": 3, "邮费": 1}
    assert sum(n for _, n in stats.per_group) == stats.total
    assert [p.id for p, _ in compute(used.phrases, 7, top_n=1, today=TODAY).top] == [
        shop["greet"].id
    ]


def test_unused_is_every_phrase_with_no_use_in_the_window(
    used: Workspace, shop: dict[str, Phrase]
) -> None:
    stats = compute(used.phrases, days=7, today=TODAY)
    # "old" was used, but 20 days ago: for a 7-day window it is unused too.
    assert {p.id for p in stats.unused} == {shop["old"].id, shop["never"].id}
    wider = compute(used.phrases, days=30, today=TODAY)
    assert {p.id for p in wider.unused} == {shop["never"].id}
    assert len(wider.per_day) == 30
    assert wider.total == 10  # the 20- and 7-days-ago uses are now inside


def test_a_window_of_one_day_is_today(used: Workspace, shop: dict[str, Phrase]) -> None:
    stats = compute(used.phrases, days=1, today=TODAY)
    assert stats.per_day == [("2024-03-02", 2)]
    assert [(p.id, n) for p, n in stats.top] == [(shop["greet"].id, 2)]


@pytest.mark.parametrize("days", [0, -1, 3661, 100_000])
def test_days_out_of_bounds_are_refused(empty_ws: Workspace, days: int) -> None:
    with pytest.raises(InvalidInput):
        compute(empty_ws.phrases, days=days)


def test_a_torn_or_garbled_line_is_skipped_not_fatal(
    used: Workspace, shop: dict[str, Phrase]
) -> None:
    before = compute(used.phrases, days=7, today=TODAY)
    march = used.path / "usage-log" / "2024-03.jsonl"
    with march.open("a", encoding="utf-8") as f:
        f.write('{"phrase": "x", "at": 5}\n')  # a hand-edited line: no time
        f.write('["not", "an", "event"]\n')
        f.write(json.dumps({"phrase": shop["post"].id, "at": "yesterday"}) + "\n")
        whole = json.dumps({"phrase": shop["post"].id, "at": day(0).isoformat()})
        f.write(whole[:-12])  # the last line, cut short by a crash
    after = compute(used.phrases, days=7, today=TODAY)
    assert after.per_day == before.per_day
    assert [(p.id, n) for p, n in after.top] == [(p.id, n) for p, n in before.top]


def test_a_use_recorded_after_a_torn_line_still_counts(
    empty_ws: Workspace, shop: dict[str, Phrase]
) -> None:
    today = now()
    log = empty_ws.path / "usage-log" / f"{today:%Y-%m}.jsonl"
    log.parent.mkdir(exist_ok=True)
    whole = json.dumps({"phrase": shop["size"].id, "at": today.isoformat()})
    log.write_text(whole[:-12], encoding="utf-8")  # cut short by a crash, no newline
    empty_ws.phrases.record_use(shop["greet"].id, buyer="tb_buyer01")
    stats = compute(empty_ws.phrases, days=2)
    assert [(p.id, n) for p, n in stats.top] == [(shop["greet"].id, 1)]


def test_record_use_is_counted_today(empty_ws: Workspace, shop: dict[str, Phrase]) -> None:
    empty_ws.phrases.record_use(shop["post"].id)
    last = empty_ws.phrases.record_use(shop["post"].id, buyer="tb_buyer01").last_used_at
    assert last is not None
    stats = compute(empty_ws.phrases, days=3)
    assert dict(stats.per_day)[last[:10]] == 2
    assert [(p.id, n) for p, n in stats.top] == [(shop["post"].id, 2)]
    assert shop["post"].id not in {p.id for p in stats.unused}


def test_uses_of_a_deleted_phrase_count_per_day_but_not_in_top(
    used: Workspace, shop: dict[str, Phrase]
) -> None:
    used.phrases.remove(shop["post"].id)
    stats = compute(used.phrases, days=7, today=TODAY)
    assert stats.total == 8
    assert shop["post"].id not in {p.id for p, _ in stats.top}
    assert shop["post"].id not in {p.id for p in stats.unused}


def test_json_has_every_part(used: Workspace, shop: dict[str, Phrase]) -> None:
    doc = compute(used.phrases, days=7, today=TODAY).to_json()
    assert doc["days"] == 7 and doc["start"] == "2024-02-25" and doc["end"] == "2024-03-02"
    assert doc["per_day"][0] == {"date": "2024-02-25", "uses": 2}
    assert doc["top"][0] == {"id": shop["greet"].id, "title": "问候", "group": "欢迎", "uses": 4}
    assert {"group": "尺码", "uses": 3} in doc["per_group"]
    assert {u["title"] for u in doc["unused"]} == {"旧活动", "备注"}
    json.dumps(doc, ensure_ascii=False)  # plain JSON types only


def test_csv_is_utf8_with_bom_and_lists_every_phrase_with_its_count(
    used: Workspace, shop: dict[str, Phrase]
) -> None:
    raw = to_csv(compute(used.phrases, days=7, top_n=10**6, today=TODAY))
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header = rows.index(["短语编号", "标题", "分组", "使用次数"])
    counts: dict[str, str] = {}
    for row in rows[header + 1 :]:
        if not row:
            break
        counts[row[0]] = row[3]
    assert counts == {
        shop["greet"].id: "4",
        shop["size"].id: "2",
        shop["wide"].id: "1",
        shop["post"].id: "1",
        shop["old"].id: "0",
        shop["never"].id: "0",
    }
    day_header = rows.index(["日期", "使用次数"])
    assert rows[day_header + 1 :] == [[d, str(n)] for d, n in PER_DAY_7]


def test_an_empty_folder_has_a_zero_window(tmp_path: Path, empty_ws: Workspace) -> None:
    stats = compute(empty_ws.phrases, days=5, today=TODAY)
    assert stats.total == 0 and stats.top == [] and stats.per_group == [] and stats.unused == []
    assert [n for _, n in stats.per_day] == [0] * 5
