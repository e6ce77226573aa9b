"""Fail when anything under assistant/core or assistant/cli imports a Qt binding.

ruff's banned-api rule already reports it; this check also catches dynamic imports
(importlib, __import__) by loading every module and looking at sys.modules.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import assistant.cli
import assistant.core

QT = ("PySide6", "PyQt5", "PyQt6", "shiboken6")


def main() -> int:
    for package in (assistant.core, assistant.cli):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            importlib.import_module(info.name)
    leaked = sorted(m for m in sys.modules if m.split(".")[0] in QT)
    if leaked:
        print("Qt imported by assistant.core/assistant.cli:", ", ".join(leaked))
        return 1
    print("ok: no Qt in assistant.core or assistant.cli")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
