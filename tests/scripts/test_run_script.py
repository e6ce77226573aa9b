"""`bash scripts/run` installs the project only when it changed (issue 14, item 17): a pip run
on every launch took about 10 s. Run on a copy of the project with a venv whose python and
kefu are stand-ins that write down how they were called (pip itself is not what is tested)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TOOLS = ("bash", "dirname", "uname", "find", "sort", "xargs", "sha256sum", "cut", "cat")
STUB_PYTHON = '#!/bin/sh\necho "$*" >> "$(dirname "$0")/../pip-calls"\n'
STUB_KEFU = '#!/bin/sh\necho "kefu $*"\n'


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "scripts").mkdir(parents=True)
    shutil.copy2(REPO / "scripts" / "run", root / "scripts" / "run")
    shutil.copy2(REPO / "pyproject.toml", root / "pyproject.toml")
    for part in ("assistant", "phrases", "resources"):
        shutil.copytree(REPO / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    venv = root / ".venv" / "bin"
    venv.mkdir(parents=True)
    for name, text in (("python", STUB_PYTHON), ("kefu", STUB_KEFU)):
        (venv / name).write_text(text)
        (venv / name).chmod(0o755)
    return root


def launch(project: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    # Only the tools the script needs on PATH: no apt-get, so no system packages are asked for.
    tools = tmp_path / "tools"
    if not tools.exists():
        tools.mkdir()
        for tool in TOOLS:
            found = shutil.which(tool)
            if found is None:
                pytest.skip(f"needs {tool}")
            (tools / tool).symlink_to(found)
    return subprocess.run(
        [str(tools / "bash"), str(project / "scripts" / "run"), "--version"],
        env={"PATH": str(tools), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def run(project: Path, tmp_path: Path) -> str:
    done = launch(project, tmp_path)
    assert done.returncode == 0, done.stderr
    return done.stdout


def installs(project: Path) -> int:
    calls = project / ".venv" / "pip-calls"
    return len(calls.read_text().splitlines()) if calls.exists() else 0


def test_the_first_launch_installs_and_the_next_ones_do_not(project: Path, tmp_path: Path) -> None:
    assert run(project, tmp_path) == "kefu --version\n"
    assert installs(project) == 1
    assert (project / ".venv" / "pip-calls").read_text() == "-m pip install -q .\n"

    assert run(project, tmp_path) == "kefu --version\n"
    assert run(project, tmp_path) == "kefu --version\n"
    assert installs(project) == 1


@pytest.mark.parametrize(
    "changed", ["assistant/core/text.py", "pyproject.toml", "resources/lint/rules.json"]
)
def test_a_change_to_the_project_installs_again(
    project: Path, tmp_path: Path, changed: str
) -> None:
    run(project, tmp_path)
    with (project / changed).open("a", encoding="utf-8") as f:
        f.write("\n")
    run(project, tmp_path)
    assert installs(project) == 2
    run(project, tmp_path)
    assert installs(project) == 2


def test_bytecode_caches_do_not_count_as_a_change(project: Path, tmp_path: Path) -> None:
    run(project, tmp_path)
    cache = project / "assistant" / "__pycache__"
    cache.mkdir(exist_ok=True)
    (cache / "x.cpython-311.pyc").write_bytes(b"\0")
    run(project, tmp_path)
    assert installs(project) == 1


def test_a_venv_without_the_kefu_command_is_installed_into(project: Path, tmp_path: Path) -> None:
    run(project, tmp_path)
    kefu = project / ".venv" / "bin" / "kefu"
    kefu.rename(kefu.with_name("kefu-away"))
    done = launch(project, tmp_path)
    assert done.returncode != 0  # the stand-in pip makes no kefu: the exec then fails
    assert installs(project) == 2
