"""`名称=值` pairs: one reading for every option and form field that takes them."""

from __future__ import annotations

import pytest

from assistant.core.errors import InvalidInput
from assistant.core.text import parse_pairs, split_pair


def test_split_pair_strips_the_name_and_keeps_the_value() -> None:
    assert split_pair(" 尺码 = 38 ") == ("尺码", " 38 ")
    assert split_pair("公式==1+1") == ("公式", "=1+1")
    assert split_pair("a=b=account", last=True) == ("a=b", "account")
    assert split_pair("尺码") is None
    assert split_pair(" =38") is None


def test_parse_pairs_keeps_values_exactly_unless_asked() -> None:
    assert parse_pairs(["活动= 满200减20 ", "客服=小美"], "--set") == {
        "活动": " 满200减20 ",
        "客服": "小美",
    }
    assert parse_pairs([" 尺码 = 38 "], "--attr", strip_values=True) == {"尺码": "38"}
    assert parse_pairs(["a=1", "a=2"], "--set") == {"a": "2"}


@pytest.mark.parametrize("pair", ["尺码", "=38", "  =38"])
def test_a_malformed_pair_is_refused_naming_the_option(pair: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_pairs(["a=1", pair], "--attr")
    assert str(caught.value) == f"--attr 的格式应为 名称=值，收到：{pair!r}"


def test_a_form_field_is_read_leniently() -> None:
    assert parse_pairs(["尺码=38", "偏宽", "=x", "脚型 = 宽 "], None, strip_values=True) == {
        "尺码": "38",
        "偏宽": "",
        "脚型": "宽",
    }
