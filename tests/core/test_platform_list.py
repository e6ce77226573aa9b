"""微信小店 is a platform of its own, beside 微信 (issue 14, item 14)."""

from __future__ import annotations

import pytest

from assistant.core.errors import InvalidInput
from assistant.core.platforms import LINT_PLATFORMS, PLATFORMS, clean_platform, platform_choices
from assistant.core.workspace import Workspace


def test_weixin_shop_is_a_platform_by_code_and_by_name() -> None:
    assert "wxshop" in PLATFORMS and "wechat" in PLATFORMS
    assert clean_platform("微信小店") == clean_platform(" WXSHOP ") == "wxshop"
    assert clean_platform("微信") == "wechat"
    assert "wxshop" not in LINT_PLATFORMS  # no checking rules of its own (yet)
    assert "wxshop（微信小店）" in platform_choices()
    assert platform_choices().split("、")[0] == "taobao（淘宝）"
    with pytest.raises(InvalidInput, match="wxshop"):  # the choices in a refusal name it
        clean_platform("视频号")


def test_the_same_account_on_weixin_and_weixin_shop_is_two_buyers(empty_ws: Workspace) -> None:
    book = empty_ws.buyers
    book.add("小美", platform="wechat", remark="私域")
    book.add("小美", platform="微信小店", remark="小店")
    assert book.get("小美", "wxshop").remark == "小店"
    assert book.get("小美", "wechat").remark == "私域"
    with pytest.raises(InvalidInput, match="多个平台"):
        book.get("小美")
