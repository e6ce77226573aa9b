"""Reply suggestions: from a buyer's question to the phrase that answers it, learned from use.

Real data folders in tmp_path; the questions are the kind buyers type (no punctuation, sizes,
traditional characters, full-width digits).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.errors import InvalidInput, NotFound
from assistant.core.phrases.question_text import canonical, scrubbed
from assistant.core.workspace import Workspace, open_workspace

POST = "亲，满99元包邮，偏远地区（新疆、西藏）需补运费哦"
SHIP = "亲，下单后48小时内发货，发货后物流单号会同步到订单里"
SIZE = "亲，按您的身高体重，建议拍{?尺码:M}码"
PRICE = "亲，我们已经是活动价了，店铺首页可以领优惠券哦"


@pytest.fixture
def ws(empty_ws: Workspace) -> Workspace:
    add = empty_ws.phrases.add
    add(POST, title="包邮说明", group="邮费", questions=["包邮吗", "运费怎么算"])
    add(SHIP, title="发货时间", group="物流", questions=["什么时候发货", "今天能发吗"])
    add(SIZE, title="选码", group="尺码", questions=["穿多大码", "我160 100斤穿什么码"])
    add(PRICE, title="议价", group="议价", questions=["能便宜点吗", "有优惠吗"])
    return empty_ws


def _first(ws: Workspace, question: str) -> str:
    found = ws.suggestions.suggest(question, 3)
    assert found, question
    return found[0].phrase.text


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("再少点我就拍了", PRICE),  # no word shared with the examples but the family 优惠
        ("有没有折扣", PRICE),
        ("165 110斤穿多大", SIZE),  # other numbers than the example's
        ("１６５　１１０斤穿多大", SIZE),  # full-width digits and space
        ("幾時發貨", SHIP),  # traditional characters
        ("亲 在吗 寄出要几天", SHIP),  # a greeting first
        ("新疆包邮不", POST),
    ],
)
def test_a_reworded_question_finds_the_phrase_that_answers_it(
    ws: Workspace, question: str, answer: str
) -> None:
    assert _first(ws, question) == answer


def test_each_suggestion_has_a_score_best_first(ws: Workspace) -> None:
    found = ws.suggestions.suggest("什么时候发货", 4)
    scores = [s.score for s in found]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    assert found[0].phrase.text == SHIP


def test_one_learned_pair_puts_the_phrase_first_for_a_paraphrase(ws: Workspace) -> None:
    before = ws.suggestions.suggest("洗完会缩水吗", 4)
    # None of these answers it; the one the agent picks is not the one ranked first.
    target = next(p for p in ws.phrases.all() if p.text != before[0].phrase.text)
    ws.suggestions.learn(target.id, "衣服洗了会不会缩水")
    assert _first(ws, "洗完会缩水吗") == target.text
    # and another process sees it too
    assert _first(open_workspace(ws.path, builtins=False), "洗了缩水吗") == target.text


def test_a_learned_question_loses_phones_orders_and_accounts_before_it_is_stored(
    ws: Workspace,
) -> None:
    post = next(p for p in ws.phrases.all() if p.text == POST)
    kept = ws.suggestions.learn(
        post.id, "我是tb88123456 alice_wang 电话13812345678 订单3456789012345678 包邮到新疆吗"
    )
    assert kept is not None
    for secret in ("13812345678", "3456789012345678", "tb88123456", "alice_wang"):
        assert secret not in kept
        for file in ws.path.rglob("*"):
            if file.is_file():
                assert secret.encode() not in file.read_bytes(), file
    assert "包邮到新疆吗" in kept


def test_a_question_with_nothing_left_after_scrubbing_is_not_learned(ws: Workspace) -> None:
    post = next(p for p in ws.phrases.all() if p.text == POST)
    assert ws.suggestions.learn(post.id, "13812345678") is None
    assert ws.suggestions.learn(post.id, "？") is None
    assert ws.suggestions.learned.of(post.id) == []


def test_forget_clears_every_learned_question(ws: Workspace) -> None:
    post, ship = (next(p for p in ws.phrases.all() if p.text == t) for t in (POST, SHIP))
    before = _first(ws, "洗完会缩水吗")
    target = post if before != POST else ship
    ws.suggestions.learn(target.id, "衣服洗了会不会缩水")
    ws.suggestions.learn(ship.id, "周末发不发")
    assert _first(ws, "洗完会缩水吗") == target.text
    assert ws.suggestions.forget() == 2
    assert ws.suggestions.learned.all() == {}
    assert _first(ws, "洗完会缩水吗") == before


def test_learning_for_an_unknown_phrase_is_an_error(ws: Workspace) -> None:
    with pytest.raises(NotFound):
        ws.suggestions.learn("no-such-phrase", "包邮吗")


def test_hidden_and_auto_reply_phrases_are_never_suggested(ws: Workspace) -> None:
    post = next(p for p in ws.phrases.all() if p.text == POST)
    ws.phrases.edit(post.id, hidden=True)
    ws.phrases.add("亲，客服暂时不在，包邮问题稍后回复", group="自动回复", questions=["包邮吗"])
    texts = [s.phrase.text for s in ws.suggestions.suggest("包邮吗", 10)]
    assert POST not in texts
    assert all("客服暂时不在" not in t for t in texts)


def test_an_edit_is_seen_by_the_next_suggestion(ws: Workspace) -> None:
    assert _first(ws, "包邮吗") == POST
    ws.suggestions.suggest("包邮吗")  # the index is made
    ship = next(p for p in ws.phrases.all() if p.text == SHIP)
    ws.phrases.edit(ship.id, questions=["包邮吗", "包不包邮", "运费谁出", "免运费吗"])
    other = open_workspace(ws.path, builtins=False)
    other.phrases.edit(next(p.id for p in other.phrases.all() if p.text == POST), questions=[])
    assert _first(ws, "包邮吗") == SHIP


def test_an_empty_question_is_refused_and_any_other_text_is_answered(ws: Workspace) -> None:
    with pytest.raises(InvalidInput, match="不能为空"):
        ws.suggestions.suggest("  \n ")
    for text in ("\x00\x1b[31m", "😀" * 3000, "a" * 100_000, "{昵称.__class__}", "%s%s%n"):
        assert isinstance(ws.suggestions.suggest(text), list)


def test_canonical_form_and_scrubbing_rules() -> None:
    assert canonical("亲，在吗？能便宜点吗").split() == canonical("能打折吗").split()
    assert "在吗" not in canonical("在吗 包邮吗")
    assert canonical("在吗").strip() == "在吗"  # a greeting alone is the question
    assert scrubbed("电话 13812345678") == "电话"


def test_a_library_of_builtins_answers_common_questions(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "data")
    groups = {s.phrase.group for s in ws.suggestions.suggest("包邮吗", 3)}
    assert "邮费" in groups
