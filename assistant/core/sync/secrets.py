"""WebDAV passwords: from the OS keyring, or an environment variable for scripts.

Never written to a file by this app, never logged, never printed.
"""

from __future__ import annotations

import os

from assistant.core.errors import KefuError

SERVICE = "kefu-assistant"
ENV_PASSWORD = "KEFU_WEBDAV_PASSWORD"


def _account(url: str, user: str) -> str:
    return f"{user}@{url.rstrip('/')}"


def get_password(url: str, user: str) -> str | None:
    env = os.environ.get(ENV_PASSWORD)
    if env:
        return env
    try:
        import keyring

        return keyring.get_password(SERVICE, _account(url, user))
    except Exception:  # no keyring backend on this system
        return None


def store_password(url: str, user: str, password: str) -> None:
    try:
        import keyring

        keyring.set_password(SERVICE, _account(url, user), password)
    except Exception as exc:
        raise KefuError(
            f"无法保存到系统钥匙串（{type(exc).__name__}）；可改用环境变量 {ENV_PASSWORD}"
        ) from exc
