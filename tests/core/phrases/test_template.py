"""Templates: a fixed table of placeholders, fill-ins, literal braces, and nothing evaluated."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from assistant.core.errors import MissingFillIn, TemplateError
from assistant.core.phrases.template import PLACEHOLDERS, RenderContext, fill_ins, render, validate

MOMENT = datetime(2026, 11, 11, 9, 5, tzinfo=timezone(timedelta(hours=8)))  # a Wednesday
SHOP = {"店铺": "小白鞋屋", "客服": "小美", "活动": "满200减20", "发货时间": "16:00"}


def ctx(**kwargs: object) -> RenderContext:
    base: dict[str, object] = {
        "buyer_account": "tb_小王",
        "buyer_nickname": "王姐",
        "shop": SHOP,
        "now": MOMENT,
        "clipboard": lambda: "订单号 123456",
    }
    base.update(kwargs)
    return RenderContext(**base)  # type: ignore[arg-type]


EXPECTED = {
    "买家": "tb_小王",
    "昵称": "王姐",
    "店铺": "小白鞋屋",
    "客服": "小美",
    "活动": "满200减20",
    "发货时间": "16:00",
    "日期": "11月11日",
    "时间": "09:05",
    "星期": "星期三",
    "剪贴板": "订单号 123456",
}
ALIASES = {
    "buyer": "买家",
    "nickname": "昵称",
    "shop": "店铺",
    "agent": "客服",
    "promo": "活动",
    "ship_time": "发货时间",
    "date": "日期",
    "time": "时间",
    "weekday": "星期",
    "clipboard": "剪贴板",
}


def test_the_table_is_the_documented_one() -> None:
    assert set(PLACEHOLDERS) == set(EXPECTED)
    assert set(ALIASES.values()) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_placeholder_renders(name: str) -> None:
    assert render(f"<{{{name}}}>", ctx()) == f"<{EXPECTED[name]}>"


@pytest.mark.parametrize("alias", sorted(ALIASES))
def test_every_english_alias_renders_like_its_chinese_name(alias: str) -> None:
    assert render(f"[{{{alias}}}]", ctx()) == f"[{EXPECTED[ALIASES[alias]]}]"


def test_a_whole_reply() -> None:
    text = (
        "{昵称}您好，我是{店铺}的客服{客服}，今天{日期}（{星期}）{活动}，{发货时间}前付款当天发。"
    )
    assert render(text, ctx()) == (
        "王姐您好，我是小白鞋屋的客服小美，今天11月11日（星期三）满200减20，16:00前付款当天发。"
    )


def test_nickname_falls_back_to_qin() -> None:
    assert render("{昵称}，在的", ctx(buyer_nickname=None)) == "亲，在的"
    assert render("{nickname}，在的", ctx(buyer_account=None, buyer_nickname=None)) == "亲，在的"
    assert render("{昵称}", RenderContext()) == "亲"
    assert render("{买家}", RenderContext()) == ""


def test_the_clipboard_is_read_only_when_asked_for() -> None:
    reads: list[int] = []

    def clipboard() -> str:
        reads.append(1)
        return "粘贴内容"

    assert render("亲，您好", ctx(clipboard=clipboard)) == "亲，您好"
    assert reads == []
    assert render("单号：{剪贴板}", ctx(clipboard=clipboard)) == "单号：粘贴内容"
    assert reads == [1]


def test_doubled_braces_are_literal() -> None:
    assert render("{{昵称}} 写法：{{ 和 }}", ctx()) == "{昵称} 写法：{ 和 }"
    assert render("{{{昵称}}}", ctx()) == "{王姐}"
    validate("{{}}")


def test_fill_ins_with_and_without_defaults() -> None:
    text = "亲，{?尺码:38}码有货，{?颜色}色今天发，{?尺码:38}码偏大"
    assert [(f.name, f.default) for f in fill_ins(text)] == [("尺码", "38"), ("颜色", None)]
    assert render(text, ctx(), {"颜色": "白"}) == "亲，38码有货，白色今天发，38码偏大"
    assert render(text, ctx(), {"颜色": "白", "尺码": "39"}) == "亲，39码有货，白色今天发，39码偏大"
    assert render("{?备注:}", ctx()) == ""  # an empty default is a default


def test_a_missing_fill_in_is_named() -> None:
    with pytest.raises(MissingFillIn) as caught:
        render("亲，{?尺码}码和{?颜色}色都有，{?尺码}码偏大", ctx(), {"其他": "x"})
    assert caught.value.names == ["尺码", "颜色"]
    assert "尺码" in str(caught.value)
    assert "颜色" in str(caught.value)


def test_fill_in_values_are_inserted_literally() -> None:
    out = render("亲，{?尺码}码", ctx(), {"尺码": "{昵称}{0.__class__}{{"})
    assert out == "亲，{昵称}{0.__class__}{{码"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("亲，{不存在}", "{不存在}"),
        ("亲，{Buyer}", "{Buyer}"),
        ("{}", "{}"),
    ],
)
def test_an_unknown_placeholder_is_refused_by_name(text: str, named: str) -> None:
    with pytest.raises(TemplateError) as caught:
        validate(text)
    assert named in str(caught.value)


@pytest.mark.parametrize(
    ("text", "brace"),
    [
        ("亲，{昵称", "{"),
        ("亲，昵称}", "}"),
        ("亲，{昵{称}", "{"),
        ("{{昵称}", "}"),
        ("{?尺码:{38}}", "{"),
    ],
)
def test_unbalanced_braces_are_refused_naming_the_brace(text: str, brace: str) -> None:
    with pytest.raises(TemplateError) as caught:
        validate(text)
    message = str(caught.value)
    assert f"“{brace}”" in message
    assert "字符" in message  # and where it is


@pytest.mark.parametrize(
    "text",
    [
        "{0.__class__}",
        "{0}",
        "{买家.__dict__}",
        "{昵称.__class__.__mro__}",
        "{活动!r}",
        "{昵称:>10}",
        "{店铺[0]}",
        "{__import__('os').system('echo x')}",
        "{shop.__init__.__globals__}",
    ],
)
def test_format_tricks_are_never_evaluated(text: str) -> None:
    try:
        out = render(text, ctx())
    except TemplateError as exc:
        assert text in str(exc)  # refused, naming what was refused
    else:
        assert out == text  # or, if accepted at all, only as literal text


def test_fill_in_names_with_dots_are_just_names() -> None:
    text = "{?a.__class__}"
    assert render(text, ctx(), {"a.__class__": "值"}) == "值"
    with pytest.raises(MissingFillIn):
        render(text, ctx(), {"a": "值"})


def test_invalid_fill_in_names_are_refused() -> None:
    for text in ("{?}", "{?:38}", "{? }"):
        with pytest.raises(TemplateError):
            validate(text)
