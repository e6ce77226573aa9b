"""`kefu copy` on a real X clipboard (the suite runs under xvfb-run), and without one.

Output is captured into files, not pipes: xclip stays in the background to serve the
selection and keeps any inherited pipe open, so a pipe would not see end-of-file.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyperclip
import pytest

from assistant.cli import clipboard
from tests.helpers import kefu_env, kefu_json, snapshot

pytestmark = pytest.mark.clipboard

needs_x = pytest.mark.skipif(
    not os.environ.get("DISPLAY"), reason="no X display: run the suite under xvfb-run -a"
)
needs_xclip = pytest.mark.skipif(shutil.which("xclip") is None, reason="xclip is not installed")


def kefu_to_files(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        done = subprocess.run(
            [sys.executable, "-m", "assistant", *args],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=env,
            timeout=60,
            check=False,
        )
        out.seek(0)
        err.seek(0)
        return done.returncode, out.read().decode("utf-8"), err.read().decode("utf-8")


def read_clipboard() -> str:
    return subprocess.run(
        ["xclip", "-selection", "clipboard", "-o"],
        capture_output=True,
        encoding="utf-8",
        timeout=10,
        check=True,
    ).stdout


def write_clipboard(text: str) -> None:
    subprocess.run(
        ["xclip", "-selection", "clipboard", "-i"],
        input=text.encode("utf-8"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=10,
        check=True,
    )
    # xclip's claim on the selection reaches the X server from the child it forks, a moment
    # after it returns: read back until it is there, or a command run next sees the old text.
    deadline = time.monotonic() + 10  # a hang guard
    while read_clipboard() != text:
        assert time.monotonic() < deadline, "xclip never took the clipboard"
        time.sleep(0.02)  # the pace of reading back


def no_clipboard_env(data: Path, display: bool) -> dict[str, str]:
    env = kefu_env(data, PATH=str(Path(sys.executable).parent))
    env.pop("WAYLAND_DISPLAY", None)
    if not display:
        env.pop("DISPLAY", None)
    return env


@needs_x
@needs_xclip
def test_copy_puts_the_rendered_text_on_the_clipboard_and_counts_one_use(seeded_dir: Path) -> None:
    env = kefu_env(seeded_dir)
    assert kefu_json(seeded_dir, "shop", "--set", "活动=满200减20")["活动"] == "满200减20"
    new = kefu_json(seeded_dir, "add", "亲，现在{活动}，{?尺码}码有货哦\n第二行", "--code", "hdm")
    code, out, err = kefu_to_files(env, "copy", "hdm", "--set", "尺码=39")
    assert code == 0, err
    assert "已复制" in out
    assert read_clipboard() == "亲，现在满200减20，39码有货哦\n第二行"
    shown = kefu_json(seeded_dir, "show", "hdm")
    assert shown["use_count"] == 1
    assert shown["last_used_at"]
    assert shown["id"] == new["id"]
    # A second copy, by id and with JSON output, is a second use.
    code, out, err = kefu_to_files(env, "copy", new["id"], "--set", "尺码=40", "--json")
    assert code == 0, err
    assert '"亲，现在满200减20，40码有货哦\\n第二行"' in out
    assert read_clipboard() == "亲，现在满200减20，40码有货哦\n第二行"
    assert kefu_json(seeded_dir, "show", "hdm")["use_count"] == 2


@needs_x
@needs_xclip
def test_copy_with_a_missing_fill_in_copies_nothing_and_counts_nothing(seeded_dir: Path) -> None:
    write_clipboard("之前的内容")
    kefu_json(seeded_dir, "add", "亲，{?尺码}码有货", "--code", "cm9")
    code, _, err = kefu_to_files(kefu_env(seeded_dir), "copy", "cm9")
    assert code == 2
    assert "尺码" in err
    assert read_clipboard() == "之前的内容"
    assert kefu_json(seeded_dir, "show", "cm9")["use_count"] == 0


@needs_x
@needs_xclip
def test_the_clipboard_placeholder_reads_the_clipboard(seeded_dir: Path) -> None:
    kefu_json(seeded_dir, "add", "亲，您说的订单是 {剪贴板} 吗？", "--code", "jtb")
    write_clipboard("2026111188888")
    code, out, err = kefu_to_files(kefu_env(seeded_dir), "render", "jtb")
    assert code == 0, err
    assert out == "亲，您说的订单是 2026111188888 吗？\n"


def test_copy_without_any_clipboard_tool_names_xclip_and_records_nothing(
    seeded_dir: Path,
) -> None:
    env = no_clipboard_env(seeded_dir, display=False)
    assert all(
        shutil.which(tool, path=env["PATH"]) is None for tool in ("xclip", "xsel", "wl-copy")
    )
    before = snapshot(seeded_dir)
    code, _, err = kefu_to_files(env, "copy", "th1")
    assert code != 0
    assert "xclip" in err
    assert len(err.strip().splitlines()) == 1
    assert snapshot(seeded_dir) == before
    assert kefu_json(seeded_dir, "show", "th1")["use_count"] == 0


@needs_x
@pytest.mark.skipif(
    any(importlib.util.find_spec(m) for m in ("qtpy", "PyQt5")),
    reason="pyperclip would fall back to a Qt clipboard here",
)
def test_copy_with_a_display_but_no_clipboard_tool_also_names_xclip(seeded_dir: Path) -> None:
    before = snapshot(seeded_dir)
    code, _, err = kefu_to_files(no_clipboard_env(seeded_dir, display=True), "copy", "th1")
    assert code != 0
    assert "xclip" in err
    assert snapshot(seeded_dir) == before


class SlowClipboard:
    """A clipboard whose copy shows up only at the ``lands_at``-th read (None: never), as
    xclip's does on a busy machine. A stand-in: the X server's delay cannot be made to
    happen on demand."""

    def __init__(self, lands_at: int | None) -> None:
        self.lands_at, self.reads, self.text, self.copied = lands_at, 0, "之前的内容", ""

    def copy(self, text: str) -> None:
        self.copied = text

    def paste(self) -> str:
        self.reads += 1
        if self.lands_at is not None and self.reads >= self.lands_at:
            self.text = self.copied
        return self.text


def test_a_copy_that_lands_late_is_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    slow = SlowClipboard(lands_at=4)
    monkeypatch.setattr(pyperclip, "copy", slow.copy)
    monkeypatch.setattr(pyperclip, "paste", slow.paste)
    clipboard.copy_text("亲，今天下单明天发货")
    assert slow.reads == 4
    assert slow.text == "亲，今天下单明天发货"


def test_a_copy_that_never_lands_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    slow = SlowClipboard(lands_at=None)
    monkeypatch.setattr(pyperclip, "copy", slow.copy)
    monkeypatch.setattr(pyperclip, "paste", slow.paste)
    monkeypatch.setattr(clipboard, "LAND_S", 0.1)
    with pytest.raises(clipboard.ClipboardUnavailable, match="无法使用系统剪贴板"):
        clipboard.copy_text("亲，今天下单明天发货")
    assert slow.reads > 1  # read back again before giving up
