"""A phrase with an image, on a real desktop (Xvfb + openbox, the real app): Enter copies the
text, Enter again puts the image on the X clipboard, where another program (xclip, standing
in for a chat client) reads a real PNG of the right size, and no text: a chat box that
prefers text must not paste the image's file path."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from tests.desktop.desktop import ChatWindow, Desktop, kefu, start_app, wait_for
from tests.desktop.test_panel_on_a_desktop import PANEL, open_panel


def test_text_then_image_reach_another_program_through_the_x_clipboard(
    desk: Desktop, chat: ChatWindow, seeded_dir: Path, tmp_path: Path
) -> None:
    chart = tmp_path / "尺码表.png"
    Image.new("RGB", (321, 123), (250, 200, 10)).save(chart)
    done = kefu(desk, seeded_dir, "add", "亲，尺码表请看图", "--code", "cmt", "--image", str(chart))
    assert done.returncode == 0, done.stderr
    assert kefu(desk, seeded_dir, "shop", "--set", "发货时间=48小时内").returncode == 0
    start_app(desk, seeded_dir)

    open_panel(desk, chat)
    desk.type("cmt")
    desk.key("Return")
    desk.wait_clipboard("亲，尺码表请看图")
    desk.key("Return")  # the panel is still open for message 2/2

    def offered() -> list[str] | None:
        targets = desk.clipboard("TARGETS").decode("utf-8", "replace").split()
        return targets if "image/png" in targets else None

    targets = wait_for("the image on the clipboard", offered)
    assert not {"text/plain", "UTF8_STRING", "text/uri-list"} & set(targets)
    image = Image.open(io.BytesIO(desk.clipboard("image/png")))
    assert image.format == "PNG"
    assert image.size == (321, 123)
    desk.wait_gone(PANEL)
    wait_for("focus back in the chat window", lambda: desk.active_window() == chat.window)
    desk.screenshot(desk.root / "image-copied.png")
