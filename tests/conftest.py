"""Shared fixtures: real data folders in tmp_path, seeded once and copied per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from assistant.core.workspace import Workspace, open_workspace

# No test asserts a time: not hypothesis either. Its deadline and its "input generation is
# slow" check time each example, and on a loaded 2-core CI machine one draw took 1.4 s
# (tests/core/store/test_shapes.py failed once in a clean-clone run for that alone).
settings.register_profile(
    "kefu", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("kefu")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def ws(data_dir: Path) -> Workspace:
    """A fresh workspace with the built-in packs installed, as on a first run."""
    return open_workspace(data_dir)


@pytest.fixture
def empty_ws(data_dir: Path) -> Workspace:
    """A fresh workspace without the built-in packs: only what the test adds."""
    return open_workspace(data_dir, builtins=False)


@pytest.fixture(scope="session")
def _seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seeded") / "data"
    open_workspace(folder)
    return folder


@pytest.fixture
def seeded_dir(_seeded_template: Path, tmp_path: Path) -> Path:
    """A data folder with the built-in packs installed (a copy: a first run costs ~0.5 s)."""
    target = tmp_path / "data"
    shutil.copytree(_seeded_template, target)
    return target
