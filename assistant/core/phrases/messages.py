"""A phrase's chat messages in the order they are sent: its text messages (split on ``---``
by ``template.split_messages``) with its image messages placed among them."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.core.errors import InvalidInput
from assistant.core.phrases.model import PhraseImage
from assistant.core.phrases.template import split_messages

Message = str | PhraseImage  # a text to paste, or an image to send


def messages_of(text: str, images: Sequence[PhraseImage]) -> list[Message]:
    """Text messages of ``text`` (rendered or not) with the images at their places."""
    out: list[Message] = list(split_messages(text)) if text.strip() else []
    last = -1  # where the previous image went: two at one place go in the order listed
    for image in sorted(images, key=lambda i: i.at):
        last = min(max(image.at, last + 1), len(out))
        out.insert(last, image)
    return out


def placed(messages: Sequence[Message]) -> tuple[PhraseImage, ...]:
    """The images of ``messages`` with ``at`` set to where they stand now."""
    return tuple(
        PhraseImage(m.sha256, m.name, at)
        for at, m in enumerate(messages)
        if isinstance(m, PhraseImage)
    )


def with_images_added(
    text: str, images: Sequence[PhraseImage], new: Sequence[PhraseImage]
) -> tuple[PhraseImage, ...]:
    """``images`` and then ``new`` after every message the phrase has."""
    messages = messages_of(text, images)
    messages.extend(new)
    return placed(messages)


def without_images(
    text: str, images: Sequence[PhraseImage], numbers: Sequence[int]
) -> tuple[PhraseImage, ...]:
    """``images`` less the ones numbered ``numbers`` (1-based, in the order they are sent)."""
    messages = messages_of(text, images)
    shown = [m for m in messages if isinstance(m, PhraseImage)]
    for n in numbers:
        if not 1 <= n <= len(shown):
            have = f"这条短语有 {len(shown)} 张图片" if shown else "这条短语没有图片"
            raise InvalidInput(f"没有第 {n} 张图片（{have}）")
    gone = {id(shown[n - 1]) for n in numbers}
    return placed([m for m in messages if id(m) not in gone])


def following_text(
    old_text: str, new_text: str, images: Sequence[PhraseImage]
) -> tuple[PhraseImage, ...]:
    """The images placed in a changed text: each after as many text messages as it had
    before it, and the ones after the last text message still after the last one."""
    old = messages_of(old_text, images)
    texts = [m for m in messages_of(new_text, ()) if isinstance(m, str)]
    last_text = max((at for at, m in enumerate(old) if isinstance(m, str)), default=-1)
    out: list[Message] = []
    seen = used = 0  # text messages passed in the old text, and taken from the new one
    for at, m in enumerate(old):
        if isinstance(m, str):
            seen += 1
        elif at < last_text:
            out.extend(texts[used : min(seen, len(texts))])
            used = max(used, min(seen, len(texts)))
            out.append(m)
    out.extend(texts[used:])
    out.extend(m for at, m in enumerate(old) if isinstance(m, PhraseImage) and at > last_text)
    return placed(out)


def message_at(messages: Sequence[Message], number: int) -> Message:
    """Message ``number`` (1-based); InvalidInput naming how many there are otherwise."""
    if not 1 <= number <= len(messages):
        raise InvalidInput(f"没有第 {number} 条消息（这条短语共 {len(messages)} 条）")
    return messages[number - 1]
