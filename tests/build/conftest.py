"""The frozen app's desktop tests use the same desktop as tests/desktop (Xvfb + openbox)."""

from tests.desktop.conftest import chat, desk

__all__ = ["chat", "desk"]
