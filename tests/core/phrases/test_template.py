"""Templates: a fixed table of placeholders, fill-ins, literal braces, and nothing evaluated."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# -- the dangerous shapes, generated on purpose ----------------------------------------------
# A template is built from segments whose outcome is known on its own: literal text, doubled
# braces, known placeholders, fill-ins, and dangerous shapes that str.format (or a renderer
# that follows dots, indexes, conversions or format specs) would evaluate. Each segment is
# complete, so the scanner meets it at a token boundary and the expected output is the
# segments' outputs joined. With a dangerous segment the renderer must refuse with its own
# error (one line, naming the placeholder), or, if it accepts, show that segment as typed.
KNOWN = {
    **{name: EXPECTED[name] for name in EXPECTED},
    **{a: EXPECTED[c] for a, c in ALIASES.items()},
}
FILLS = {"备注": "{昵称.__class__}{0!r}{{"}  # a fill value is inserted as typed, never parsed
HEADS = [*KNOWN, "0", "1", "", "__class__", "self", "context", "shop", "__import__('os')"]
ACCESSORS = [
    ".__class__",
    ".__dict__",
    ".__class__.__mro__",
    ".__init__.__globals__",
    ".upper",
    ".__doc__",
    ".__len__()",
    "()",
    "[0]",
    "[-1]",
    "['店铺']",
    "[买家]",
    "!r",
    "!s",
    "!a",
    ":>10",
    ":*^30",
    ":*<99",
    ":",
    ":%Y",
    ".",
]
NAME_CHARS = st.sampled_from([*"abcxyz_019", "昵", "称", "店", "铺", "买", "家"])
long_names = st.text(NAME_CHARS, min_size=100, max_size=400)
literals = st.text(st.characters(blacklist_characters="{}", codec="utf-8"), max_size=8)
Segment = tuple[str, str | None]  # (source, output; None: it must be refused)


def _dangerous(head: str, accessors: list[str]) -> Segment:
    return "{" + head + "".join(accessors) + "}", None


DANGEROUS: st.SearchStrategy[Segment] = st.one_of(
    st.sampled_from(["{}", "{0}", "{1}", "{__class__}", "{ }", "{self}"]).map(lambda s: (s, None)),
    st.builds(
        _dangerous,
        st.sampled_from(HEADS) | long_names,
        st.lists(st.sampled_from(ACCESSORS), min_size=1, max_size=3),
    ),
    long_names.map(lambda name: ("{" + name + "}", None)),
    # Braces inside a placeholder: refused before its end is reached, whatever follows.
    st.sampled_from(["{昵称{买家}}", "{a{b}c}", "{店铺:{买家}}", "{0:{1}}", "{{{0:{1}}}}"]).map(
        lambda s: (s, None)
    ),
)
SAFE: st.SearchStrategy[Segment] = st.one_of(
    literals.map(lambda t: (t, t)),
    st.sampled_from([("{{", "{"), ("}}", "}")]),
    st.sampled_from(sorted(KNOWN)).map(lambda n: ("{" + n + "}", KNOWN[n])),
    st.sampled_from(sorted(KNOWN)).map(lambda n: ("{ " + n + " }", KNOWN[n])),
    st.sampled_from(
        [
            ("{?尺码:38}", "38"),
            ("{?备注}", FILLS["备注"]),
            ("{?a.__class__:x}", "x"),
            ("{?0!r:}", ""),
        ]
    ),
)
OBJECT_MARKERS = (
    "<class",
    "object at 0x",
    "<built-in",
    "<function",
    "<method",
    "mappingproxy",
    "<slot",
)


def _outcome(text: str) -> tuple[str | None, BaseException | None]:
    try:
        return render(text, ctx(), FILLS), None
    except Exception as exc:  # anything but the product's own error fails below
        return None, exc


@settings(max_examples=400, deadline=None)
@given(
    segments=st.lists(st.one_of(SAFE, SAFE, DANGEROUS), min_size=1, max_size=8),
    unterminated=st.none() | st.sampled_from(["{昵称", "{0.__class__", "{昵称!r", "{"]),
)
def test_dangerous_shapes_are_refused_or_kept_as_typed_and_never_evaluated(
    segments: list[Segment], unterminated: str | None
) -> None:
    if unterminated is not None:  # an open brace at the very end: nothing after it closes it
        segments = [*segments, (unterminated, None)]
    text = "".join(source for source, _ in segments)
    refused = any(out is None for _, out in segments)
    out, error = _outcome(text)
    if error is not None:
        assert isinstance(error, TemplateError), repr(error)  # never a KeyError, AttributeError…
        assert refused, f"{text!r} refused: {error}"
        message = str(error)
        assert "\n" not in message and len(message) < 400  # one clear line, long names cut
        with pytest.raises(TemplateError):
            validate(text)  # the check on save refuses it too
        return
    kept = "".join(source if value is None else value for source, value in segments)
    assert out == (kept if refused else "".join(value or "" for _, value in segments))
    assert not any(marker in out for marker in OBJECT_MARKERS)
    validate(text)


@pytest.mark.parametrize(
    "text",
    [
        "{昵称.__class__}",
        "{买家.upper}",
        "{店铺[0]}",
        "{昵称!r}",
        "{客服:>10}",
        "{活动:*^30}",
        "{0}",
        "{}",
        "{__class__}",
        "{shop.__class__.__mro__}",
        "{昵称" + ".__class__" * 50 + "}",
        "{" + "昵" * 5000 + "}",
    ],
)
def test_each_dangerous_shape_is_refused_naming_it_in_one_short_line(text: str) -> None:
    with pytest.raises(TemplateError) as caught:
        render(text, ctx())
    message = str(caught.value)
    assert text[1:-1][:20] in message and "\n" not in message and len(message) < 400
