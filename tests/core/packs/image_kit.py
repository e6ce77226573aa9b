"""Images for the pack and sync tests, made with Pillow, and a pack whose phrases use them."""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from pathlib import Path

from PIL import Image

from assistant.core.images.reading import prepare_image
from assistant.core.phrases.model import PhraseImage
from assistant.core.workspace import Workspace

SIZE_CHART = "尺码表.png"
DETAIL = "细节图.jpg"


def png(colour: str = "red", size: tuple[int, int] = (60, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def jpeg(colour: str = "blue", size: tuple[int, int] = (50, 50)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", quality=90)
    return out.getvalue()


def jpeg_with_gps() -> bytes:
    """A photo still carrying its camera's EXIF, GPS position included."""
    image = Image.new("RGB", (40, 40), "green")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (31.0, 14.0, 0.0)  # latitude
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def noisy_png(side: int = 300) -> bytes:
    """A PNG that does not compress: its size is about its pixels'."""
    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(out, "PNG")
    return out.getvalue()


def wide_png(width: int = 9000) -> bytes:
    """Small on disk, over the 8,000 px limit once decoded."""
    out = io.BytesIO()
    Image.new("1", (width, 1)).save(out, "PNG")
    return out.getvalue()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stored(data: bytes) -> bytes:
    """What the image store keeps of ``data`` (metadata stripped): a pack carries that."""
    return prepare_image(data).data


def imaged_pack(ws: Workspace, name: str = "尺码与细节") -> tuple[str, dict[str, str]]:
    """An own pack: a phrase with a size chart after its text, one with a photo before its
    two text messages, and a text-only phrase. Its id and the phrase ids by key."""
    info = ws.phrases.packs.create(name, description="带图片的标准回复", author="组长")
    lib = ws.phrases
    chart = prepare_image(png(), SIZE_CHART)
    photo = prepare_image(jpeg(), DETAIL)
    size = lib.add(
        "亲，这是尺码表，请对照选择", title="尺码表", pack=info.id, images=[(chart, SIZE_CHART)]
    )
    first = PhraseImage(lib.images.put(photo), DETAIL, 0)
    detail = lib.add(
        "亲，这是细节图\n---\n做工很扎实的哦", title="细节", pack=info.id, placed_images=[first]
    )
    plain = lib.add("亲，在的，请问有什么可以帮您？", title="问候", pack=info.id)
    return info.id, {"size": size.id, "detail": detail.id, "plain": plain.id}


def write_zip(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path
