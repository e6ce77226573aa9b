"""Phrases from packs the user deleted, and packs removed whole: never brought back.

Built-in and subscribed packs are reinstalled on upgrade and sync; this record is what
keeps a deletion a deletion. It lives in the settings collection, beside the state of
the built-in install.
"""

from __future__ import annotations

from assistant.core.store import DataFolder

STATE = "builtin"


def deleted_ids(folder: DataFolder) -> set[str]:
    """Phrases from packs (built-in or subscribed) the user deleted: never brought back."""
    return set((folder.settings.get(STATE) or {}).get("deleted", []))


def remember_deleted(folder: DataFolder, phrase_id: str) -> None:
    with folder.settings.transaction():
        state = dict(folder.settings.get(STATE) or {})
        deleted = set(state.get("deleted", []))
        deleted.add(phrase_id)
        state["deleted"] = sorted(deleted)
        folder.settings.put(STATE, state)


def remember_removed_pack(folder: DataFolder, pack_id: str) -> None:
    """A built-in pack the user removed as a whole: upgrades never register it again."""
    with folder.settings.transaction():
        state = dict(folder.settings.get(STATE) or {})
        state["removed_packs"] = sorted({*state.get("removed_packs", []), pack_id})
        folder.settings.put(STATE, state)


def forget_deleted(folder: DataFolder, phrase_id: str) -> None:
    """A deleted built-in phrase was brought back (undo): stop treating it as deleted."""
    with folder.settings.transaction():
        state = dict(folder.settings.get(STATE) or {})
        state["deleted"] = [d for d in state.get("deleted", []) if d != phrase_id]
        folder.settings.put(STATE, state)
