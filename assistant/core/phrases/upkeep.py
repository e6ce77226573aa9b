"""The data folder's daily upkeep: today's backup, then the removal of the images no phrase
uses (the backup holds a copy of each). Run by the app once a day, in a `kefu backup --daily`
process of its own (``ui/background.py``): reading every phrase for the images left ~20 MB of
the app's heap resident for the rest of the day at 20,000 phrases."""

from __future__ import annotations

from assistant.core.phrases.library import PhraseLibrary
from assistant.core.store import DataFolder
from assistant.core.store.backup import daily_backup


def backup_and_clean(folder: DataFolder) -> bool:
    """Today's backup if there is none yet, then (the backup holding today's images) the
    removal of images no phrase uses. True when a backup was made."""
    if daily_backup(folder) is None:
        return False
    PhraseLibrary(folder).remove_unused_images()
    return True
