"""The desktop tests run the real app on a real X server with a window manager (Xvfb +
openbox), next to a stand-in chat window. They need the X tools that scripts/test installs;
where those are missing (a developer's machine without them) they are skipped, and say so."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.desktop.desktop import ChatWindow, Desktop, desktop, missing_tools, open_chat_window


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desktop]:
    missing = missing_tools()
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (scripts/test installs them)")
    root = tmp_path / "desktop"
    root.mkdir()
    with desktop(root) as d:
        yield d


@pytest.fixture
def chat(desk: Desktop) -> ChatWindow:
    return open_chat_window(desk)
