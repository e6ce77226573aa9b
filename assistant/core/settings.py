"""The app's settings: typed, with defaults, stored as JSON (never pickle)."""

from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from assistant.core.errors import InvalidInput
from assistant.core.platforms import DEFAULT_PLATFORM, LINT_PLATFORMS, unknown_platform
from assistant.core.store import DataFolder

_DOC = "app"
LANGUAGES = ("zh_CN", "en")


def default_hotkey(platform: str = sys.platform) -> str:
    """Ctrl+Alt+Space; on macOS, where Qt's "Ctrl" is ⌘ and ⌘⌥Space is Finder's search,
    ⌃⌥Space (Qt's "Meta" is the Control key there)."""
    return "Meta+Alt+Space" if platform == "darwin" else "Ctrl+Alt+Space"


@dataclass(slots=True)
class AppSettings:
    hotkey: str = field(default_factory=default_hotkey)
    auto_paste: bool = False
    paste_delay_ms: int = 150
    language: str = "zh_CN"
    start_at_login: bool = False
    tray_notice_shown: bool = False
    setup_done: bool = False  # the first-run window was answered (saved or 以后再说)
    platform: str = DEFAULT_PLATFORM

    def validate(self) -> None:
        if not 0 <= self.paste_delay_ms <= 5000:
            raise InvalidInput("粘贴延迟应在 0–5000 毫秒之间")
        if self.language not in LANGUAGES:
            raise InvalidInput(f"不支持的语言：{self.language}")
        if not self.hotkey.strip():
            raise InvalidInput("快捷键不能为空")
        if self.platform not in LINT_PLATFORMS:
            raise unknown_platform(self.platform, LINT_PLATFORMS)


def _from_doc(doc: dict[str, Any]) -> AppSettings:
    settings = AppSettings()
    for f in fields(AppSettings):
        if f.name in doc and isinstance(doc[f.name], type(getattr(settings, f.name))):
            setattr(settings, f.name, doc[f.name])
    return settings


class SettingsStore:
    def __init__(self, folder: DataFolder) -> None:
        self._settings = folder.settings

    def load(self) -> AppSettings:
        return _from_doc(self._settings.get(_DOC) or {})

    def save(self, settings: AppSettings) -> AppSettings:
        settings.validate()
        with self._settings.transaction():
            self._settings.put(_DOC, asdict(settings))
        return settings

    def update(self, **changes: Any) -> AppSettings:
        with self._settings.transaction():
            current = self.load()
            for key, value in changes.items():
                if not hasattr(current, key):
                    raise InvalidInput(f"未知设置：{key}")
                setattr(current, key, value)
            current.validate()
            self._settings.put(_DOC, asdict(current))
        return current
