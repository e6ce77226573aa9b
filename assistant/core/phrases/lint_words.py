"""The words the lint rules look for: ``resources/lint/*.json``, then a team's own in
``<data folder>/lint/*.json`` merged on top (lists extended, mappings updated)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from assistant.core.errors import InvalidInput
from assistant.core.paths import resources_dir
from assistant.core.phrases.lint import Linter
from assistant.core.store.shapes import first_mismatch


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for k, v in extra.items():
            out[k] = _merge(base.get(k), v) if k in base else v
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [x for x in extra if x not in base]
    return extra


def load_rule_words(data_dir: Path | None = None) -> dict[str, Any]:
    files = sorted((resources_dir() / "lint").glob("*.json"))
    if data_dir is not None:
        files += sorted((data_dir / "lint").glob("*.json"))
    words: dict[str, Any] = {}
    for f in files:
        try:
            extra = orjson.loads(f.read_bytes())
        except (OSError, orjson.JSONDecodeError) as exc:
            raise InvalidInput(f"检查规则文件 {f} 无法读取：{exc}") from exc
        # A team's file must hold what the built-in words hold, type for type.
        wrong = first_mismatch(extra, words) if words else None
        if wrong is not None:
            raise InvalidInput(f"检查规则文件 {f}：字段 {wrong} 的类型与内置规则不同")
        words = _merge(words, extra)
    return words


def linter_for(data_dir: Path, platform: str) -> Linter:
    """The linter for a data folder: the built-in words and the team's, one platform's rules."""
    return Linter(load_rule_words(data_dir), platform)
