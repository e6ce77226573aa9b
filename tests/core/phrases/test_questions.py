"""Example buyer questions (相似问法) on a phrase: kept, checked, carried by packs and imports.

Real data folders in tmp_path; a phrase without questions must stay byte for byte what it was
before the field existed (its content hash names pack versions and tells edits apart).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import orjson
import pytest

from assistant.core.errors import InvalidInput
from assistant.core.packs.export import export_packs
from assistant.core.packs.importer import import_file
from assistant.core.packs.pack_format import parse_pack
from assistant.core.phrases.model import MAX_QUESTION, MAX_QUESTIONS
from assistant.core.phrases.packs import MY_PACK_ID
from assistant.core.store.backup import create_backup, restore_backup
from assistant.core.workspace import Workspace, open_workspace
from tests.helpers import snapshot

TEXT = "亲，满99元包邮，偏远地区除外哦"


def test_questions_are_kept_in_order_without_blanks_or_repeats(empty_ws: Workspace) -> None:
    phrase = empty_ws.phrases.add(
        TEXT, questions=["包邮吗", "  ", "包 邮 吗", "包邮吗", "运费多少 ", "ＰＰ包邮吗"]
    )
    again = empty_ws.phrases.get(phrase.id)
    # "包邮吗" twice, a blank dropped; full-width letters are the same question as half-width
    assert again.questions == ["包邮吗", "包 邮 吗", "运费多少", "ＰＰ包邮吗"]
    assert again.to_json()["questions"] == again.questions


def test_editing_the_questions_replaces_them_and_an_empty_list_clears(
    empty_ws: Workspace,
) -> None:
    phrase = empty_ws.phrases.add(TEXT, questions=["包邮吗"])
    assert empty_ws.phrases.edit(phrase.id, questions=["运费谁出", "新疆包邮吗"]).questions == [
        "运费谁出",
        "新疆包邮吗",
    ]
    assert empty_ws.phrases.edit(phrase.id, text=TEXT + "。").questions == [
        "运费谁出",
        "新疆包邮吗",
    ]  # not named: left alone
    assert empty_ws.phrases.edit(phrase.id, questions=[]).questions == []


def test_too_long_or_too_many_questions_are_refused_and_nothing_is_saved(
    empty_ws: Workspace, data_dir: Path
) -> None:
    before = snapshot(data_dir)
    with pytest.raises(InvalidInput, match="相似问法太长"):
        empty_ws.phrases.add(TEXT, questions=["问" * (MAX_QUESTION + 1)])
    with pytest.raises(InvalidInput, match=f"最多 {MAX_QUESTIONS} 条"):
        empty_ws.phrases.add(TEXT, questions=[f"问法{n}" for n in range(MAX_QUESTIONS + 1)])
    assert snapshot(data_dir) == before


def test_a_phrase_without_questions_is_stored_and_hashed_as_before(empty_ws: Workspace) -> None:
    phrase = empty_ws.phrases.add(TEXT, title="包邮", group="邮费", tags=["售前"])
    stored = empty_ws.phrases.content(phrase.id)
    assert stored is not None and "questions" not in stored
    old = "\x1f".join(["包邮", TEXT, "邮费", "", "售前"])  # the formula before questions
    assert phrase.content_hash() == hashlib.sha256(old.encode()).hexdigest()[:16]
    with_questions = empty_ws.phrases.edit(phrase.id, questions=["包邮吗"])
    assert with_questions.content_hash() != phrase.content_hash()


def _pack(**phrase: object) -> bytes:
    item = {"id": "p1", "title": "包邮", "text": TEXT, "group": "邮费", **phrase}
    return orjson.dumps(
        {
            "format": "kefu-phrase-pack",
            "format_version": 1,
            "id": "team.post",
            "name": "售前",
            "phrases": [item],
        }
    )


def test_a_pack_carries_questions_and_refuses_a_wrong_type_naming_the_field() -> None:
    pack = parse_pack(_pack(questions=["包邮吗", "运费多少"]))
    assert pack.phrases[0].fields.questions == ["包邮吗", "运费多少"]
    with pytest.raises(InvalidInput, match="第 1 条短语：字段 questions 必须是列表"):
        parse_pack(_pack(questions="包邮吗"))
    with pytest.raises(InvalidInput, match="第 1 条短语：相似问法必须是文字"):
        parse_pack(_pack(questions=[1]))


def test_a_json_export_round_trips_questions_and_leaves_them_out_where_there_are_none(
    empty_ws: Workspace, tmp_path: Path
) -> None:
    asked = empty_ws.phrases.add(TEXT, questions=["包邮吗", "运费多少"])
    plain = empty_ws.phrases.add("亲，今天下单明天发货")
    out = tmp_path / "mine.json"
    export_packs(empty_ws.phrases, MY_PACK_ID, out)
    items = {p["text"]: p for p in orjson.loads(out.read_bytes())["phrases"]}
    assert items[TEXT]["questions"] == ["包邮吗", "运费多少"]
    assert "questions" not in items[plain.text]

    other = open_workspace(tmp_path / "other")
    import_file(other.phrases, out)
    found = {p.text: p.questions for p in other.phrases.all()}
    assert found[asked.text] == ["包邮吗", "运费多少"] and found[plain.text] == []


def test_a_table_import_reads_a_questions_column_split_by_lines_or_bars(
    empty_ws: Workspace, tmp_path: Path
) -> None:
    table = tmp_path / "phrases.csv"
    table.write_text(
        "快捷短语,相似问法\n"
        f'{TEXT},"包邮吗\n运费多少|新疆包邮吗 ｜ 偏远地区呢"\n'
        "亲，今天下单明天发货,\n",
        encoding="utf-8",
    )
    import_file(empty_ws.phrases, table)
    found = {p.text: p.questions for p in empty_ws.phrases.all()}
    assert found[TEXT] == ["包邮吗", "运费多少", "新疆包邮吗", "偏远地区呢"]
    assert found["亲，今天下单明天发货"] == []


def test_a_backup_restores_the_questions_as_they_were(empty_ws: Workspace, data_dir: Path) -> None:
    phrase = empty_ws.phrases.add(TEXT, questions=["包邮吗", "运费多少"])
    saved = create_backup(empty_ws.folder).path
    empty_ws.phrases.edit(phrase.id, questions=["改过了"])

    restore_backup(empty_ws.folder, saved)

    assert open_workspace(data_dir, builtins=False).phrases.get(phrase.id).questions == [
        "包邮吗",
        "运费多少",
    ]
