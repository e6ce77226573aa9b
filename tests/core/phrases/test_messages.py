"""A phrase's messages in sending order (phrases.messages): text split on ``---`` lines with
the image messages placed among them, and the images following when the text changes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.core.errors import InvalidInput
from assistant.core.phrases.messages import (
    Message,
    following_text,
    message_at,
    messages_of,
    placed,
    with_images_added,
    without_images,
)
from assistant.core.phrases.model import PhraseImage


def img(n: int, at: int) -> PhraseImage:
    return PhraseImage(f"{n:x}" * 64 if n < 16 else f"{n:064x}", f"图{n}.png", at)


def names(messages: list[Message]) -> list[str]:
    return [m.name if isinstance(m, PhraseImage) else m for m in messages]


TEXT3 = "亲，在的\n---\n尺码表如下\n---\n有问题再问我哦"


# -- messages_of ------------------------------------------------------------------------


def test_text_alone_is_its_messages() -> None:
    assert messages_of(TEXT3, ()) == ["亲，在的", "尺码表如下", "有问题再问我哦"]
    assert messages_of("一条\n两行", ()) == ["一条\n两行"]


def test_images_go_where_their_at_says() -> None:
    got = messages_of(TEXT3, [img(2, 4), img(1, 2), img(0, 0)])
    assert names(got) == [
        "图0.png",
        "亲，在的",
        "图1.png",
        "尺码表如下",
        "图2.png",
        "有问题再问我哦",
    ]


def test_an_image_past_the_end_goes_last() -> None:
    assert names(messages_of("亲，在的", [img(1, 99)])) == ["亲，在的", "图1.png"]


def test_a_blank_text_leaves_only_the_images() -> None:
    assert names(messages_of("  \n", [img(1, 3), img(2, 5)])) == ["图1.png", "图2.png"]
    assert messages_of("", ()) == []


def test_a_separator_needs_a_line_of_its_own() -> None:
    assert messages_of("满 200---减 20", ()) == ["满 200---减 20"]
    assert messages_of("前\n  ---  \n后", ()) == ["前", "后"]


# -- placed / with_images_added / without_images ------------------------------------------


def test_placed_numbers_images_by_where_they_stand() -> None:
    messages: list[Message] = ["a", img(1, 77), "b", img(2, 0), img(3, 9)]
    assert placed(messages) == (img(1, 1), img(2, 3), img(3, 4))


def test_added_images_go_after_every_message() -> None:
    got = with_images_added(TEXT3, [img(1, 1)], [img(2, 0), img(3, 0)])
    assert got == (img(1, 1), img(2, 4), img(3, 5))
    assert names(messages_of(TEXT3, got))[-2:] == ["图2.png", "图3.png"]


def test_without_images_counts_images_from_one_in_sending_order() -> None:
    images = [img(1, 0), img(2, 2), img(3, 5)]
    assert without_images(TEXT3, images, [1]) == (img(2, 1), img(3, 4))
    assert without_images(TEXT3, images, [3, 1]) == (img(2, 1),)
    assert without_images(TEXT3, images, [1, 2, 3]) == ()


@pytest.mark.parametrize("number", [0, -1, 3])
def test_without_an_image_out_of_range_says_how_many_there_are(number: int) -> None:
    with pytest.raises(InvalidInput, match=f"没有第 {number} 张图片.*有 2 张图片"):
        without_images(TEXT3, [img(1, 1), img(2, 2)], [1, number])


def test_without_an_image_of_a_phrase_without_any() -> None:
    with pytest.raises(InvalidInput, match="没有图片"):
        without_images(TEXT3, (), [1])


# -- message_at -------------------------------------------------------------------------


def test_message_at_counts_from_one() -> None:
    messages = messages_of("亲，在的", [img(1, 1)])
    assert message_at(messages, 1) == "亲，在的"
    assert message_at(messages, 2) == img(1, 1)


@pytest.mark.parametrize("number", [0, -2, 3])
def test_message_at_out_of_range_says_how_many_there_are(number: int) -> None:
    with pytest.raises(InvalidInput, match=f"没有第 {number} 条消息.*共 2 条"):
        message_at(messages_of("亲，在的", [img(1, 1)]), number)


# -- following_text ---------------------------------------------------------------------


def test_an_image_keeps_the_number_of_text_messages_before_it() -> None:
    old = "一\n---\n二\n---\n三"
    images = [img(1, 1), img(2, 3)]  # after 一, after 二
    assert names(messages_of(old, images)) == ["一", "图1.png", "二", "图2.png", "三"]
    new = "壹\n---\n贰\n---\n叁\n---\n肆"
    got = following_text(old, new, images)
    assert names(messages_of(new, got)) == ["壹", "图1.png", "贰", "图2.png", "叁", "肆"]


def test_images_after_the_last_text_stay_after_the_last_one() -> None:
    old = "一\n---\n二"
    images = [img(1, 1), img(2, 3), img(3, 4)]
    longer = following_text(old, "一\n---\n二\n---\n三", images)
    assert names(messages_of("一\n---\n二\n---\n三", longer)) == [
        "一",
        "图1.png",
        "二",
        "三",
        "图2.png",
        "图3.png",
    ]
    shorter = following_text(old, "只有一条", images)
    assert names(messages_of("只有一条", shorter)) == ["只有一条", "图1.png", "图2.png", "图3.png"]


def test_an_image_first_stays_first() -> None:
    got = following_text("一\n---\n二", "换了\n---\n内容", [img(1, 0)])
    assert names(messages_of("换了\n---\n内容", got)) == ["图1.png", "换了", "内容"]


def test_fewer_messages_keep_an_inner_image_after_what_is_left() -> None:
    old = "一\n---\n二\n---\n三\n---\n四"
    got = following_text(old, "甲\n---\n乙", [img(1, 3), img(2, 7)])
    assert names(messages_of("甲\n---\n乙", got)) == ["甲", "乙", "图1.png", "图2.png"]


# -- properties -------------------------------------------------------------------------

MESSAGE = st.text(
    alphabet=st.sampled_from("亲在的尺码表 abc-12\n"), min_size=1, max_size=12
).filter(
    lambda m: (
        m.strip() and m == m.strip("\n") and all(line.strip() != "---" for line in m.split("\n"))
    )
)
TEXTS = st.lists(MESSAGE, max_size=5)
IMAGES = st.lists(st.integers(0, 12), max_size=4).map(
    lambda ats: [img(n, at) for n, at in enumerate(ats)]
)


def joined(messages: list[str]) -> str:
    return "\n---\n".join(messages)


def texts_of(messages: list[Message]) -> list[str]:
    return [m for m in messages if isinstance(m, str)]


def images_of(messages: list[Message]) -> list[PhraseImage]:
    return [m for m in messages if isinstance(m, PhraseImage)]


def shas(images: list[PhraseImage] | tuple[PhraseImage, ...]) -> list[str]:
    return sorted(i.sha256 for i in images)


def trailing(messages: list[Message]) -> list[str]:
    """The images after the last text message."""
    last = max((n for n, m in enumerate(messages) if isinstance(m, str)), default=-1)
    return [m.sha256 for m in messages[last + 1 :] if isinstance(m, PhraseImage)]


@settings(max_examples=300, deadline=None)
@given(TEXTS, IMAGES)
def test_messages_of_holds_every_text_in_order_and_every_image_once(
    parts: list[str], images: list[PhraseImage]
) -> None:
    got = messages_of(joined(parts), images)
    assert texts_of(got) == parts
    assert shas(images_of(got)) == shas(images)
    assert len(got) == len(parts) + len(images)


@settings(max_examples=300, deadline=None)
@given(TEXTS, IMAGES)
def test_placed_round_trips(parts: list[str], images: list[PhraseImage]) -> None:
    text = joined(parts)
    messages = messages_of(text, images)
    again = placed(messages)
    assert names(messages_of(text, again)) == names(messages)  # the same order
    assert placed(messages_of(text, again)) == again
    assert [i.at for i in again] == [
        n for n, m in enumerate(messages) if isinstance(m, PhraseImage)
    ]


@settings(max_examples=300, deadline=None)
@given(TEXTS, TEXTS, IMAGES)
def test_following_text_keeps_every_image_once_and_trailing_ones_trailing(
    old_parts: list[str], new_parts: list[str], images: list[PhraseImage]
) -> None:
    old_text, new_text = joined(old_parts), joined(new_parts)
    before = messages_of(old_text, placed(messages_of(old_text, images)))
    got = following_text(old_text, new_text, placed(before))
    after = messages_of(new_text, got)
    assert texts_of(after) == new_parts
    assert shas(images_of(after)) == shas(images)
    assert set(trailing(before)) <= set(trailing(after))
    # The images that were not trailing keep the texts before them, as far as there are any.
    for image in images_of(before):
        if image.sha256 in trailing(before):
            continue
        had = len(texts_of(before[: before.index(image)]))
        now = next(i for i in images_of(after) if i.sha256 == image.sha256)
        assert len(texts_of(after[: after.index(now)])) == min(had, len(new_parts))
    # Images keep their order.
    assert [i.sha256 for i in images_of(after)] == [i.sha256 for i in images_of(before)]


@settings(max_examples=200, deadline=None)
@given(TEXTS.filter(bool), IMAGES)
def test_an_unchanged_text_moves_no_image(parts: list[str], images: list[PhraseImage]) -> None:
    text = joined(parts)
    settled = placed(messages_of(text, images))
    assert following_text(text, text, settled) == settled


def test_images_sharing_a_place_are_sent_in_the_order_listed() -> None:
    assert names(messages_of("亲，在的", [img(1, 1), img(2, 1)])) == [
        "亲，在的",
        "图1.png",
        "图2.png",
    ]
