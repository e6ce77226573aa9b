"""The English translation covers every text the windows show, and the file is current.

pyside6-lupdate (shipped with PySide6) re-extracts the texts from the sources into a copy of
the translation file: a text it finds nowhere (a window moved its strings behind a helper
lupdate cannot read) or a new text nobody translated fails here, not in front of a user.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "i18n" / "kefu_en.ts"


def _lupdate() -> str:
    found = shutil.which("pyside6-lupdate") or str(Path(sys.executable).parent / "pyside6-lupdate")
    return found


def test_every_ui_text_is_extracted_and_translated(tmp_path: Path) -> None:
    copy = tmp_path / "kefu_en.ts"
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (REPO / "assistant" / "ui").rglob("*.py"))
    subprocess.run([_lupdate(), *sources, "-ts", str(copy)], check=True, capture_output=True)
    root = ElementTree.parse(copy).getroot()
    problems = []
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            kind = (
                (message.find("translation").get("type") or "")
                if message.find("translation") is not None
                else "missing"
            )
            if kind in ("unfinished", "vanished", "obsolete", "missing"):
                problems.append(f"{name}: {kind}: {message.findtext('source')}")
    assert problems == []
