"""Shared pieces of the reliability suite (issue 8): the ``slow`` marker, an in-process
runner for the real command code, and checks that a data folder is whole."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest

from assistant.cli.main import main


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "slow: one of the slowest reliability tests (still part of the default run; "
        "deselect with -m 'not slow' for a quick pass)",
    )


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.strip().splitlines()


def kefu(data: Path, *args: str) -> Run:
    """The real `kefu` command code (``assistant.cli.main.main``) in this process.

    Faster than a new process per case; the few cases that need a real process
    (kills, permissions, memory) start one.
    """
    out, err = _stream(), _stream()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--data-dir", str(data), *args])
    return Run(code, _text(out), _text(err))


def _stream() -> io.TextIOWrapper:
    # Like a real stdout: text with a byte buffer under it (JSON output writes bytes).
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8")


def data_files(folder: Path) -> list[Path]:
    """Every file the storage layer reads back: data files and their .bak copies (not the
    backups, not the search caches, which are rebuilt when they do not load)."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.name.endswith((".json", ".json.bak"))
        and p.relative_to(folder).parts[0] not in ("backups", "cache")
    )


def assert_every_data_file_loads(folder: Path) -> int:
    """Every data file parses as a JSON object; returns how many were checked."""
    files = data_files(folder)
    assert files, f"no data files under {folder}"
    for path in files:
        loaded = orjson.loads(path.read_bytes())
        assert isinstance(loaded, dict), path
    return len(files)


def temp_leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if ".tmp" in p.name]


def assert_no_temp_file_looks_like_data(folder: Path) -> list[Path]:
    """A temporary file a killed writer leaves behind must never be read as data: it may not
    end in .json and it stays out of backups. Returns the leftovers, for the report."""
    leftovers = temp_leftovers(folder)
    for path in leftovers:
        assert not path.name.endswith(".json"), path
        assert path not in data_files(folder), path
    return leftovers


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)
