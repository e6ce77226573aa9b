"""快捷编码 are unique in a library, compared case- and width-blind: the one owner of that rule.

``CodeIndex`` answers "who has this code" for the library, re-reading only shards whose
files changed. ``CodeClaims`` is the same rule for a batch (a pack install, an import, a
sync): codes already taken stay with their phrase; a newcomer with a taken code keeps its
text and loses the code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from assistant.core.errors import InvalidInput
from assistant.core.phrases.model import code_key
from assistant.core.store import Collection

Doc = dict[str, Any]


def clash_error(code: str, title: str) -> InvalidInput:
    return InvalidInput(f"快捷编码 {code} 已被短语「{title}」使用")


class CodeIndex:
    """快捷编码 → phrase ids, rebuilt per shard only when that shard's file changed."""

    def __init__(self, docs: Collection) -> None:
        self._docs = docs
        self._shards: dict[int, dict[str, list[str]]] = {}
        self._sigs: dict[int, Any] = {}

    def _codes(self) -> dict[str, list[str]]:
        for i, sig in enumerate(self._docs.shard_signatures()):
            if self._sigs.get(i) != sig:
                shard: dict[str, list[str]] = {}
                for doc_id, doc in self._docs.shard_items(i).items():
                    if doc.get("code"):
                        shard.setdefault(code_key(doc["code"]), []).append(doc_id)
                self._shards[i] = shard
                self._sigs[i] = sig
        merged: dict[str, list[str]] = {}
        for shard in self._shards.values():
            for code, ids in shard.items():
                merged.setdefault(code, []).extend(ids)
        return merged

    def find(self, code: str, skip_id: str | None = None) -> Doc | None:
        """The stored phrase that has this code (other than ``skip_id``), or None."""
        key = code_key(code)
        for doc_id in self._codes().get(key, ()):
            doc = self._docs.get(doc_id)
            if doc_id != skip_id and doc is not None and code_key(doc.get("code") or "") == key:
                return doc
        return None

    def check_free(self, code: str | None, own_id: str | None) -> None:
        """Refuse a code another phrase has."""
        if not code:
            return
        clash = self.find(code, skip_id=own_id)
        if clash is not None:
            raise clash_error(code, clash["title"])


class CodeClaims:
    """Codes taken while a batch of phrases is written: first come keeps the code."""

    def __init__(self, docs: Iterable[tuple[str, Doc]]) -> None:
        self._owner = {code_key(d["code"]): k for k, d in docs if d.get("code")}

    def owner(self, code: str | None) -> str | None:
        return self._owner.get(code_key(code)) if code else None

    def free_for(self, code: str | None, phrase_id: str) -> bool:
        """No other phrase has this code (an empty code is always free)."""
        return self._owner.get(code_key(code), phrase_id) == phrase_id if code else True

    def claim(self, code: str | None, phrase_id: str) -> None:
        if code:
            self._owner[code_key(code)] = phrase_id

    def release(self, code: str | None, phrase_id: str) -> None:
        if code and self._owner.get(code_key(code)) == phrase_id:
            del self._owner[code_key(code)]
