"""Image messages of phrases in the library, on real files: added, removed, following the
text, shared by hash, cleaned up, hashed as content, and shape-checked when read."""

from __future__ import annotations

import hashlib
import io
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from assistant.core.errors import InvalidInput
from assistant.core.images.reading import PreparedImage, prepare_image
from assistant.core.phrases.model import (
    MAX_IMAGE_NAME,
    MAX_IMAGES,
    PhraseImage,
    clean_images,
    content_hash,
)
from assistant.core.store.shapes import PHRASE_SHAPE
from assistant.core.workspace import Workspace, open_workspace
from tests.helpers import snapshot, stored_docs

TEXT = "亲，尺码表如下\n---\n有问题再问我哦"


def prepared(colour: tuple[int, int, int], size: tuple[int, int] = (30, 20)) -> PreparedImage:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return prepare_image(out.getvalue(), "图.png")


RED, BLUE, GREEN = prepared((255, 0, 0)), prepared((0, 0, 255), (10, 40)), prepared((0, 255, 0))


def doc_of(ws: Workspace, phrase_id: str) -> dict[str, Any]:
    return stored_docs(ws.path)[phrase_id]


def sent(ws: Workspace, ref: str) -> list[str]:
    """The phrase's messages as sent: its texts, and ``[name]`` for each image."""
    from assistant.core.phrases.messages import messages_of

    phrase = ws.phrases.resolve(ref)
    return [
        m if isinstance(m, str) else f"[{m.name}]" for m in messages_of(phrase.text, phrase.images)
    ]


def age_images(ws: Workspace, seconds: float) -> None:
    then = time.time() - seconds
    for path in (ws.path / "images").iterdir():
        os.utime(path, (then, then))


# -- adding and editing -----------------------------------------------------------------


def test_add_with_two_images_stores_them_after_the_text(ws: Workspace) -> None:
    phrase = ws.phrases.add(TEXT, code="cmb", images=[(RED, "尺码表.png"), (BLUE, "细节.png")])
    assert [(i.sha256, i.name, i.at) for i in phrase.images] == [
        (RED.sha256, "尺码表.png", 2),
        (BLUE.sha256, "细节.png", 3),
    ]
    assert doc_of(ws, phrase.id)["images"] == [
        {"sha256": RED.sha256, "name": "尺码表.png", "at": 2},
        {"sha256": BLUE.sha256, "name": "细节.png", "at": 3},
    ]
    assert ws.phrases.images.read(RED.sha256) == RED.data
    assert ws.phrases.images.read(BLUE.sha256) == BLUE.data
    again = open_workspace(ws.path)
    assert again.phrases.resolve("cmb").images == phrase.images
    assert sent(again, "cmb") == ["亲，尺码表如下", "有问题再问我哦", "[尺码表.png]", "[细节.png]"]
    assert again.phrases.resolve("cmb").to_json()["images"] == [i.to_json() for i in phrase.images]


def test_a_phrase_without_images_stores_no_images_field(ws: Workspace) -> None:
    phrase = ws.phrases.add(TEXT, code="wt1")
    assert "images" not in doc_of(ws, phrase.id)
    assert "images" not in phrase.to_json()
    ws.phrases.edit("wt1", text="亲，改了")
    assert "images" not in doc_of(ws, phrase.id)
    assert not (ws.path / "images").exists()


def test_edit_adds_images_after_every_message(ws: Workspace) -> None:
    ws.phrases.add(TEXT, code="cmb", images=[(RED, "尺码表.png")])
    edited = ws.phrases.edit("cmb", add_images=[(BLUE, "细节.png"), (GREEN, "颜色.png")])
    assert [i.name for i in edited.images] == ["尺码表.png", "细节.png", "颜色.png"]
    assert sent(ws, "cmb") == [
        "亲，尺码表如下",
        "有问题再问我哦",
        "[尺码表.png]",
        "[细节.png]",
        "[颜色.png]",
    ]


def test_edit_removes_images_by_their_number(ws: Workspace) -> None:
    phrase = ws.phrases.add(
        TEXT, code="cmb", images=[(RED, "一.png"), (BLUE, "二.png"), (GREEN, "三.png")]
    )
    ws.phrases.edit("cmb", remove_images=[2])
    assert sent(ws, "cmb") == ["亲，尺码表如下", "有问题再问我哦", "[一.png]", "[三.png]"]
    ws.phrases.edit("cmb", remove_images=[1, 2])
    assert sent(ws, "cmb") == ["亲，尺码表如下", "有问题再问我哦"]
    assert "images" not in doc_of(ws, phrase.id)  # as if it never had any
    assert ws.phrases.resolve("cmb").content_hash() == content_hash(
        phrase.title, TEXT, phrase.group, "cmb", []
    )


@pytest.mark.parametrize("number", [0, 3, -1])
def test_removing_an_image_out_of_range_changes_nothing(ws: Workspace, number: int) -> None:
    ws.phrases.add(TEXT, code="cmb", images=[(RED, "一.png"), (BLUE, "二.png")])
    before = snapshot(ws.path / "phrases")
    with pytest.raises(InvalidInput, match=f"没有第 {number} 张图片"):
        ws.phrases.edit("cmb", remove_images=[number])
    assert snapshot(ws.path / "phrases") == before
    assert len(ws.phrases.resolve("cmb").images) == 2


def test_removing_an_image_from_a_phrase_without_any_is_refused(ws: Workspace) -> None:
    ws.phrases.add(TEXT, code="wt1")
    with pytest.raises(InvalidInput, match="没有图片"):
        ws.phrases.edit("wt1", remove_images=[1])


def test_images_follow_a_changed_text(ws: Workspace) -> None:
    ws.phrases.add(TEXT, code="cmb", images=[(RED, "尺码表.png")])
    ws.phrases.edit("cmb", text="只有一条了")
    assert sent(ws, "cmb") == ["只有一条了", "[尺码表.png]"]
    ws.phrases.edit("cmb", text="一\n---\n二\n---\n三")
    assert sent(ws, "cmb") == ["一", "二", "三", "[尺码表.png]"]  # still after the last


def test_too_many_images_are_refused_and_nothing_is_stored(ws: Workspace) -> None:
    many = [(prepared((n, 0, 0), (4, 4)), f"{n}.png") for n in range(MAX_IMAGES + 1)]
    before = snapshot(ws.path / "phrases")
    with pytest.raises(InvalidInput, match="图片太多"):
        ws.phrases.add(TEXT, images=many)
    assert snapshot(ws.path / "phrases") == before
    ws.phrases.add(TEXT, code="ok9", images=many[:MAX_IMAGES])
    assert len(ws.phrases.resolve("ok9").images) == MAX_IMAGES


# -- files shared and cleaned up --------------------------------------------------------


def test_two_phrases_with_the_same_image_share_one_file(ws: Workspace) -> None:
    first = ws.phrases.add("亲，尺码表", images=[(RED, "尺码表.png")])
    second = ws.phrases.add("亲，这是尺码表", images=[(prepared((255, 0, 0)), "另一个名字.png")])
    assert ws.phrases.images.stored() == [RED.sha256]
    assert ws.phrases.used_images() == {RED.sha256}
    age_images(ws, 7200)
    ws.phrases.remove(first.id)
    assert ws.phrases.used_images() == {RED.sha256}
    assert ws.phrases.remove_unused_images() == []  # the second phrase still uses it
    ws.phrases.remove(second.id)
    assert ws.phrases.used_images() == set()
    assert ws.phrases.remove_unused_images() == [RED.sha256]
    assert ws.phrases.images.stored() == []


def test_an_image_removed_from_a_phrase_is_cleaned_up_once_old(ws: Workspace) -> None:
    ws.phrases.add(TEXT, code="cmb", images=[(RED, "一.png"), (BLUE, "二.png")])
    ws.phrases.edit("cmb", remove_images=[1])
    assert ws.phrases.used_images() == {BLUE.sha256}
    assert ws.phrases.remove_unused_images() == []  # written just now: kept an hour
    age_images(ws, 7200)
    assert ws.phrases.remove_unused_images() == [RED.sha256]
    assert ws.phrases.images.stored() == [BLUE.sha256]


# -- content hash -----------------------------------------------------------------------


def hash_before_images(
    title: str, text: str, group: str, code: str | None, tags: list[str], questions: list[str]
) -> str:
    """content_hash as it was before phrases had images (commit b8d8339^)."""
    parts = [title, text, group, code or "", "\x1e".join(tags)]
    if questions:
        parts.append("\x1e".join(questions))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


WORDS = st.text(alphabet=st.sampled_from("亲尺码ab 1\n"), max_size=8)


@settings(deadline=None)
@given(
    WORDS,
    WORDS,
    WORDS,
    st.none() | WORDS,
    st.lists(WORDS, max_size=3),
    st.lists(WORDS, max_size=3),
)
def test_a_phrase_without_images_keeps_the_hash_it_had(
    title: str, text: str, group: str, code: str | None, tags: list[str], questions: list[str]
) -> None:
    old = hash_before_images(title, text, group, code, tags, questions)
    assert content_hash(title, text, group, code, tags, questions) == old
    assert content_hash(title, text, group, code, tags, questions, ()) == old
    assert content_hash(title, text, group, code, tags, questions, []) == old


def test_a_stored_phrase_without_images_hashes_as_without_the_argument(ws: Workspace) -> None:
    phrase = ws.phrases.add(TEXT, title="尺码", group="尺码", code="tpx1", tags=["尺码"])
    assert phrase.content_hash() == content_hash("尺码", TEXT, "尺码", "tpx1", ["尺码"])
    assert phrase.content_hash() == hash_before_images("尺码", TEXT, "尺码", "tpx1", ["尺码"], [])


def test_images_are_content_but_their_names_are_not() -> None:
    base = ("尺码", TEXT, "尺码", None, [], [])
    plain = content_hash(*base)
    one = content_hash(*base, (PhraseImage(RED.sha256, "a.png", 2),))
    assert one != plain
    assert content_hash(*base, (PhraseImage(RED.sha256, "b.png", 2),)) == one
    assert content_hash(*base, (PhraseImage(RED.sha256, "a.png", 0),)) != one
    assert content_hash(*base, (PhraseImage(BLUE.sha256, "a.png", 2),)) != one


# -- clean_images -----------------------------------------------------------------------


def test_clean_images_makes_names_one_short_line_and_sorts_by_place() -> None:
    got = clean_images(
        [
            PhraseImage("b" * 64, "第二\n张  图", 5),
            PhraseImage("a" * 64, "长" * 150, 1),
            PhraseImage("c" * 64, "  \n", 3),
        ]
    )
    assert [(i.sha256[0], i.at) for i in got] == [("a", 1), ("c", 3), ("b", 5)]
    assert got[0].name == "长" * MAX_IMAGE_NAME
    assert got[1].name == "图片"  # a blank name gets one
    assert got[2].name == "第二 张 图"


@pytest.mark.parametrize("sha", ["A" * 64, "a" * 63, "a" * 65, "g" * 64, "", "a" * 63 + "\n"])
def test_clean_images_refuses_a_hash_that_is_not_64_lowercase_hex(sha: str) -> None:
    with pytest.raises(InvalidInput, match="sha256"):
        clean_images([PhraseImage(sha, "x.png", 1)])


def test_clean_images_allows_nine_and_refuses_ten() -> None:
    nine = [PhraseImage(f"{n:064x}", f"{n}.png", n) for n in range(MAX_IMAGES)]
    assert len(clean_images(nine)) == MAX_IMAGES
    with pytest.raises(InvalidInput, match="图片太多"):
        clean_images([*nine, PhraseImage("f" * 64, "10.png", 10)])


# -- stored shape -----------------------------------------------------------------------

GOOD_DOC = {"id": "p1", "title": "t", "text": "x", "group": "g"}
SHA = "a" * 64


@pytest.mark.parametrize(
    "images",
    [
        None,
        [],
        [{"sha256": SHA, "name": "a.png", "at": 0}],
        [{"sha256": SHA, "at": 100_000}],  # a name may be left out
        [{"sha256": SHA, "name": "", "at": n} for n in range(9)],
    ],
    ids=["none", "empty", "one", "no-name-last-place", "nine"],
)
def test_well_formed_images_fit_the_phrase_shape(images: Any) -> None:
    doc = dict(GOOD_DOC) if images is None else {**GOOD_DOC, "images": images}
    assert PHRASE_SHAPE.fits(doc)


BAD_IMAGES: list[tuple[str, Any]] = [
    ("not-a-list", "尺码表.png"),
    ("a-dict", {"sha256": SHA, "name": "a", "at": 1}),
    ("ten", [{"sha256": SHA, "name": "a", "at": n} for n in range(10)]),
    ("item-not-a-dict", [SHA]),
    ("no-sha", [{"name": "a", "at": 1}]),
    ("upper-sha", [{"sha256": SHA.upper(), "name": "a", "at": 1}]),
    ("short-sha", [{"sha256": SHA[:-1], "name": "a", "at": 1}]),
    ("sha-number", [{"sha256": 5, "name": "a", "at": 1}]),
    ("name-number", [{"sha256": SHA, "name": 5, "at": 1}]),
    ("name-null", [{"sha256": SHA, "name": None, "at": 1}]),
    ("no-at", [{"sha256": SHA, "name": "a"}]),
    ("at-bool", [{"sha256": SHA, "name": "a", "at": True}]),
    ("at-float", [{"sha256": SHA, "name": "a", "at": 1.0}]),
    ("at-text", [{"sha256": SHA, "name": "a", "at": "1"}]),
    ("at-negative", [{"sha256": SHA, "name": "a", "at": -1}]),
    ("at-too-far", [{"sha256": SHA, "name": "a", "at": 100_001}]),
]


@pytest.mark.parametrize("images", [b for _, b in BAD_IMAGES], ids=[n for n, _ in BAD_IMAGES])
def test_badly_formed_images_do_not_fit_the_phrase_shape(images: Any) -> None:
    assert not PHRASE_SHAPE.fits({**GOOD_DOC, "images": images})


def shard_holding(ws: Workspace, phrase_id: str) -> Path:
    coll = ws.folder.phrases
    index = next(i for i in range(coll.shard_count) if phrase_id in coll.shard_items(i))
    return ws.path / "phrases" / f"{index:02x}.json"


@pytest.mark.parametrize(
    "bad",
    [b for n, b in BAD_IMAGES if n in ("not-a-list", "upper-sha", "at-bool", "ten", "no-at")],
    ids=["not-a-list", "upper-sha", "at-bool", "ten", "no-at"],
)
def test_a_shard_with_a_hand_damaged_images_field_is_restored_from_its_copy(
    ws: Workspace, data_dir: Path, bad: Any
) -> None:
    phrase = ws.phrases.add(TEXT, code="cmb", images=[(RED, "尺码表.png"), (BLUE, "细节.png")])
    shard = shard_holding(ws, phrase.id)
    stored = json.loads(shard.read_bytes())
    stored["docs"][phrase.id]["images"] = bad
    shard.write_text(json.dumps(stored, ensure_ascii=False), "utf-8")

    again = open_workspace(data_dir)
    assert again.phrases.resolve("cmb").images == phrase.images  # from the copy
    [message] = again.folder.recovered()
    assert shard.name in message and "备份" in message
    assert len(list(shard.parent.glob(f"{shard.name}.damaged-*"))) == 1
    assert json.loads(shard.read_bytes())["docs"][phrase.id]["images"] == [
        i.to_json() for i in phrase.images
    ]
    assert sent(again, "cmb")[-2:] == ["[尺码表.png]", "[细节.png]"]
