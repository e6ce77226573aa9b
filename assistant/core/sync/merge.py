"""Three-way merge of pack contents, phrase by phrase. It never loses a phrase:
a phrase deleted on one side and changed on the other is kept; one changed differently on
both sides keeps ``mine`` and records ``theirs`` as an alternative for a person to choose.
"""

from __future__ import annotations

from assistant.core.phrases.shape import PhraseFields
from assistant.core.sync.versions import Content

Alternatives = dict[str, list[PhraseFields]]


def merge3(base: Content, mine: Content, theirs: Content) -> tuple[Content, Alternatives]:
    merged: Content = {}
    alternatives: Alternatives = {}
    for pid in sorted(set(base) | set(mine) | set(theirs)):
        b, m, t = base.get(pid), mine.get(pid), theirs.get(pid)
        if m == t:
            result = m
        elif m == b:
            result = t
        elif t == b:
            result = m
        elif m is None:
            result = t  # deleted here, changed there: keep the change
        elif t is None:
            result = m
        else:
            result = m
            alternatives[pid] = [t]
        if result is not None:
            merged[pid] = result
    return merged, alternatives
