"""Crash-safe storage on TinyDB. Nothing outside this package touches TinyDB."""

from assistant.core.store.collection import Collection
from assistant.core.store.folder import DataFolder

__all__ = ["Collection", "DataFolder"]
