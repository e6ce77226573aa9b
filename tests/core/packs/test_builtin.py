"""The built-in packs: what a first run gets, and how an upgrade treats the user's changes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from assistant.core.errors import NotFound
from assistant.core.packs.builtin import install_builtins
from assistant.core.paths import builtin_phrases_dir
from assistant.core.phrases.model import MY_PACK
from assistant.core.phrases.template import RenderContext, render, validate
from assistant.core.workspace import Workspace, open_workspace


def shipped_items() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for path in sorted(builtin_phrases_dir().glob("*.json")):
        items.extend(json.loads(path.read_text("utf-8"))["phrases"])
    return items


# Each category of DOMAIN.md, with the group names that count for it.
CATEGORIES = {
    "greeting": {"问候", "欢迎"},
    "size": {"尺码"},
    "bargaining": {"议价"},
    "postage": {"邮费"},
    "authenticity": {"正品", "正品保障"},
    "quality": {"质量", "质量保证"},
    "price comparison": {"比价"},
    "colour difference": {"色差"},
    "payment reminders": {"催付"},
    "out of stock": {"缺货"},
    "reassurance": {"安心保障", "安心"},
    "logistics": {"物流"},
    "quality complaint": {"质量投诉"},
    "exchange and return": {"退换货"},
    "related items": {"关联推荐", "关联销售"},
    "closing and review": {"好评", "结束语"},
    "security refusals": {"安全", "安全提醒"},
}


def test_a_first_run_loads_the_built_in_packs(ws: Workspace) -> None:
    builtins = [p for p in ws.phrases.all(include_hidden=True) if p.pack != MY_PACK]
    assert len(builtins) >= 80
    assert len(builtins) == len(shipped_items())
    groups: dict[str, int] = {}
    for p in builtins:
        groups[p.group] = groups.get(p.group, 0) + 1
    for category, names in CATEGORIES.items():
        count = sum(groups.get(n, 0) for n in names)
        assert count >= 2, f"{category}: {count} phrases in {sorted(names)}"


def test_a_second_run_installs_nothing_and_changes_no_file(ws: Workspace) -> None:
    before = {p: p.read_bytes() for p in ws.path.rglob("*.json")}
    assert install_builtins(open_workspace(ws.path, builtins=False).phrases) == 0
    assert {p: p.read_bytes() for p in ws.path.rglob("*.json")} == before


def test_auto_replies_fit_the_platform_limit(ws: Workspace) -> None:
    autos = [p for p in ws.phrases.all() if "自动回复" in p.tags]
    assert len(autos) >= 3
    shop = {
        "店铺": "小白鞋屋旗舰店",
        "客服": "小美",
        "活动": "全场满199减20，两件包邮",
        "发货时间": "下午4点",
    }
    for p in autos:
        assert len(p.text) <= 128, p.title
        assert len(render(p.text, RenderContext(shop=shop))) <= 128, p.title


def test_every_built_in_text_is_a_valid_template() -> None:
    items = shipped_items()
    assert items
    for item in items:
        validate(item["text"])


def test_built_in_codes_and_ids_are_unique_and_resolvable(ws: Workspace) -> None:
    items = shipped_items()
    ids = [item["id"] for item in items]
    codes = [item["code"].casefold() for item in items if item.get("code")]
    assert len(set(ids)) == len(ids)
    assert len(set(codes)) == len(codes)
    for item in items:
        if item.get("code"):
            assert ws.phrases.resolve(item["code"]).id == item["id"]


def test_built_in_texts_follow_the_reply_rules() -> None:
    off_platform = re.compile(r"(?i)qq|微信|vx|wechat|加我|\d{7,}")
    absolute = re.compile(r"绝对|保证|肯定|第一|唯一|100%|百分之百")
    for item in shipped_items():
        text = item["text"]
        assert not off_platform.search(text), item["id"]
        assert not absolute.search(text), item["id"]
        assert len(text) >= 15, item["id"]  # not a one-word answer


# -- upgrades -------------------------------------------------------------------------------


def pack_copy(tmp_path: Path) -> Path:
    source = tmp_path / "packs"
    shutil.copytree(builtin_phrases_dir(), source)
    return source


def rewrite(source: Path, change: dict[str, str], add: dict[str, Any] | None = None) -> None:
    """A new version of the shipped packs: new texts for some ids, maybe a new phrase."""
    for path in source.glob("*.json"):
        pack = json.loads(path.read_text("utf-8"))
        for item in pack["phrases"]:
            if item["id"] in change:
                item["text"] = change[item["id"]]
        if add and path.name == "basic.json":
            pack["phrases"].append(add)
        pack["version"] = pack["version"] + ".1"
        path.write_text(json.dumps(pack, ensure_ascii=False), "utf-8")


@pytest.fixture
def upgraded(tmp_path: Path) -> dict[str, Any]:
    source = pack_copy(tmp_path)
    ws = open_workspace(tmp_path / "data", builtins=False)
    assert install_builtins(ws.phrases, source=source) == len(shipped_items())
    lib = ws.phrases
    ids = [item["id"] for item in shipped_items()]
    untouched, edited, deleted, hidden, favourite = ids[0], ids[1], ids[2], ids[3], ids[4]
    lib.edit(edited, text="亲，这是我自己改过的说法")
    lib.remove(deleted)
    lib.edit(hidden, hidden=True)
    lib.edit(favourite, favourite=True)
    mine = lib.add("亲，我的上新提醒", code="sx9")
    rewrite(
        source,
        {
            i: f"亲，新版本的内容（{n}）"
            for n, i in enumerate([untouched, edited, deleted, hidden, favourite])
        },
        add={
            "id": "kefu.builtin.basic.new-01",
            "title": "上新",
            "text": "亲，本周上新了哦",
            "group": "问候",
            "code": "sx9",
            "tags": [],
        },
    )
    changed = install_builtins(
        open_workspace(tmp_path / "data", builtins=False).phrases, source=source
    )
    return {
        "ws": open_workspace(tmp_path / "data", builtins=False),
        "source": source,
        "changed": changed,
        "untouched": untouched,
        "edited": edited,
        "deleted": deleted,
        "hidden": hidden,
        "favourite": favourite,
        "mine": mine.id,
    }


def test_an_unedited_phrase_follows_the_new_version(upgraded: dict[str, Any]) -> None:
    lib = upgraded["ws"].phrases
    assert lib.get(upgraded["untouched"]).text == "亲，新版本的内容（0）"
    assert [p.id for p in lib.search("新版本的内容（0）")] == [upgraded["untouched"]]
    favourite = lib.get(upgraded["favourite"])
    assert (favourite.text, favourite.favourite) == ("亲，新版本的内容（4）", True)


def test_an_edited_phrase_is_kept(upgraded: dict[str, Any]) -> None:
    assert upgraded["ws"].phrases.get(upgraded["edited"]).text == "亲，这是我自己改过的说法"


def test_a_deleted_phrase_never_comes_back(upgraded: dict[str, Any]) -> None:
    ws = upgraded["ws"]
    with pytest.raises(NotFound):
        ws.phrases.get(upgraded["deleted"])
    # Not on the next version either.
    rewrite(upgraded["source"], {upgraded["deleted"]: "亲，再一个版本"})
    install_builtins(ws.phrases, source=upgraded["source"])
    with pytest.raises(NotFound):
        ws.phrases.get(upgraded["deleted"])


def test_a_hidden_phrase_stays_hidden(upgraded: dict[str, Any]) -> None:
    lib = upgraded["ws"].phrases
    hidden = lib.get(upgraded["hidden"])
    assert hidden.hidden
    assert hidden.id not in {p.id for p in lib.all()}
    assert lib.search("新版本的内容") and hidden.id not in {
        p.id for p in lib.search("新版本的内容")
    }


def test_a_new_shipped_phrase_arrives_without_taking_the_users_code(
    upgraded: dict[str, Any],
) -> None:
    lib = upgraded["ws"].phrases
    new = lib.get("kefu.builtin.basic.new-01")
    assert new.text == "亲，本周上新了哦"
    assert new.code is None
    assert lib.resolve("sx9").id == upgraded["mine"]
    # untouched, favourite, hidden and the new one; not the edited or the deleted one.
    assert upgraded["changed"] == 4
