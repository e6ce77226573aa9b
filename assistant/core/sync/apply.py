"""Bringing a pack's upstream content into the local library.

Local use counts and favourites survive (they are not part of the content). A phrase the
agent changed is kept as the agent's override; the upstream text is kept beside it, and when
upstream changes that phrase the phrase is flagged so the agent can choose. Phrases deleted
upstream disappear unless the agent changed them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from assistant.core.clock import now_iso
from assistant.core.phrases.library import PhraseLibrary
from assistant.core.phrases.model import images_of
from assistant.core.phrases.packs import PackInfo, pack_id_of
from assistant.core.phrases.shape import (
    PhraseFields,
    doc_hash,
    fields_hash,
    fields_of,
    new_doc,
    set_content,
)
from assistant.core.sync.merge import Alternatives
from assistant.core.sync.versions import Content

Doc = dict[str, Any]


@dataclass(slots=True)
class ApplyReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    overrides_flagged: int = 0
    conflicts: int = 0
    skipped: list[str] = field(default_factory=list)


def fields_json(f: PhraseFields) -> dict[str, Any]:
    """A phrase's content as a stored document keeps it (``upstream``, ``alternatives``):
    JSON values only, so what is compared before a write is what a read gives back."""
    return {
        "title": f.title,
        "text": f.text,
        "group": f.group,
        "code": f.code,
        "tags": list(f.tags),
        "questions": list(f.questions),
        "images": [image.to_json() for image in f.images],
    }


def fields_from_json(value: dict[str, Any]) -> PhraseFields:
    """The content ``fields_json`` kept (images as PhraseImage again)."""
    return PhraseFields(
        value["title"],
        value["text"],
        value["group"],
        value.get("code"),
        list(value.get("tags", [])),
        list(value.get("questions", [])),
        tuple(images_of(value.get("images"))),
    )


def apply_upstream(
    library: PhraseLibrary,
    pack: PackInfo,
    content: Content,
    alternatives: Alternatives,
    locally_deleted: set[str],
    *,
    as_owner: bool = False,
) -> ApplyReport:
    """Make the library's copy of ``pack`` follow ``content``.

    ``as_owner``: the content is the publisher's own merge result, so it replaces local
    text outright instead of being treated as an upstream under local overrides.
    """
    report = ApplyReport()
    stamp = now_iso()
    with library.batch() as docs:
        codes = docs.code_claims()
        present = {k for k, d in docs.items() if pack_id_of(d) == pack.id}
        for pid, up in content.items():
            if not codes.free_for(up.code, pid):
                up = replace(up, code=None)
            up_hash = fields_hash(up)
            local = docs.get(pid)
            alts = [fields_json(a) for a in alternatives.get(pid, [])]
            if local is not None and pack_id_of(local) != pack.id:
                report.skipped.append(f"{pid}：与本地另一个短语包的短语编号相同，已跳过")
                continue
            if local is None:
                if pid in locally_deleted and not as_owner:
                    continue
                doc = new_doc(
                    up,
                    phrase_id=pid,
                    pack=pack.name,
                    pack_id=pack.id,
                    origin={"pack": pack.id, "hash": up_hash},
                    stamp=stamp,
                )
                report.added += 1
            else:
                doc = dict(local)
                origin = dict(doc.get("origin") or {})
                edited = doc_hash(doc) != origin.get("hash")
                if as_owner or not edited:
                    if doc_hash(doc) == up_hash and origin.get("hash") == up_hash and not alts:
                        report.unchanged += 1
                    else:
                        report.updated += 1
                    set_content(doc, up)
                    doc.pop("upstream_changed", None)
                elif origin.get("hash") != up_hash:
                    doc["upstream_changed"] = True  # the agent's override meets a new upstream
                    report.overrides_flagged += 1
                else:
                    report.unchanged += 1
                doc["origin"] = {
                    **origin,
                    "pack": pack.id,
                    "hash": up_hash if (as_owner or not edited) else origin.get("hash"),
                }
                doc["pack"], doc["pack_id"] = pack.name, pack.id
            doc["upstream"] = fields_json(up)
            if alts:
                doc["alternatives"] = alts
                report.conflicts += 1
            else:
                doc.pop("alternatives", None)
            codes.claim(up.code, pid)
            if doc != local:  # a sync that brings nothing new writes no file
                if local is not None:
                    doc["updated_at"] = stamp
                docs.put(doc)
        for pid in present - set(content):
            local = docs.get(pid) or {}
            edited = doc_hash(local) != (local.get("origin") or {}).get("hash")
            if edited and not as_owner:
                if (local.get("origin") or {}).get("removed_upstream") is True:
                    continue  # already kept as the agent's own
                doc = dict(local)
                doc["origin"] = {**(local.get("origin") or {}), "removed_upstream": True}
                docs.put(doc)
            else:
                docs.delete(pid)
                report.removed += 1
    return report


def local_content(library: PhraseLibrary, pack_id: str) -> Content:
    return {
        pid: fields_of(doc)
        for pid, doc in library.stored(lambda d: pack_id_of(d) == pack_id).items()
    }
