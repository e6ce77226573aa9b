"""Every CSV the `kefu` command writes guards formula cells (issue 12, item 14): a phrase
title from a shared pack or a buyer's tag typed as ``=HYPERLINK(...)`` must open in Excel
as the text it is, never run."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from assistant.core.tables.cells import FORMULA_START, unguard_cell
from assistant.core.workspace import open_workspace
from tests.helpers import run_kefu

HOSTILE = [
    '=HYPERLINK("http://e.x","点我")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


def _rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def _runs_as_formula(cell: str) -> bool:
    return cell[:1] in FORMULA_START


def test_cr_starts_a_formula_too() -> None:
    assert "\r" in FORMULA_START


def test_stats_csv_guards_hostile_titles_and_groups(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ws = open_workspace(data, builtins=False)
    ids = [
        ws.phrases.add(f"亲，第{i}条回复", title=bad, group=bad).id for i, bad in enumerate(HOSTILE)
    ]
    ws.phrases.record_use(ids[0])
    out = tmp_path / "统计.csv"

    done = run_kefu(None, "--data-dir", str(data), "stats", "--days", "7", "--csv", str(out))

    assert done.returncode == 0, done.stderr
    rows = _rows(out)
    header = rows.index(["短语编号", "标题", "分组", "使用次数"])
    phrases = rows[header + 1 : header + 1 + len(HOSTILE)]
    stored = {i: ws.phrases.get(i) for i in ids}  # as kept (leading blanks trimmed)
    assert {r[0]: (unguard_cell(r[1]), unguard_cell(r[2])) for r in phrases} == {
        i: (p.title, p.group) for i, p in stored.items()
    }
    assert not [cell for row in rows for cell in row if _runs_as_formula(cell)]


def test_buyer_csv_guards_every_column_also_joined_ones(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ws = open_workspace(data, builtins=False)
    for i, bad in enumerate(HOSTILE):
        account = f"buyer_{i}"
        ws.buyers.add(account, remark=bad, tags=[bad[:20]], notes=bad, attributes={bad[:20]: bad})
        ws.buyers.promise(account, bad)
    out = tmp_path / "买家.csv"

    done = run_kefu(None, "--data-dir", str(data), "buyer", "export", "--out", str(out))

    assert done.returncode == 0, done.stderr
    rows = _rows(out)
    assert len(rows) == 1 + len(HOSTILE)
    shown = {b.account: b for b in ws.buyers.all()}  # as kept (leading blanks trimmed)
    for row in rows[1:]:
        cells = dict(zip(rows[0], row, strict=True))
        buyer = shown[cells["买家账号"]]
        assert unguard_cell(cells["备注名"]) == buyer.remark
        assert unguard_cell(cells["备注"]) == buyer.notes
        assert unguard_cell(cells["标签"]) == "；".join(buyer.tags)
        assert unguard_cell(cells["承诺"]).startswith(buyer.promises[0].text)
    assert not [cell for row in rows for cell in row if _runs_as_formula(cell)]
