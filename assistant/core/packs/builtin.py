"""The built-in phrase packs shipped in ``phrases/``, and how upgrades treat user changes.

Rules: a shipped phrase the user deleted never comes back; one the user edited is never
overwritten; one the user left alone follows the new shipped version. The state that makes
this possible (what was shipped, what was deleted) lives in the settings collection.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.core.clock import now_iso
from assistant.core.paths import builtin_phrases_dir
from assistant.core.phrases.batch import PhraseBatch
from assistant.core.phrases.codes import CodeClaims
from assistant.core.phrases.library import PhraseLibrary
from assistant.core.phrases.packs import PackInfo
from assistant.core.phrases.shape import doc_hash, fields_hash, new_doc, set_content
from assistant.core.phrases.tombstones import STATE

if TYPE_CHECKING:
    from assistant.core.packs.pack_format import PhrasePack

# Bumped when what an install records changes (2: packs are registered), so data folders
# made by an older version are brought up to date once even if the shipped files did not.
STATE_FORMAT = 2


def _fingerprint(files: list[Path]) -> str:
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def install_builtins(library: PhraseLibrary, source: Path | None = None) -> int:
    """Bring shipped packs into the library if they changed since last time.

    Cheap when nothing changed (one hash of a few small files). Returns how many phrases
    were added or updated.
    """
    folder = library.folder
    source = source or builtin_phrases_dir()
    files = sorted(source.glob("*.json")) if source.is_dir() else []
    if not files:
        return 0
    fingerprint = _fingerprint(files)
    state = folder.settings.get(STATE) or {}
    if state.get("fingerprint") == fingerprint and state.get("format") == STATE_FORMAT:
        return 0
    # The pack reader (and the table reading under it) only when the shipped files changed:
    # every command opens the workspace, and almost never installs anything.
    from assistant.core.packs.pack_format import read_pack

    packs = [read_pack(f) for f in files]
    changed = 0
    # Lock order everywhere: phrases before settings (see PhraseLibrary.remove).
    with library.batch() as batch, folder.settings.transaction():
        state = dict(folder.settings.get(STATE) or {})
        deleted = set(state.get("deleted", []))
        claims = batch.code_claims()
        removed_packs = set(state.get("removed_packs", []))
        for pack in packs:
            if pack.id in removed_packs:
                continue
            changed += _install_pack(batch, pack, deleted, claims)
            library.packs.put(
                PackInfo(
                    id=pack.id,
                    name=pack.name,
                    version=pack.version,
                    description=pack.description,
                    author=pack.author,
                    updated_at=pack.updated_at,
                    kind="builtin",
                    source="内置",
                )
            )
        state["fingerprint"] = fingerprint
        state["format"] = STATE_FORMAT
        folder.settings.put(STATE, state)
    return changed


def _install_pack(
    batch: PhraseBatch, pack: PhrasePack, deleted: set[str], claims: CodeClaims
) -> int:
    changed = 0
    stamp = now_iso()
    for item in pack.phrases:
        if item.id in deleted:
            continue
        fields = item.fields
        if not claims.free_for(fields.code, item.id):
            fields = replace(fields, code=None)
        shipped_hash = fields_hash(fields)
        origin = {"pack": pack.id, "hash": shipped_hash}
        existing: dict[str, Any] | None = batch.get(item.id)
        if existing is None:
            doc = new_doc(
                fields,
                phrase_id=item.id,
                pack=pack.name,
                pack_id=pack.id,
                origin=origin,
                stamp=stamp,
            )
        else:
            old_origin = existing.get("origin") or {}
            if (
                doc_hash(existing) != old_origin.get("hash")
                or old_origin.get("hash") == shipped_hash
            ):
                continue  # edited by the user, or nothing new: leave it alone
            doc = existing
            set_content(doc, fields)
            doc.update(origin=origin, updated_at=stamp)
        claims.claim(fields.code, item.id)
        batch.put(doc)
        changed += 1
    return changed
