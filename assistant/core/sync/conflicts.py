"""Phrases a person has to look at after a sync: an override whose upstream changed, or a
phrase two publishers changed differently (both texts kept)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from assistant.core.clock import now_iso
from assistant.core.errors import InvalidInput, NotFound
from assistant.core.phrases.library import PhraseLibrary
from assistant.core.phrases.model import clean_code
from assistant.core.phrases.shape import fields_hash, set_content
from assistant.core.sync.apply import fields_from_json


@dataclass(frozen=True, slots=True)
class Flagged:
    phrase_id: str
    title: str
    text: str
    upstream: dict[str, Any] | None  # set when upstream changed a phrase the agent edited
    alternatives: list[dict[str, Any]]  # other publishers' texts


def flagged(library: PhraseLibrary) -> list[Flagged]:
    docs = library.stored(lambda d: bool(d.get("upstream_changed") or d.get("alternatives")))
    out = [
        Flagged(
            pid,
            doc["title"],
            doc["text"],
            doc.get("upstream") if doc.get("upstream_changed") else None,
            list(doc.get("alternatives", [])),
        )
        for pid, doc in docs.items()
    ]
    return sorted(out, key=lambda f: f.title)


def resolve(library: PhraseLibrary, phrase_id: str, choice: str) -> None:
    """``mine`` keeps the local text; ``upstream`` takes the upstream text; ``1``, ``2``…
    take that alternative."""
    with library.batch() as batch:
        doc = batch.get(phrase_id) or {}
        if not doc:
            raise NotFound(f"找不到短语：{phrase_id}")
        options: dict[str, Any] = {}
        if doc.get("upstream"):
            options["upstream"] = doc["upstream"]
        for n, alt in enumerate(doc.get("alternatives", []), start=1):
            options[str(n)] = alt
        if choice != "mine" and choice not in options:
            raise InvalidInput(f"没有可选的「{choice}」（可选：mine、{'、'.join(options)}）")
        if choice != "mine":
            chosen = fields_from_json(options[choice])  # its images were fetched with it
            code = clean_code(chosen.code)
            if not batch.code_claims().free_for(code, phrase_id):
                code = None
            set_content(doc, replace(chosen, code=code))
        origin = dict(doc.get("origin") or {})
        if doc.get("upstream"):
            # Acknowledged: this phrase is now based on the current upstream text; the
            # agent's text stays an override, and a later upstream change flags it again.
            origin["hash"] = fields_hash(fields_from_json(doc["upstream"]))
        doc["origin"] = origin
        doc.pop("upstream_changed", None)
        doc.pop("alternatives", None)
        doc["updated_at"] = now_iso()
        batch.put(doc)
