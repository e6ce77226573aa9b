"""A one-shot command imports what it runs and no more (issue 15): `kefu render CODE` and
`kefu copy CODE` need neither numpy nor the search index (a few hundred milliseconds of every
start), nor the buyer book, nor the other command families, and a render takes no lock. And
with the families imported on demand, `kefu --help` still lists every command as its family
adds it. The imports are read from `python -X importtime` in a real child process; nothing
is timed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli.main import FAMILIES, build_parser, main
from tests.helpers import KEFU_TIMEOUT, kefu_env, kefu_json, run_kefu

# What only a search, the buyers or another command needs.
NOT_FOR_A_PHRASE = (
    "numpy",
    "assistant.core.search.index",
    "assistant.core.search.corpus",
    "assistant.core.search.matcher",
    "assistant.core.phrases.ranking",
    "assistant.core.buyers.book",
    "assistant.cli.launch",
    *(f"assistant.cli.{family}" for family in FAMILIES if family != "phrases"),
)


def imported(env: dict[str, str], *args: str, out: Path) -> tuple[int, str, set[str]]:
    """Run `kefu ARGS` under -X importtime: exit code, stdout, and every module imported.

    Output goes to files, not pipes: a copy leaves xclip serving the clipboard in the
    background with the pipes inherited, and a pipe would never see end-of-file."""
    with (out / "stdout").open("w+b") as stdout, (out / "stderr").open("w+b") as stderr:
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "assistant", *args],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
            timeout=KEFU_TIMEOUT,
            check=False,
        )
        stdout.seek(0)
        stderr.seek(0)
        text, log = stdout.read().decode("utf-8"), stderr.read().decode("utf-8")
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in log.splitlines()
        if line.startswith("import time:") and not line.endswith("imported package")
    }
    return done.returncode, text, modules


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def test_render_by_code_imports_no_search_no_buyers_no_other_command(
    seeded_dir: Path, tmp_path: Path
) -> None:
    added = run_kefu(seeded_dir, "add", "亲，{店铺}今天下单明天到哦", "--code", "MRd1")
    assert added.returncode == 0, added.stderr
    expected = kefu_json(seeded_dir, "render", "mrd1")["text"]
    assert expected == "亲，今天下单明天到哦"
    for code in ("mrd1", "th1"):  # the phrase just added, and a built-in one
        status, text, modules = imported(kefu_env(seeded_dir), "render", code, out=tmp_path)
        assert status == 0
        assert "assistant.core.phrases.library" in modules  # the log holds the command's imports
        assert loaded(modules, NOT_FOR_A_PHRASE) == []
        assert loaded(modules, ("filelock",)) == []  # a read takes no lock
    assert text == kefu_json(seeded_dir, "render", "th1")["text"] + "\n"


def test_an_unknown_code_is_still_reported_without_the_search(
    seeded_dir: Path, tmp_path: Path
) -> None:
    status, text, modules = imported(kefu_env(seeded_dir), "render", "nosuch9", out=tmp_path)
    assert status == 2 and text == ""
    assert "找不到短语" in (tmp_path / "stderr").read_text("utf-8")
    assert loaded(modules, NOT_FOR_A_PHRASE) == []


@pytest.mark.clipboard
@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="no X display: run under xvfb-run -a")
@pytest.mark.skipif(shutil.which("xclip") is None, reason="xclip is not installed")
def test_copy_by_code_imports_no_search_no_buyers_no_other_command(
    seeded_dir: Path, tmp_path: Path
) -> None:
    status, text, modules = imported(kefu_env(seeded_dir), "copy", "th1", out=tmp_path)
    assert status == 0, (tmp_path / "stderr").read_text("utf-8")[-2000:]
    assert text.startswith("已复制到剪贴板")
    assert kefu_json(seeded_dir, "show", "th1")["use_count"] == 1
    assert loaded(modules, NOT_FOR_A_PHRASE) == []


def test_help_lists_every_command_as_its_family_adds_it(capsys: pytest.CaptureFixture[str]) -> None:
    whole = build_parser()  # every family imported and registered, as before the table
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    shown = capsys.readouterr().out
    assert shown == whole.format_help()
    for commands in FAMILIES.values():
        for name, helptext in commands:
            assert name in shown and helptext in shown


@pytest.mark.parametrize("name", [name for commands in FAMILIES.values() for name, _ in commands])
def test_each_command_parses_with_its_own_family(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    [table] = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    with pytest.raises(SystemExit) as done:
        main([name, "--help"])
    assert done.value.code == 0
    assert capsys.readouterr().out == table.choices[name].format_help()
