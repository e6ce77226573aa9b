"""Start at login: Windows Run key, XDG autostart file, or macOS LaunchAgent. Off by default."""

from __future__ import annotations

import contextlib
import os
import plistlib
import sys
from pathlib import Path

from assistant.core.store.atomic import atomic_write

APP_ID = "kefu-assistant"
# Characters after which a Desktop Entry's Exec argument must be quoted (the spec's list).
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def _command() -> list[str]:
    exe = Path(sys.executable)
    if sys.platform == "win32":
        gui = exe.with_name("pythonw.exe")
        return [str(gui if gui.exists() else exe), "-m", "assistant.ui.app"]
    return [str(exe), "-m", "assistant.ui.app"]


def exec_line(cmd: list[str]) -> str:
    """An Exec value as the Desktop Entry spec reads it: an argument with a reserved
    character in double quotes with ", `, $ and backslash escaped, then every backslash
    escaped again (the string-value rule), and % doubled. Shell quoting (shlex's single
    quotes, used before) is not in the spec: a reader that follows it splits at a space."""

    def quoted(arg: str) -> str:
        arg = arg.replace("%", "%%")
        if not any(c in _RESERVED for c in arg):
            return arg
        inner = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        return '"' + inner + '"'

    return " ".join(quoted(a) for a in cmd).replace("\\", "\\\\")


def _xdg_file() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "autostart" / f"{APP_ID}.desktop"


def _mac_file() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"com.{APP_ID}.plist"


def is_enabled() -> bool:
    if sys.platform == "win32":
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, _RUN_KEY) as key:
                winreg.QueryValueEx(key, APP_ID)
            return True
        except OSError:
            return False
    if sys.platform == "darwin":
        return _mac_file().exists()
    return _xdg_file().exists()


_RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


def set_enabled(enabled: bool) -> None:
    cmd = _command()
    if sys.platform == "win32":
        import winreg

        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, _RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
            if enabled:
                line = " ".join(f'"{c}"' if " " in c else c for c in cmd)
                winreg.SetValueEx(key, APP_ID, 0, winreg.REG_SZ, line)
            else:
                with contextlib.suppress(FileNotFoundError):
                    winreg.DeleteValue(key, APP_ID)
        return
    path = _mac_file() if sys.platform == "darwin" else _xdg_file()
    if not enabled:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    if sys.platform == "darwin":
        plist = {"Label": f"com.{APP_ID}", "ProgramArguments": cmd, "RunAtLoad": True}
        atomic_write(path, plistlib.dumps(plist))
    else:
        entry = (
            "[Desktop Entry]\nType=Application\nName=客服快捷助手\n"
            f"Exec={exec_line(cmd)}\nX-GNOME-Autostart-enabled=true\nTerminal=false\n"
        )
        atomic_write(path, entry.encode("utf-8"))
