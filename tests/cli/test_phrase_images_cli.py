"""Images in phrases through the real `kefu` process: add/edit --image, --remove-image,
show --json, render/copy --message, and image/png on a real X clipboard (under xvfb-run).

Commands that may start xclip write their output into files, not pipes (see test_copy.py):
xclip stays in the background to serve the selection and keeps an inherited pipe open.
"""

from __future__ import annotations

import hashlib
import io
import json
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from assistant.cli import image_clipboard
from assistant.cli.image_clipboard import as_png
from assistant.core.images.reading import prepare_image
from tests.cli.test_copy import (
    kefu_to_files,
    needs_x,
    needs_xclip,
    no_clipboard_env,
    read_clipboard,
    write_clipboard,
)
from tests.helpers import kefu_env, kefu_json, run_kefu, snapshot

TEXT = "亲，尺码表如下\n---\n有问题再问我"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """A PNG (30×20), a JPEG (10×40), a CMYK JPEG and a text file named .png."""
    folder = tmp_path / "图片"
    folder.mkdir()
    paths = {
        "png": folder / "尺码表.png",
        "jpg": folder / "细节.jpg",
        "cmyk": folder / "印刷.jpg",
        "text": folder / "说明.png",
    }
    Image.new("RGB", (30, 20), (255, 0, 0)).save(paths["png"])
    Image.new("RGB", (10, 40), (0, 0, 255)).save(paths["jpg"], quality=95)
    Image.new("CMYK", (8, 6), (0, 255, 255, 0)).save(paths["cmyk"])
    paths["text"].write_text("亲，这不是图片", "utf-8")
    return paths


def add_with_images(data: Path, files: dict[str, Path], code: str = "tpc") -> dict[str, Any]:
    result: dict[str, Any] = kefu_json(
        data,
        "add",
        TEXT,
        "--code",
        code,
        "--image",
        str(files["png"]),
        "--image",
        str(files["jpg"]),
    )
    return result


def refused(data: Path, *args: str) -> str:
    """Run a command that must be refused: exit 2, one line on stderr, no traceback."""
    done = run_kefu(data, *args)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def clipboard_bytes(target: str) -> bytes:
    return subprocess.run(
        ["xclip", "-selection", "clipboard", "-t", target, "-o"],
        capture_output=True,
        timeout=10,
        check=True,
    ).stdout


def clipboard_targets() -> list[str]:
    return clipboard_bytes("TARGETS").decode("utf-8", "replace").split()


# -- add, show, edit ----------------------------------------------------------------------


def test_add_with_two_images_and_show_them(seeded_dir: Path, files: dict[str, Path]) -> None:
    added = add_with_images(seeded_dir, files)
    shown = kefu_json(seeded_dir, "show", "tpc")
    assert shown["id"] == added["id"]
    assert added["images"] == shown["images"]
    first, second = shown["images"]
    stored = {p.name: p for p in (seeded_dir / "images").iterdir()}
    assert len(stored) == 2
    for image, name, size, mime, ext in (
        (first, "尺码表.png", (30, 20), "image/png", "png"),
        (second, "细节.jpg", (10, 40), "image/jpeg", "jpg"),
    ):
        path = stored[f"{image['sha256']}.{ext}"]
        assert image["name"] == name
        assert (image["width"], image["height"]) == size
        assert image["mime"] == mime
        assert image["bytes"] == path.stat().st_size
        assert image["missing"] is False
        assert hashlib.sha256(path.read_bytes()).hexdigest() == image["sha256"]
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [first["message"], second["message"]] == [3, 4]  # after the two text messages

    plain = run_kefu(seeded_dir, "show", "tpc")
    assert plain.returncode == 0, plain.stderr
    assert "图片 1（第 3 条消息）：尺码表.png  30×20" in plain.stdout
    assert "图片 2（第 4 条消息）：细节.jpg  10×40" in plain.stdout


def test_a_phrase_without_images_shows_no_images(seeded_dir: Path) -> None:
    kefu_json(seeded_dir, "add", TEXT, "--code", "tpn")
    assert "images" not in kefu_json(seeded_dir, "show", "tpn")
    assert not (seeded_dir / "images").exists()


def test_a_refused_image_leaves_the_library_unchanged(
    seeded_dir: Path, files: dict[str, Path]
) -> None:
    add_with_images(seeded_dir, files)
    before = snapshot(seeded_dir)
    # The good image first: it is not stored either when the second is refused.
    for args in (
        ("add", "亲，看图", "--image", str(files["png"]), "--image", str(files["text"])),
        ("edit", "tpc", "--image", str(files["text"])),
        ("edit", "tpc", "--text", "改了", "--image", str(files["text"])),
    ):
        line = refused(seeded_dir, *args)
        assert "说明.png" in line
        assert "PNG" in line  # says what is accepted
        assert snapshot(seeded_dir) == before
    assert refused(seeded_dir, "add", "亲", "--image", str(files["png"].with_name("没有.png")))
    assert snapshot(seeded_dir) == before


def test_edit_adds_and_removes_images(seeded_dir: Path, files: dict[str, Path]) -> None:
    add_with_images(seeded_dir, files)
    kefu_json(seeded_dir, "edit", "tpc", "--image", str(files["png"]))
    names = [(i["name"], i["message"]) for i in kefu_json(seeded_dir, "show", "tpc")["images"]]
    assert names == [("尺码表.png", 3), ("细节.jpg", 4), ("尺码表.png", 5)]
    assert len(list((seeded_dir / "images").iterdir())) == 2  # the same file, once

    edited = kefu_json(seeded_dir, "edit", "tpc", "--remove-image", "1", "--remove-image", "3")
    assert [(i["name"], i["message"]) for i in edited["images"]] == [("细节.jpg", 3)]
    assert kefu_json(seeded_dir, "show", "tpc")["images"] == edited["images"]


@pytest.mark.parametrize("number", ["3", "0"])
def test_remove_image_out_of_range_exits_2_with_a_clear_line(
    seeded_dir: Path, files: dict[str, Path], number: str
) -> None:
    add_with_images(seeded_dir, files)
    before = snapshot(seeded_dir)
    line = refused(seeded_dir, "edit", "tpc", "--remove-image", number)
    assert f"没有第 {number} 张图片" in line
    assert "这条短语有 2 张图片" in line
    assert snapshot(seeded_dir) == before


def test_remove_image_of_a_phrase_without_images_says_so(seeded_dir: Path) -> None:
    kefu_json(seeded_dir, "add", TEXT, "--code", "tpn")
    assert "没有图片" in refused(seeded_dir, "edit", "tpn", "--remove-image", "1")


# -- render -----------------------------------------------------------------------------


def test_render_a_message_by_its_number(seeded_dir: Path, files: dict[str, Path]) -> None:
    shown = add_with_images(seeded_dir, files)
    assert kefu_json(seeded_dir, "render", "tpc", "--message", "2") == {"text": "有问题再问我"}
    assert kefu_json(seeded_dir, "render", "tpc") == {"text": "亲，尺码表如下"}  # message 1
    image = kefu_json(seeded_dir, "render", "tpc", "--message", "4")["image"]
    sha = shown["images"][1]["sha256"]
    assert image["name"] == "细节.jpg"
    assert image["sha256"] == sha
    assert Path(image["path"]) == seeded_dir / "images" / f"{sha}.jpg"
    plain = run_kefu(seeded_dir, "render", "tpc", "--message", "3")
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.startswith("[图片 尺码表.png] ")
    assert shown["images"][0]["sha256"] in plain.stdout


@pytest.mark.parametrize("number", ["5", "0", "-1"])
def test_render_a_message_past_the_end_exits_2(
    seeded_dir: Path, files: dict[str, Path], number: str
) -> None:
    add_with_images(seeded_dir, files)
    line = refused(seeded_dir, "render", "tpc", "--message", number)
    assert f"没有第 {number} 条消息" in line
    assert "共 4 条" in line


def test_render_of_a_text_only_phrase_is_all_its_text_unless_a_message_is_named(
    seeded_dir: Path,
) -> None:
    kefu_json(seeded_dir, "add", TEXT, "--code", "tpn")
    assert kefu_json(seeded_dir, "render", "tpn") == {"text": TEXT}
    assert kefu_json(seeded_dir, "render", "tpn", "--message", "2") == {"text": "有问题再问我"}
    assert "共 2 条" in refused(seeded_dir, "render", "tpn", "--message", "3")


# -- copy on a real X clipboard ---------------------------------------------------------


@pytest.mark.clipboard
@needs_x
@needs_xclip
def test_copy_an_image_message_puts_image_png_on_the_clipboard(
    seeded_dir: Path, files: dict[str, Path]
) -> None:
    shown = add_with_images(seeded_dir, files)
    write_clipboard("之前的内容")
    assert "image/png" not in clipboard_targets()
    env = kefu_env(seeded_dir)

    code, out, err = kefu_to_files(env, "copy", "tpc", "--message", "3", "--json")
    assert code == 0, err
    copied = json.loads(out)
    assert copied["image"]["sha256"] == shown["images"][0]["sha256"]
    assert copied["phrase"] == shown["id"]
    assert "image/png" in clipboard_targets()
    with Image.open(io.BytesIO(clipboard_bytes("image/png"))) as image:
        assert (image.format, image.size) == ("PNG", (30, 20))
        assert image.convert("RGB").getpixel((0, 0)) == (255, 0, 0)

    # A stored JPEG goes on the clipboard as PNG too. Text first: kefu's read-back only
    # looks for image/png among the offered types (see the SlowImageClipboard test below).
    write_clipboard("之前的内容")
    code, out, err = kefu_to_files(env, "copy", "tpc", "--message", "4")
    assert code == 0, err
    assert "细节.jpg" in out
    with Image.open(io.BytesIO(clipboard_bytes("image/png"))) as image:
        assert (image.format, image.size) == ("PNG", (10, 40))
    assert kefu_json(seeded_dir, "show", "tpc")["use_count"] == 2


@pytest.mark.clipboard
@needs_x
@needs_xclip
def test_copy_of_an_image_phrase_without_a_message_copies_text_message_1(
    seeded_dir: Path, files: dict[str, Path]
) -> None:
    add_with_images(seeded_dir, files)
    write_clipboard("之前的内容")
    code, out, err = kefu_to_files(kefu_env(seeded_dir), "copy", "tpc")
    assert code == 0, err
    assert "已复制" in out
    assert read_clipboard() == "亲，尺码表如下"
    assert kefu_json(seeded_dir, "show", "tpc")["use_count"] == 1


@pytest.mark.clipboard
@needs_x
@needs_xclip
def test_copy_of_a_text_only_phrase_copies_all_its_text(seeded_dir: Path) -> None:
    kefu_json(seeded_dir, "add", TEXT, "--code", "tpn")
    write_clipboard("之前的内容")
    code, _, err = kefu_to_files(kefu_env(seeded_dir), "copy", "tpn")
    assert code == 0, err
    assert read_clipboard() == TEXT
    code, _, err = kefu_to_files(kefu_env(seeded_dir), "copy", "tpn", "--message", "2")
    assert code == 0, err
    assert read_clipboard() == "有问题再问我"


def test_copy_of_an_image_without_a_clipboard_tool_names_xclip_and_records_nothing(
    seeded_dir: Path, files: dict[str, Path]
) -> None:
    add_with_images(seeded_dir, files)
    before = snapshot(seeded_dir)
    code, _, err = kefu_to_files(
        no_clipboard_env(seeded_dir, display=False), "copy", "tpc", "--message", "3"
    )
    assert code == 2, err
    assert "xclip" in err
    assert "Traceback" not in err
    assert snapshot(seeded_dir) == before
    assert kefu_json(seeded_dir, "show", "tpc")["use_count"] == 0


def test_copy_of_an_image_whose_file_was_damaged_is_refused(
    seeded_dir: Path, files: dict[str, Path]
) -> None:
    shown = add_with_images(seeded_dir, files)
    path = seeded_dir / "images" / f"{shown['images'][0]['sha256']}.png"
    path.write_bytes(files["jpg"].read_bytes())
    code, _, err = kefu_to_files(kefu_env(seeded_dir), "copy", "tpc", "--message", "3")
    assert code == 2
    assert "损坏" in err and "Traceback" not in err
    assert kefu_json(seeded_dir, "show", "tpc")["use_count"] == 0


# -- a CMYK JPEG ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "kind"),
    [
        ("RGB", "JPEG"),
        ("L", "JPEG"),
        ("P", "GIF"),
        ("RGBA", "WEBP"),
        ("RGB", "BMP"),
        pytest.param("CMYK", "JPEG"),
    ],
)
def test_every_accepted_image_converts_to_png_for_the_clipboard(mode: str, kind: str) -> None:
    out = io.BytesIO()
    Image.new(mode, (8, 6)).save(out, kind)
    stored = prepare_image(out.getvalue(), f"x.{kind.lower()}").data
    with Image.open(io.BytesIO(as_png(stored))) as image:
        assert (image.format, image.size) == ("PNG", (8, 6))


@pytest.mark.clipboard
@needs_x
@needs_xclip
def test_copy_of_a_cmyk_jpeg_puts_image_png_on_the_clipboard(
    seeded_dir: Path, files: dict[str, Path]
) -> None:
    kefu_json(seeded_dir, "add", "亲，看图", "--code", "tpk", "--image", str(files["cmyk"]))
    write_clipboard("之前的内容")
    code, _, err = kefu_to_files(kefu_env(seeded_dir), "copy", "tpk", "--message", "2")
    assert "Traceback" not in err
    assert code == 0, err
    with Image.open(io.BytesIO(clipboard_bytes("image/png"))) as image:
        assert image.size == (8, 6)


# -- a copy that lands late -------------------------------------------------------------


class SlowImageClipboard:
    """xclip as the tests drive it: an image given with ``-i`` is served only from the
    ``lands_at``-th read on (the forked xclip takes the selection a moment after it
    returns); until then the clipboard still holds an earlier image/png. A stand-in: the X
    server's delay cannot be made to happen on demand."""

    def __init__(self, earlier: bytes, lands_at: int) -> None:
        self.current, self.pending, self.reads, self.lands_at = earlier, b"", 0, lands_at

    def run(self, command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        assert command[0] == "xclip", command
        if "-i" in command:
            self.pending = kwargs["input"]
            return subprocess.CompletedProcess(command, 0, b"", b"")
        self.reads += 1
        if self.reads >= self.lands_at and self.pending:
            self.current = self.pending
        target = command[command.index("-t") + 1]
        out = b"TARGETS\nimage/png\n" if target == "TARGETS" else self.current
        return subprocess.CompletedProcess(command, 0, out, b"")


def png_of(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), colour).save(out, "PNG")
    return out.getvalue()


def test_an_image_copy_waits_until_the_new_image_is_served(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    earlier, new = png_of((255, 0, 0)), png_of((0, 0, 255))
    slow = SlowImageClipboard(earlier, lands_at=4)
    monkeypatch.setattr(image_clipboard.subprocess, "run", slow.run)
    monkeypatch.setattr(image_clipboard.shutil, "which", lambda tool: f"/usr/bin/{tool}")
    monkeypatch.setattr(image_clipboard.sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    image_clipboard.copy_image(new)
    assert slow.current == new
