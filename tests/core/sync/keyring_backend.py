"""A keyring backend for the tests: keeps passwords in a JSON file named by the
environment variable KEFU_TEST_KEYRING_FILE, so no test touches the real OS keyring.

Used in-process with ``keyring.set_keyring`` and in `kefu` subprocesses with
PYTHON_KEYRING_BACKEND=tests.core.sync.keyring_backend.FileKeyring.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import PasswordDeleteError

ENV_FILE = "KEFU_TEST_KEYRING_FILE"
NAME = f"{__name__}.FileKeyring"


def _path() -> Path:
    value = os.environ.get(ENV_FILE)
    if not value:
        raise RuntimeError(f"{ENV_FILE} is not set")
    return Path(value)


class FileKeyring(KeyringBackend):
    @properties.classproperty
    def priority(cls) -> float:
        _path()  # not viable (so never picked by chance) unless a test set the file
        return 1

    def _load(self) -> dict[str, dict[str, str]]:
        path = _path()
        return json.loads(path.read_text("utf-8")) if path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data.setdefault(service, {})[username] = password
        _path().write_text(json.dumps(data), "utf-8")

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if username not in data.get(service, {}):
            raise PasswordDeleteError(username)
        del data[service][username]
        _path().write_text(json.dumps(data), "utf-8")
