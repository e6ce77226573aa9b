"""The phrase library on real files: add, edit, remove, show, codes, stored pinyin."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from assistant.core.errors import InvalidInput, NotFound
from assistant.core.phrases.model import JSON_KEYS, MY_PACK
from assistant.core.workspace import Workspace, open_workspace
from tests.helpers import kefu_env, snapshot, stored_docs


def test_add_then_show_from_a_fresh_library(empty_ws: Workspace) -> None:
    phrase = empty_ws.phrases.add(
        "亲，尺码标准，按平时的码拍就可以。\n脚背高的拍大一码。",
        title="尺码建议",
        group="尺码",
        code="cm1",
        tags=["尺码", " 新顾客 ", "尺码", ""],
        favourite=True,
    )
    again = open_workspace(empty_ws.path, builtins=False).phrases.resolve("cm1")
    assert again == phrase
    assert again.text.endswith("\n脚背高的拍大一码。")
    assert again.tags == ["尺码", "新顾客"]
    assert (again.pack, again.favourite, again.use_count, again.last_used_at) == (
        MY_PACK,
        True,
        0,
        None,
    )
    assert again.created_at and again.created_at == again.updated_at
    assert list(again.to_json()) == list(JSON_KEYS)


def test_defaults_title_from_first_line_and_group(empty_ws: Workspace) -> None:
    phrase = empty_ws.phrases.add("  亲，在的，请问有什么可以帮您的吗？我们今天上新了哦\n第二行")
    assert phrase.title == "亲，在的，请问有什么可以帮您的吗"  # the first sentence (issue 14)
    assert phrase.group == "未分组"
    assert phrase.code is None


def test_edit_changes_only_what_is_given(empty_ws: Workspace) -> None:
    lib = empty_ws.phrases
    phrase = lib.add(
        "亲，今天16点前付款当天发", title="发货时间", group="物流", code="q7x", tags=["发货"]
    )
    edited = lib.edit("q7x", text="亲，今天17点前付款当天发")
    assert (edited.title, edited.group, edited.code, edited.tags) == (
        "发货时间",
        "物流",
        "q7x",
        ["发货"],
    )
    assert edited.text == "亲，今天17点前付款当天发"
    assert edited.created_at == phrase.created_at
    lib.edit(phrase.id, code="", tags=[], group="")
    cleared = lib.get(phrase.id)
    assert (cleared.code, cleared.tags, cleared.group) == (None, [], "未分组")
    assert lib.search("q7x") == []
    assert [p.id for p in lib.search("17dian")] == [phrase.id]


def test_an_automatic_title_follows_the_text(empty_ws: Workspace) -> None:
    lib = empty_ws.phrases
    phrase = lib.add("亲，这款有现货")
    assert lib.edit(phrase.id, text="亲，这款是预售").title == "亲，这款是预售"


def test_remove_then_the_id_and_code_are_gone(empty_ws: Workspace) -> None:
    lib = empty_ws.phrases
    phrase = lib.add("亲，好评返现5元", code="hp")
    assert lib.remove("hp").id == phrase.id
    for ref in (phrase.id, "hp"):
        with pytest.raises(NotFound):
            lib.resolve(ref)
    with pytest.raises(NotFound):
        lib.remove(phrase.id)
    assert phrase.id not in stored_docs(empty_ws.path)
    assert lib.add("亲，新的好评短语", code="hp").code == "hp"  # the code is free again


@pytest.mark.parametrize("clash", ["cf1", "CF1", "Cf1", "ｃｆ１", "ＣＦ１", " cf1 "])
def test_codes_are_unique_whatever_their_case_or_width(empty_ws: Workspace, clash: str) -> None:
    lib = empty_ws.phrases
    owner = lib.add("亲，库存不多了", title="库存催付", code="cf1")
    other = lib.add("亲，活动今晚结束", title="活动催付", code="cf2")
    before = snapshot(empty_ws.path)
    with pytest.raises(InvalidInput, match="库存催付"):
        lib.add("亲，还有别的", code=clash)
    with pytest.raises(InvalidInput, match="库存催付"):
        lib.edit(other.id, code=clash)
    assert snapshot(empty_ws.path) == before
    assert lib.get(other.id).code == "cf2"
    # A phrase may keep or re-case its own code.
    assert lib.edit(owner.id, code=clash).code == clash.strip()


@pytest.mark.parametrize("text", ["", "   ", "\n\t\n", "\x00"])
def test_empty_text_is_refused(empty_ws: Workspace, text: str) -> None:
    lib = empty_ws.phrases
    phrase = lib.add("亲，在的")
    before = snapshot(empty_ws.path)
    with pytest.raises(InvalidInput, match="不能为空"):
        lib.add(text)
    with pytest.raises(InvalidInput, match="不能为空"):
        lib.edit(phrase.id, text=text)
    assert snapshot(empty_ws.path) == before


def test_a_text_with_a_bad_placeholder_is_refused(empty_ws: Workspace) -> None:
    with pytest.raises(InvalidInput, match="未知"):
        empty_ws.phrases.add("亲，{优惠券}已发放")
    assert len(empty_ws.folder.phrases) == 0


def test_codes_with_spaces_are_refused(empty_ws: Workspace) -> None:
    with pytest.raises(InvalidInput, match="快捷编码"):
        empty_ws.phrases.add("亲，在的", code="c f")


def test_pinyin_is_stored_with_the_phrase(empty_ws: Workspace) -> None:
    phrase = empty_ws.phrases.add(
        "亲，还款日前记得还款哦", title="还款提醒", group="催付", tags=["重要"]
    )
    doc = stored_docs(empty_ws.path)[phrase.id]
    py = doc["_py"]
    assert py["title"].split(" ")[0].split("/")[0] in ("huan", "hai")
    assert set(py["title"].split(" ")[0].split("/")) == {"huan", "hai"}
    assert py["group"] == "cui fu"
    assert set(py["tags"].split(" ")[0].split("/")) == {"zhong", "chong"}
    assert len(py["text"].split(" ")) == sum(1 for ch in phrase.text if "\u4e00" <= ch <= "\u9fff")
    # Edits store fresh pinyin too.
    empty_ws.phrases.edit(phrase.id, title="退货提醒")
    assert stored_docs(empty_ws.path)[phrase.id]["_py"]["title"].startswith("tui huo ti")


NO_PYPINYIN = textwrap.dedent(
    """
    import sys
    from assistant.core.workspace import open_workspace

    ws = open_workspace(sys.argv[1])
    for query in ("huankuan tixing", "hk tx", "还k提x", "退货"):
        print(sys.argv[2] in [p.id for p in ws.phrases.search(query)])
    print("pypinyin" in sys.modules)
    """
)


def test_searching_a_saved_library_does_not_import_pypinyin(seeded_dir: Path) -> None:
    mine = open_workspace(seeded_dir).phrases.add("亲，退货前记得还款哦", title="还款提醒")
    result = subprocess.run(
        [sys.executable, "-c", NO_PYPINYIN, str(seeded_dir), mine.id],
        capture_output=True,
        encoding="utf-8",
        env=kefu_env(),
        check=True,
    )
    assert result.stdout.split() == ["True", "True", "True", "True", "False"]


def test_the_search_command_does_not_import_pypinyin(seeded_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "assistant", "search", "tuihuo"],
        capture_output=True,
        encoding="utf-8",
        env=kefu_env(seeded_dir),
        check=True,
    )
    assert "退货" in result.stdout
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
    assert "assistant.core.phrases.library" in imported  # the measurement works
    assert not {m for m in imported if m.startswith("pypinyin")}
