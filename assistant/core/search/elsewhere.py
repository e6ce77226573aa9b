"""Which documents of a shard written by another process changed.

Another `kefu` command or a sync in another process rewrites a shard file. The collection's
log of recent changes (``store/change_log.py``) may tell which keys it changed: then only
their documents are read from the file (not kept, only they checked). When it does not, with
``shown`` (which holds every field a document's
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


def changes_elsewhere(index: Any, i: int, keys: set[str] | None) -> dict[str, Change]:
    """The changes of shard ``i``, written by another process, as ``index`` (the
    CollectionIndex) will hold them; ``keys``: those the change log told (None: not known,
    every document is compared)."""
    items = _read_unchecked(index, i)
    if items is None:  # inside a change, or missing or damaged: as the collection reads it
        return _compared(index, i, keys, index._collection.shard_items(i), None)
    return _compared(index, i, keys, items, index._collection.check)


def _compared(
    index: Any,
    i: int,
    keys: set[str] | None,
    items: dict[str, Doc],
    check: Callable[[str, Doc], bool] | None,
) -> dict[str, Change]:
    if keys is not None and (
        check is None or all(check(key, items[key]) for key in keys if key in items)
    ):
        return {key: index.change_of(key, items.get(key)) for key in keys}
    found = None if keys is not None else changed_documents(index, i, items, check)
    if found is None:  # a document damaged: the shard read recovered, and compared
        return _compared(index, i, None, index._collection.shard_items(i), None)
    return found


def _read_unchecked(index: Any, i: int) -> dict[str, Doc] | None:
    """Shard ``i``'s documents read from its file, not kept and not checked (~0.2 ms a
    shard of the ~7 its check took: most are compared and left as they are)."""
    if index._shown is None or index._collection.changing:
        return None
    try:
        read, docs = index._collection.read_shard_file(i, checked=False)
    except Exception:  # damaged: the collection's read recovers it from its copy
        return None
    return docs if read is not None else None
