"""Which phrase of a pack an imported row is: the same id, or the same text in the same group.

Each existing phrase is matched once, so a file that holds the same text twice adds the
second copy instead of folding it into the first; importing a file twice adds nothing.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from assistant.core.packs.sources import SourceRow
from assistant.core.phrases.packs import pack_id_of
from assistant.core.phrases.shape import PhraseFields

Doc = dict[str, Any]


def _norm(text: str) -> str:
    return " ".join(text.split())


class ExistingPhrases:
    """The phrases already in the target packs, found by id or by text; each matched once."""

    def __init__(self, docs: dict[str, Doc], pack_ids: set[str]) -> None:
        self.docs = docs
        self.claimed: set[str] = set()
        self._by_key: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        self._by_text: dict[tuple[str, str], list[str]] = defaultdict(list)
        for doc_id, doc in sorted(
            docs.items(), key=lambda kv: (kv[1].get("created_at", ""), kv[0])
        ):
            pack_id = pack_id_of(doc)
            if pack_id in pack_ids:
                norm = _norm(doc["text"])
                self._by_key[(pack_id, norm, doc["group"])].append(doc_id)
                self._by_text[(pack_id, norm)].append(doc_id)

    def claim_id(self, phrase_id: str | None, pack_id: str) -> str | None:
        doc = self.docs.get(phrase_id or "")
        if phrase_id is None or doc is None or pack_id_of(doc) != pack_id:
            return None
        self.claimed.add(phrase_id)
        return phrase_id

    def claim_text(self, row: SourceRow, fields: PhraseFields, pack_id: str) -> str | None:
        norm = _norm(fields.text)
        if "group" in row.given:
            pool = self._by_key[(pack_id, norm, fields.group)]
        else:  # the file has no groups: the same text in any group is the same phrase
            pool = self._by_text[(pack_id, norm)]
        doc_id = next((d for d in pool if d not in self.claimed), None)
        if doc_id is not None:
            self.claimed.add(doc_id)
        return doc_id
