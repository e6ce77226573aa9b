"""Reading an image someone gives us: decoded to check it, its metadata stripped.

An image reaches a phrase from the agent's disk, from a clipboard or from a pack somebody
else made, so it is untrusted input: the extension says nothing (the file is decoded), a small
file can declare a huge canvas (the size is read from the header and refused before the pixels
are decoded), and a photo carries its camera's EXIF, GPS position included, which must not
travel to a team or a buyer. What is stored is the image as re-saved without its metadata, and
it is named by the sha256 of those bytes.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from typing import Any

from assistant.core.errors import InvalidInput

MAX_BYTES = 10 * 1024 * 1024  # as given, and as stored
MAX_SIDE = 8000  # pixels, either side
MAX_FRAMES = 300  # an animated GIF or WebP
# Pillow's format name -> the stored file's extension and MIME type.
FORMATS = {
    "PNG": ("png", "image/png"),
    "JPEG": ("jpg", "image/jpeg"),
    "GIF": ("gif", "image/gif"),
    "WEBP": ("webp", "image/webp"),
    "BMP": ("bmp", "image/bmp"),
}
ACCEPTED = "PNG、JPEG、GIF、WebP、BMP"


@dataclass(frozen=True, slots=True)
class PreparedImage:
    """An image ready to store: its bytes without metadata, and what they are."""

    data: bytes
    sha256: str
    format: str  # a key of FORMATS
    width: int
    height: int

    @property
    def extension(self) -> str:
        return FORMATS[self.format][0]

    @property
    def mime(self) -> str:
        return FORMATS[self.format][1]


def prepare_image(data: bytes, name: str = "图片") -> PreparedImage:
    """Check ``data`` is an accepted image within the limits and strip its metadata; raise
    InvalidInput naming ``name`` and the reason otherwise."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_BYTES:
        raise InvalidInput(f"{name}：图片太大（{_mb(len(data))}），最多 {_mb(MAX_BYTES)}")
    if not data:
        raise InvalidInput(f"{name}：文件是空的")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format or ""
                if kind not in FORMATS:
                    raise InvalidInput(f"{name}：不支持的图片格式 {kind}，只接受 {ACCEPTED}")
                width, height = image.size
                if width > MAX_SIDE or height > MAX_SIDE:
                    raise InvalidInput(
                        f"{name}：图片尺寸 {width}×{height} 太大，每边最多 {MAX_SIDE} 像素"
                    )
                if width < 1 or height < 1:
                    raise InvalidInput(f"{name}：图片尺寸 {width}×{height} 不对")
                frames = int(getattr(image, "n_frames", 1))
                if frames > MAX_FRAMES:
                    raise InvalidInput(f"{name}：动图有 {frames} 帧，最多 {MAX_FRAMES} 帧")
                image.load()  # decodes: a damaged file fails here, not in a chat window
                clean, (width, height) = _without_metadata(image, kind, frames, data)
    except InvalidInput:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InvalidInput(f"{name}：不是可以识别的图片，只接受 {ACCEPTED}") from None
    except (OSError, ValueError, SyntaxError, EOFError) as exc:  # Pillow's "damaged file"
        raise InvalidInput(f"{name}：图片已损坏，无法读取（{exc}）") from None
    if len(clean) > MAX_BYTES:
        raise InvalidInput(f"{name}：图片太大（{_mb(len(clean))}），最多 {_mb(MAX_BYTES)}")
    return PreparedImage(clean, hashlib.sha256(clean).hexdigest(), kind, width, height)


def _without_metadata(
    image: Any, kind: str, frames: int, data: bytes
) -> tuple[bytes, tuple[int, int]]:
    """The image saved again in its own format with no EXIF, XMP, comments or text chunks,
    and its size as saved. A JPEG keeps its quantisation tables (``quality="keep"``: no
    visible loss) unless its EXIF says to turn it, then it is turned and encoded again."""
    from PIL import ImageOps

    out = io.BytesIO()
    icc = image.info.get("icc_profile")  # colours, not private: kept where the format has it
    # Pillow writes a JPEG or GIF comment back from ``info`` unless told otherwise.
    for key in ("comment", "exif", "xmp", "XML:com.adobe.xmp"):
        image.info.pop(key, None)
    if kind == "JPEG":
        if _orientation(image) in range(2, 9):  # a phone photo's "rotate me" is in its EXIF
            turned = ImageOps.exif_transpose(image)
            turned.info.pop("comment", None)
            turned.save(out, "JPEG", quality=92, icc_profile=icc)
            return out.getvalue(), turned.size
        image.save(out, "JPEG", quality="keep", subsampling="keep", icc_profile=icc)
    elif kind == "PNG":  # text chunks and eXIf are not written; an animated PNG stays one
        image.save(out, "PNG", optimize=False, save_all=frames > 1)
    elif kind == "GIF":
        image.save(out, "GIF", save_all=frames > 1, loop=image.info.get("loop", 0), comment=b"")
    elif kind == "WEBP":
        image.save(
            out, "WEBP", save_all=frames > 1, lossless=_lossless_webp(data), quality=90, exif=b""
        )
    else:  # BMP carries no metadata
        image.save(out, "BMP")
    return out.getvalue(), image.size


def _orientation(image: Any) -> int:
    try:
        return int(image.getexif().get(0x0112, 1))
    except (TypeError, ValueError):
        return 1


def _lossless_webp(data: bytes) -> bool:
    """A WebP's frames are lossless (VP8L) and none lossy (VP8): Pillow does not say."""
    return b"VP8L" in data and b"VP8 " not in data


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the header of a stored image, or None if it does not read."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            return int(width), int(height)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def accept_image(data: bytes, sha256: str, name: str = "图片") -> PreparedImage:
    """An image from a pack or a sync, which names it by ``sha256``: the bytes must hash to
    it, decode within the limits, and carry no metadata (an image this program exported was
    stripped when it was stored; one that was not is refused, not silently changed, because
    the phrases that name it by its hash would no longer find it). InvalidInput otherwise."""
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"{name}：图片太大（{_mb(len(data))}），最多 {_mb(MAX_BYTES)}")
    if hashlib.sha256(data).hexdigest() != sha256:
        raise InvalidInput(
            f"{name}：图片内容与它的 sha256 不符（{sha256[:12]}…），可能已损坏或被改动"
        )
    prepared = prepare_image(data, name)
    if prepared.data != data and _has_metadata(data):
        raise InvalidInput(f"{name}：图片带有元数据（如拍摄信息、位置），请重新导出后再分享")
    return PreparedImage(data, sha256, prepared.format, prepared.width, prepared.height)


def _has_metadata(data: bytes) -> bool:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        info = {k for k in image.info if k not in _HARMLESS_INFO}
        return bool(info) or bool(image.getexif())


# What Pillow reports of an image that is not metadata about the photo or its maker.
_HARMLESS_INFO = {
    "jfif",
    "jfif_version",
    "jfif_unit",
    "jfif_density",
    "dpi",
    "icc_profile",
    "progressive",
    "progression",
    "adobe",
    "adobe_transform",
    "loop",
    "duration",
    "background",
    "transparency",
    "version",
    "extension",
    "gamma",
    "aspect",
    "interlace",
    "compression",
    "lossless",
    "srgb",
    "chromaticity",
    "timestamp",
}
