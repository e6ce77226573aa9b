"""How a buyer is stored: the fields of a new record, copies, and the pinyin searched with it.

A stored buyer is a JSON document in the buyers collection, keyed by platform and account.
Its pinyin is recomputed only when a searched field changed (pypinyin is the costly part
of an edit), and only here.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

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


def doc_stamp(doc: Doc) -> bytes:
    """Eight bytes that change with a stored buyer (a digest of all of it), kept by the
    index: a shard another process wrote is compared with them buyer by buyer."""
    return hashlib.blake2b(orjson.dumps(doc), digest_size=8).digest()


def rank_meta(doc: Doc) -> list[Any]:
    """What ranking needs of a buyer, kept with the index: archived, account, platform."""
    return [bool(doc.get("archived")), doc.get("account", ""), doc.get("platform", "")]
