"""The image files a pack carries: embedded in a pack JSON (base64), in a .kefupack zip, or
beside a published version on a sync source.

Packs come from other people, so every image is untrusted: the number of images and their
total size are capped before anything is decoded (a base64 string's length says how many
bytes it decodes to), and each image is checked with ``accept_image`` (its bytes must hash to
the sha256 the phrases name it by, decode within the limits and carry no metadata) before
the library is changed. A phrase whose image is neither carried nor already stored is an
error of that phrase.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.core.errors import InvalidInput, KefuError
from assistant.core.images.reading import MAX_BYTES, PreparedImage, accept_image
from assistant.core.images.store import ImageStore
from assistant.core.phrases.model import PhraseImage
from assistant.core.store.content_files import is_sha256

MAX_PACK_IMAGES = 300  # distinct images one pack file (or one synced pack) may carry
MAX_PACK_IMAGE_BYTES = 64 * 1024 * 1024  # their total, decoded
MAX_ENCODED_IMAGE = 4 * -(-MAX_BYTES // 3)  # base64 of the largest image accepted


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def check_image_caps(count: int, total: int, source: str) -> None:
    """Refuse more than MAX_PACK_IMAGES images or MAX_PACK_IMAGE_BYTES of them."""
    if count > MAX_PACK_IMAGES:
        raise InvalidInput(f"{source}：图片太多（{count} 张，一个短语包最多 {MAX_PACK_IMAGES} 张）")
    if total > MAX_PACK_IMAGE_BYTES:
        raise InvalidInput(
            f"{source}：图片共 {_mb(total)}，一个短语包最多 {_mb(MAX_PACK_IMAGE_BYTES)}"
        )


def image_label(image: PhraseImage) -> str:
    """How a message names an image: its file name and the start of its hash."""
    return f"图片「{image.name}」（{image.sha256[:12]}…）"


def decode_embedded(value: Any, source: str, already: int = 0, size: int = 0) -> dict[str, bytes]:
    """A pack's top-level ``images`` object ({sha256: base64}) decoded, not yet checked as
    images. ``already``/``size``: images (and decoded bytes) other packs of the same file
    carry, counted against the same caps. Every length is checked before anything is
    decoded."""
    if not isinstance(value, dict):
        raise InvalidInput(f"{source}：字段 images 必须是对象（sha256 → base64）")
    check_image_caps(already + len(value), size, source)
    for sha, text in value.items():
        if not is_sha256(sha):
            raise InvalidInput(f"{source}：images 中的键 {str(sha)[:70]!r} 不是 sha256")
        if not isinstance(text, str):
            raise InvalidInput(f"{source}：图片 {sha[:12]}… 必须是 base64 文字")
        if len(text) > MAX_ENCODED_IMAGE:
            raise InvalidInput(
                f"{source}：图片 {sha[:12]}… 太大（解码后超过 {_mb(MAX_BYTES)}），已拒绝"
            )
        size += len(text) * 3 // 4
    check_image_caps(already + len(value), size, source)
    out: dict[str, bytes] = {}
    for sha, text in value.items():
        try:
            out[sha] = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise InvalidInput(f"{source}：图片 {sha[:12]}… 不是有效的 base64") from None
    return out


def encode_embedded(images: dict[str, bytes]) -> dict[str, str]:
    return {sha: base64.b64encode(data).decode("ascii") for sha, data in sorted(images.items())}


@dataclass(frozen=True, slots=True)
class ImageCheck:
    """What the images a pack needs came to: those to store, and why others were refused."""

    accepted: dict[str, PreparedImage]  # by sha256: carried, checked, not yet stored
    refused: dict[str, str]  # by sha256: the reason (missing, wrong hash, not an image...)


def check_images(
    store: ImageStore, needed: Iterable[PhraseImage], carried: dict[str, bytes]
) -> ImageCheck:
    """Each image the phrases name: already stored, or carried and acceptable; the reason
    otherwise. Nothing is written."""
    accepted: dict[str, PreparedImage] = {}
    refused: dict[str, str] = {}
    for image in needed:
        sha = image.sha256
        if sha in accepted or sha in refused or store.find(sha) is not None:
            continue
        data = carried.get(sha)
        if data is None:
            refused[sha] = f"{image_label(image)}既不在文件里，也不在本机的图片库中"
            continue
        try:
            accepted[sha] = accept_image(data, sha, f"图片「{image.name}」")
        except KefuError as exc:
            refused[sha] = str(exc)
    return ImageCheck(accepted, refused)


def first_refusal(images: Sequence[PhraseImage], refused: dict[str, str]) -> str | None:
    """Why a phrase with these images cannot be imported, if one of them was refused."""
    return next((refused[i.sha256] for i in images if i.sha256 in refused), None)


def store_all(store: ImageStore, images: Iterable[PreparedImage]) -> None:
    """Write checked images (before the phrases that use them: an orphan is harmless)."""
    for image in images:
        store.put(image)


def carried_files(
    store: ImageStore, phrases: Iterable[tuple[str, Sequence[PhraseImage]]], source: str
) -> dict[str, tuple[bytes, str]]:
    """The stored files of the images these phrases (title, images) use: sha256 → (bytes,
    extension), for an export or a publication, within the caps an import applies."""
    out: dict[str, tuple[bytes, str]] = {}
    total = 0
    for title, images in phrases:
        for image in images:
            if image.sha256 in out:
                continue
            path = store.find(image.sha256)
            try:
                if path is None:
                    raise KefuError("文件不在数据文件夹里")
                data = store.read(image.sha256)
            except KefuError as exc:
                raise InvalidInput(
                    f"短语「{title[:20]}」的{image_label(image)}无法读取：{exc}"
                ) from None
            total += len(data)
            out[image.sha256] = (data, path.suffix[1:])
            check_image_caps(len(out), total, source)
    return out
