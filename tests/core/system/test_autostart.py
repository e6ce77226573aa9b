"""Start at login on Linux: an XDG autostart entry that a desktop session would run.

The entry is read back with configparser and a reader of the Desktop Entry spec's Exec
rules written here (not the module that wrote it), and its command is run: it must start
the app's own module (``--help``: it prints and exits).
"""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.core.system import autostart

pytestmark = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="the XDG autostart file is the Linux entry"
)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    return tmp_path / "home"


def entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def spec_exec(value: str) -> list[str]:
    """Split an Exec value as the Desktop Entry spec says: first the string escapes (\\s,
    \\n, \\t, \\r, \\\\), then arguments split at spaces, a double-quoted one taken
    whole with \\", \\`, \\$ and \\\\ unescaped, and %% read as %."""
    unescaped, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            unescaped.append(
                {"s": " ", "n": "\n", "t": "\t", "r": "\r"}.get(value[i + 1], value[i + 1])
            )
            i += 2
        else:
            unescaped.append(value[i])
            i += 1
    text = "".join(unescaped)
    args: list[str] = []
    current: list[str] | None = None
    i = 0
    while i < len(text):
        c = text[i]
        if c == " ":
            if current is not None:
                args.append("".join(current))
                current = None
        elif c == '"':
            current = current or []
            i += 1
            while text[i] != '"':
                if text[i] == "\\" and text[i + 1] in '"`$\\':
                    i += 1
                current.append(text[i])
                i += 1
        else:
            assert c not in "'\\$`", f"reserved character {c!r} outside quotes in {value!r}"
            current = (current or []) + [c]
        i += 1
    if current is not None:
        args.append("".join(current))
    return [a.replace("%%", "%") for a in args]


def test_enabling_writes_an_entry_that_starts_the_app(home: Path) -> None:
    assert not autostart.is_enabled()
    autostart.set_enabled(True)

    path = home / ".config" / "autostart" / "kefu-assistant.desktop"
    assert autostart.is_enabled()
    desktop = entry(path)
    assert desktop["Type"] == "Application" and desktop["Name"] == "客服快捷助手"
    command = spec_exec(desktop["Exec"])
    assert command == [sys.executable, "-m", "assistant.ui.app"]
    ran = subprocess.run(
        [*command, "--help"], capture_output=True, text=True, timeout=120, check=False
    )
    assert ran.returncode == 0 and "kefu-gui" in ran.stdout  # the app's own argument parser


def test_disabling_removes_the_entry_and_is_idempotent(home: Path) -> None:
    autostart.set_enabled(True)
    autostart.set_enabled(False)
    assert not autostart.is_enabled()
    assert not (home / ".config" / "autostart" / "kefu-assistant.desktop").exists()
    autostart.set_enabled(False)  # nothing to remove: no error
    assert not autostart.is_enabled()


def test_xdg_config_home_is_honoured(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    autostart.set_enabled(True)
    assert (tmp_path / "cfg" / "autostart" / "kefu-assistant.desktop").is_file()
    assert not (home / ".config").exists()


def test_an_interpreter_path_with_spaces_survives_the_exec_line(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    odd = "/opt/客服 助手/bin/python3"
    monkeypatch.setattr(sys, "executable", odd)
    autostart.set_enabled(True)
    desktop = entry(home / ".config" / "autostart" / "kefu-assistant.desktop")
    assert spec_exec(desktop["Exec"]) == [odd, "-m", "assistant.ui.app"]
    assert "'" not in desktop["Exec"]  # shell quoting is not the spec's


@pytest.mark.parametrize(
    "odd",
    [
        "/home/小美/.venv/bin/python3",
        '/opt/a "quoted" dir/python',
        "/opt/back\\slash/python",
        "/opt/$HOME and `x`/python",
        "/opt/100% sure/python",
        "/opt/it's/python",
    ],
)
def test_any_interpreter_path_reads_back_as_written(
    home: Path, monkeypatch: pytest.MonkeyPatch, odd: str
) -> None:
    monkeypatch.setattr(sys, "executable", odd)
    autostart.set_enabled(True)
    desktop = entry(home / ".config" / "autostart" / "kefu-assistant.desktop")
    assert spec_exec(desktop["Exec"]) == [odd, "-m", "assistant.ui.app"]
