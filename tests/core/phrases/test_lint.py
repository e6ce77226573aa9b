"""The reply checks (issue 6) on real-looking 客服 replies: each rule firing and not firing,
with the exact span of text it points at, its severity and, where one exists, a suggestion."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from assistant.core.errors import InvalidInput
from assistant.core.phrases.lint import (
    ERROR,
    HINT,
    RULES,
    WARNING,
    Finding,
    Linter,
    error_count,
    has_error,
    lint_phrase,
    lint_phrases,
)
from assistant.core.phrases.lint_words import linter_for, load_rule_words
from assistant.core.phrases.model import Phrase
from assistant.core.platforms import LINT_PLATFORMS, lint_platform
from assistant.core.workspace import Workspace

AUTO = ["自动回复"]


@cache
def linter(platform: str = "taobao") -> Linter:
    return Linter(load_rule_words(), platform)


def spans(text: str, rule: str, platform: str = "taobao", tags: list[str] | None = None):
    """(severity, exact text) of each finding of ``rule``."""
    return [
        (f.severity, text[f.start : f.end])
        for f in linter(platform).check(text, tags)
        if f.rule == rule
    ]


# -- off-platform contact ----------------------------------------------------------------

OFF_PLATFORM_HITS = [
    pytest.param("亲，有问题可以加QQ：12345678联系哦", "taobao", ["QQ：12345678"], id="qq-colon"),
    pytest.param(
        "亲，图片看不清的话加扣扣 87654321 发给我", "taobao", ["扣扣 87654321"], id="koukou"
    ),
    pytest.param("亲，加我QQ号码：12345678", "taobao", ["QQ号码：12345678"], id="qq-haoma"),
    pytest.param("亲，加V abc123456 给您发内部券", "taobao", ["加V abc123456"], id="jia-V"),
    pytest.param(
        "亲，微信号 shop_2024，实拍图更多", "taobao", ["微信号 shop_2024"], id="wechat-id"
    ),
    pytest.param(
        "亲，微信号码 abc12345 有更多款", "taobao", ["微信号码 abc12345"], id="wechat-haoma"
    ),
    pytest.param("亲，vx：kefu888 发您实拍", "taobao", ["vx：kefu888"], id="vx"),
    pytest.param("亲，wx kefu_01 备注订单号就行", "taobao", ["wx kefu_01"], id="wx"),
    pytest.param("亲，着急的话打电话13812345678", "taobao", ["13812345678"], id="mobile"),
    pytest.param("亲，售后电话 138-1234-5678 哦", "taobao", ["138-1234-5678"], id="mobile-dashes"),
    pytest.param("亲，手机：+86 13912345678", "taobao", ["13912345678"], id="mobile-+86"),
    # Typed with the input method in full-width mode: still a phone number, same span.
    pytest.param(
        "亲，电话１３８１２３４５６７８",
        "taobao",
        ["１３８１２３４５６７８"],
        id="mobile-fullwidth",
    ),
    pytest.param(
        "亲，ＱＱ：１２３４５６７８", "taobao", ["ＱＱ：１２３４５６７８"], id="qq-fullwidth"
    ),
    pytest.param(
        "亲，发票信息发到 service@shop-mail.com 哦",
        "taobao",
        ["service@shop-mail.com"],
        id="email",
    ),
    pytest.param(
        "亲，看这里 https://example.com 有详细说明", "taobao", ["https://example.com"], id="https"
    ),
    pytest.param("亲，更多款式在 www.xx.cn 上哦", "taobao", ["www.xx.cn"], id="www"),
    pytest.param(
        "亲，看 https://example.com，很好看！",
        "taobao",
        ["https://example.com"],
        id="link-then-comma",
    ),
    pytest.param(
        "亲，也可以在 https://item.jd.com/100012.html 买哦",
        "taobao",
        ["https://item.jd.com/100012.html"],
        id="jd-link-on-taobao",
    ),
    pytest.param(
        "亲，链接 https://item.taobao.com/item.htm?id=123 拍下就好",
        "jd",
        ["https://item.taobao.com/item.htm?id=123"],
        id="taobao-link-on-jd",
    ),
    pytest.param(
        "亲，看看 taobao.com.evil.cn 这个", "taobao", ["taobao.com.evil.cn"], id="lookalike"
    ),
    pytest.param("亲，我们天猫旗舰店也有卖哦", "jd", ["天猫"], id="jd-names-tmall"),
    pytest.param("亲，淘宝和拼多多上的价格不一样哦", "jd", ["淘宝", "拼多多"], id="jd-names-two"),
    pytest.param("亲，拍拍上的是假货哦", "jd", ["拍拍"], id="jd-names-paipai"),
]


@pytest.mark.parametrize(("text", "platform", "expected"), OFF_PLATFORM_HITS)
def test_off_platform_contact_is_an_error_on_its_exact_span(
    text: str, platform: str, expected: list[str]
) -> None:
    assert spans(text, "off-platform", platform) == [(ERROR, s) for s in expected]
    found = [f for f in linter(platform).check(text) if f.rule == "off-platform"]
    assert all(f.message and f.suggestion for f in found)


OFF_PLATFORM_CLEAN = [
    pytest.param(
        "亲，这是宝贝链接 https://item.taobao.com/item.htm?id=123 拍下就好",
        "taobao",
        id="taobao-item-link",
    ),
    pytest.param("亲，宝贝链接 m.tb.cn/h.abc123 点开就能拍", "taobao", id="tb.cn-short-link"),
    pytest.param(
        "亲，旗舰店链接 https://detail.tmall.com/item.htm?id=1 点开就能拍", "tmall", id="tmall-link"
    ),
    pytest.param("亲，链接 https://item.jd.com/100012.html 直接下单哦", "jd", id="jd-link-on-jd"),
    pytest.param("亲，我们天猫旗舰店也有卖哦", "taobao", id="tmall-named-on-taobao"),
    pytest.param("亲，京东物流次日达，放心下单", "jd", id="jd-names-itself"),
    pytest.param(
        "亲，您的订单号 3001381234567890123 已经发货了哦", "taobao", id="order-number-not-phone"
    ),
    pytest.param("亲，顺丰单号 SF1381234567890 可以查物流", "taobao", id="tracking-number"),
    pytest.param("亲，支持微信支付和花呗分期哦", "taobao", id="wechat-pay-not-an-id"),
    pytest.param("亲，偏小一码，38码脚长235mm哦", "taobao", id="sizes"),
    pytest.param("亲，会员价99.9元，今天下单就发", "taobao", id="price"),
]


@pytest.mark.parametrize(("text", "platform"), OFF_PLATFORM_CLEAN)
def test_no_off_platform_finding_on_platform_links_and_numbers(text: str, platform: str) -> None:
    assert linter(platform).check(text) == []


def test_only_jd_flags_the_names_of_other_platforms() -> None:
    text = "亲，我们天猫店也有这款哦"
    assert {p: bool(spans(text, "off-platform", p)) for p in LINT_PLATFORMS} == {
        "taobao": False,
        "tmall": False,
        "jd": True,
        "pdd": False,
    }


# -- absolute promises, advertising-law superlatives ---------------------------------------

ABSOLUTE_HITS = [
    pytest.param("亲，保证是正品哦，放心拍", "保证", id="保证"),
    pytest.param("亲，这款绝对不会掉色的", "绝对", id="绝对"),
    pytest.param("亲，这个码数肯定合适的", "肯定", id="肯定"),
    pytest.param("亲，这是我们家最好的面料了", "最好", id="最好"),
    pytest.param("亲，这已经是最低价了哦", "最低", id="最低价"),
    pytest.param("亲，这款是店里销量第一的爆款", "第一", id="第一"),
    pytest.param("亲，这是唯一的正品渠道", "唯一", id="唯一"),
    pytest.param("亲，国家级质检认证，放心穿", "国家级", id="国家级"),
    pytest.param("亲，顶级面料，做工很精细", "顶级", id="顶级"),
    pytest.param("亲，我们家100%好评哦", "100%", id="100%好评"),
    pytest.param("亲，百分百好评的店", "百分百", id="百分百"),
]


@pytest.mark.parametrize(("text", "word"), ABSOLUTE_HITS)
def test_absolute_words_are_warnings_with_a_softer_suggestion(text: str, word: str) -> None:
    found = [f for f in linter().check(text) if f.rule == "absolute"]
    assert [(f.severity, text[f.start : f.end]) for f in found] == [(WARNING, word)]
    assert word in found[0].message
    assert found[0].suggestion  # every absolute word has a suggestion, not only some


ABSOLUTE_CLEAN = [
    pytest.param("亲，这款是100%纯棉的，穿着很舒服哦", id="100%纯棉-is-a-material"),
    pytest.param("亲，面料是100%桑蚕丝，建议手洗哦", id="100%桑蚕丝"),
    pytest.param("亲，第一次购买可以领新人券哦", id="第一次"),
    pytest.param("亲，我们会第一时间为您安排发货", id="第一时间"),
    pytest.param("亲，最近下单的人很多，最后几件了，喜欢可以早点拍哦", id="最近-最后"),
    pytest.param("亲，店铺缴纳了保证金，交易有平台担保", id="保证金"),
]


@pytest.mark.parametrize("text", ABSOLUTE_CLEAN)
def test_materials_and_ordinary_words_are_not_promises(text: str) -> None:
    assert linter().check(text) == []


# -- flat refusal ------------------------------------------------------------------------------

REFUSAL_HITS = [
    pytest.param("不能", "不能", id="bare-不能"),
    pytest.param("亲，没有优惠哦", "没有", id="没有优惠"),
    pytest.param("不行的", "不行", id="不行的"),
    pytest.param("亲爱的，不可以的哦", "不可以", id="不可以"),
    pytest.param("不好意思亲，没有赠品的，价格已经很低了", "没有", id="after-apology"),
    # What follows is no offer either: an alternative word, negated in turn.
    pytest.param("亲，不能便宜哦，也没有优惠的", "不能", id="no-then-no-promotion"),
    pytest.param("不行的，不能换哦", "不行", id="no-then-no-exchange"),
]


@pytest.mark.parametrize(("text", "word"), REFUSAL_HITS)
def test_a_bare_no_is_a_hint_pointing_at_the_no(text: str, word: str) -> None:
    found = [f for f in linter().check(text) if f.rule == "flat-refusal"]
    assert [(f.severity, text[f.start : f.end]) for f in found] == [(HINT, word)]
    assert found[0].suggestion


REFUSAL_CLEAN = [
    pytest.param("亲，不能便宜哦，不过现在满200减20", id="no-then-promotion"),
    pytest.param("没有现货了，可以看看同款其他颜色", id="no-then-alternative"),
    pytest.param("没货了，不过可以帮您登记到货提醒", id="no-then-restock-notice"),
    pytest.param("亲，拍两件就包邮哦，现在下单今天就能发", id="conditional-offer"),
    pytest.param("没问题的亲，您放心拍", id="没问题-is-a-yes"),
    pytest.param("没关系的亲，您慢慢挑", id="没关系-is-a-yes"),
]


@pytest.mark.parametrize("text", REFUSAL_CLEAN)
def test_a_no_with_an_offer_or_a_yes_is_not_a_flat_refusal(text: str) -> None:
    assert spans(text, "flat-refusal") == []


# -- too short ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["有", "好的", "没", "在的。"])
def test_one_word_answers_are_too_short(text: str) -> None:
    assert spans(text, "too-short") == [(HINT, text)]


def test_a_normal_answer_is_not_too_short() -> None:
    assert linter().check("亲，有现货的，今天下单明天发货哦") == []


# -- auto-reply length -----------------------------------------------------------------------

AUTO_BASE = (
    "亲，您好！客服暂时不在，看到后马上回复您。现货宝贝48小时内发货，满99元包邮，"
    "支持7天无理由退换货。尺码问题请参考详情页尺码表，拿不准可以留言身高体重哦。"
)


def sized(n: int) -> str:
    text = (AUTO_BASE * 3)[:n]
    assert len(text) == n
    return text


def test_an_auto_reply_of_129_characters_is_an_error_showing_the_count() -> None:
    text = sized(129)
    found = [f for f in linter().check(text, AUTO) if f.rule == "auto-reply-length"]
    assert len(found) == 1
    assert found[0].severity == ERROR
    assert "129" in found[0].message and "128" in found[0].message
    assert (found[0].start, found[0].end) == (0, 129)
    assert found[0].suggestion == "删减 1 个字"


def test_an_auto_reply_of_128_characters_passes() -> None:
    assert spans(sized(128), "auto-reply-length", tags=AUTO) == []


def test_an_untagged_long_phrase_is_not_an_auto_reply() -> None:
    assert spans(sized(200), "auto-reply-length", tags=["售前"]) == []


def test_each_character_counts_one_latin_or_chinese() -> None:
    text = "A" * 64 + "亲" * 65  # 129
    assert spans(text, "auto-reply-length", tags=AUTO)
    assert spans(text[:-1], "auto-reply-length", tags=AUTO) == []


def test_the_auto_reply_is_counted_as_sent_with_the_shop_name_filled_in() -> None:
    text = "欢迎光临{店铺}！" + sized(119)  # 128 as typed; 135 with the name filled in
    assert len(text) == 128
    shop = {"店铺": "小米粒童装旗舰店折扣店"}
    found = [f for f in linter().check(text, AUTO, shop) if f.rule == "auto-reply-length"]
    assert len(found) == 1 and "135" in found[0].message
    assert [f for f in linter().check(text, AUTO, {}) if f.rule == "auto-reply-length"] == []


# -- template problems -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        pytest.param("亲，{foo}您好，欢迎光临本店", "foo", id="unknown-placeholder"),
        pytest.param("亲，{昵称您好，欢迎光临本店", "{", id="unclosed-brace"),
        pytest.param("亲，您好}，欢迎光临本店", "}", id="stray-closing-brace"),
    ],
)
def test_template_problems_are_errors(text: str, hint: str) -> None:
    found = [f for f in linter().check(text) if f.rule == "template"]
    assert [f.severity for f in found] == [ERROR]
    assert hint in found[0].message
    assert 0 <= found[0].start < found[0].end <= len(text)


def test_a_correct_template_has_no_template_finding() -> None:
    assert linter().check("{昵称}您好，欢迎光临{店铺}，有什么可以帮您？") == []


# -- findings, profiles, exceptions, team words -------------------------------------------------


def test_findings_are_sorted_by_position_and_serialise_every_field() -> None:
    text = "不行，绝对没有优惠，加QQ：12345678"
    found = linter().check(text)
    assert [f.start for f in found] == sorted(f.start for f in found)
    assert {f.rule for f in found} == {"flat-refusal", "absolute", "off-platform"}
    assert has_error(found)
    assert set(found[0].to_json()) == {"rule", "severity", "start", "end", "message", "suggestion"}
    assert all(f.rule in RULES for f in found)


def test_platform_names_are_checked() -> None:
    assert lint_platform(None) == "taobao"
    assert lint_platform(" JD ") == "jd"
    with pytest.raises(InvalidInput):
        lint_platform("weixin")
    with pytest.raises(InvalidInput):
        Linter(load_rule_words(), "douyin")


def test_an_accepted_rule_is_silenced_for_that_check_only() -> None:
    text = "亲，这款绝对正品，加微信 shop_2024 看实拍"
    rules = {f.rule for f in lint_phrase(linter(), text, [], ["absolute"])}
    assert rules == {"off-platform"}
    assert {f.rule for f in lint_phrase(linter(), text, [], [])} == {"off-platform", "absolute"}


def test_lint_phrases_keeps_the_phrases_with_findings_less_their_accepted_rules() -> None:
    bad = Phrase(id="a", title="a", text="亲，这款绝对正品，加微信 shop_2024 看实拍")
    fine = Phrase(id="b", title="b", text="亲，这款是正品，支持专柜验货，请放心购买哦")
    quiet = Phrase(id="c", title="c", text="亲，这款绝对是正品，支持专柜验货，请放心购买")
    accepted = {"c": ["absolute"]}
    results = lint_phrases(linter(), [bad, fine, quiet], lambda pid: accepted.get(pid, []))
    assert [(p.id, sorted({f.rule for f in fs})) for p, fs in results] == [
        ("a", ["absolute", "off-platform"])
    ]
    findings = results[0][1]
    assert error_count(findings) == 1 and has_error(findings)
    assert error_count(f for f in findings if f.rule == "absolute") == 0


def test_linter_for_a_folder_uses_the_teams_words_and_the_platform(tmp_path: Path) -> None:
    write_team_rules(tmp_path, {"absolute": {"words": ["包过"]}})
    team = linter_for(tmp_path, " JD ")
    assert team.platform == "jd"
    assert [f.rule for f in team.check("亲，这个考试包过的，放心报名吧")] == ["absolute"]


def test_the_app_setting_refuses_an_unknown_platform(ws: Workspace) -> None:
    assert ws.settings.update(platform="jd").platform == "jd"
    with pytest.raises(InvalidInput):
        ws.settings.update(platform="weixin")
    assert ws.settings.load().platform == "jd"


def write_team_rules(data_dir: Path, doc: object) -> None:
    (data_dir / "lint").mkdir(parents=True, exist_ok=True)
    (data_dir / "lint" / "extra.json").write_text(
        json.dumps(doc, ensure_ascii=False), encoding="utf-8"
    )


def test_a_team_rule_file_adds_words_and_keeps_the_built_in_ones(tmp_path: Path) -> None:
    write_team_rules(tmp_path, {"absolute": {"words": ["包过", "保证"]}})
    words = load_rule_words(tmp_path)
    team = Linter(words)
    text = "亲，这个证书考试包过，保证拿证"
    found = [(f.severity, text[f.start : f.end]) for f in team.check(text) if f.rule == "absolute"]
    assert found == [(WARNING, "包过"), (WARNING, "保证")]
    assert words["absolute"]["words"].count("保证") == 1  # merged, not duplicated
    assert "绝对" in words["absolute"]["words"]
    assert spans("亲，包过哦，放心报名", "absolute") == []  # the built-in words alone do not


def test_a_broken_team_rule_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "lint").mkdir()
    (tmp_path / "lint" / "broken.json").write_text('{"absolute": {"words": ["包过"', "utf-8")
    with pytest.raises(InvalidInput, match=r"broken\.json"):
        load_rule_words(tmp_path)


def test_the_built_in_packs_have_no_errors_on_any_platform(ws: Workspace) -> None:
    phrases = ws.phrases.all(include_hidden=True)
    assert len(phrases) > 50
    for platform in LINT_PLATFORMS:
        errors: list[tuple[str, Finding]] = [
            (p.title, f)
            for p in phrases
            for f in linter(platform).check(p.text, p.tags, ws.shop.get())
            if f.severity == ERROR
        ]
        assert errors == [], platform
