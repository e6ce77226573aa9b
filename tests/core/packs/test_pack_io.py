"""Pack files: export to JSON/CSV/XLSX, import from them and from 千牛 sheets and plain text.

Real files in tmp_path, real data folders; the import is all-or-nothing, so every refusal
is checked against a byte snapshot of the data folder.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from assistant.core.errors import InvalidInput, NotFound
from assistant.core.packs.admin import phrase_counts, remove_pack
from assistant.core.packs.builtin import STATE, install_builtins
from assistant.core.packs.export import (
    PackContent,
    export_packs,
    pack_document,
    to_csv,
    to_json,
    to_xlsx,
)
from assistant.core.packs.importer import import_file
from assistant.core.packs.pack_format import FORMAT, MAX_PACK_BYTES
from assistant.core.packs.report import ImportRefused
from assistant.core.packs.sources import read_source
from assistant.core.phrases.library import PhraseLibrary
from assistant.core.phrases.model import Phrase
from assistant.core.phrases.packs import MY_PACK_ID, PackInfo
from assistant.core.phrases.shape import PhraseFields, make_fields
from assistant.core.tables.cells import guard_cell, unguard_cell
from assistant.core.workspace import Workspace, open_workspace
from tests.helpers import snapshot

TRICKY = [
    dict(text="亲，在的～\n请问有什么可以帮您？\n\n第三行", title="多行", group="问候", code="wh1"),
    dict(text='他说："好的, 谢谢" 然后走了', title="引号和逗号", group="其他", tags=["a", "b"]),
    dict(text="{昵称}您好 😀🎉，{?尺码:38} 码合适，{{不是占位符}}", group="尺码", code="cm1"),
    dict(text='=HYPERLINK("http://x.example","点我")', title="=SUM(A1)", group="=组"),
    dict(text="+86 不是电话", code="+1", tags=["-减号", "@at"]),
    dict(text="-10元优惠券", title="@提醒", group="-组"),
    dict(text="'=以撇号开头", title="'", tags=["'=x"]),
    dict(text="''两个撇号", code="'q"),
    dict(text="\t以制表符开头，结尾有空格  ", group="空白"),
    dict(text="  前面有空格\n尾行", tags=["尺码", "老顾客"]),
    dict(text="a,b,c\r\nWindows 换行", title="逗号, 标题"),
]


def add_all(lib: PhraseLibrary, items: list[dict[str, Any]], pack: str | None = None) -> None:
    for item in items:
        lib.add(pack=pack, **item)


def contents(lib: PhraseLibrary, pack_id: str = MY_PACK_ID) -> list[tuple[Any, ...]]:
    return sorted((p.title, p.text, p.group, p.code, tuple(p.tags)) for p in lib.in_pack(pack_id))


def fresh(tmp_path: Path, name: str) -> Workspace:
    return open_workspace(tmp_path / name, builtins=False)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# -- round trips ----------------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".json", ".csv", ".xlsx"])
def test_export_then_import_into_an_empty_library_gives_the_same_phrases(
    empty_ws: Workspace, tmp_path: Path, suffix: str
) -> None:
    add_all(empty_ws.phrases, TRICKY)
    out = tmp_path / f"mine{suffix}"
    result = export_packs(empty_ws.phrases, "我的短语", out)
    assert (result.packs, result.phrases) == (1, len(TRICKY))

    other = fresh(tmp_path, "other")
    report = import_file(other.phrases, out)
    assert report.count("added") == len(TRICKY) and not report.bad
    assert contents(other.phrases) == contents(empty_ws.phrases)
    if suffix == ".json":  # a pack keeps its phrase ids
        assert {p.id for p in other.phrases.all()} == {p.id for p in empty_ws.phrases.all()}

    again = import_file(other.phrases, out)
    assert again.count("unchanged") == len(TRICKY)
    assert again.count("added") == again.count("updated") == 0
    assert len(other.phrases.all()) == len(TRICKY)


def test_the_csv_is_utf8_with_bom_and_guards_formulas(empty_ws: Workspace, tmp_path: Path) -> None:
    add_all(empty_ws.phrases, TRICKY[3:5])
    out = tmp_path / "x.csv"
    export_packs(empty_ws.phrases, MY_PACK_ID, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + "快捷编码,快捷短语,快捷短语分组,标题,标签".encode())
    text = raw.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+86" in text and "'=SUM(A1)" in text and "'-减号" in text
    for line in text.splitlines()[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in line.split(","))


def test_xlsx_cells_are_text_never_formulas(empty_ws: Workspace, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    add_all(empty_ws.phrases, TRICKY[3:4])
    out = tmp_path / "x.xlsx"
    export_packs(empty_ws.phrases, MY_PACK_ID, out)
    sheet = load_workbook(out).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert cells and not any(c.data_type == "f" for c in cells)
    assert sheet["B2"].value.startswith("=HYPERLINK") and sheet["D2"].value == "=SUM(A1)"


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@x", "\tx", "'", "'a", "'=a", "''", "x"])
def test_the_formula_guard_is_undone_on_reading(cell: str) -> None:
    assert unguard_cell(guard_cell(cell)) == cell
    assert unguard_cell(guard_cell(cell, typed=True)) == cell


# -- property tests: any valid phrase survives the file format ------------------------------------
_CHARS = st.characters(
    blacklist_categories=("Cs", "Cc", "Cn", "Co"), blacklist_characters="{}"
) | st.sampled_from(list("\n\t,\"'=+-@，、 😀"))
# tmp_path is reused (each example overwrites); no example is timed (tests/conftest.py)
FIXTURE_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
_PLACEHOLDERS = st.sampled_from(["", "{昵称}", "{买家}", "{店铺}", "{?尺码:38}", "{{", "}}"])
_texts = st.builds(
    lambda a, p, b: a + p + b,
    st.text(_CHARS, max_size=40),
    _PLACEHOLDERS,
    st.text(_CHARS, max_size=20),
).filter(lambda t: t.strip() != "")
_words = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co", "Z"), blacklist_characters="，,、"),
    min_size=1,
    max_size=8,
)
CODE_CHARS = string.ascii_letters + string.digits + "=+-@'"
_fields = st.builds(
    make_fields,
    _texts,
    st.one_of(st.none(), st.text(_CHARS, max_size=30).map(lambda t: t.replace("\n", " "))),
    st.one_of(st.none(), _words),
    st.one_of(st.none(), st.text(CODE_CHARS, min_size=1, max_size=6)),
    st.lists(_words, max_size=4),
)


def _phrases(fields: list[PhraseFields]) -> list[Phrase]:
    return [
        Phrase(id=f"p{n}", title=f.title, text=f.text, group=f.group, code=f.code, tags=f.tags)
        for n, f in enumerate(fields)
    ]


def _read_back(path: Path) -> list[PhraseFields]:
    rows = read_source(path).rows
    assert all(r.error is None for r in rows), [r.error for r in rows]
    return [r.fields for r in rows if r.fields is not None]


@settings(max_examples=50, deadline=None, suppress_health_check=FIXTURE_OK)
@given(st.lists(_fields, min_size=1, max_size=6))
def test_any_valid_phrase_survives_csv(tmp_path: Path, fields: list[PhraseFields]) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(to_csv(_phrases(fields)))
    assert _read_back(path) == fields


@settings(max_examples=50, deadline=None, suppress_health_check=FIXTURE_OK)
@given(st.lists(_fields, min_size=1, max_size=6))
def test_any_valid_phrase_survives_json(tmp_path: Path, fields: list[PhraseFields]) -> None:
    path = tmp_path / "p.json"
    info = PackInfo(id="t.pack", name="测试")
    path.write_bytes(to_json([PackContent(info, _phrases(fields))], as_list=False))
    assert _read_back(path) == fields
    assert [r.phrase_id for r in read_source(path).rows] == [f"p{n}" for n in range(len(fields))]


@settings(max_examples=15, deadline=None, suppress_health_check=FIXTURE_OK)
@given(st.lists(_fields, min_size=1, max_size=4))
def test_any_valid_phrase_survives_xlsx(tmp_path: Path, fields: list[PhraseFields]) -> None:
    path = tmp_path / "p.xlsx"
    path.write_bytes(to_xlsx(_phrases(fields)))
    assert _read_back(path) == fields


# -- reading what agents actually have ------------------------------------------------------------
QIANNIU = (
    "快捷编码,快捷短语,快捷短语分组\n"
    'cf1,"亲，库存不多了，\n早点付款哦",催付\n'
    ",亲，7天无理由退换，请放心,售后\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gbk", "gb18030"])
def test_a_qianniu_csv_is_read_in_every_encoding(
    empty_ws: Workspace, tmp_path: Path, encoding: str
) -> None:
    report = import_file(empty_ws.phrases, write(tmp_path / "qn.csv", QIANNIU, encoding))
    assert report.count("added") == 2
    assert contents(empty_ws.phrases) == [
        ("亲，7天无理由退换，请放心", "亲，7天无理由退换，请放心", "售后", None, ()),
        ("亲，库存不多了", "亲，库存不多了，\n早点付款哦", "催付", "cf1", ()),
    ]
    assert [r.line for r in report.results] == [2, 3]  # the rows Excel shows (issue 14)


def test_columns_in_another_order_with_a_title_line_and_extra_columns(
    empty_ws: Workspace, tmp_path: Path
) -> None:
    text = (
        "店铺快捷短语（导出于 2026-11-01）\n"
        "序号,分组,标签,内容,标题,编码\n"
        "1,尺码,尺码、老顾客,平时穿多大码就拍多大码哦,正常码,cm1\n"
        '2,邮费,,"两件包邮, 满99包邮",,\n'
        "3,,,,,\n"
    )
    report = import_file(empty_ws.phrases, write(tmp_path / "sheet.csv", text, "gbk"))
    assert [(r.line, r.action) for r in report.results] == [(3, "added"), (4, "added")]
    assert contents(empty_ws.phrases) == [
        ("两件包邮, 满99包邮", "两件包邮, 满99包邮", "邮费", None, ()),
        ("正常码", "平时穿多大码就拍多大码哦", "尺码", "cm1", ("尺码", "老顾客")),
    ]


def test_a_tab_separated_txt_with_headers_is_a_table(empty_ws: Workspace, tmp_path: Path) -> None:
    text = "快捷短语\t快捷编码\n亲，在的\tzd\n"
    import_file(empty_ws.phrases, write(tmp_path / "qn.txt", text, "utf-16"))
    assert contents(empty_ws.phrases) == [("亲，在的", "亲，在的", "未分组", "zd", ())]


def test_plain_text_is_one_phrase_per_paragraph(empty_ws: Workspace, tmp_path: Path) -> None:
    text = "\n亲，在的，请问有什么可以帮您？\n\n亲，这款是正品，\n支持验货哦   \n  \n\n\n最后一段"
    report = import_file(empty_ws.phrases, write(tmp_path / "话术.txt", text, "gb18030"))
    assert [(r.where, r.action) for r in report.results] == [
        ("第 2 行", "added"),
        ("第 4 行", "added"),
        ("第 9 行", "added"),
    ]
    texts = sorted(p.text for p in empty_ws.phrases.all())
    assert texts == ["亲，在的，请问有什么可以帮您？", "亲，这款是正品，\n支持验货哦", "最后一段"]


def test_a_sheet_without_the_phrase_column_is_refused(empty_ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="没有找到表头"):
        import_file(empty_ws.phrases, write(tmp_path / "x.csv", "订单号,金额\n1,2\n"))


# -- matching: importing twice, updates, codes ----------------------------------------------------
def test_the_same_text_in_the_same_group_is_updated_not_added(
    empty_ws: Workspace, tmp_path: Path
) -> None:
    lib = empty_ws.phrases
    lib.add("亲，在的", group="问候", code="zd")
    lib.add("亲，在的", group="售后")
    before = {p.id: p for p in lib.all()}
    csv = "分组,快捷短语,标题,快捷编码\n问候,亲，在的 ,新标题,zd\n售后,亲，在的,,\n其他,亲，在的,,"
    report = import_file(lib, write(tmp_path / "x.csv", csv))
    assert [r.action for r in report.results] == ["updated", "unchanged", "added"]
    updated = lib.get(report.results[0].phrase_id or "")
    assert updated.title == "新标题" and updated.text == "亲，在的 " and updated.code == "zd"
    assert report.results[0].phrase_id in before and report.results[1].phrase_id in before
    assert len(lib.all()) == 3


def test_a_file_without_groups_matches_the_text_in_any_group_and_keeps_other_fields(
    empty_ws: Workspace, tmp_path: Path
) -> None:
    lib = empty_ws.phrases
    kept = lib.add("亲，在的", title="我的标题", group="问候", code="zd", tags=["常用"])
    report = import_file(lib, write(tmp_path / "x.txt", "亲，在的\n\n新的一段"))
    assert [r.action for r in report.results] == ["unchanged", "added"]
    assert lib.get(kept.id) == kept


def test_repeated_rows_match_one_phrase_each_so_a_second_import_adds_nothing(
    empty_ws: Workspace, tmp_path: Path
) -> None:
    path = write(tmp_path / "x.csv", "快捷短语,分组\n亲，在的,g\n亲，在的,g\n")
    assert import_file(empty_ws.phrases, path).count("added") == 2
    assert import_file(empty_ws.phrases, path).count("unchanged") == 2
    assert len(empty_ws.phrases.all()) == 2


def test_codes_may_be_swapped_but_not_duplicated(empty_ws: Workspace, tmp_path: Path) -> None:
    lib = empty_ws.phrases
    lib.add("甲", group="g", code="a")
    lib.add("乙", group="g", code="b")
    lib.add("丙", group="g", code="c")
    swap = "快捷短语,快捷短语分组,快捷编码\n甲,g,b\n乙,g,a\n"
    assert import_file(lib, write(tmp_path / "swap.csv", swap)).count("updated") == 2
    assert {p.text: p.code for p in lib.all()} == {"甲": "b", "乙": "a", "丙": "c"}

    clash = "快捷短语,快捷编码\n丁,C\n戊,x1\n己,X1\n"
    with pytest.raises(ImportRefused) as caught:
        import_file(lib, write(tmp_path / "clash.csv", clash))
    message = str(caught.value)
    assert "第 2 行：快捷编码 C 已被短语「丙」使用" in message
    assert "第 4 行：快捷编码 X1 与第 3 行重复" in message


def test_a_skipped_row_keeps_its_phrase_code_and_later_rows_are_checked_against_it(
    empty_ws: Workspace, tmp_path: Path
) -> None:
    lib = empty_ws.phrases
    lib.add("甲", group="g", code="a")
    lib.add("乙", group="g", code="b")
    # Row 2 would free code "a" but is skipped (乙 has "b"), so row 3 may not take "a".
    text = "快捷短语,快捷短语分组,快捷编码\n甲,g,b\n丙,g,a\n"
    report = import_file(lib, write(tmp_path / "x.csv", text), skip_bad=True)
    assert [r.action for r in report.results] == ["skipped", "skipped"]
    assert report.results[1].reason == "快捷编码 a 已被短语「甲」使用"
    long_title = "长" * 101  # a bad row never touches the phrase it names
    text = f"快捷短语,快捷短语分组,快捷编码,标题\n甲,g,c,{long_title}\n丙,g,a,\n"
    report = import_file(lib, write(tmp_path / "y.csv", text), skip_bad=True)
    assert [r.action for r in report.results] == ["skipped", "skipped"]
    assert "标题太长" in report.results[0].reason
    codes = [p.code for p in lib.all() if p.code]
    assert len(codes) == len(set(codes))


# -- all or nothing -------------------------------------------------------------------------------
BAD = "快捷编码,快捷短语,快捷短语分组\nok1,第一条,g\nbad,亲{昵称,g\nok2,第三条,g\n, ,g\n"


def test_one_bad_row_changes_nothing_and_names_the_line(ws: Workspace, tmp_path: Path) -> None:
    before = snapshot(ws.path)
    with pytest.raises(ImportRefused) as caught:
        import_file(ws.phrases, write(tmp_path / "bad.csv", BAD))
    message = str(caught.value)
    assert "第 3 行" in message and "{" in message and "第 5 行：短语内容不能为空" in message
    assert caught.value.report.count("added") == 2
    assert snapshot(ws.path) == before


def test_skip_bad_imports_the_rest_and_reports_the_skipped_lines(
    empty_ws: Workspace, tmp_path: Path
) -> None:
    report = import_file(empty_ws.phrases, write(tmp_path / "bad.csv", BAD), skip_bad=True)
    assert report.applied
    assert [(r.line, r.action) for r in report.bad] == [(3, "skipped"), (5, "skipped")]
    assert sorted(p.code or "" for p in empty_ws.phrases.all()) == ["ok1", "ok2"]


def test_dry_run_changes_nothing(ws: Workspace, tmp_path: Path) -> None:
    before = snapshot(ws.path)
    path = write(tmp_path / "new.json", "")
    path.write_bytes(orjson.dumps(_pack("lead.pack", [_item("x1", "新话术")])))
    report = import_file(ws.phrases, path, dry_run=True)
    assert report.count("added") == 1 and report.new_packs == ["lead.pack"] and not report.applied
    with pytest.raises(ImportRefused):
        import_file(ws.phrases, write(tmp_path / "bad.csv", BAD), dry_run=True)
    assert snapshot(ws.path) == before


# -- pack JSON: its own pack, versions, lists of packs --------------------------------------------
def _item(pid: str, text: Any, **extra: Any) -> dict[str, Any]:
    return {"id": pid, "title": "", "text": text, "group": "g", "code": None, "tags": [], **extra}


def _pack(pid: str, phrases: list[Any], **extra: Any) -> dict[str, Any]:
    return {"format": FORMAT, "format_version": 1, "id": pid, "name": "组长的包",
            "version": "2", "phrases": phrases, **extra}  # fmt: skip


def _json(tmp_path: Path, value: Any, name: str = "pack.json") -> Path:
    path = tmp_path / name
    path.write_bytes(orjson.dumps(value))
    return path


def test_a_pack_goes_into_its_own_pack_registered_as_own(ws: Workspace, tmp_path: Path) -> None:
    ws.phrases.packs.create("组长的包")  # the name is taken: the new pack gets another
    path = _json(tmp_path, _pack("lead.pack", [_item("lead.1", "亲，在的")], author="王组长"))
    report = import_file(ws.phrases, path)
    info = ws.phrases.packs.get("lead.pack")
    assert (info.name, info.kind, info.version) == ("组长的包（2）", "own", "2")
    assert info.author == "王组长"
    assert report.new_packs == ["lead.pack"]
    assert [p.id for p in ws.phrases.in_pack("lead.pack")] == ["lead.1"]

    newer = _pack("lead.pack", [_item("lead.1", "亲，在的，有什么可以帮您"), _item("lead.2", "好")])
    report = import_file(ws.phrases, _json(tmp_path, {**newer, "version": "3"}))
    assert [r.action for r in report.results] == ["updated", "added"]
    assert ws.phrases.packs.get("lead.pack").version == "3"
    assert ws.phrases.get("lead.1").text == "亲，在的，有什么可以帮您"


def test_into_puts_a_pack_elsewhere_and_must_exist(ws: Workspace, tmp_path: Path) -> None:
    path = _json(tmp_path, _pack("lead.pack", [_item("lead.1", "亲，在的")]))
    with pytest.raises(NotFound, match="kefu pack new"):
        import_file(ws.phrases, path, into="没有这个包")
    import_file(ws.phrases, path, into="我的短语")
    assert [p.text for p in ws.phrases.in_pack(MY_PACK_ID)] == ["亲，在的"]
    assert ws.phrases.packs.find("lead.pack") is None


def test_an_id_used_by_another_pack_gets_a_new_id(empty_ws: Workspace, tmp_path: Path) -> None:
    lib = empty_ws.phrases
    mine = lib.add("我的")
    report = import_file(lib, _json(tmp_path, _pack("lead.pack", [_item(mine.id, "组长的")])))
    new_id = report.results[0].phrase_id
    assert new_id and new_id != mine.id and lib.get(mine.id).text == "我的"
    assert lib.get(new_id).text == "组长的"


def test_subscribed_packs_are_not_imported_into(ws: Workspace, tmp_path: Path) -> None:
    ws.phrases.packs.put(PackInfo(id="team.pack", name="团队", kind="subscribed", source="x"))
    path = _json(tmp_path, _pack("team.pack", [_item("t1", "亲")]))
    with pytest.raises(InvalidInput, match="订阅"):
        import_file(ws.phrases, path)
    with pytest.raises(InvalidInput, match="订阅"):
        import_file(ws.phrases, write(tmp_path / "x.txt", "亲"), into="团队")


def test_export_all_to_json_is_a_list_of_packs_that_imports_back(
    ws: Workspace, tmp_path: Path
) -> None:
    ws.phrases.add("我的一条", code="my1")
    out = tmp_path / "all.json"
    result = export_packs(ws.phrases, None, out)
    data = orjson.loads(out.read_bytes())
    assert isinstance(data, list) and len(data) == result.packs == len(ws.phrases.packs.list())
    other = open_workspace(tmp_path / "other")  # with the built-in packs
    report = import_file(other.phrases, out)
    assert report.count("added") == 1 and report.count("unchanged") == result.phrases - 1
    assert contents(other.phrases) == contents(ws.phrases)


def test_a_list_of_packs_goes_into_one_pack_with_into(ws: Workspace, tmp_path: Path) -> None:
    packs = [_pack("a.pack", [_item("a1", "一")]), _pack("b.pack", [_item("b1", "二")])]
    target = ws.phrases.packs.create("合并")
    report = import_file(ws.phrases, _json(tmp_path, packs), into="合并")
    assert [r.where for r in report.results] == [
        "第 1 个短语包第 1 条短语",
        "第 2 个短语包第 1 条短语",
    ]
    assert sorted(p.text for p in ws.phrases.in_pack(target.id)) == ["一", "二"]
    assert ws.phrases.packs.find("a.pack") is None and report.new_packs == []


def test_pack_document_is_the_documented_format(empty_ws: Workspace) -> None:
    empty_ws.phrases.add("亲", code="q", tags=["t"])
    doc = pack_document(PackContent(empty_ws.phrases.packs.get(MY_PACK_ID), empty_ws.phrases.all()))
    assert list(doc) == ["format", "format_version", "id", "name", "version", "description",
                         "author", "updated_at", "phrases"]  # fmt: skip
    assert list(doc["phrases"][0]) == ["id", "title", "text", "group", "code", "tags"]


# -- hostile files --------------------------------------------------------------------------------
def _formula_xlsx(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["快捷编码", "快捷短语"])
    sheet.append(["a1", "正常的一条"])
    sheet.append(["a2", '=HYPERLINK("http://evil.example","点我领券")'])
    book.save(path)
    return path


HOSTILE: list[tuple[str, Any, str]] = [
    ("../ in the pack id", _pack("../../etc", [_item("a", "亲")]), "id 无效"),
    ("../ in a phrase id", _pack("ok.pack", [_item("../x", "亲")]), "id 无效"),
    ("tags as a string", _pack("ok.pack", [_item("a", "亲", tags="a,b")]), "tags 必须是列表"),
    ("text as a number", _pack("ok.pack", [_item("a", 42)]), "text 必须是非空文字"),
    ("nested garbage", _pack("ok.pack", [[[{"text": {"$eval": "1"}}]]]), "必须是对象"),
    ("a phrase as an object", _pack("ok.pack", [_item("a", {"x": ["y"]})]), "text"),
    ("phrases not a list", _pack("ok.pack", {"a": 1}), "phrases 必须是列表"),  # type: ignore[arg-type]
    ("version as an object", _pack("ok.pack", [], version={"v": 1}), "version"),
    ("not a pack", {"hello": "world"}, "不是短语包"),
    ("a list of garbage", [1, 2], "不是短语包"),
    ("NUL in a title", _pack("ok.pack", [_item("a", "亲", title="a\x00b")]), "控制字符"),
    ("ESC in the text", _pack("ok.pack", [_item("a", "亲\x1b[2J")]), "控制字符"),
    ("duplicate phrase ids", _pack("ok.pack", [_item("a", "一"), _item("a", "二")]), "重复"),
    ("a bad placeholder", _pack("ok.pack", [_item("a", "亲{不存在的名字")]), "{"),
]


@pytest.mark.parametrize(("case", "value", "reason"), HOSTILE, ids=[c[0] for c in HOSTILE])
def test_hostile_json_is_refused_and_nothing_changes(
    ws: Workspace, tmp_path: Path, case: str, value: Any, reason: str
) -> None:
    path = _json(tmp_path, value)
    before = snapshot(ws.path)
    with pytest.raises(InvalidInput) as caught:
        import_file(ws.phrases, path)
    assert reason in str(caught.value)
    assert snapshot(ws.path) == before


@pytest.mark.parametrize("suffix", [".json", ".csv", ".xlsx", ".txt"])
def test_a_file_over_the_size_limit_is_refused_before_reading(
    empty_ws: Workspace, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"huge{suffix}"
    with path.open("wb") as f:
        f.truncate(MAX_PACK_BYTES + 1)  # sparse: costs no disk and no time
    with pytest.raises(InvalidInput, match="太大"):
        import_file(empty_ws.phrases, path)


def test_nul_bytes_in_a_csv_are_refused(empty_ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes("快捷短语\n亲\x00在的\n".encode())
    with pytest.raises(InvalidInput, match="NUL"):
        import_file(empty_ws.phrases, path)


def test_an_xlsx_formula_is_never_run_and_its_row_is_refused(
    empty_ws: Workspace, tmp_path: Path
) -> None:
    path = _formula_xlsx(tmp_path / "evil.xlsx")
    with pytest.raises(ImportRefused, match="第 3 行：B 列是公式"):
        import_file(empty_ws.phrases, path)
    assert empty_ws.phrases.all() == []
    report = import_file(empty_ws.phrases, path, skip_bad=True)
    assert [p.text for p in empty_ws.phrases.all()] == ["正常的一条"]
    assert report.bad[0].line == 3


def test_an_xlsx_that_inflates_too_much_is_refused(
    empty_ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assistant.core.packs.qianniu as pack_table

    path = _formula_xlsx(tmp_path / "x.xlsx")
    monkeypatch.setattr(pack_table, "MAX_UNPACKED", 1000)
    with pytest.raises(InvalidInput, match="解压后太大"):
        import_file(empty_ws.phrases, path)


def test_a_broken_xlsx_and_an_old_xls_are_refused(empty_ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="XLSX"):
        import_file(empty_ws.phrases, write(tmp_path / "x.xlsx", "not a zip"))
    with pytest.raises(InvalidInput, match="xls"):
        import_file(empty_ws.phrases, write(tmp_path / "x.xls", "x"))


# -- packs as a whole -----------------------------------------------------------------------------
def test_removing_a_pack_removes_its_phrases_and_only_those(ws: Workspace) -> None:
    lib = ws.phrases
    info = lib.packs.create("售后")
    lib.add("一", pack="售后")
    lib.add("二", pack="售后", code="sh2")
    mine = lib.add("我的")
    preview = remove_pack(lib, "售后", confirm=False)
    assert not preview.removed and len(preview.phrases) == 2 and len(lib.in_pack(info.id)) == 2
    removal = remove_pack(lib, info.id, confirm=True)
    assert removal.removed and lib.in_pack(info.id) == [] and lib.packs.find("售后") is None
    assert lib.get(mine.id).text == "我的"
    lib.add("三", code="sh2")  # its code is free again


def test_my_phrases_cannot_be_removed(ws: Workspace) -> None:
    with pytest.raises(InvalidInput, match="不能删除"):
        remove_pack(ws.phrases, "我的短语", confirm=True)


def test_a_removed_builtin_pack_does_not_come_back_on_upgrade(ws: Workspace) -> None:
    lib = ws.phrases
    counts = phrase_counts(lib)
    assert counts["kefu.builtin.basic"] > 50
    remove_pack(lib, "kefu.builtin.basic", confirm=True)
    with ws.folder.settings.transaction():  # an upgrade: the shipped files look new
        state = dict(ws.folder.settings.get(STATE) or {})
        state["fingerprint"] = "older"
        ws.folder.settings.put(STATE, state)
    install_builtins(lib)
    assert lib.in_pack("kefu.builtin.basic") == []
    assert lib.in_pack("kefu.builtin.auto-reply")
