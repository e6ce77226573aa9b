"""Start at login: Windows Run key, XDG autostart file, or macOS LaunchAgent. Off by default."""

from __future__ import annotations

import contextlib
import os
import plistlib
import shlex
import sys
from pathlib import Path

APP_ID = "kefu-assistant"


def _command() -> list[str]:
    exe = Path(sys.executable)
    if sys.platform == "win32":
        gui = exe.with_name("pythonw.exe")
        return [str(gui if gui.exists() else exe), "-m", "assistant.ui.app"]
    return [str(exe), "-m", "assistant.ui.app"]


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
        path.write_bytes(plistlib.dumps(plist))
    else:
        path.write_text(
            "[Desktop Entry]\nType=Application\nName=客服快捷助手\n"
            f"Exec={shlex.join(cmd)}\nX-GNOME-Autostart-enabled=true\nTerminal=false\n",
            encoding="utf-8",
        )
