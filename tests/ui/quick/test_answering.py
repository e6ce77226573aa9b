"""The suggestion index behind the panel's answers: made in the background on a workspace of
its own, handed to the GUI thread, made again only when the phrases or the learned questions
changed. Real data folders, a real thread, the real file watcher."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from assistant.core.changes import Changed
from assistant.core.phrases.model import Phrase
from assistant.core.phrases.suggest import SuggestionIndex
from assistant.core.phrases.suggestions import Suggestions
from assistant.core.workspace import open_workspace
from assistant.ui.context import UiContext
from assistant.ui.quick import answering
from assistant.ui.quick.answering import AnswerSource, looks_like_question
from tests.ui.helpers import CHANGE_TIMEOUT_MS


@pytest.mark.parametrize(
    ("text", "is_question"),
    [
        ("能便宜点吗", True),
        ("  亲 165 110斤穿多大\n", True),
        ("tb_alice88", False),  # an account name
        ("张小花", False),  # a Chinese nickname
        ("什么时候发货", True),  # no punctuation, but a question word
        ("有尺码表没", True),  # asked by the last word
        ("包邮不", True),
        ("尺码准不准", True),  # "A不A" asks
        ("價格能再優惠一點嗎", True),  # traditional characters
        ("快递单号发一下", True),  # a request to the agent
        ("快乐小猪", False),
        ("这件衣服洗了会缩水吗", True),
        ("好", False),  # one character says nothing
        ("x" * 5, False),
        ("订单" * 200, False),  # a document, not a chat message
        ("一\n二\n三\n四\n五\n六\n七", False),
    ],
)
def test_what_reads_as_a_buyers_message(text: str, is_question: bool) -> None:
    assert looks_like_question(text) is is_question


@pytest.fixture
def source(ctx: UiContext, qtbot: QtBot) -> AnswerSource:
    made = AnswerSource(ctx)
    with qtbot.waitSignal(made.made, timeout=CHANGE_TIMEOUT_MS):
        assert made.answers("包邮吗", 3) is None  # not ready yet: asks for one to be made
    return made


def test_answers_come_from_the_index_made_in_the_background(
    source: AnswerSource, ctx: UiContext
) -> None:
    assert source.ready
    found = source.answers("包不包邮", 3)
    assert found and found[0].group == "邮费"


def test_an_edit_elsewhere_makes_a_new_index_and_a_use_alone_does_not(
    source: AnswerSource, ctx: UiContext, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(source.made, timeout=CHANGE_TIMEOUT_MS):
        phrase = ctx.ws.phrases.add("亲，这款面料不缩水，放心机洗", group="质量")
        ctx.changes.notify(Changed.PHRASES)
    ctx.ws.phrases.record_use(phrase.id)
    with qtbot.waitSignal(ctx.changes.changed, timeout=CHANGE_TIMEOUT_MS):
        ctx.changes.notify(Changed.USAGE)  # counts changed, not what suggestions read
    assert not source.building
    other = open_workspace(ctx.ws.path, builtins=False)
    with qtbot.waitSignal(source.made, timeout=CHANGE_TIMEOUT_MS):
        other.phrases.edit(phrase.id, questions=["洗了会缩水吗", "能机洗吗"])
        ctx.changes.notify(Changed.PHRASES)
    found = source.answers("机洗会不会缩", 1)
    assert found and found[0].id == phrase.id


def test_a_learned_question_is_answered_with_its_phrase_next_time(
    source: AnswerSource, ctx: UiContext, qtbot: QtBot
) -> None:
    target = ctx.ws.phrases.resolve("th1")
    assert target.id not in [p.id for p in source.answers("东西到了不合适咋整", 1) or []]
    with qtbot.waitSignal(source.made, timeout=CHANGE_TIMEOUT_MS):
        source.learn(target.id, "东西到了不合适怎么办")
    found = source.answers("东西到了不合适咋整", 1)
    assert found and found[0].id == target.id


def test_a_change_during_a_build_is_made_apart_a_little_later_and_never_in_the_app(
    ctx: UiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another process adds a phrase while the first index is made apart. The app takes the
    # index that process made (a moment stale) instead of making one itself (seconds of work
    # against its GUI thread at full size), and makes the change into a build a little later.
    made_here: list[int] = []
    real_make = Suggestions._make

    def make_here(self: Suggestions) -> SuggestionIndex:
        made_here.append(1)
        return real_make(self)

    added: list[Phrase] = []
    real_prepare = answering._prepare_apart

    def prepare_then_edit(path: Path) -> bool:
        done = real_prepare(path)
        if not added:
            other = open_workspace(path, builtins=False)
            added.append(other.phrases.add("亲，可以刻字的，备注名字就好", group="服务"))
        return done

    monkeypatch.setattr(Suggestions, "_make", make_here)
    monkeypatch.setattr(answering, "_prepare_apart", prepare_then_edit)
    monkeypatch.setattr(answering, "AGAIN_AFTER_MS", 50)
    source = AnswerSource(ctx)
    with qtbot.waitSignal(source.made, timeout=CHANGE_TIMEOUT_MS):
        source.start()
        ctx.changes.notify(Changed.PHRASES)  # the change comes while the build runs
    assert source.ready and added
    assert added[0].id not in [p.id for p in source.answers("可以刻字吗", 3) or []]
    with qtbot.waitSignal(source.made, timeout=CHANGE_TIMEOUT_MS):
        pass  # the build a little later
    found = source.answers("可以刻字吗", 3)
    assert found and added[0].id in [p.id for p in found]
    assert made_here == []
