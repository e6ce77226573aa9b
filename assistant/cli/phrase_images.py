"""The command line's side of images in phrases: reading ``--image`` files, showing them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.core.errors import InvalidInput
from assistant.core.images.reading import MAX_BYTES, prepare_image
from assistant.core.images.store import ImageStore
from assistant.core.phrases.library import NewImage
from assistant.core.phrases.messages import messages_of
from assistant.core.phrases.model import Phrase, PhraseImage


def read_images(paths: list[str] | None) -> list[NewImage]:
    """Each ``--image`` file checked (decoded, within the limits) and stripped; nothing is
    stored when one of them is refused."""
    out: list[NewImage] = []
    for given in paths or []:
        path = Path(given).expanduser()
        try:
            size = path.stat().st_size
            if not path.is_file():
                raise InvalidInput(f"{given}：不是文件")
            if size > MAX_BYTES:
                raise InvalidInput(
                    f"{path.name}：图片太大（{size / 1024 / 1024:.1f} MB），"
                    f"最多 {MAX_BYTES // 1024 // 1024} MB"
                )
            data = path.read_bytes()
        except OSError as exc:
            raise InvalidInput(f"无法读取图片 {given}：{exc.strerror or exc}") from exc
        out.append((prepare_image(data, path.name), path.name))
    return out


def images_json(phrase: Phrase, store: ImageStore) -> list[dict[str, Any]]:
    """``kefu show --json``'s ``images``: each image with its message number and file."""
    numbers = {
        id(m): n
        for n, m in enumerate(messages_of(phrase.text, phrase.images), 1)
        if isinstance(m, PhraseImage)
    }
    out = []
    for image in phrase.images:
        stored = store.describe(image.sha256)
        out.append(
            {
                "name": image.name,
                "sha256": image.sha256,
                "message": numbers.get(id(image)),
                "width": stored.width if stored else None,
                "height": stored.height if stored else None,
                "bytes": stored.bytes if stored else None,
                "mime": stored.mime if stored else None,
                "missing": stored is None,
            }
        )
    return out


def image_lines(phrase: Phrase, store: ImageStore) -> list[str]:
    lines = []
    for n, image in enumerate(images_json(phrase, store), 1):
        if image["missing"]:
            what = "文件缺失"
        else:
            what = f"{image['width']}×{image['height']}，{image['bytes'] / 1024:.0f} KB"
        lines.append(f"图片 {n}（第 {image['message']} 条消息）：{image['name']}  {what}")
    return lines
