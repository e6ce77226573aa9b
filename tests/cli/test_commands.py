"""The helpers every command family registers with: one sub-command, one KEY=VALUE option."""

from __future__ import annotations

import argparse

import pytest

from assistant.cli.commands import add_command, add_pairs_option
from assistant.core.workspace import Workspace


def _handler(args: argparse.Namespace, ws: Workspace) -> int:
    return 7


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true")
    top = argparse.ArgumentParser(prog="kefu")
    sub = top.add_subparsers(dest="command", required=True)
    p = add_command(sub, common, "shop", "店铺信息", _handler)
    add_pairs_option(p, "--set", "values", "KEY=VALUE", "如 --set 活动=满200减20")
    return top


def test_a_command_gets_the_common_options_and_its_handler() -> None:
    args = _parser().parse_args(["shop", "--json"])
    assert args.json is True
    assert args.func is _handler
    assert args.values == []


def test_a_pairs_option_collects_every_occurrence_in_order() -> None:
    args = _parser().parse_args(["shop", "--set", "店铺=小店", "--set", "活动=满减"])
    assert args.values == ["店铺=小店", "活动=满减"]


def test_the_help_names_the_option_its_metavar_and_text(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _parser().parse_args(["shop", "--help"])
    out = capsys.readouterr().out
    assert "--set KEY=VALUE" in out and "如 --set 活动=满200减20" in out
