"""Packs as a whole: how many phrases each holds, and removing a pack with its phrases."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.core.errors import InvalidInput
from assistant.core.phrases.library import PhraseLibrary
from assistant.core.phrases.model import Phrase
from assistant.core.phrases.packs import MY_PACK_ID, PackInfo
from assistant.core.phrases.tombstones import remember_deleted, remember_removed_pack


@dataclass(frozen=True, slots=True)
class PackRemoval:
    info: PackInfo
    phrases: list[Phrase]
    removed: bool  # False: only what would be removed


def phrase_counts(library: PhraseLibrary) -> dict[str, int]:
    """Phrases per pack id, hidden ones included."""
    return library.pack_counts()


def remove_pack(library: PhraseLibrary, ref: str, *, confirm: bool) -> PackRemoval:
    """Remove a pack and its phrases; without ``confirm`` only say what would go.

    Built-in phrases are remembered as deleted, so an upgrade does not bring them back.
    """
    info = library.packs.get(ref)
    if info.id == MY_PACK_ID:
        raise InvalidInput(f"「{info.name}」是默认短语包，不能删除（可以逐条删除其中的短语）")
    if not confirm:
        return PackRemoval(info, library.in_pack(info.id), removed=False)
    folder = library.folder
    # Lock order everywhere: phrases before settings.
    with library.batch() as batch, folder.settings.transaction():
        phrases = library.in_pack(info.id)
        for phrase in phrases:
            doc = batch.get(phrase.id) or {}
            batch.delete(phrase.id)
            if doc.get("origin") or info.kind == "builtin":
                remember_deleted(folder, phrase.id)
        library.packs.forget(info.id)
        if info.kind == "builtin":
            remember_removed_pack(folder, info.id)
    with folder.usage.transaction():
        for phrase in phrases:
            folder.usage.delete(phrase.id)
    return PackRemoval(info, phrases, removed=True)
