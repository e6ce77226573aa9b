"""The phrase library: add, edit, remove, find and rank quick phrases.

Every change runs in a storage transaction (cross-process lock, reload, atomic commit).
The search index follows the files: shards changed by another process are re-read on the
next query, so the tray app sees what the command line did.
"""

from __future__ import annotations

import math
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.core.clock import now, now_iso, parse_iso
from assistant.core.errors import InvalidInput, KefuError, NotFound
from assistant.core.phrases.model import (
    MY_PACK,
    Phrase,
    check_id,
    clean_code,
    clean_group,
    clean_tags,
    clean_text,
    clean_title,
    code_key,
)
from assistant.core.phrases.packs import MY_PACK_ID, MY_PACK_INFO, PackRegistry, pack_id_of
from assistant.core.phrases.template import validate
from assistant.core.phrases.tombstones import forget_deleted, remember_deleted
from assistant.core.phrases.usage import UsageStore, UseCount
from assistant.core.search import pinyin
from assistant.core.search.corpus import FieldEntry
from assistant.core.search.fields import SearchDoc, SearchField
from assistant.core.search.index import CollectionIndex
from assistant.core.search.matcher import top
from assistant.core.store import Collection, DataFolder

Doc = dict[str, Any]
_UNSET: Any = object()
TAG_SEP = "\n"  # never inside a search term, so no match spans two tags
RECENCY_HALF_LIFE_DAYS = 14.0


@dataclass(frozen=True, slots=True)
class PhraseFields:
    """Validated content of a phrase, as the user gave it."""

    title: str
    text: str
    group: str
    code: str | None
    tags: list[str]


def make_fields(
    text: str,
    title: str | None = None,
    group: str | None = None,
    code: str | None = None,
    tags: list[str] | None = None,
) -> PhraseFields:
    text = clean_text(text)
    validate(text)
    return PhraseFields(
        clean_title(title, text), text, clean_group(group), clean_code(code), clean_tags(tags)
    )


def searchable(fields: PhraseFields) -> dict[str, str]:
    """Stored pinyin for the fields that are searched: computed once, at save time."""
    out = {
        "code": pinyin.encode(fields.code or ""),
        "title": pinyin.encode(fields.title),
        "text": pinyin.encode(fields.text),
        "group": pinyin.encode(fields.group),
        "tags": pinyin.encode(TAG_SEP.join(fields.tags)),
    }
    return {k: v for k, v in out.items() if v}


def _search_doc(key: str, doc: Doc) -> SearchDoc:
    py = doc.get("_py") or {}
    return SearchDoc.make(
        key,
        [
            SearchField.make("code", doc.get("code") or "", py.get("code", "")),
            SearchField.make("title", doc["title"], py.get("title", "")),
            SearchField.make("group", doc["group"], py.get("group", "")),
            SearchField.make("tags", TAG_SEP.join(doc.get("tags", [])), py.get("tags", "")),
            SearchField.make("text", doc["text"], py.get("text", "")),
        ],
    )


SEARCH_FIELDS = ("code", "title", "group", "tags", "text")


def _index_entries(key: str, doc: Doc) -> list[FieldEntry]:
    """The searched fields of a stored phrase, with their stored pinyin (same as _search_doc)."""
    py = doc.get("_py") or {}
    return [
        ("code", doc.get("code") or "", py.get("code", "")),
        ("title", doc["title"], py.get("title", "")),
        ("group", doc["group"], py.get("group", "")),
        ("tags", TAG_SEP.join(doc.get("tags", [])), py.get("tags", "")),
        ("text", doc["text"], py.get("text", "")),
    ]


def _rank_meta(doc: Doc) -> list[Any]:
    """What ranking needs of a phrase, kept with the index: hidden, favourite, created."""
    return [bool(doc.get("hidden")), bool(doc.get("favourite")), doc.get("created_at", "")]


def to_phrase(doc: Doc, use: UseCount | None = None) -> Phrase:
    return Phrase(
        id=doc["id"],
        title=doc["title"],
        text=doc["text"],
        group=doc["group"],
        code=doc.get("code"),
        tags=list(doc.get("tags", [])),
        pack=doc.get("pack", MY_PACK),
        favourite=bool(doc.get("favourite", False)),
        hidden=bool(doc.get("hidden", False)),
        use_count=use.count if use else 0,
        last_used_at=use.last_used_at if use else None,
        created_at=doc.get("created_at", ""),
        updated_at=doc.get("updated_at", ""),
    )


def new_doc(
    fields: PhraseFields,
    *,
    phrase_id: str | None = None,
    pack: str = MY_PACK,
    pack_id: str = MY_PACK_ID,
    favourite: bool = False,
    origin: dict[str, str] | None = None,
    stamp: str | None = None,
) -> Doc:
    stamp = stamp or now_iso()
    doc: Doc = {
        "id": check_id(phrase_id) if phrase_id else uuid.uuid4().hex,
        "title": fields.title,
        "text": fields.text,
        "group": fields.group,
        "code": fields.code,
        "tags": fields.tags,
        "pack": pack,
        "pack_id": pack_id,
        "favourite": favourite,
        "hidden": False,
        "created_at": stamp,
        "updated_at": stamp,
        "_py": searchable(fields),
    }
    if origin:
        doc["origin"] = origin
    return doc


class PhraseLibrary:
    def __init__(self, folder: DataFolder) -> None:
        self.folder = folder
        self.docs: Collection = folder.phrases
        self.usage = UsageStore(folder)
        self.packs = PackRegistry(folder)
        self._index = CollectionIndex(
            self.docs,
            SEARCH_FIELDS,
            _index_entries,
            folder.path / "cache" / "phrases-index",
            meta=_rank_meta,
        )
        self._code_shards: dict[int, dict[str, list[str]]] = {}
        self._code_sigs: dict[int, Any] = {}
        self._rank_version = -1
        self._rank_arrays: tuple[Any, ...] = ()
        self._frecency: tuple[Any, Any] = (None, None)
        self._equals_rank: tuple[Any, Any] = (None, None)

    # -- reading ----------------------------------------------------------------------
    def get(self, phrase_id: str) -> Phrase:
        doc = self.docs.get(phrase_id)
        if doc is None:
            raise NotFound(f"找不到短语：{phrase_id}")
        return to_phrase(doc, self.usage.get(phrase_id))

    def resolve(self, ref: str) -> Phrase:
        """A phrase by its id or by its 快捷编码."""
        ref = ref.strip()
        doc = self.docs.get(ref)
        if doc is None:
            doc = self._find_code(code_key(ref)) if ref else None
        if doc is None:
            raise NotFound(f"找不到短语：{ref}（既不是短语编号，也不是快捷编码）")
        return to_phrase(doc, self.usage.get(doc["id"]))

    def _find_code(self, key: str, skip_id: str | None = None) -> Doc | None:
        for doc_id in self._codes().get(key, ()):
            doc = self.docs.get(doc_id)
            if doc_id != skip_id and doc is not None and code_key(doc.get("code") or "") == key:
                return doc
        return None

    def _codes(self) -> dict[str, list[str]]:
        """快捷编码 → phrase ids, rebuilt per shard only when that shard's file changed."""
        sigs = self.docs.shard_signatures()
        for i, sig in enumerate(sigs):
            if self._code_sigs.get(i) != sig:
                self._code_shards[i] = {}
                for doc_id, doc in self.docs.shard_items(i).items():
                    if doc.get("code"):
                        self._code_shards[i].setdefault(code_key(doc["code"]), []).append(doc_id)
                self._code_sigs[i] = sig
        merged: dict[str, list[str]] = {}
        for shard in self._code_shards.values():
            for code, ids in shard.items():
                merged.setdefault(code, []).extend(ids)
        return merged

    def all(self, *, include_hidden: bool = False) -> list[Phrase]:
        uses = self.usage.all()
        phrases = [
            to_phrase(doc, uses.get(key))
            for key, doc in self.docs.items()
            if include_hidden or not doc.get("hidden")
        ]
        phrases.sort(key=lambda p: (p.group, p.created_at, p.id))
        return phrases

    def filtered(
        self, group: str | None = None, pack: str | None = None, include_hidden: bool = False
    ) -> list[Phrase]:
        out = self.all(include_hidden=include_hidden)
        if group:
            out = [p for p in out if p.group == group.strip()]
        if pack:
            info = self.packs.get(pack)
            out = [p for p in out if self.pack_id(p.id) == info.id]
        return out

    def pack_id(self, phrase_id: str) -> str:
        return pack_id_of(self.docs.get(phrase_id) or {})

    def in_pack(self, pack_id: str, include_hidden: bool = True) -> list[Phrase]:
        uses = self.usage.all()
        out = [
            to_phrase(doc, uses.get(key))
            for key, doc in self.docs.items()
            if pack_id_of(doc) == pack_id and (include_hidden or not doc.get("hidden"))
        ]
        out.sort(key=lambda p: (p.group, p.created_at, p.id))
        return out

    def groups(self) -> list[tuple[str, int]]:
        counts = Counter(p.group for p in self.all())
        return sorted(counts.items(), key=lambda kv: kv[0])

    def favourites(self) -> list[Phrase]:
        return [p for p in self.all() if p.favourite]

    # -- search -------------------------------------------------------------------------
    def search(
        self, query: str, limit: int | None = None, include_hidden: bool = False
    ) -> list[Phrase]:
        """Ranked: exact code, code prefix, title, group/tags, then text; among equals
        favourites and phrases used often and lately first; otherwise library order."""
        matches = self._index.match(query)
        if not matches.docs.size:
            return []
        idx = self._index
        hidden, _, base = self._ranking_arrays()
        docs = matches.docs
        keep = ~hidden[docs] if not include_hidden else np.ones(len(docs), dtype=np.bool_)
        tier = np.full(len(docs), 4, dtype=np.int8)
        fid = idx.field_id
        tier[matches.all_terms_in([fid("code"), fid("title"), fid("group"), fid("tags")])] = 3
        tier[matches.all_terms_in([fid("code"), fid("title")])] = 2
        tier[matches.field_prefix(fid("code"))] = 1
        tier[matches.field_prefix(fid("code"), whole=True)] = 0
        docs, tier = docs[keep], tier[keep]
        # Among equals: favourites, then frecency, then library order — one precomputed
        # rank, so ordering the matches is one integer key and a partial sort.
        key = tier.astype(np.int64) * max(1, len(base)) + self._rank_among_equals()[docs]
        return self._phrases_at(docs[top(key, limit)])

    def _ranking_arrays(self) -> tuple[Any, Any, Any]:
        """Per indexed phrase: hidden, favourite, and its place in library order."""
        idx = self._index
        if self._rank_version != idx.version:
            keys = idx.keys
            meta = idx.meta
            hidden = np.array([bool(m[0]) for m in meta], dtype=np.bool_)
            favourite = np.array([bool(m[1]) for m in meta], dtype=np.bool_)
            order = sorted(range(len(keys)), key=lambda i: (meta[i][2], keys[i]))
            base = np.empty(len(keys), dtype=np.int64)
            base[order] = np.arange(len(keys))
            self._rank_arrays = (hidden, favourite, base)
            self._rank_version = idx.version
            self._frecency = (None, None)
        hidden, favourite, base = self._rank_arrays
        return hidden, favourite, base

    def _frecency_array(self) -> Any:
        """Use counts with a recency decay, per indexed phrase; recomputed when uses change."""
        stamp = (self._rank_version, tuple(map(str, self.usage.signature())))
        if self._frecency[0] != stamp:
            keys = self._index.keys
            moment = now()
            uses = self.usage.all()
            values = np.zeros(len(keys), dtype=np.float64)
            for i, key in enumerate(keys):
                use = uses.get(key)
                if use is not None and use.count:
                    values[i] = _decayed(use.count, use.last_used_at, moment)
            self._frecency = (stamp, values)
        return self._frecency[1]

    def _rank_among_equals(self) -> Any:
        """Per indexed phrase: its place by (favourite first, frecency, library order)."""
        frecency = self._frecency_array()
        if self._equals_rank[0] is not frecency:
            _, favourite, base = self._ranking_arrays()
            order = np.lexsort((base, -frecency, ~favourite))
            rank = np.empty(len(order), dtype=np.int64)
            rank[order] = np.arange(len(order))
            self._equals_rank = (frecency, rank)
        return self._equals_rank[1]

    def suggested(self, limit: int = 50) -> list[Phrase]:
        """What to show before anything is typed: favourites, then the most used lately."""
        self._index.sync()
        hidden, _, base = self._ranking_arrays()
        if not len(base):
            return []
        visible = np.flatnonzero(~hidden)
        return self._phrases_at(visible[top(self._rank_among_equals()[visible], limit)])

    def _phrases_at(self, doc_indices: Any) -> list[Phrase]:
        keys = self._index.keys
        out = []
        for i in doc_indices.tolist():
            doc = self.docs.get_cached(keys[i])  # the index just checked the files
            if doc is not None:
                out.append(to_phrase(doc, self.usage.get(keys[i], cached=True)))
        return out

    # -- changing ------------------------------------------------------------------------
    def add(
        self,
        text: str,
        *,
        title: str | None = None,
        group: str | None = None,
        code: str | None = None,
        tags: list[str] | None = None,
        favourite: bool = False,
        pack: str | None = None,
    ) -> Phrase:
        fields = make_fields(text, title, group, code, tags)
        info = self.packs.get(pack) if pack else MY_PACK_INFO
        doc = new_doc(fields, pack=info.name, pack_id=info.id, favourite=favourite)
        with self.docs.transaction():
            self._check_code_free(fields.code, None)
            self.docs.put(doc["id"], doc)
        return to_phrase(doc)

    def edit(
        self,
        ref: str,
        *,
        text: str | None = None,
        title: str | None = None,
        group: str | None = None,
        code: Any = _UNSET,
        tags: list[str] | None = None,
        favourite: bool | None = None,
        hidden: bool | None = None,
        pack: str | None = None,
    ) -> Phrase:
        target = self.packs.get(pack) if pack else None
        with self.docs.transaction():
            current = self.resolve(ref)
            doc = dict(self.docs.get(current.id) or {})
            new_text = text if text is not None else doc["text"]
            new_title = (
                title
                if title is not None
                else (
                    None if text is not None and doc["title"] == _auto_title(doc) else doc["title"]
                )
            )
            fields = make_fields(
                new_text,
                new_title,
                group if group is not None else doc["group"],
                doc.get("code") if code is _UNSET else code,
                tags if tags is not None else doc.get("tags", []),
            )
            self._check_code_free(fields.code, current.id)
            doc.update(
                title=fields.title,
                text=fields.text,
                group=fields.group,
                code=fields.code,
                tags=fields.tags,
                _py=searchable(fields),
            )
            if favourite is not None:
                doc["favourite"] = favourite
            if hidden is not None:
                doc["hidden"] = hidden
            if target is not None:
                doc["pack"], doc["pack_id"] = target.name, target.id
            doc["updated_at"] = now_iso()
            self.docs.put(current.id, doc)
        return to_phrase(doc, self.usage.get(current.id))

    def remove(self, ref: str) -> Phrase:
        with self.docs.transaction():
            phrase = self.resolve(ref)
            doc = self.docs.get(phrase.id) or {}
            origin = doc.get("origin")
            self.docs.delete(phrase.id)
            if origin:
                remember_deleted(self.folder, phrase.id)
        self.usage.forget(phrase.id)
        return phrase

    def snapshot(self, phrase_id: str) -> Doc:
        """Everything stored about a phrase, to undo its deletion with ``restore``."""
        doc = self.docs.get(phrase_id)
        if doc is None:
            raise NotFound(f"找不到短语：{phrase_id}")
        use = self.usage.get(phrase_id)
        return {"doc": dict(doc), "use": {"count": use.count, "last_used_at": use.last_used_at}}

    def restore(self, snapshot: Doc) -> Phrase:
        doc = dict(snapshot["doc"])
        with self.docs.transaction():
            self._check_code_free(doc.get("code"), doc["id"])
            self.docs.put(doc["id"], doc)
            if doc.get("origin"):
                forget_deleted(self.folder, doc["id"])
        use = snapshot.get("use") or {}
        if use.get("count"):
            self.usage.put(doc["id"], UseCount(int(use["count"]), use.get("last_used_at")))
        return self.get(doc["id"])

    def accepted_rules(self, phrase_id: str) -> list[str]:
        """Lint rules this phrase is marked as a known exception to."""
        return list((self.docs.get(phrase_id) or {}).get("lint_accept", []))

    def set_rule_accepted(self, ref: str, rule: str, accepted: bool) -> Phrase:
        with self.docs.transaction():
            phrase = self.resolve(ref)
            doc = dict(self.docs.get(phrase.id) or {})
            rules = [r for r in doc.get("lint_accept", []) if r != rule]
            if accepted:
                rules.append(rule)
            doc["lint_accept"] = sorted(rules)
            self.docs.put(phrase.id, doc)
        return phrase

    def record_use(self, phrase_id: str, buyer: str | None = None) -> Phrase:
        phrase = self.get(phrase_id)
        use = self.usage.record(phrase_id, buyer)
        phrase.use_count, phrase.last_used_at = use.count, use.last_used_at
        return phrase

    def _check_code_free(self, code: str | None, own_id: str | None) -> None:
        if not code:
            return
        clash = self._find_code(code_key(code), skip_id=own_id)
        if clash is not None:
            raise InvalidInput(f"快捷编码 {code} 已被短语「{clash['title']}」使用")

    def check_draft(
        self,
        text: str,
        *,
        title: str | None = None,
        group: str | None = None,
        code: str | None = None,
        tags: list[str] | None = None,
        own_id: str | None = None,
    ) -> str | None:
        """Why saving this draft would be refused, or None: for live editor feedback."""
        try:
            fields = make_fields(text, title, group, code, tags)
            self._check_code_free(fields.code, own_id)
        except KefuError as exc:
            return str(exc)
        return None

    def put_docs(self, docs: Iterable[Doc]) -> None:
        """Store ready documents in one transaction (used by pack installs)."""
        with self.docs.transaction():
            for doc in docs:
                self.docs.put(doc["id"], doc)


def _auto_title(doc: Doc) -> str:
    from assistant.core.phrases.model import default_title

    return default_title(doc["text"])


def _decayed(count: int, last_used_at: str | None, moment: Any) -> float:
    last = parse_iso(last_used_at)
    days = max(0.0, (moment - last).total_seconds() / 86400) if last else 365.0
    return count * math.pow(0.5, days / RECENCY_HALF_LIFE_DAYS)
