"""Every refusal is one short line (issue 12, items 10 and 16): what an error quotes from
the input is capped, a library's three-line text is cut to its first line, and an order
report that inflates past its cap is refused before it is opened."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from assistant.core.tables.reader import MAX_REPORT_UNPACKED
from tests.helpers import run_kefu, snapshot
from tests.reliability.conftest import kefu

SHORT = 200  # characters: a line a person reads at a glance
LONG_NAME = "长" * 9990


def _one_short_line(stderr: str, *words: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr[:3000]
    line = lines[0]
    assert line.startswith("错误："), line[:300]
    assert len(line) < SHORT, f"{len(line)} characters: {line[:300]}"
    for word in words:
        assert word in line, line
    return line


def test_a_9990_character_fill_in_name_is_quoted_in_a_short_line(seeded_dir: Path) -> None:
    added = kefu(seeded_dir, "add", f"亲{{?{LONG_NAME}}}", "--code", "longname")
    assert added.code == 0, added.err[:300]
    result = run_kefu(seeded_dir, "render", "longname")
    assert result.returncode == 2
    _one_short_line(result.stderr, "缺少填空内容", "长长长", "共 9,990 个字符")


@pytest.mark.parametrize(
    "text",
    [f"亲，{{{LONG_NAME}}}", f"亲，{{?{LONG_NAME}{{}}", f"亲，{{?{LONG_NAME}?x}}"],
    ids=["unknown-placeholder", "unpaired", "bad-fill-in-name"],
)
def test_a_template_error_about_a_huge_placeholder_is_one_short_line(
    seeded_dir: Path, text: str
) -> None:
    before = snapshot(seeded_dir)
    run = kefu(seeded_dir, "add", text)
    assert run.code == 2
    _one_short_line(run.err)
    assert snapshot(seeded_dir) == before


@pytest.mark.parametrize("args", [["show"], ["add", "亲，你好", "--code"]], ids=["ref", "code"])
def test_a_huge_reference_or_code_is_quoted_in_a_short_line(
    seeded_dir: Path, args: list[str]
) -> None:
    run = kefu(seeded_dir, *args, LONG_NAME)
    assert run.code == 2
    _one_short_line(run.err, "长长长", "个字符）")


def _workbook_with_a_dtd(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["订单编号", "买家会员名", "快捷短语"], ["1001", "小王", "亲，你好"]):
        sheet.append(row)
    plain = io.BytesIO()
    book.save(plain)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as out:
        for name in src.namelist():
            data = src.read(name)
            if name == "xl/workbook.xml":
                data = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + data  # openpyxl writes no <?xml
            out.writestr(name, data)
    return path


@pytest.mark.parametrize(
    "command", [["pack", "import"], ["buyer", "import-orders"]], ids=["phrases", "orders"]
)
def test_an_xlsx_with_a_dtd_is_refused_in_one_line(
    seeded_dir: Path, tmp_path: Path, command: list[str]
) -> None:
    path = _workbook_with_a_dtd(tmp_path / "dtd.xlsx")
    before = snapshot(seeded_dir)
    result = run_kefu(seeded_dir, *command, str(path))
    assert result.returncode == 2, result.stdout
    _one_short_line(result.stderr, "dtd.xlsx", "不是有效的 XLSX")
    assert snapshot(seeded_dir) == before


def test_an_order_report_xlsx_zip_bomb_is_refused_before_it_is_opened(
    seeded_dir: Path, tmp_path: Path
) -> None:
    """A real report with one more part of zeros: 210 MB inflated, 0.2 MB on disk."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["订单编号", "买家会员名", "买家实际支付金额"])
    sheet.append(["1001", "炸弹买家", "10"])
    path = tmp_path / "orders.xlsx"
    book.save(path)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as zf,
        zf.open("xl/media/padding.bin", "w") as member,
    ):
        chunk = b"\0" * (1 << 20)
        for _ in range(MAX_REPORT_UNPACKED // len(chunk) + 10):
            member.write(chunk)
    assert path.stat().st_size < 2 * 1024 * 1024
    before = snapshot(seeded_dir)
    run = kefu(seeded_dir, "buyer", "import-orders", str(path))
    assert run.code == 2
    _one_short_line(run.err, "orders.xlsx", "解压后太大")
    assert snapshot(seeded_dir) == before
