"""Which documents of a shard written by another process changed.

Another `kefu` command or a sync in another process rewrites a shard file, and which of
its documents changed is not known. With ``shown`` (which holds every field a document's
entries and meta are made from) only those whose shown bytes differ from the indexed ones
are indexed again: another process's edit of one phrase put the shard's ~300 in the delta,
whose full merge then took ~300 ms of the next search (each one after)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from assistant.core.search.corpus import FieldEntry

Doc = dict[str, Any]
# A changed document as the index holds it: its fields, meta and shown bytes (b"" without
# ``shown``); None when removed.
Change = tuple[Sequence[FieldEntry], tuple[Any, ...], bytes] | None


def changed_documents(
    index: Any, i: int, items: dict[str, Doc], check: Callable[[str, Doc], bool] | None
) -> dict[str, Change] | None:
    """What changed in shard ``i`` of ``index`` (the CollectionIndex: not imported, it
    imports this module), whose documents are now ``items``, against what the index holds
    of it. None when a document fails ``check`` (damaged: read the shard recovered)."""
    base, changed, shown = index._base, index._changed, index._shown
    assert base is not None
    d0, d1 = base.ranges[i][:2]
    in_base = {key: d0 + j for j, key in enumerate(base.corpus.keys[d0:d1])}
    shard_of = index._collection.shard_of
    keys = {*items, *in_base}
    keys.update(k for k in changed if shard_of(k) == i)
    # The shard's shown bytes in one read (read from the cache file: ~300 reads one by one
    # took ~4 ms), then sliced per document.
    held_here = shown is not None and base.shown is not None
    blob, ends = base.shown_of(i) if held_here else (b"", None)
    starts = np.concatenate([[0], np.cumsum(ends)]).tolist() if ends is not None else []
    found: dict[str, Change] = {}
    for key in keys:
        doc = items.get(key)
        if doc is None:
            if key in in_base or changed.get(key) is not None:
                found[key] = None
            continue
        data = shown(doc) if shown else b""
        if shown is not None:
            at = in_base.get(key)
            if key in changed or at is None or not starts:
                held = index._indexed_shown(key, at)
            else:
                held = blob[starts[at - d0] : starts[at - d0 + 1]]
            if data == held:
                continue
        if check is not None and not check(key, doc):
            return None
        found[key] = (index._entries(key, doc), index._meta(doc), data)
    return found
