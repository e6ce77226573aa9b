"""`kefu stats` end to end, as a separate process over a real data folder (issue 6)."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from assistant.core.clock import now
from assistant.core.phrases.model import Phrase
from assistant.core.workspace import Workspace, open_workspace
from tests.helpers import run_kefu

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def kefu(data: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_kefu(None, "--data-dir", str(data), "stats", *args)


def log_use(data: Path, phrase: Phrase, at: datetime) -> None:
    """One use as the app writes it: a JSON line in usage-log/<YYYY-MM>.jsonl."""
    folder = data / "usage-log"
    folder.mkdir(exist_ok=True)
    with (folder / f"{at:%Y-%m}.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps({"phrase": phrase.id, "at": at.isoformat()}) + "\n")


class Used:
    """A folder with the built-in packs and uses over the last days (all well inside 30)."""

    def __init__(self, data: Path) -> None:
        self.data = data
        self.ws: Workspace = open_workspace(data)
        self.all = self.ws.phrases.all()
        a, b, c, old = self.all[0], self.all[1], self.all[5], self.all[9]
        self.a, self.b, self.c, self.old = a, b, c, old
        noon = now().replace(hour=12, minute=0, second=0)
        self.uses: list[tuple[Phrase, datetime]] = [
            (a, noon - timedelta(days=1)),
            (a, noon - timedelta(days=2)),
            (a, noon - timedelta(days=4)),
            (b, noon - timedelta(days=2)),
            (b, noon - timedelta(days=4)),
            (c, noon - timedelta(days=3)),
        ]
        for phrase, at in self.uses:
            log_use(data, phrase, at)
        log_use(data, old, noon - timedelta(days=40))  # before a 30-day window
        recorded = self.ws.phrases.record_use(a.id, buyer="tb_buyer01")  # today, as a copy does
        assert recorded.last_used_at is not None
        self.uses.append((a, datetime.fromisoformat(recorded.last_used_at)))

    def per_day(self) -> Counter[str]:
        return Counter(at.date().isoformat() for _, at in self.uses)


@pytest.fixture
def used(seeded_dir: Path) -> Used:
    return Used(seeded_dir)


def test_json_has_per_day_top_groups_and_unused(used: Used) -> None:
    # A crash cut the last line of this month's log short: skipped, not fatal.
    log = used.data / "usage-log" / f"{now():%Y-%m}.jsonl"
    with log.open("a", encoding="utf-8") as f:
        f.write(json.dumps({"phrase": used.b.id, "at": now().isoformat()})[:-9])
    result = kefu(used.data, "--days", "30", "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)

    assert doc["days"] == 30 and doc["total"] == 7
    days = [d["date"] for d in doc["per_day"]]
    assert len(days) == 30 and days == sorted(days) and len(set(days)) == 30
    assert (days[0], days[-1]) == (doc["start"], doc["end"])
    expected = used.per_day()
    assert {d["date"]: d["uses"] for d in doc["per_day"] if d["uses"]} == dict(expected)

    assert [(t["id"], t["uses"]) for t in doc["top"]] == [
        (used.a.id, 4),
        (used.b.id, 2),
        (used.c.id, 1),
    ]
    groups: Counter[str] = Counter()
    for phrase, _ in used.uses:
        groups[phrase.group] += 1
    assert {g["group"]: g["uses"] for g in doc["per_group"]} == dict(groups)
    assert sum(g["uses"] for g in doc["per_group"]) == doc["total"]

    unused = {u["id"] for u in doc["unused"]}
    assert unused == {p.id for p in used.all} - {used.a.id, used.b.id, used.c.id}
    assert used.old.id in unused  # used, but only 40 days ago


def test_text_output_lists_top_phrases_and_unused(used: Used) -> None:
    result = kefu(used.data, "--days", "30")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "共使用 7 次" in out
    assert f"   4 次  {used.a.title}  [{used.a.group}]" in out
    assert f"30 天内没用过的短语 {len(used.all) - 3} 条" in out


def test_text_output_without_any_use_says_so(seeded_dir: Path) -> None:
    result = kefu(seeded_dir, "--days", "7")
    assert result.returncode == 0, result.stderr
    assert "共使用 0 次" in result.stdout
    assert "每天：无" in result.stdout.splitlines()


def test_csv_and_plot_are_written(used: Used, tmp_path: Path) -> None:
    csv_file, png = tmp_path / "统计.csv", tmp_path / "out" / "stats.png"
    png.parent.mkdir()
    result = kefu(used.data, "--days", "30", "--csv", str(csv_file), "--plot", str(png))
    assert result.returncode == 0, result.stderr
    assert str(csv_file) in result.stdout and str(png) in result.stdout

    raw = csv_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel opens it as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "统计区间" and rows[0][-1] == "7"
    header = rows.index(["短语编号", "标题", "分组", "使用次数"])
    counts: dict[str, int] = {}
    for row in rows[header + 1 :]:
        if not row:
            break
        counts[row[0]] = int(row[3])
    assert set(counts) == {p.id for p in used.all}  # every phrase, used or not
    assert {k: n for k, n in counts.items() if n} == {used.a.id: 4, used.b.id: 2, used.c.id: 1}
    day_rows = rows[rows.index(["日期", "使用次数"]) + 1 :]
    assert len(day_rows) == 30
    assert {d: int(n) for d, n in day_rows if int(n)} == dict(used.per_day())

    image = png.read_bytes()
    assert image.startswith(PNG_SIGNATURE)
    assert len(image) > 20_000  # two charts with bars and labels, not an empty canvas


@pytest.mark.parametrize("days", ["0", "-3", "100000"])
def test_days_out_of_bounds_exit_2(seeded_dir: Path, days: str) -> None:
    result = kefu(seeded_dir, "--days", days)
    assert result.returncode == 2
    assert "--days" in result.stderr and "Traceback" not in result.stderr


def test_plot_into_a_missing_folder_is_an_error(seeded_dir: Path, tmp_path: Path) -> None:
    result = kefu(seeded_dir, "--plot", str(tmp_path / "no" / "such" / "stats.png"))
    assert result.returncode == 2
    assert "无法保存图片" in result.stderr and "Traceback" not in result.stderr
