"""What a command family's ``register()`` is handed: the sub-command table to add to.

argparse names the type only privately, and it is generic only in its stub, so the alias is
a string for the type checker.
"""

from __future__ import annotations

import argparse
from typing import TypeAlias

Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
