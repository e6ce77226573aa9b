"""The title a phrase gets when none is given (issue 14, item 11): one rule, short enough for
a column, for a phrase typed in the app, added with `kefu add` and imported from a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.packs.importer import import_file
from assistant.core.phrases.titles import TITLE_CHARS, default_title
from assistant.core.workspace import Workspace
from tests.helpers import kefu_json


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # the first sentence, its mark dropped
        ("亲，在的，请问有什么可以帮您的吗？我们今天上新了哦", "亲，在的，请问有什么可以帮您的吗"),
        ("好的。马上为您处理", "好的"),
        # a sentence over the limit is cut at its last pause that fits
        ("亲，您好，欢迎光临本店，有什么可以帮您的吗？", "亲，您好，欢迎光临本店"),
        ("亲 您好 请问有什么可以帮您 我们在的", "亲 您好 请问有什么可以帮您"),
        # no pause: after TITLE_CHARS characters
        ("感谢您的耐心等待我们会尽快为您处理好的", "感谢您的耐心等待我们会尽快为您处"),
        # only the first line; no trailing punctuation
        ("  退货流程：\n1. 申请退货\n2. 寄回", "退货流程"),
        ("亲~", "亲"),
        ("七天无理由（退货）", "七天无理由（退货）"),
        # a placeholder is never cut in two
        ("亲，本店现在{活动}，欢迎选购", "亲，本店现在{活动}，欢迎选购"),
        ("您好{昵称}，我们的客服{?工号:008号}很快回复", "您好{昵称}"),
        ("订单号{?订单号:1234567890}已经发货", "订单号"),  # left out whole, not cut
        (
            "{?一个很长很长很长很长很长的填空名称:默认}后面",
            "一个很长很长很长很长很长的填空名称"[:16],
        ),
        ("满100减{{10}}元优惠券", "满100减{{10}}元优惠券"),
        # a line that starts with punctuation still gets a title
        ("……好的呢亲", "……好的呢亲"),
    ],
)
def test_the_default_title(text: str, title: str) -> None:
    assert default_title(text) == title
    assert len(default_title(text)) <= max(TITLE_CHARS, len(title))


def test_a_title_given_is_kept_and_a_missing_one_follows_the_text(empty_ws: Workspace) -> None:
    lib = empty_ws.phrases
    named = lib.add("亲，这款是预售，下单后七天内发货哦", title="预售说明")
    assert named.title == "预售说明"
    auto = lib.add("亲，这款是现货，今天下单明天就发货")
    assert auto.title == "亲，这款是现货"
    assert lib.edit(auto.id, text="亲，这款缺货了。到货通知您").title == "亲，这款缺货了"


def test_a_title_made_by_the_earlier_rule_still_follows_the_text(empty_ws: Workspace) -> None:
    lib = empty_ws.phrases
    text = "亲，在的，请问有什么可以帮您的吗？我们今天上新了哦"
    old = lib.add(text, title="亲，在的，请问有什么可以帮您的吗？我们今…")  # the pre-issue-14 title
    assert lib.edit(old.id, text="好的。马上处理").title == "好的"


def test_an_imported_table_without_titles_gets_short_titles(
    empty_ws: Workspace, tmp_path: Path
) -> None:
    table = tmp_path / "千牛快捷短语.csv"
    long_text = (
        "亲，您好，欢迎光临本店，有什么可以帮您的吗？本店所有商品均为现货，下单后24小时内发货"
    )
    table.write_text(
        f'快捷编码,快捷短语,快捷短语分组\nhy,"{long_text}",问候\nfh,"亲，今天发货\n明天到",物流\n',
        encoding="utf-8-sig",
    )
    import_file(empty_ws.phrases, table)
    titles = {p.code: p.title for p in empty_ws.phrases.all()}
    assert titles == {"hy": "亲，您好，欢迎光临本店", "fh": "亲，今天发货"}


def test_kefu_add_and_an_import_give_the_same_title(seeded_dir: Path, tmp_path: Path) -> None:
    text = "亲，您好，欢迎光临本店，有什么可以帮您的吗？"
    added = kefu_json(seeded_dir, "add", text, "--code", "hyk")
    lines = tmp_path / "短语.txt"
    lines.write_text(text.replace("？", "呀？") + "\n", encoding="utf-8")
    imported = kefu_json(seeded_dir, "pack", "import", str(lines))
    [row] = imported["rows"]
    assert added["title"] == row["title"] == default_title(text) == "亲，您好，欢迎光临本店"
