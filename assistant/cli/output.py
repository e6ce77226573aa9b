"""Printing for the command line: UTF-8 JSON for scripts, short plain lines for people."""

from __future__ import annotations

import sys
from typing import Any

import orjson


def emit_json(value: Any) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(orjson.dumps(value, option=orjson.OPT_INDENT_2) + b"\n")
    sys.stdout.buffer.flush()


def report_prepared(as_json: bool, count: int, what: str, unit: str = "条短语") -> None:
    """What a ``--prepare`` made: ``{"prepared": N}`` or a line naming ``what`` (an index)
    and how many of ``unit`` it holds."""
    if as_json:
        emit_json({"prepared": count})
    else:
        say(f"{what}已准备好（{count} {unit}）")


def say(text: str = "") -> None:
    print(text)


def warn(text: str) -> None:
    print(text, file=sys.stderr)


def one_line(text: str, width: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
