"""`kefu pack publish|subscribe|sync|...` (being written)."""

from __future__ import annotations

import argparse
from typing import Any


def register(psub: Any, common: argparse.ArgumentParser) -> None:
    pass
