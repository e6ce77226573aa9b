"""Reading an image someone gives us (images.reading.prepare_image): every accepted format
comes through, decoded and saved again without its metadata; anything else, damaged, too big
or declaring too big a canvas is refused with a message naming the file."""

from __future__ import annotations

import hashlib
import io
import random
import struct
import zlib

import pytest
from PIL import Image, ImageFile, PngImagePlugin

from assistant.core.errors import InvalidInput
from assistant.core.images.reading import (
    FORMATS,
    MAX_BYTES,
    MAX_FRAMES,
    MAX_SIDE,
    PreparedImage,
    prepare_image,
)

RED, BLUE = (220, 20, 20), (20, 20, 220)


def two_colour(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    """Left half red, right half blue: a rotation or a mirror shows in the pixels."""
    image = Image.new("RGB", size, RED)
    image.paste(BLUE, (size[0] // 2, 0, size[0], size[1]))
    return image.convert(mode)


def encoded(image: Image.Image, kind: str, **params: object) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **params)
    return out.getvalue()


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def png_declaring(width: int, height: int) -> bytes:
    """A PNG whose header declares ``width``×``height`` but whose pixel data is a few rows of
    zeros: a small file that would be a huge canvas once decoded."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    rows = zlib.compress(b"\x00" * (width + 1) * 4, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def refused(data: bytes, name: str) -> str:
    with pytest.raises(InvalidInput) as caught:
        prepare_image(data, name)
    message = str(caught.value)
    assert name in message
    return message


# -- accepted formats -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "mode", "lossless"),
    [
        ("PNG", "RGB", True),
        ("PNG", "RGBA", True),
        ("PNG", "P", True),
        ("JPEG", "RGB", False),
        ("JPEG", "L", False),
        ("GIF", "P", True),
        ("WEBP", "RGB", False),
        ("BMP", "RGB", True),
    ],
)
def test_each_accepted_format_comes_through_as_itself(kind: str, mode: str, lossless: bool) -> None:
    source = two_colour((32, 18), mode)
    params: dict[str, object] = {"quality": 95} if kind in ("JPEG", "WEBP") else {}
    got = prepare_image(encoded(source, kind, **params), f"图.{kind.lower()}")

    assert isinstance(got, PreparedImage)
    assert got.format == kind
    assert (got.width, got.height) == (32, 18)
    assert (got.extension, got.mime) == FORMATS[kind]
    back = opened(got.data)
    assert back.format == kind
    assert back.size == (32, 18)
    shown, wanted = back.convert("RGB"), source.convert("RGB")
    for point in ((4, 9), (28, 9)):
        got_px, want_px = shown.getpixel(point), wanted.getpixel(point)
        if lossless:
            assert got_px == want_px
        else:
            assert all(abs(a - b) <= 12 for a, b in zip(got_px, want_px, strict=True))
    assert wanted.getpixel((4, 9)) != wanted.getpixel((28, 9))  # two halves to tell apart


def test_a_lossless_webp_stays_lossless() -> None:
    source = two_colour((16, 16))
    got = prepare_image(encoded(source, "WEBP", lossless=True), "无损.webp")
    assert opened(got.data).convert("RGB").tobytes() == source.tobytes()


@pytest.mark.parametrize("data_kind", ["PNG", "JPEG", "GIF", "WEBP", "BMP"])
def test_the_hash_is_the_sha256_of_the_returned_bytes(data_kind: str) -> None:
    got = prepare_image(encoded(two_colour((9, 7)), data_kind), "x")
    assert got.sha256 == hashlib.sha256(got.data).hexdigest()
    assert len(got.sha256) == 64


def test_the_same_image_prepared_twice_gives_the_same_bytes() -> None:
    data = encoded(two_colour((20, 10)), "PNG")
    assert prepare_image(data, "a.png") == prepare_image(data, "b.png")


@pytest.mark.parametrize("kind", ["GIF", "WEBP"])
def test_an_animation_of_two_frames_stays_animated(kind: str) -> None:
    frames = [Image.new("RGB", (12, 8), colour) for colour in (RED, BLUE)]
    data = encoded(frames[0], kind, save_all=True, append_images=frames[1:], duration=100, loop=0)
    assert opened(data).n_frames == 2
    got = prepare_image(data, f"动图.{kind.lower()}")
    back = Image.open(io.BytesIO(got.data))
    assert back.format == kind
    assert back.n_frames == 2
    colours = []
    for n in range(2):
        back.seek(n)
        colours.append(back.convert("RGB").getpixel((6, 4)))
    assert colours[0][0] > 150 and colours[1][2] > 150  # red, then blue


def test_a_jpeg_keeps_its_quantisation_tables() -> None:
    source = encoded(two_colour((64, 48)), "JPEG", quality=40)
    tables = Image.open(io.BytesIO(source)).quantization
    got = prepare_image(source, "q40.jpg")
    assert Image.open(io.BytesIO(got.data)).quantization == tables


# -- metadata ---------------------------------------------------------------------------


def gps_exif(orientation: int | None = None) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone X"  # Model
    if orientation is not None:
        exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (31.0, 13.0, 48.0), 3: "E", 4: (121.0, 28.0, 12.0)}  # GPS
    return exif.tobytes()


def test_a_jpeg_with_gps_exif_comes_out_without_any_exif() -> None:
    source = encoded(two_colour((40, 30)), "JPEG", exif=gps_exif())
    assert Image.open(io.BytesIO(source)).getexif().get_ifd(0x8825)  # the GPS is there
    got = prepare_image(source, "门店.jpg")
    back = opened(got.data)
    assert "exif" not in back.info
    assert dict(back.getexif()) == {}
    assert b"Exif\x00\x00" not in got.data
    assert b"PhoneMaker" not in got.data


def test_a_png_text_chunk_is_not_kept() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "店主手机 13800000000")
    info.add_itxt("Author", "张三")
    source = encoded(two_colour((10, 10)), "PNG", pnginfo=info)
    assert Image.open(io.BytesIO(source)).text["Comment"]
    got = prepare_image(source, "说明.png")
    back = opened(got.data)
    assert getattr(back, "text", {}) == {}
    assert "Comment" not in back.info
    for chunk in (b"tEXt", b"iTXt", b"zTXt"):
        assert chunk not in got.data


def test_a_png_exif_chunk_is_not_kept() -> None:
    source = encoded(two_colour((10, 10)), "PNG", exif=gps_exif())
    assert b"eXIf" in source
    got = prepare_image(source, "带exif.png")
    assert b"eXIf" not in got.data
    assert dict(opened(got.data).getexif()) == {}


@pytest.mark.parametrize("kind", ["JPEG", "WEBP"])
def test_xmp_is_not_kept(kind: str) -> None:
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">GPSLatitude 31.23</x:xmpmeta>'
    source = encoded(two_colour((10, 10)), kind, xmp=xmp)
    assert b"GPSLatitude" in source
    got = prepare_image(source, "xmp." + kind.lower())
    assert b"GPSLatitude" not in got.data
    assert "xmp" not in opened(got.data).info


def test_a_webp_with_exif_comes_out_without_it() -> None:
    source = encoded(two_colour((10, 10)), "WEBP", exif=gps_exif())
    assert "exif" in Image.open(io.BytesIO(source)).info
    got = prepare_image(source, "x.webp")
    assert "exif" not in opened(got.data).info
    assert b"PhoneMaker" not in got.data


@pytest.mark.parametrize(
    ("kind", "params"),
    [
        ("JPEG", {}),
        ("JPEG", {"exif": gps_exif(orientation=6)}),  # the rotated path too
        ("GIF", {}),
    ],
    ids=["jpeg", "jpeg-rotated", "gif"],
)
def test_a_comment_is_not_kept(kind: str, params: dict[str, object]) -> None:
    source = encoded(two_colour((10, 10)), kind, comment=b"GPS 31.23N 121.47E", **params)
    assert b"31.23N" in source
    got = prepare_image(source, "备注." + kind.lower())
    assert b"31.23N" not in got.data
    assert "comment" not in opened(got.data).info


def test_a_jpeg_with_orientation_6_comes_out_upright() -> None:
    """Orientation 6: the camera held sideways, "rotate 90° clockwise to show". The stored
    image is turned, so a chat client that ignores EXIF (it has none now) shows it upright:
    the left (red) half of the sensor image is on top."""
    source = encoded(two_colour((40, 20)), "JPEG", quality=95, exif=gps_exif(orientation=6))
    got = prepare_image(source, "竖拍.jpg")
    back = opened(got.data).convert("RGB")
    assert back.size == (20, 40)
    top, bottom = back.getpixel((10, 5)), back.getpixel((10, 35))
    assert top[0] > 150 > top[2]
    assert bottom[2] > 150 > bottom[0]
    assert dict(opened(got.data).getexif()) == {}  # neither the turn nor the GPS travels


def test_a_turned_jpeg_reports_the_size_of_what_is_stored() -> None:
    source = encoded(two_colour((40, 20)), "JPEG", exif=gps_exif(orientation=6))
    got = prepare_image(source, "竖拍.jpg")
    assert (got.width, got.height) == opened(got.data).size == (20, 40)


def test_a_jpeg_with_orientation_1_is_not_turned() -> None:
    source = encoded(two_colour((40, 20)), "JPEG", exif=gps_exif(orientation=1))
    got = prepare_image(source, "横拍.jpg")
    assert opened(got.data).size == (got.width, got.height) == (40, 20)


# -- refused ----------------------------------------------------------------------------


def test_a_text_file_named_png_is_refused() -> None:
    message = refused("亲，这不是图片\n".encode(), "尺码表.png")
    assert "PNG" in message  # says what is accepted


def test_a_truncated_png_is_refused() -> None:
    noise = random.Random(7).randbytes(64 * 64 * 3)  # incompressible: a long IDAT
    whole = encoded(Image.frombytes("RGB", (64, 64), noise), "PNG")
    message = refused(whole[: len(whole) // 2], "截断.png")
    assert "损坏" in message


def test_a_truncated_jpeg_is_refused() -> None:
    noise = random.Random(8).randbytes(64 * 64 * 3)
    whole = encoded(Image.frombytes("RGB", (64, 64), noise), "JPEG", quality=95)
    refused(whole[: len(whole) // 2], "截断.jpg")


def test_an_empty_file_is_refused() -> None:
    assert "空" in refused(b"", "空白.png")


def test_a_tiff_is_refused_as_not_accepted() -> None:
    message = refused(encoded(two_colour((10, 10)), "TIFF"), "扫描件.tiff")
    assert "TIFF" in message


def test_a_file_over_10_mb_is_refused_before_it_is_read() -> None:
    data = encoded(two_colour((4, 4)), "PNG")
    data += b"\x00" * (11 * 1024 * 1024 - len(data))
    assert len(data) > MAX_BYTES
    assert "太大" in refused(data, "巨大.png")


@pytest.mark.parametrize(
    ("width", "height"),
    [(MAX_SIDE + 1000, 10), (10, MAX_SIDE + 1), (100_000, 100_000)],
    ids=["9000x10", "10x8001", "100000x100000"],
)
def test_a_canvas_too_big_is_refused_from_its_header(
    monkeypatch: pytest.MonkeyPatch, width: int, height: int
) -> None:
    """A few kilobytes declaring a canvas over 8,000 px on a side: refused without the
    pixels ever being decoded (decoding would fail the test here)."""
    bomb = png_declaring(width, height)
    assert len(bomb) < 4096
    assert struct.unpack(">II", bomb[16:24]) == (width, height)

    def no_decoding(self: ImageFile.ImageFile) -> None:
        raise AssertionError("the pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    with pytest.raises(AssertionError, match="decoded"):  # the guard does catch a decoding
        prepare_image(encoded(two_colour((8, 8)), "PNG"), "小图.png")
    message = refused(bomb, "炸弹.png")
    if width * height <= Image.MAX_IMAGE_PIXELS:
        assert f"{width}×{height}" in message  # the size checked, and said


def test_a_canvas_at_the_limit_is_accepted() -> None:
    got = prepare_image(encoded(Image.new("L", (MAX_SIDE, 2)), "PNG"), "长条.png")
    assert (got.width, got.height) == (MAX_SIDE, 2)


def test_an_animation_over_300_frames_is_refused() -> None:
    frames = [Image.new("RGB", (1, 1), (RED, BLUE)[n % 2]) for n in range(MAX_FRAMES + 1)]
    data = encoded(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=20)
    assert Image.open(io.BytesIO(data)).n_frames == MAX_FRAMES + 1
    message = refused(data, "长动图.gif")
    assert str(MAX_FRAMES) in message
