"""What a command family's ``register()`` is handed: the sub-command table to add to, and
the types of a command's handler and of a family's helper that adds one.

argparse names the type only privately, and it is generic only in its stub, so the alias is
a string for the type checker.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeAlias

if TYPE_CHECKING:  # the workspace is opened after parsing: naming its type costs no import
    from assistant.core.workspace import Workspace

Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

Handler: TypeAlias = "Callable[[argparse.Namespace, Workspace], int]"


class AddCommand(Protocol):
    """Adds one sub-command (with ACCOUNT and --platform unless ``account`` is False)."""

    def __call__(
        self, name: str, helptext: str, func: Handler, account: bool = True
    ) -> argparse.ArgumentParser: ...


def add_command(
    sub: Subcommands, common: argparse.ArgumentParser, name: str, helptext: str, func: Handler
) -> argparse.ArgumentParser:
    """One sub-command with the common options, run by ``func``; add its arguments to it."""
    p = sub.add_parser(name, parents=[common], help=helptext)
    p.set_defaults(func=func)
    return p


def add_pairs_option(
    p: argparse.ArgumentParser, flag: str, dest: str, metavar: str, helptext: str
) -> None:
    """A repeatable ``KEY=VALUE`` option, collected as a list for ``core.text.parse_pairs``."""
    p.add_argument(flag, dest=dest, action="append", default=[], metavar=metavar, help=helptext)
