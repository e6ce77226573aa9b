"""``PhraseLibrary.shown``: phrases by id as results show them, from the search index's copy
(the reply suggestions' answers come from all over the library; issue 18, issue 15)."""

from __future__ import annotations

from assistant.core.workspace import Workspace, open_workspace


def test_phrases_come_in_the_order_asked_and_unknown_ids_are_left_out(
    empty_ws: Workspace,
) -> None:
    a = empty_ws.phrases.add("亲，今天下单明天发", title="发货")
    b = empty_ws.phrases.add("亲，支持七天无理由退货", title="退货")
    shown = empty_ws.phrases.shown([b.id, "no-such-id", a.id])
    assert [p.id for p in shown] == [b.id, a.id]
    assert [p.text for p in shown] == [b.text, a.text]


def test_an_edit_here_or_in_another_process_is_shown_at_once(empty_ws: Workspace) -> None:
    a = empty_ws.phrases.add("亲，今天下单明天发", title="发货")
    empty_ws.phrases.shown([a.id])  # the index is made, with the first text
    empty_ws.phrases.edit(a.id, text="亲，今天下单今天发")
    assert empty_ws.phrases.shown([a.id])[0].text == "亲，今天下单今天发"
    open_workspace(empty_ws.path, builtins=False).phrases.edit(a.id, text="亲，48 小时内发货")
    assert empty_ws.phrases.shown([a.id])[0].text == "亲，48 小时内发货"
    open_workspace(empty_ws.path, builtins=False).phrases.remove(a.id)
    assert empty_ws.phrases.shown([a.id]) == []


def test_suggested_answers_carry_the_current_text(empty_ws: Workspace) -> None:
    a = empty_ws.phrases.add("亲，满 99 包邮哦", title="包邮", group="邮费", questions=["包邮吗"])
    index = empty_ws.suggestions.index()
    empty_ws.phrases.edit(a.id, text="亲，满 59 包邮哦")  # the index held is older
    found = empty_ws.suggestions.suggest("包邮吗", 3, index)
    assert [s.phrase.text for s in found] == ["亲，满 59 包邮哦"]
