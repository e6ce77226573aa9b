"""The platform list: one set of codes and names for buyers, checking rules and settings."""

from __future__ import annotations

import pytest

from assistant.core.errors import InvalidInput
from assistant.core.platforms import (
    DEFAULT_PLATFORM,
    LINT_PLATFORMS,
    PLATFORMS,
    clean_platform,
    lint_platform,
    platform_name,
)
from assistant.core.settings import AppSettings


def test_every_platform_with_rules_is_a_platform_and_the_default_has_rules() -> None:
    assert set(LINT_PLATFORMS) <= set(PLATFORMS)
    assert DEFAULT_PLATFORM in LINT_PLATFORMS
    assert AppSettings().platform == DEFAULT_PLATFORM


def test_names_and_codes() -> None:
    assert [platform_name(p) for p in LINT_PLATFORMS] == ["淘宝", "天猫", "京东", "拼多多"]
    assert platform_name("douyin") == "douyin"
    assert clean_platform("京东") == "jd"
    assert clean_platform(" TMall ") == "tmall"
    assert clean_platform(None) == clean_platform("") == DEFAULT_PLATFORM


def test_unknown_platforms_are_refused_with_the_choices() -> None:
    with pytest.raises(
        InvalidInput, match="未知平台：douyin（可选：taobao、tmall、jd、pdd、wechat"
    ):
        clean_platform("douyin")
    with pytest.raises(InvalidInput, match=r"未知平台：wechat（可选：taobao、tmall、jd、pdd）$"):
        lint_platform("wechat")
    with pytest.raises(InvalidInput, match="未知平台：微信"):
        AppSettings(platform="微信").validate()
