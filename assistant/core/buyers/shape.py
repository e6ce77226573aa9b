"""How a buyer is stored: the fields of a new record, copies, and the pinyin searched with it.

A stored buyer is a JSON document in the buyers collection, keyed by platform and account.
Its pinyin is recomputed only when a searched field changed (pypinyin is the costly part
of an edit), and only here.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

import orjson

from assistant.core.buyers.model import READY_TAGS
from assistant.core.search import pinyin
from assistant.core.search.corpus import FieldEntry

Doc = dict[str, Any]
TAG_SEP = "\n"  # never inside a search term, so no match spans two tags
SEARCH_FIELDS = ("account", "remark", "tags", "notes")


def new_buyer_doc(account: str, platform: str, stamp: str) -> Doc:
    """A buyer with nothing known yet but the account (fields are cleaned by the caller)."""
    return {
        "account": account,
        "platform": platform,
        "remark": "",
        "group": None,
        "subgroup": None,
        "tags": [],
        "notes": "",
        "promises": [],
        "attributes": {},
        "order_count": 0,
        "total_spent": 0.0,
        "first_order_at": None,
        "last_order_at": None,
        "last_contact_at": None,
        "archived": False,
        "created_at": stamp,
        "updated_at": stamp,
        "orders": {},
    }


def copy_doc(doc: Doc) -> Doc:
    """A copy whose lists and maps can be changed without touching the stored one."""
    out = dict(doc)
    for key in ("tags", "promises"):
        out[key] = [dict(x) if isinstance(x, dict) else x for x in doc.get(key, [])]
    for key in ("attributes", "orders"):
        out[key] = dict(doc.get(key, {}))
    return out


def searchable(doc: Doc) -> dict[str, str]:
    """Stored pinyin for the searched fields; no word segmentation (names, large volumes)."""
    out = {
        "account": pinyin.encode(doc["account"]),
        "remark": pinyin.encode(doc.get("remark", "")),
        "notes": pinyin.encode(doc.get("notes", "")),
        "tags": pinyin.encode(TAG_SEP.join(doc.get("tags", []))),
    }
    return {k: v for k, v in out.items() if v}


def searched_fields(doc: Doc) -> tuple[Any, ...]:
    return (doc.get("account"), doc.get("remark"), doc.get("notes"), tuple(doc.get("tags", [])))


def refresh_pinyin(doc: Doc, before: Doc | None) -> None:
    """Recompute the stored pinyin when a searched field changed since ``before``."""
    if before is None or "_py" not in before or searched_fields(before) != searched_fields(doc):
        doc["_py"] = searchable(doc)
    elif "_py" not in doc:
        doc["_py"] = before["_py"]


def index_entries(key: str, doc: Doc) -> list[FieldEntry]:
    """The searched fields of a stored buyer, with their stored pinyin."""
    py = doc.get("_py") or {}
    return [
        ("account", doc["account"], py.get("account", "")),
        ("remark", doc.get("remark", ""), py.get("remark", "")),
        ("tags", TAG_SEP.join(doc.get("tags", [])), py.get("tags", "")),
        ("notes", doc.get("notes", ""), py.get("notes", "")),
    ]


def listed_row(doc: Doc) -> bytes:
    """What the buyers window lists of a stored buyer, kept by the index (on disk, read per
    row shown): a digest of the whole document first, so that a shard another process wrote
    is compared with these bytes buyer by buyer and any change is seen; then the columns
    (``listing.BuyerRow``)."""
    digest = hashlib.blake2b(orjson.dumps(doc), digest_size=8).hexdigest()
    return orjson.dumps(
        [
            digest,
            doc.get("account", ""),
            doc.get("platform", ""),
            doc.get("group"),
            doc.get("subgroup"),
            doc.get("remark", ""),
            doc.get("tags", []),
            doc.get("order_count", 0),
            doc.get("total_spent", 0.0),
            doc.get("last_order_at"),
        ]
    )


def facet(doc: Doc) -> int:
    """A buyer's group, subgroup and ready tags in one small number, kept in the index's
    meta so that the buyers window narrows 50,000 buyers without reading one: bits 0-3 the
    group (0: none), 4-8 the subgroup's letter (A = 1, 0: none), 9 on one bit per tag of
    ``READY_TAGS`` (other tags are not narrowed by)."""
    group = doc.get("group") or 0
    letter = subgroup_letter(doc.get("subgroup"))
    bits = 0
    for tag in doc.get("tags", []):
        if tag in _TAG_BITS:
            bits |= _TAG_BITS[tag]
    return group | letter << GROUP_BITS | bits << (GROUP_BITS + LETTER_BITS)


GROUP_BITS, LETTER_BITS = 4, 5


def subgroup_letter(code: str | None) -> int:
    """A subgroup's letter as a facet holds it: A = 1, B = 2… (0: none)."""
    last = (code or "")[-1:]
    return ord(last) - ord("A") + 1 if "A" <= last <= "Z" else 0


_TAG_BITS = {tag: 1 << i for i, tag in enumerate(READY_TAGS)}


def tag_bit(tag: str) -> int | None:
    """The bit of ``tag`` in a facet, None for a tag that is not a ready one."""
    bit = _TAG_BITS.get(tag)
    return bit << (GROUP_BITS + LETTER_BITS) if bit is not None else None


def first_due(doc: Doc) -> int:
    """The day (``date.toordinal``) the buyer's earliest open promise is due, 0 for none: a
    day's due promises are read from the few buyers that have one. A due date that is no
    date (a hand-edited file) counts as due at once, so that it is read and compared as
    written."""
    days = []
    for promise in doc.get("promises", []):
        if isinstance(promise, dict) and not promise.get("done") and promise.get("due"):
            try:
                days.append(date.fromisoformat(str(promise["due"])).toordinal())
            except ValueError:
                days.append(1)
    return min(days, default=0)


def rank_meta(doc: Doc) -> tuple[Any, ...]:
    """What ranking and listing need of a buyer, kept with the index: archived, account,
    platform, the facet and the first due promise's day."""
    return (
        bool(doc.get("archived")),
        doc.get("account", ""),
        doc.get("platform", ""),
        facet(doc),
        first_due(doc),
    )
