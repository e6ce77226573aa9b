"""Many stored phrases changed in one transaction: how packs, imports and sync write.

A batch is handed out by ``PhraseLibrary.batch()`` inside the phrases transaction, so
everything it does lands together or not at all. It reads copies and writes whole
documents; content goes through ``shape.set_content`` so stored pinyin follows the text.
"""

from __future__ import annotations

from collections.abc import Iterator

from assistant.core.phrases.codes import CodeClaims
from assistant.core.phrases.shape import Doc
from assistant.core.store import Collection


class PhraseBatch:
    def __init__(self, docs: Collection) -> None:
        self._docs = docs

    def get(self, phrase_id: str) -> Doc | None:
        """A copy of the stored phrase (change it, then ``put`` it)."""
        doc = self._docs.get(phrase_id)
        return dict(doc) if doc is not None else None

    def items(self) -> Iterator[tuple[str, Doc]]:
        """Every stored phrase, read-only: copy one before changing it."""
        return self._docs.items()

    def code_claims(self) -> CodeClaims:
        """The 快捷编码 taken right now, to hand out codes within this batch."""
        return CodeClaims(self._docs.items())

    def put(self, doc: Doc) -> None:
        self._docs.put(doc["id"], doc)

    def delete(self, phrase_id: str) -> bool:
        return self._docs.delete(phrase_id)
