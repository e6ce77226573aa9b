"""The suggestion index kept in the cache folder: made once, read back mapped by the next
process, made again when the phrases or the learned questions changed, and never trusted when
damaged. Real data folders and real files."""

from __future__ import annotations

import stat
from pathlib import Path

import numpy as np
import pytest

from assistant.core.errors import StorageError
from assistant.core.phrases import suggest_file
from assistant.core.workspace import Workspace, open_workspace
from tests.helpers import kefu_json, run_kefu

QUESTIONS = ("能便宜点吗", "什么时候发货", "可以退吗", "165 110斤穿什么码", "包邮吗")


def answers(ws: Workspace) -> list[list[tuple[str, float]]]:
    return [
        [(s.phrase.id, round(s.score, 4)) for s in ws.suggestions.suggest(q, 5)] for q in QUESTIONS
    ]


def cache_file(ws: Workspace) -> Path:
    return Path(ws.path) / "cache" / "suggestions.bin"


def test_the_next_process_reads_the_index_mapped_and_answers_the_same(tmp_path: Path) -> None:
    first = open_workspace(tmp_path / "data")
    made = answers(first)
    path = cache_file(first)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    written = path.stat().st_mtime_ns
    second = open_workspace(tmp_path / "data")
    assert answers(second) == made
    assert path.stat().st_mtime_ns == written  # read, not made again
    index = second.suggestions.index()
    assert isinstance(index._postings.units, np.memmap)


def test_a_change_of_the_phrases_or_a_learned_question_makes_it_again(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "data")
    answers(ws)
    before = cache_file(ws).read_bytes()
    added = ws.phrases.add("亲，可以刻字的，下单备注就好", group="服务", questions=["能刻字吗"])
    other = open_workspace(tmp_path / "data")
    assert other.suggestions.suggest("可以刻个名字吗", 1)[0].phrase.id == added.id
    after_add = cache_file(ws).read_bytes()
    assert after_add != before
    other.suggestions.learn(added.id, "名字能印上去不")
    third = open_workspace(tmp_path / "data")
    assert third.suggestions.suggest("名字能印上去不", 1)[0].phrase.id == added.id
    assert cache_file(ws).read_bytes() != after_add


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[:100],
        lambda b: b[: len(b) // 2],
        lambda b: b"KEFUSUG1" + (2**40).to_bytes(8, "little") + b[16:],
        lambda b: b"not an index at all",
        lambda b: b"",
        lambda b: b[:16] + b"{" + b[17:],
    ],
    ids=["header-cut", "arrays-cut", "huge-header", "other-file", "empty", "bad-json"],
)
def test_a_damaged_file_is_made_again_not_trusted(tmp_path: Path, damage: object) -> None:
    ws = open_workspace(tmp_path / "data")
    made = answers(ws)
    path = cache_file(ws)
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    again = open_workspace(tmp_path / "data")
    assert answers(again) == made
    assert suggest_file.load(path, None) is None  # made for something else: not taken
    assert again.suggestions.index() is not None and path.stat().st_size > 1000


def test_kefu_suggest_prepare_makes_the_file_and_a_one_shot_suggest_reads_it(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    assert kefu_json(data, "suggest", "--prepare")["prepared"] > 50
    path = data / "cache" / "suggestions.bin"
    written = path.stat().st_mtime_ns
    found = kefu_json(data, "suggest", "能便宜点吗")
    assert found and path.stat().st_mtime_ns == written
    refused = run_kefu(data, "suggest", "--prepare", "能便宜点吗")
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1


def test_an_index_that_cannot_be_kept_still_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk or a read-only folder (made to fail here: the tests run as root, who can
    write anywhere) leaves no file, and the answers are made in the process."""
    ws = open_workspace(tmp_path / "data")

    def full(*_: object) -> None:
        raise StorageError("磁盘已满")

    monkeypatch.setattr(suggest_file, "atomic_write", full)
    assert answers(ws)[0]
    assert not cache_file(ws).exists()


def test_forgetting_the_learned_questions_removes_the_kept_index(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "data")
    phrase = ws.phrases.all()[0]
    ws.suggestions.learn(phrase.id, "这个颜色有现货没")
    answers(ws)
    assert cache_file(ws).exists()
    assert ws.suggestions.forget() == 1
    assert not cache_file(ws).exists()


def test_the_app_takes_the_index_made_apart_even_when_a_phrase_changed_since(
    tmp_path: Path,
) -> None:
    # The app's `kefu suggest --prepare` process made the file; a phrase changed while it ran.
    # The app reads what was made (and knows for which phrases) instead of making it itself.
    done = run_kefu(tmp_path / "data", "suggest", "--prepare")
    assert done.returncode == 0, done.stderr
    other = open_workspace(tmp_path / "data", builtins=False)
    other.phrases.add("亲，可以刻字的，下单备注就好", group="服务", questions=["能刻字吗"])
    app = open_workspace(tmp_path / "data", builtins=False).suggestions
    index = app.prepared()
    made = app.made()
    assert index is not None and made is not None and made[1] is index
    assert made[0] != app.version()  # made for the phrases before the change: stale
    assert isinstance(index._postings.units, np.memmap)  # read, not made here
    assert cache_file(other).stat().st_size > 1000


def test_no_prepared_index_is_taken_from_a_missing_or_damaged_file(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "data", builtins=False)
    assert ws.suggestions.prepared() is None  # nothing made yet
    ws.suggestions.index()
    path = cache_file(ws)
    path.write_bytes(path.read_bytes()[:100])
    again = open_workspace(tmp_path / "data", builtins=False)
    assert again.suggestions.prepared() is None
    assert again.suggestions.made() is None
