"""How to run the ``kefu`` command line from inside the app: the same program, whether it is
installed with pip (``python -m assistant``) or a frozen build (the executable itself)."""

from __future__ import annotations

import subprocess
import sys


def kefu_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "assistant"]


def quiet_child_flags() -> int:
    """Process creation flags for a helper process: no console window on Windows."""
    return getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0
