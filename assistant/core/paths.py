"""Where data and shipped files live.

The data folder: ``--data-dir`` beats ``KEFU_DATA_DIR`` beats platformdirs' user data dir.
Shipped files (phrase packs, resources) sit inside the wheel under ``assistant/_data``, and
in the frozen build (``packaging/kefu.spec``) at the same place inside its folder; in a source
checkout they are the top-level ``phrases/`` and ``resources/`` folders. This one helper
finds them in all three.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "kefu-assistant"
ENV_DATA_DIR = "KEFU_DATA_DIR"

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def _shipped(name: str) -> Path:
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def builtin_phrases_dir() -> Path:
    return _shipped("phrases")


def resources_dir() -> Path:
    return _shipped("resources")
