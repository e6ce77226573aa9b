"""Helpers shared by the tests: run the real `kefu` process, snapshot a data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

PYTHON = sys.executable
KEFU_TIMEOUT = 120


def kefu_env(data_dir: Path | None = None, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("KEFU_DATA_DIR", None)
    if data_dir is not None:
        env["KEFU_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


def run_kefu(
    data_dir: Path | None,
    *args: str,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the real command in its own process, as a user would (`python -m assistant`)."""
    return subprocess.run(
        [PYTHON, "-m", "assistant", *args],
        env=env if env is not None else kefu_env(data_dir),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        encoding="utf-8",
        timeout=KEFU_TIMEOUT,
        check=False,
    )


def kefu_json(data_dir: Path, *args: str) -> Any:
    result = run_kefu(data_dir, *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, to prove that nothing changed."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def stored_docs(folder: Path, collection: str = "phrases") -> dict[str, dict[str, Any]]:
    """The documents of a sharded collection, read straight from its JSON files."""
    docs: dict[str, dict[str, Any]] = {}
    for shard in sorted((folder / collection).glob("*.json")):
        docs.update(json.loads(shard.read_text("utf-8")).get("docs", {}))
    return docs
