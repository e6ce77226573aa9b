"""Phrases a person has to look at after a sync: an override whose upstream changed, or a
phrase two publishers changed differently (both texts kept)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.core.clock import now_iso
from assistant.core.errors import InvalidInput, NotFound
from assistant.core.phrases.library import PhraseFields, PhraseLibrary, searchable
from assistant.core.phrases.model import clean_code, code_key
from assistant.core.sync.apply import fields_hash


@dataclass(frozen=True, slots=True)
class Flagged:
    phrase_id: str
    title: str
    text: str
    upstream: dict[str, Any] | None  # set when upstream changed a phrase the agent edited
    alternatives: list[dict[str, Any]]  # other publishers' texts


def flagged(library: PhraseLibrary) -> list[Flagged]:
    out = []
    for pid, doc in library.docs.items():
        if doc.get("upstream_changed") or doc.get("alternatives"):
            out.append(
                Flagged(
                    pid,
                    doc["title"],
                    doc["text"],
                    doc.get("upstream") if doc.get("upstream_changed") else None,
                    list(doc.get("alternatives", [])),
                )
            )
    return sorted(out, key=lambda f: f.title)


def resolve(library: PhraseLibrary, phrase_id: str, choice: str) -> None:
    """``mine`` keeps the local text; ``upstream`` takes the upstream text; ``1``, ``2``…
    take that alternative."""
    with library.docs.transaction():
        doc = dict(library.docs.get(phrase_id) or {})
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
            chosen = options[choice]
            code = clean_code(chosen.get("code"))
            if code and any(
                k != phrase_id and d.get("code") and code_key(d["code"]) == code_key(code)
                for k, d in library.docs.items()
            ):
                code = None
            fields = PhraseFields(
                chosen["title"], chosen["text"], chosen["group"], code, list(chosen.get("tags", []))
            )
            doc.update(
                title=fields.title,
                text=fields.text,
                group=fields.group,
                code=fields.code,
                tags=fields.tags,
                _py=searchable(fields),
            )
        origin = dict(doc.get("origin") or {})
        if doc.get("upstream"):
            # Acknowledged: this phrase is now based on the current upstream text; the
            # agent's text stays an override, and a later upstream change flags it again.
            origin["hash"] = fields_hash(PhraseFields(**doc["upstream"]))
        doc["origin"] = origin
        doc.pop("upstream_changed", None)
        doc.pop("alternatives", None)
        doc["updated_at"] = now_iso()
        library.docs.put(phrase_id, doc)
