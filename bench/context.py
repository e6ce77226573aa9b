"""What every measurement gets: the sizes, the generated data and a place for scratch folders."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from bench.config import Sizes
from bench.generate import Dataset, Scratch
from bench.queries import Query, query_set


@dataclass
class Context:
    sizes: Sizes
    ds: Dataset
    scratch: Scratch
    _shared: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def queries(self) -> list[Query]:
        return query_set(self.ds)

    def shared_workspace(self) -> Any:
        """One workspace on a copy of the library, for the in-process read-only figures."""
        if "ws" not in self._shared:
            from assistant.core.workspace import open_workspace

            self._shared["ws"] = open_workspace(self.scratch.copy_library(self.ds, "search"))
        return self._shared["ws"]

    def copy(self, name: str) -> Path:
        return self.scratch.copy_library(self.ds, name)
