"""Hostile and broken input (issue 8, item 5): each case gets a clear error or is handled.

A refusal is `kefu` exiting 2 with one stderr line that starts with 错误 and says why, and
a library that is byte for byte what it was (the lock files aside). A case that is handled
says exactly how. Widgets showing HTML as text: test_hostile_ui.py.
"""

from __future__ import annotations

import datetime
import io
import json
import os
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from assistant.core.packs.pack_format import MAX_PACK_BYTES, MAX_PACK_PHRASES
from assistant.core.phrases.model import MAX_TEXT
from assistant.core.tables.csv_rows import MAX_LINE_CHARS
from assistant.core.tables.reader import MAX_FILE_BYTES
from assistant.core.workspace import open_workspace
from tests.helpers import kefu_env, snapshot
from tests.reliability.conftest import Run, kefu


@pytest.fixture
def lib(seeded_dir: Path) -> Path:
    ws = open_workspace(seeded_dir)
    ws.phrases.add("亲，这是已有的短语", code="yy")
    ws.buyers.add("老买家", notes="已有的备注")
    return seeded_dir


def library(folder: Path) -> dict[str, bytes]:
    """Every file but the lock files (creating a lock file changes nothing)."""
    return {name: raw for name, raw in snapshot(folder).items() if not name.endswith(".lock")}


def assert_refused(run: Run, *words: str) -> None:
    assert run.code == 2, (run.out, run.err)
    assert len(run.err_lines) == 1, run.err
    line = run.err_lines[0]
    assert line.startswith("错误："), line
    assert len(line) < 2000, f"{len(line)} characters is not a clear message"
    for word in words:
        assert word in line, line


# -- phrase files ------------------------------------------------------------------------
def _pack(phrases: object, **extra: object) -> bytes:
    head = {"format": "kefu-phrase-pack", "format_version": 1, "id": "team.pack", "name": "团队"}
    # The standard json module: orjson refuses to write the deeply nested cases.
    return json.dumps({**head, **extra, "phrases": phrases}, ensure_ascii=False).encode()


def _nested(depth: int) -> object:
    value: object = "亲"
    for _ in range(depth):
        value = [value]
    return value


def _xlsx(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"0" * (81 * 1024 * 1024))
    return out.getvalue()


def _sparse(path: Path, size: int) -> None:
    with path.open("wb") as fh:
        fh.truncate(size)


P = {"id": "p1", "text": "亲，在的"}
QIANNIU = "快捷编码,快捷短语,快捷短语分组\n"

# case id -> (file name, content or None for a file made by a special step, words the
# message must contain)
REFUSED_IMPORTS: dict[str, tuple[str, Callable[[], bytes] | None, tuple[str, ...]]] = {
    "pack-over-the-size-limit": ("big.json", None, ("太大",)),
    "pack-with-too-many-phrases": (
        "many.json",
        lambda: _pack([{"id": f"p{i}", "text": "亲"} for i in range(MAX_PACK_PHRASES + 1)]),
        ("短语太多",),
    ),
    "pack-not-json": ("png.json", lambda: b"\x89PNG\r\n\x1a\n\x00\x00garbage", ("JSON",)),
    "pack-empty-file": ("empty.json", lambda: b"", ("JSON",)),
    "pack-top-level-number": ("n.json", lambda: b"42", ("不是短语包",)),
    "pack-top-level-string": ("s.json", lambda: b'"kefu-phrase-pack"', ("不是短语包",)),
    "pack-empty-list": ("l.json", lambda: b"[]", ("没有短语包",)),
    "pack-without-format": ("f.json", lambda: orjson.dumps({"id": "x", "phrases": []}), ()),
    "pack-format-version-99": ("v.json", lambda: _pack([P], format_version=99), ("99",)),
    "pack-phrases-not-a-list": ("d.json", lambda: _pack({"p1": P}), ("列表",)),
    "pack-phrase-is-a-list": ("pl.json", lambda: _pack([["p1", "亲"]]), ("对象",)),
    "pack-text-is-a-number": ("t.json", lambda: _pack([{"id": "p1", "text": 12}]), ("text",)),
    "pack-tags-is-a-string": (
        "tg.json",
        lambda: _pack([{"id": "p1", "text": "亲", "tags": "a,b"}]),
        ("tags",),
    ),
    "pack-nested-100000-lists": (
        "deep.json",
        lambda: b"[" * 100_000 + b"]" * 100_000,
        ("JSON",),
    ),
    "pack-field-nested-300-deep": (
        "deep-field.json",
        lambda: _pack([{"id": "p1", "text": "亲", "group": _nested(300)}]),
        ("嵌套太深",),
    ),
    "pack-description-nested-300-deep": (
        "deep-desc.json",
        lambda: _pack([P], description=_nested(300)),
        ("嵌套太深",),
    ),
    "pack-phrase-id-with-dot-dot": (
        "id.json",
        lambda: _pack([{"id": "../../etc/passwd", "text": "亲"}]),
        ("id 无效",),
    ),
    "pack-id-with-dot-dot": ("pid.json", lambda: _pack([P], id="../x"), ("id 无效",)),
    "pack-escape-in-title": (
        "esc.json",
        lambda: _pack([{"id": "p1", "text": "亲", "title": "\x1b[31m红字"}]),
        ("控制字符",),
    ),
    "pack-invalid-utf8": (
        "u.json",
        lambda: _pack([P]).replace("亲".encode(), b"\xff\xfe"),
        ("JSON",),
    ),
    "pack-duplicate-ids": ("dup.json", lambda: _pack([P, P]), ("重复",)),
    "pack-template-attribute-access": (
        "tpl.json",
        lambda: _pack([{"id": "p1", "text": "{0.__class__}"}]),
        ("占位符",),
    ),
    "pack-text-over-10000-characters": (
        "long.json",
        lambda: _pack([{"id": "p1", "text": "亲" * (MAX_TEXT + 1)}]),
        ("短语太长",),
    ),
    "pack-with-10000-tags": (
        "tags.json",
        lambda: _pack([{"id": "p1", "text": "亲", "tags": [f"t{i}" for i in range(10_000)]}]),
        ("标签太多",),
    ),
    "csv-nul-bytes": ("nul.csv", lambda: (QIANNIU + "a,亲\x00在的,问候\n").encode(), ("NUL",)),
    "csv-mixed-encodings": (
        "mixed.csv",
        lambda: (QIANNIU + "a,亲，在的,问候\n").encode() + "b,亲，包邮哦,邮费\n".encode("gbk"),
        ("编码",),
    ),
    "csv-undecodable-bytes": ("bytes.csv", lambda: b"\x80abc\xff\n\x81\xff\n", ("编码",)),
    # Mostly Chinese UTF-16 without a byte order mark has too few NUL bytes to be told
    # apart from GB18030 bytes: refused (Excel's "Unicode text" always writes the mark).
    "csv-chinese-utf16-without-bom": (
        "u16.csv",
        lambda: (QIANNIU + "a,亲，在的,问候\n").encode("utf-16-le"),
        ("编码",),
    ),
    "csv-header-only": ("header.csv", lambda: QIANNIU.encode(), ("没有找到任何短语",)),
    "csv-without-a-phrase-column": ("shoes.csv", lambda: "名称,价格\n鞋,99\n".encode(), ("表头",)),
    "csv-phrase-over-10000-characters": (
        "long.csv",
        lambda: (QIANNIU + "a," + "亲" * (MAX_TEXT + 1) + ",问候\n").encode(),
        ("短语太长",),
    ),
    "csv-10000-tags": (
        "tags.csv",
        lambda: ("快捷短语,标签\n亲," + "，".join(f"t{i}" for i in range(10_000)) + "\n").encode(),
        ("标签太多",),
    ),
    "csv-tag-over-30-characters": (
        "tag.csv",
        lambda: ("快捷短语,标签\n亲," + "长" * 31 + "\n").encode(),
        ("标签太长",),
    ),
    "csv-code-with-a-space": ("code.csv", lambda: (QIANNIU + "c f,亲,问候\n").encode(), ("编码",)),
    "csv-title-over-100-characters": (
        "title.csv",
        lambda: ("快捷短语,标题\n亲," + "题" * 101 + "\n").encode(),
        ("标题太长",),
    ),
    "csv-escape-sequence": (
        "esc.csv",
        lambda: (QIANNIU + "a,亲\x1b[2J在的,问候\n").encode(),
        ("控制字符",),
    ),
    "csv-template-format-trick": (
        "fmt.csv",
        lambda: (QIANNIU + "a,{活动!r},问候\n").encode(),
        ("占位符",),
    ),
    "xlsx-formula-in-the-phrase-column": (
        "formula.xlsx",
        lambda: _xlsx([["快捷短语"], ['=HYPERLINK("http://evil.example","点我")']]),
        ("公式",),
    ),
    "xlsx-broken-zip": ("broken.xlsx", lambda: b"PK\x03\x04 not really a workbook", ("XLSX",)),
    "xlsx-zip-bomb": ("bomb.xlsx", _zip_bomb, ("解压后太大",)),
    "xls-old-format": (
        "old.xls",
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64,
        (".xls",),
    ),
    "unsupported-file-type": ("evil.exe", lambda: b"MZ\x90\x00", ("不支持",)),
}


@pytest.mark.parametrize("case", sorted(REFUSED_IMPORTS))
def test_a_hostile_phrase_file_is_refused_and_changes_nothing(
    lib: Path, tmp_path: Path, case: str
) -> None:
    name, content, words = REFUSED_IMPORTS[case]
    path = tmp_path / name
    if content is None:
        _sparse(path, MAX_PACK_BYTES + 1)
    else:
        path.write_bytes(content())
    before = library(lib)
    assert_refused(kefu(lib, "pack", "import", str(path)), *words)
    assert library(lib) == before
    # --skip-bad skips bad rows, never a bad file: nothing changes either way for these.
    if case.startswith(("pack-over", "pack-not", "pack-nested", "xlsx-zip", "unsupported")):
        assert_refused(kefu(lib, "pack", "import", str(path), "--skip-bad"))
        assert library(lib) == before


def test_a_missing_file_is_a_clear_error(lib: Path, tmp_path: Path) -> None:
    before = library(lib)
    assert_refused(kefu(lib, "pack", "import", str(tmp_path / "nowhere.csv")), "找不到文件")
    assert library(lib) == before


def _imported(lib: Path, path: Path) -> list[dict[str, object]]:
    run = kefu(lib, "pack", "import", str(path))
    assert run.code == 0, run.err
    ws = open_workspace(lib)
    return [
        {"code": p.code, "text": p.text, "group": p.group, "title": p.title, "tags": p.tags}
        for p in ws.phrases.all()
        if (p.pack == "我的短语" and p.code != "yy") or p.pack == "团队"
    ]


HANDLED_IMPORTS: dict[str, tuple[str, Callable[[], bytes], list[dict[str, object]]]] = {
    # A formula-looking cell in a CSV is text: stored as written, never run.
    "csv-formula-looking-text": (
        "f.csv",
        lambda: ('快捷短语\n"=HYPERLINK(""http://x"",""点"")"\n').encode(),
        [{"text": '=HYPERLINK("http://x","点")'}],
    ),
    # UTF-16 without a byte order mark, told apart by its NUL bytes (ASCII-heavy text).
    "csv-utf16-without-bom": (
        "u16.csv",
        lambda: "code,text,group\nu16x,Hi there,hello\n".encode("utf-16-le"),
        [{"code": "u16x", "text": "Hi there", "group": "hello"}],
    ),
    # A quote never closed: the rest of the file is that cell, as spreadsheets read it.
    "csv-unterminated-quote": (
        "q.csv",
        lambda: '快捷短语\n"亲，在的\n'.encode(),
        [{"text": "亲，在的\n"}],
    ),
    # NUL inside a pack's text: dropped (it cannot be typed or sent anyway).
    "pack-nul-in-text": (
        "nul.json",
        lambda: _pack([{"id": "p1", "text": "亲\u0000在的"}]),
        [{"text": "亲在的"}],
    ),
    # Odd cell types: every one becomes text; a number code keeps its digits.
    "xlsx-numbers-dates-booleans": (
        "odd.xlsx",
        lambda: _xlsx(
            [
                ["快捷编码", "快捷短语", "快捷短语分组", "标题", "标签"],
                [1001, "亲，在的哦", datetime.datetime(2026, 11, 11), True, 3.5],
            ]
        ),
        [
            {
                "code": "1001",
                "text": "亲，在的哦",
                "group": "2026-11-11 00:00:00",
                "title": "是",
                "tags": ["3.5"],
            }
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(HANDLED_IMPORTS))
def test_a_strange_but_harmless_phrase_file_is_imported_as_text(
    lib: Path, tmp_path: Path, case: str
) -> None:
    name, content, expected = HANDLED_IMPORTS[case]
    path = tmp_path / name
    path.write_bytes(content())
    got = _imported(lib, path)
    assert len(got) == len(expected)
    for row, want in zip(got, expected, strict=True):
        assert {k: row[k] for k in want} == want


# -- phrases typed on the command line ---------------------------------------------------
def test_a_phrase_at_the_length_limit_is_saved(lib: Path) -> None:
    run = kefu(lib, "add", "亲" * MAX_TEXT, "--code", "max")
    assert run.code == 0, run.err
    assert open_workspace(lib).phrases.resolve("max").text == "亲" * MAX_TEXT


ADD_REFUSED: dict[str, tuple[list[str], tuple[str, ...]]] = {
    "phrase-over-the-length-limit": (["亲" * (MAX_TEXT + 1)], ("短语太长", str(MAX_TEXT))),
    "phrase-with-10000-tags": (
        ["亲", *[a for i in range(10_000) for a in ("--tag", f"t{i}")]],
        ("标签太多",),
    ),
    "template-attribute-access": (["{0.__class__}"], ("占位符",)),
    "template-globals-through-a-name": (["亲，{买家.__init__.__globals__}"], ("占位符",)),
    "template-conversion": (["{活动!r}"], ("占位符",)),
    "template-huge-padding": (["{昵称:>99999}"], ("占位符",)),
    "template-dollar-brace": (["${x}"], ("占位符",)),
    "template-nested-format": (["{昵称!s:>{活动}}"], ()),
    "template-code": (["{__import__('os').system('id')}"], ("占位符",)),
    "template-unpaired-brace": (["{{昵称}"], ("}",)),
    "argv-invalid-utf8": (["亲\udcff"], ("UTF-8",)),
}


@pytest.mark.parametrize("case", sorted(ADD_REFUSED))
def test_a_hostile_phrase_is_refused_and_changes_nothing(lib: Path, case: str) -> None:
    args, words = ADD_REFUSED[case]
    before = library(lib)
    assert_refused(kefu(lib, "add", *args), *words)
    assert library(lib) == before


TEMPLATES_KEPT_LITERAL = {
    "percent-format": ("亲，%(x)s 和 %s、%d", "亲，%(x)s 和 %s、%d"),
    "tripled-braces": ("{{{昵称}}}", "{亲}"),
    "escaped-attribute-access": ("{{0.__class__}}", "{0.__class__}"),
    "fill-in-with-a-dotted-name": ("尺码 {?x.__class__:38}", "尺码 38"),
}


@pytest.mark.parametrize("case", sorted(TEMPLATES_KEPT_LITERAL))
def test_template_tricks_render_as_plain_text(lib: Path, case: str) -> None:
    text, shown = TEMPLATES_KEPT_LITERAL[case]
    assert kefu(lib, "add", text, "--code", "tpl").code == 0
    run = kefu(lib, "render", "tpl")
    assert run.code == 0, run.err
    assert run.out == shown + "\n"


# -- buyers --------------------------------------------------------------------------------
BUYER_REFUSED: dict[str, tuple[list[str], tuple[str, ...]]] = {
    "account-with-an-escape-sequence": (["ab\x1b[31mc"], ("买家账号无效",)),
    "account-with-a-line-break": (["ab\ncd"], ("买家账号无效",)),
    "account-with-a-bell": (["ab\x07"], ("买家账号无效",)),
    "account-with-c1-control": (["ab\x9bc"], ("买家账号无效",)),
    "account-over-64-characters": (["买" * 65], ("买家账号无效",)),
    "account-invalid-utf8": (["ab\udcff"], ("UTF-8",)),
    "note-over-5000-characters": (["小李", "--note", "记" * 5001], ("备注太长",)),
    "51-tags": (["小李", *[a for i in range(51) for a in ("--tag", f"t{i}")]], ("标签太多",)),
}


@pytest.mark.parametrize("case", sorted(BUYER_REFUSED))
def test_a_hostile_buyer_is_refused_and_changes_nothing(lib: Path, case: str) -> None:
    args, words = BUYER_REFUSED[case]
    before = library(lib)
    assert_refused(kefu(lib, "buyer", "add", *args), *words)
    assert library(lib) == before


def test_an_account_with_a_nul_keeps_the_rest(lib: Path) -> None:
    run = kefu(lib, "buyer", "add", "ab\x00cd")
    assert run.code == 0, run.err
    assert open_workspace(lib).buyers.exists("abcd")


# -- order reports -------------------------------------------------------------------------
ORDER_HEADER = "订单编号,买家会员名,买家实际支付金额,订单付款时间\n"

ORDERS_REFUSED: dict[str, tuple[str, Callable[[Path], object], tuple[str, ...]]] = {
    "orders-over-the-size-limit": (
        "huge.csv",
        lambda p: _sparse(p, MAX_FILE_BYTES + 1),
        ("太大",),
    ),
    "orders-nul-bytes": (
        "nul.csv",
        lambda p: p.write_bytes((ORDER_HEADER + "1,a\x00b,1,2026-11-11\n").encode()),
        ("NUL",),
    ),
    "orders-mixed-encodings": (
        "mixed.csv",
        lambda p: p.write_bytes(
            (ORDER_HEADER + "1,小王,1,2026-11-11\n").encode()
            + "2,小李,1,2026-11-11\n".encode("gbk")
        ),
        ("编码",),
    ),
    "orders-a-million-columns": (
        "columns.csv",
        lambda p: p.write_text(",".join(f"列{i}" for i in range(1_000_000)) + "\n1,2\n"),
        ("太长",),
    ),
    "orders-50-mb-cell": (
        "cell.csv",
        lambda p: p.write_text(ORDER_HEADER + "1," + "x" * 50_000_000 + ",1,2026-11-11\n"),
        ("第 2 行", "太长"),
    ),
    "orders-not-a-spreadsheet": (
        "photo.jpg",
        lambda p: p.write_bytes(b"\xff\xd8\xff"),
        ("不支持",),
    ),
}


@pytest.mark.parametrize("case", sorted(ORDERS_REFUSED))
def test_a_hostile_order_report_is_refused_and_changes_nothing(
    lib: Path, tmp_path: Path, case: str
) -> None:
    name, make, words = ORDERS_REFUSED[case]
    path = tmp_path / name
    make(path)
    before = library(lib)
    assert_refused(kefu(lib, "buyer", "import-orders", str(path)), *words)
    assert library(lib) == before


# The child refuses the report with the real command code, after a warm-up import of a
# report with no orders (so every module the command needs is imported), and reports, as "key value"
# pairs on its last stderr line:
# - longest: the longest line the csv module was given to split into cells (a line of a
#   million cells becomes a list of a million strings, 50 times the file's size), and
#   warm-up, the same for the warm-up report, which shows the watch is in place;
# - traced: the most memory Python allocated at once while refusing (tracemalloc), a
#   figure of the program, not of the machine;
# - peak-kb: VmHWM, the peak resident memory of the process, printed for docs/RELIABILITY.md
#   only (it holds the interpreter and its libraries, which differ from machine to machine).
MEASURE = textwrap.dedent(
    """
    import csv, sys, tracemalloc
    from assistant.cli.main import main
    from assistant.core.tables import csv_rows

    longest = 0
    real_reader = csv.reader

    def reader(lines, **options):
        def fed():
            global longest
            for line in lines:
                longest = max(longest, len(line))
                yield line
        return real_reader(fed(), **options)

    data, warm_up, report = sys.argv[1:4]
    csv_rows.csv = type(csv)("csv_watched")
    csv_rows.csv.reader, csv_rows.csv.Error = reader, csv.Error
    main(["--data-dir", data, "buyer", "import-orders", warm_up])
    warm_up_longest, longest = longest, 0
    tracemalloc.start()
    code = main(["--data-dir", data, "buyer", "import-orders", report])
    traced = tracemalloc.get_traced_memory()[1]
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    print(f"warm-up {warm_up_longest} longest {longest} traced {traced} peak-kb {peak}",
          file=sys.stderr)
    sys.exit(code)
    """
)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("case", ["orders-a-million-columns", "orders-50-mb-cell"])
def test_a_huge_order_report_is_refused_before_its_long_line_is_split(
    lib: Path, tmp_path: Path, case: str
) -> None:
    """The whole file is read (up to the 200 MB limit), but the over-long line is refused
    before the csv module splits it: no line longer than the limit ever reaches csv, and
    what Python allocates stays a small multiple of the file's size."""
    name, make, words = ORDERS_REFUSED[case]
    path = tmp_path / name
    make(path)
    warm_up = tmp_path / "warm-up.csv"
    warm_up.write_text(ORDER_HEADER, encoding="utf-8")  # a header and no orders
    size = path.stat().st_size
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(lib), str(warm_up), str(path)],
        capture_output=True,
        encoding="utf-8",
        env=kefu_env(),
        check=False,
    )
    assert result.returncode == 2, result.stderr
    *said, figures_line = result.stderr.strip().splitlines()
    assert all(word in said[-1] for word in words), said
    pairs = figures_line.split()
    figures = dict(zip(pairs[::2], map(int, pairs[1::2]), strict=True))
    print(
        f"\n{case}: {size / 1e6:.1f} MB file refused; longest line given to csv "
        f"{figures['longest']} characters; Python allocated at most "
        f"{figures['traced'] / 1e6:.0f} MB ({figures['traced'] / size:.1f} × the file); "
        f"peak resident {int(figures['peak-kb']) / 1024:.0f} MB"
    )
    assert figures["warm-up"] == len(ORDER_HEADER)  # the watch sees what csv is given
    assert figures["longest"] <= MAX_LINE_CHARS  # the header line at most, never the long one
    # The file as bytes, as text and as lines: a few copies of it, never one per cell.
    assert figures["traced"] < 10 * size


def test_order_rows_with_control_characters_are_skipped_and_the_rest_imported(
    lib: Path, tmp_path: Path
) -> None:
    path = tmp_path / "orders.csv"
    path.write_text(
        ORDER_HEADER
        + "1001,小王,10,2026-11-11 10:00:00\n"
        + "1002,evil\x1b]0;owned\x07,10,2026-11-11 10:00:00\n"
        + "1003\x1b[2J,小李,10,2026-11-11 10:00:00\n",
        encoding="utf-8",
    )
    run = kefu(lib, "buyer", "import-orders", str(path), "--json")
    assert run.code == 0, run.err
    report = orjson.loads(run.out)
    assert report["orders_counted"] == 1
    assert [s["line"] for s in report["skipped"]] == [3, 4]
    assert all("控制字符" in s["reason"] for s in report["skipped"])
    ws = open_workspace(lib)
    accounts = {b.account for b in ws.buyers.all()}
    assert "小王" in accounts
    assert not [a for a in accounts if "\x1b" in a or "\x07" in a]


def test_an_order_xlsx_with_formulas_and_odd_types_never_runs_a_formula(
    lib: Path, tmp_path: Path
) -> None:
    path = tmp_path / "orders.xlsx"
    moment = datetime.datetime(2026, 11, 11, 10, 0)
    path.write_bytes(
        _xlsx(
            [
                ["订单编号", "买家会员名", "买家实际支付金额", "订单付款时间"],
                [1.2345678901234567e17, "a1", 10, moment],  # an order number Excel mangled
                ["o2", "a2", True, moment],  # a boolean amount
                ["o3", "a3", "=1+1", moment],  # a formula amount: never computed
                ["o4", "a4", 12.5, "=NOW()"],  # a formula time: never computed
                ["o5", "a5", 12.5, datetime.date(2026, 11, 11)],  # a date cell
            ]
        )
    )
    run = kefu(lib, "buyer", "import-orders", str(path), "--json")
    assert run.code == 0, run.err
    report = orjson.loads(run.out)
    reasons = {s["line"]: s["reason"] for s in report["skipped"]}
    assert "科学计数法" in reasons[2]
    assert "金额" in reasons[3]
    ws = open_workspace(lib)
    assert ws.buyers.get("a3").total_spent == 0.0  # not 2: the formula was not run
    assert ws.buyers.get("a4").order_count == 0  # no payment time: not a paid order
    assert ws.buyers.get("a5").order_count == 1
    assert not ws.buyers.exists("a1") and not ws.buyers.exists("a2")


def test_a_real_process_with_invalid_utf8_in_argv_exits_2_in_one_line(lib: Path) -> None:
    before = library(lib)
    env = kefu_env(lib)
    result = subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"assistant", b"add", b"\xff\xfe bad bytes"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert result.returncode == 2
    assert len(result.stderr.decode("utf-8").strip().splitlines()) == 1
    assert "UTF-8" in result.stderr.decode("utf-8")
    assert library(lib) == before
