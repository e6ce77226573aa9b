"""The phrase library: add, edit, remove, find and rank quick phrases.

Every change runs in a storage transaction (cross-process lock, reload, atomic commit).
The search index follows the files: shards changed by another process are re-read on the
next query, so the tray app sees what the command line did. The stored documents are
private: pack installs, imports and sync change them through a ``PhraseBatch``.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING, Any

import orjson

from assistant.core.clock import now_iso
from assistant.core.errors import InvalidInput, KefuError, NotFound
from assistant.core.images.reading import PreparedImage
from assistant.core.images.store import ImageStore
from assistant.core.phrases.batch import PhraseBatch
from assistant.core.phrases.codes import CodeIndex
from assistant.core.phrases.messages import following_text, with_images_added, without_images
from assistant.core.phrases.model import Phrase, PhraseImage, images_of
from assistant.core.phrases.packs import MY_PACK_INFO, PackRegistry, pack_id_of
from assistant.core.phrases.shape import (
    SEARCH_FIELDS,
    Doc,
    has_auto_title,
    index_entries,
    make_fields,
    new_doc,
    rank_meta,
    set_content,
    to_phrase,
)
from assistant.core.phrases.tombstones import forget_deleted, remember_deleted
from assistant.core.phrases.usage import UsageStore, UseCount
from assistant.core.store import DataFolder
from assistant.core.text import quote_input

if TYPE_CHECKING:
    from assistant.core.phrases.ranking import Ranking
    from assistant.core.search.index import CollectionIndex

_UNSET: Any = object()
NewImage = tuple[PreparedImage, str]  # an image checked by images.reading, its shown name
PARSED_KEPT = 1024  # phrases shown lately kept parsed (~1.5 kB each)
RESULTS_KEPT = 64  # the last searches' results, kept while nothing changed (see search)
KEPT_UP_TO = 200  # results a kept search may hold (the panel asks for 60)


def shown_json(doc: Doc) -> bytes:
    """What a search result shows of a stored phrase, kept with the search index: all of it
    but the stored pinyin."""
    shown = dict(doc)
    shown.pop("_py", None)
    return orjson.dumps(shown)


class PhraseLibrary:
    def __init__(self, folder: DataFolder) -> None:
        self.folder = folder
        self._docs = folder.phrases
        self.usage = UsageStore(folder)
        self.packs = PackRegistry(folder)
        self.images = ImageStore(folder.path)
        self._codes = CodeIndex(self._docs, folder.path / "cache" / "phrase-codes.json")
        # The phrases of the last results, as the index keeps them: what is asked next of
        # a phrase just shown (its accepted lint rules) without parsing its shard.
        self._shown: dict[str, Doc] = {}
        # Parsed copies of phrases shown lately, while the index is at one version: the
        # next keystroke mostly shows the same phrases again.
        # key -> what was shown of it, the phrase made of that, and what they were made at
        self._parsed: OrderedDict[str, tuple[Doc, Phrase, Any, UseCount | None]] = OrderedDict()
        # (query, limit, include_hidden) -> (what it was ranked at, the entries found)
        self._results: OrderedDict[tuple[str, int, bool], tuple[Any, Any]] = OrderedDict()

    # The search index (and numpy under it) is made on the first search: a one-shot command
    # that finds its phrase by id or 快捷编码 (`kefu render cf1`) never needs it.
    @cached_property
    def _index(self) -> CollectionIndex:
        from assistant.core.search.index import CollectionIndex

        return CollectionIndex(
            self._docs,
            SEARCH_FIELDS,
            index_entries,
            self.folder.path / "cache" / "phrases-index",
            meta=rank_meta,
            shown=shown_json,
        )

    @cached_property
    def _ranking(self) -> Ranking:
        from assistant.core.phrases.ranking import Ranking

        return Ranking(self._index, self.usage)

    # -- reading ----------------------------------------------------------------------
    def get(self, phrase_id: str) -> Phrase:
        doc = self._docs.get(phrase_id)
        if doc is None:
            raise NotFound(f"找不到短语：{quote_input(phrase_id)}")
        return to_phrase(doc, self.usage.get(phrase_id))

    def resolve(self, ref: str) -> Phrase:
        """A phrase by its id or by its 快捷编码."""
        ref = ref.strip()
        doc = self._docs.get(ref)
        if doc is None:
            doc = self._codes.find(ref) if ref else None
        if doc is None:
            raise NotFound(f"找不到短语：{quote_input(ref)}（既不是短语编号，也不是快捷编码）")
        return to_phrase(doc, self.usage.get(doc["id"]))

    def all(self, *, include_hidden: bool = False) -> list[Phrase]:
        uses = self.usage.all()
        phrases = [
            to_phrase(doc, uses.get(key))
            for key, doc in self._docs.items()
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
        return pack_id_of(self._docs.get(phrase_id) or {})

    def in_pack(self, pack_id: str, include_hidden: bool = True) -> list[Phrase]:
        uses = self.usage.all()
        out = [
            to_phrase(doc, uses.get(key))
            for key, doc in self._docs.items()
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
        favourites and phrases used often and lately first; otherwise library order.

        The results of the last searches are kept while the index and the use counts are as
        they were: a word typed in the panel starts with one letter, which matches nearly
        every phrase (~5 ms to rank 20,000), and the same few letters start most words."""
        if limit is None or limit > KEPT_UP_TO:
            found = self._ranked(query, limit, include_hidden)
            return self._phrases_at(found) if found is not None else []
        self._index.sync()  # another process's change is seen, as by every search
        stamp, key = self._ranking.made_with()[0], (query, limit, include_hidden)
        kept = self._results.get(key)
        if kept is not None and kept[0] == stamp:
            self._results.move_to_end(key)
            found = kept[1]
        else:
            found = self._ranked(query, limit, include_hidden, synced=True)
            self._results[key] = (stamp, found)
            if len(self._results) > RESULTS_KEPT:
                self._results.popitem(last=False)
        return self._phrases_at(found) if found is not None else []

    def _ranked(
        self, query: str, limit: int | None, include_hidden: bool, synced: bool = False
    ) -> Any:
        """The index entries ``query`` finds, best first; None when it finds none."""
        matches = self._index.match(query, synced=synced)
        return self._ranking.order(matches, limit, include_hidden) if matches.docs.size else None

    def drop_kept_results(self) -> None:
        """Forget the kept results (``search``): the next search of each query ranks (for
        the benchmark, which times the ranking)."""
        self._results.clear()

    def index_cached(self) -> bool:
        """Whether the search index is loaded or its cache is there to map: else the next
        search merges it from every shard (~130 MB for a second at 20,000 phrases)."""
        return self._index.cached()

    def prepare_index(self) -> int:
        """Make the search index for the files as they are and write its cache, for a
        process that then maps it (the app: at its first start after an import, and for
        each background rebuild, see ``rebuild_apart``); how many phrases it holds."""
        from assistant.core.search.index import wait_for_cache_writes

        self._index.merge_now()
        wait_for_cache_writes()
        return len(self._index.keys)

    def rebuild_apart(self, make: Callable[[], bool]) -> None:
        """Have the search index's background rebuilds made by ``make`` (another process
        running ``prepare_index``; True when it did) and mapped, not merged here."""
        self._index.rebuild_apart = make

    def suggested(self, limit: int = 50) -> list[Phrase]:
        """What to show before anything is typed: favourites, then the most used lately."""
        self._index.sync()
        return self._phrases_at(self._ranking.suggested(limit))

    def shown(self, phrase_ids: Sequence[str]) -> list[Phrase]:
        """These phrases as results show them (the ones that exist, in this order): from what
        the index keeps of them, like a search's, so that no shard is parsed (the answers to
        a buyer's question come from all over the library)."""
        import numpy as np  # not at the top: a one-shot `kefu render CODE` needs none

        self._index.sync()
        at = [self._index.entry_of(key) for key in phrase_ids]
        return self._phrases_at(np.array([i for i in at if i is not None], dtype=np.int64))

    def _phrases_at(self, doc_indices: Any) -> list[Phrase]:
        """The phrases at these entries of the index, from what the index keeps of them: the
        index just checked the files, and showing results parses no shard (all 64 of them,
        ~50 MB at 20,000 phrases, for the 60 results of one search). The next keystroke
        mostly shows the same phrases again: each made while its entry and its use count are
        as they were is reused, also after an edit of another phrase (the PARSED_KEPT shown
        most lately: clearing them all at once made every ~20th search parse all of its
        results again)."""
        index = self._index
        uses = self._ranking.made_with()[1]
        keys, parsed, shown, out = index.keys, self._parsed, {}, []
        for i in doc_indices.tolist():
            key = keys[i]
            if key in shown:
                continue
            made, use, stamp = parsed.get(key), uses.get(key), index.shown_stamp(i)
            if made is None or made[2] != stamp or made[3] != use:
                doc = index.shown_doc(i)
                made = parsed[key] = (doc, to_phrase(doc, use), stamp, use)
            parsed.move_to_end(key)  # the least lately shown go first
            shown[key] = made[0]
            out.append(made[1])
        while len(parsed) > PARSED_KEPT:
            parsed.popitem(last=False)
        self._shown = shown
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
        questions: list[str] | None = None,
        images: Sequence[NewImage] = (),
        placed_images: Sequence[PhraseImage] = (),
    ) -> Phrase:
        """``images``: image messages sent after the text's messages, in this order;
        ``placed_images``: images stored already (``self.images``), at their places."""
        fields = make_fields(text, title, group, code, tags, questions)
        if images or placed_images:
            self._check_stored(placed_images)
            added = with_images_added(fields.text, placed_images, self._store_images(images))
            fields = make_fields(text, title, group, code, tags, questions, added)
        info = self.packs.get(pack) if pack else MY_PACK_INFO
        doc = new_doc(fields, pack=info.name, pack_id=info.id, favourite=favourite)
        with self._change():
            self._codes.check_free(fields.code, None)
            self._docs.put(doc["id"], doc)
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
        questions: list[str] | None = None,
        add_images: Sequence[NewImage] = (),
        remove_images: Sequence[int] = (),
        placed_images: Sequence[PhraseImage] | None = None,
    ) -> Phrase:
        """``remove_images``: image numbers (1-based, in sending order) taken out; then
        ``add_images`` go after every message the phrase has. ``placed_images``: all its
        images instead, stored already, at their places (the editor's list)."""
        target = self.packs.get(pack) if pack else None
        self._check_stored(placed_images or ())
        new_images = self._store_images(add_images)  # files first: see images.store
        with self._change():
            current = self.resolve(ref)
            doc = dict(self._docs.get(current.id) or {})
            new_text = text if text is not None else doc["text"]
            new_title = (
                title
                if title is not None
                else (None if text is not None and has_auto_title(doc) else doc["title"])
            )
            fields = make_fields(
                new_text,
                new_title,
                group if group is not None else doc["group"],
                doc.get("code") if code is _UNSET else code,
                tags if tags is not None else doc.get("tags", []),
                questions if questions is not None else doc.get("questions", []),
            )
            kept: tuple[PhraseImage, ...] = tuple(images_of(doc.get("images")))
            if placed_images is not None:
                kept = tuple(placed_images)
            elif kept and fields.text != doc["text"]:
                kept = following_text(doc["text"], fields.text, kept)
            if remove_images:
                kept = without_images(fields.text, kept, remove_images)
            if new_images or remove_images or kept:
                placed = with_images_added(fields.text, kept, new_images)
                fields = make_fields(
                    fields.text,
                    fields.title,
                    fields.group,
                    fields.code,
                    fields.tags,
                    fields.questions,
                    placed,
                )
            self._codes.check_free(fields.code, current.id)
            set_content(doc, fields)
            if favourite is not None:
                doc["favourite"] = favourite
            if hidden is not None:
                doc["hidden"] = hidden
            if target is not None:
                doc["pack"], doc["pack_id"] = target.name, target.id
            doc["updated_at"] = now_iso()
            self._docs.put(current.id, doc)
        return to_phrase(doc, self.usage.get(current.id))

    def _store_images(self, images: Sequence[NewImage]) -> list[PhraseImage]:
        """Store each image's file (shared by hash) and make its reference, placed last."""
        return [PhraseImage(self.images.put(image), name, 1 << 16) for image, name in images]

    def _check_stored(self, images: Sequence[PhraseImage]) -> None:
        for image in images:
            if self.images.find(image.sha256) is None:
                raise InvalidInput(f"图片「{image.name}」的文件不在数据文件夹里，请重新添加")

    def used_images(self) -> set[str]:
        """The hashes of every image a stored phrase refers to."""
        return {i.sha256 for _, doc in self._docs.items() for i in images_of(doc.get("images"))}

    def remove_unused_images(self) -> list[str]:
        """Delete image files no phrase refers to (not those written in the last hour: a
        phrase being saved elsewhere may be about to refer to one)."""
        return self.images.remove_unused(self.used_images())

    def remove(self, ref: str) -> Phrase:
        with self._change():
            phrase = self.resolve(ref)
            doc = self._docs.get(phrase.id) or {}
            origin = doc.get("origin")
            self._docs.delete(phrase.id)
            if origin:
                remember_deleted(self.folder, phrase.id)
        self.usage.forget(phrase.id)
        return phrase

    def snapshot(self, phrase_id: str) -> Doc:
        """Everything stored about a phrase, to undo its deletion with ``restore``."""
        doc = self._docs.get(phrase_id)
        if doc is None:
            raise NotFound(f"找不到短语：{quote_input(phrase_id)}")
        use = self.usage.get(phrase_id)
        return {"doc": dict(doc), "use": {"count": use.count, "last_used_at": use.last_used_at}}

    def restore(self, snapshot: Doc) -> Phrase:
        doc = dict(snapshot["doc"])
        with self._change():
            self._codes.check_free(doc.get("code"), doc["id"])
            self._docs.put(doc["id"], doc)
            if doc.get("origin"):
                forget_deleted(self.folder, doc["id"])
        use = snapshot.get("use") or {}
        if use.get("count"):
            self.usage.put(doc["id"], UseCount(int(use["count"]), use.get("last_used_at")))
        return self.get(doc["id"])

    def accepted_rules(self, phrase_id: str) -> list[str]:
        """Lint rules this phrase is marked as a known exception to (for a phrase of the
        last results, as they were shown: the panel lints each row it shows)."""
        doc = self._shown.get(phrase_id)
        if doc is None:
            doc = self._docs.get(phrase_id) or {}
        return list(doc.get("lint_accept", []))

    def set_rule_accepted(self, ref: str, rule: str, accepted: bool) -> Phrase:
        with self._change():
            phrase = self.resolve(ref)
            doc = dict(self._docs.get(phrase.id) or {})
            rules = [r for r in doc.get("lint_accept", []) if r != rule]
            if accepted:
                rules.append(rule)
            doc["lint_accept"] = sorted(rules)
            self._docs.put(phrase.id, doc)
        return phrase

    def record_use(self, phrase_id: str, buyer: str | None = None) -> Phrase:
        phrase = self.get(phrase_id)
        use = self.usage.record(phrase_id, buyer)
        phrase.use_count, phrase.last_used_at = use.count, use.last_used_at
        return phrase

    def check_draft(
        self,
        text: str,
        *,
        title: str | None = None,
        group: str | None = None,
        code: str | None = None,
        tags: list[str] | None = None,
        own_id: str | None = None,
        questions: list[str] | None = None,
    ) -> str | None:
        """Why saving this draft would be refused, or None: for live editor feedback."""
        try:
            fields = make_fields(text, title, group, code, tags, questions)
            self._codes.check_free(fields.code, own_id)
        except KefuError as exc:
            return str(exc)
        return None

    def put_docs(self, docs: Iterable[Doc]) -> None:
        """Store ready documents in one transaction (made by ``new_doc``)."""
        with self.batch() as batch:
            for doc in docs:
                batch.put(doc)

    @contextmanager
    def batch(self) -> Iterator[PhraseBatch]:
        """Change many stored phrases in one transaction (all or nothing)."""
        with self._change():
            yield PhraseBatch(self._docs)

    @contextmanager
    def _change(self) -> Iterator[None]:
        """One transaction on the phrases. Once it is committed the codes' cache file is
        brought up to date, so the next command finds a code without reading every phrase."""
        self._shown = {}
        try:
            with self._docs.transaction():
                yield
        finally:
            self._shown = {}
        self._codes.settle()
        self._keep_up()

    def _keep_up(self) -> None:
        """After a change made here, while the index is in use: take it into the index and
        the ranking now (~4 ms), not in the next search (the agent saves in the editor,
        then searches). Nothing for a command that has not searched."""
        if self._index.keep_up():
            self._ranking.made_with()

    def content(self, phrase_id: str) -> Doc | None:
        """A copy of everything stored about one phrase (for sync and conflict views)."""
        doc = self._docs.get(phrase_id)
        return dict(doc) if doc is not None else None

    def stored(self, where: Callable[[Doc], bool]) -> dict[str, Doc]:
        """Copies of the stored phrases that ``where`` accepts, by id (sync reads these)."""
        return {k: dict(d) for k, d in self._docs.items() if where(d)}

    def each_stored(self) -> Iterator[tuple[str, Doc]]:
        """Every stored phrase by id, read from the files a shard at a time and not kept:
        for one pass over the whole library (the suggestion index). Do not mutate them."""
        return self._docs.read_each()

    def pack_counts(self) -> dict[str, int]:
        """How many phrases each pack holds, by pack id."""
        return dict(Counter(pack_id_of(doc) for _, doc in self._docs.items()))
