"""The buyer book: notes, tags, promises and groups per buyer account."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from assistant.core.buyers import erase
from assistant.core.buyers.cleanup import CleanUp
from assistant.core.buyers.erase import EraseReport
from assistant.core.buyers.erasing import Erasing
from assistant.core.buyers.groups import (
    ContactGroup,
    ContactScheme,
    check_number,
    parse_subgroup,
)
from assistant.core.buyers.listing import BuyerListing
from assistant.core.buyers.model import (
    MAX_ACCOUNT,
    PLATFORMS,
    Buyer,
    account_words,
    buyer_from,
    buyer_key,
    clean_account,
    clean_attributes,
    clean_notes,
    clean_platform,
    clean_remark,
    clean_tags,
)
from assistant.core.buyers.promises import PromiseKeeping
from assistant.core.buyers.ranking import BuyerRanking
from assistant.core.buyers.shape import (
    SEARCH_FIELDS,
    Doc,
    copy_doc,
    index_entries,
    listed_row,
    new_buyer_doc,
    rank_meta,
    refresh_pinyin,
)
from assistant.core.clock import now, now_iso
from assistant.core.errors import InvalidInput, NotFound, StorageError
from assistant.core.search.index import CollectionIndex
from assistant.core.store import Collection, DataFolder
from assistant.core.text import quote_input

_UNSET: Any = object()
QUICK_INDEX_BYTES = 2_000_000  # of buyer files (~1,000 buyers): their index merged in ~50 ms


class BuyerBook(PromiseKeeping, CleanUp, Erasing):
    def __init__(self, folder: DataFolder) -> None:
        self.folder = folder
        self._docs = folder.buyers
        self.scheme = ContactScheme(folder)
        self._index = CollectionIndex(
            self._docs,
            SEARCH_FIELDS,
            index_entries,
            folder.path / "cache" / "buyers-index",
            meta=rank_meta,
            shown=listed_row,
            layout="buyers: listed rows, facets",
        )
        self._ranking = BuyerRanking(self._index)
        self.listing = BuyerListing(self._index, self._ranking)
        # A re-run of the interrupted `buyer rm` reports the erase its opening finished.
        self._erases_finished_on_open: dict[str, EraseReport] = {}
        if erase.pending(folder):  # a `buyer rm` was killed half-way: finish it now
            with contextlib.suppress(StorageError):  # a read-only folder: at the next rm
                self.finish_erases()

    def index_at_hand(self) -> bool:
        """Whether the buyer index is loaded, its cache is there to read, or the book is
        small enough to merge it at once; else the next listing merges it from every shard
        (~3 s at 50,000 buyers): ``prepare_index`` it in the background first."""
        if self._index.cached():
            return True
        stored: int = sum(sig[1] for sig in self._docs.shard_signatures() if sig is not None)
        return stored < QUICK_INDEX_BYTES

    def prepare_index(self) -> int:
        """Make the buyer index for the files as they are and write its cache (in a
        workspace of its own, off the GUI thread: the 买家 window's first opening then
        reads the cache); how many buyers it holds."""
        from assistant.core.search.index import wait_for_cache_writes

        self._index.merge_now()
        wait_for_cache_writes()
        return len(self._index.keys)

    # -- finding -------------------------------------------------------------------------
    def _locate(self, account: str, platform: str | None = None) -> tuple[str, Doc]:
        account = clean_account(account)
        if platform:
            key = buyer_key(clean_platform(platform), account)
            doc = self._docs.get(key)
            if doc is None:
                raise NotFound(f"找不到买家：{account}（平台 {clean_platform(platform)}）")
            return key, doc
        found = [  # a shard that surely lacks the key is not parsed (exists() per keystroke)
            (key, doc)
            for key in (buyer_key(p, account) for p in PLATFORMS)
            if self._docs.may_hold(key) and (doc := self._docs.get(key)) is not None
        ]
        if not found:
            raise NotFound(f"找不到买家：{account}")
        if len(found) > 1:
            where = "、".join(sorted(d["platform"] for _, d in found))
            raise InvalidInput(f"账号 {account} 在多个平台都有（{where}），请用 --platform 指定")
        return found[0]

    def get(self, account: str, platform: str | None = None) -> Buyer:
        return buyer_from(self._locate(account, platform)[1])

    def of_key(self, key: str) -> Buyer | None:
        """The stored buyer of ``key`` (a listing's row, whatever its platform), None when
        there is none (removed since)."""
        doc = self._docs.get(key)
        return buyer_from(doc) if doc is not None else None

    def exists(self, account: str, platform: str | None = None) -> bool:
        try:
            self._locate(account, platform)
        except (NotFound, InvalidInput):
            return False
        return True

    def all(self, *, archived: bool | None = False) -> list[Buyer]:
        out = [
            buyer_from(d)
            for _, d in self._docs.items()
            if archived is None or bool(d.get("archived")) == archived
        ]
        out.sort(key=lambda b: (b.group or 99, b.subgroup or "", b.account, b.platform))
        return out

    def filtered(
        self, group: int | None = None, tag: str | None = None, archived: bool = False
    ) -> list[Buyer]:
        out = self.all(archived=archived)
        if group is not None:
            n = check_number(group)
            out = [b for b in out if b.group == n]
        if tag:
            out = [b for b in out if tag.strip() in b.tags]
        return out

    def search(self, query: str, limit: int | None = None, archived: bool = False) -> list[Buyer]:
        """Ranked: the exact account first, then matches in account or remark, then the rest;
        alphabetical by account among equals."""
        matches = self._index.match(query)
        if not matches.docs.size:
            return []
        keys = self._index.keys
        out = []
        for i in self._ranking.order(matches, limit, archived).tolist():
            doc = self._docs.get_cached(keys[i])  # the index just checked the files
            if doc is not None:
                out.append(buyer_from(doc))
        return out

    def find_in_text(self, text: str) -> Buyer | None:
        """A known buyer named by ``text``: the whole text is the account (copied from a chat
        window's header), or one word of it is (a copied line such as "买家：tb_abc 10:02")."""
        candidate = text.strip()
        if not candidate:
            return None
        whole = self._exactly(candidate) if "\n" not in candidate else None
        if whole is not None:
            return whole
        for word in account_words(candidate):
            found = self._exactly(word) if word != candidate else None
            if found is not None:
                return found
        return None

    def _exactly(self, account: str) -> Buyer | None:
        if len(account) > MAX_ACCOUNT:
            return None
        try:
            keys = [buyer_key(p, clean_account(account)) for p in PLATFORMS]
        except InvalidInput:
            return None
        # A word that is no account parses no shard (a copied sentence has a dozen words,
        # each looked for on every platform: each key in another shard of 50,000 buyers).
        docs = [
            doc
            for key in keys
            if self._docs.may_hold(key) and (doc := self._docs.get(key)) is not None
        ]
        return buyer_from(docs[0]) if len(docs) == 1 else None  # on two platforms: ask

    # -- changing ------------------------------------------------------------------------
    @contextmanager
    def batch(self) -> Iterator[Collection]:
        """Many buyers in one transaction (order imports): documents are copied with
        ``shape.copy_doc`` before changing and get their pinyin from ``refresh_pinyin``."""
        with self._docs.transaction() as docs:
            yield docs

    @contextmanager
    def _editing(self, account: str, platform: str | None) -> Iterator[Doc]:
        with self._docs.transaction():
            key, current = self._locate(account, platform)
            doc = copy_doc(current)
            yield doc
            doc["updated_at"] = now_iso()
            refresh_pinyin(doc, current)
            self._docs.put(key, doc)
        self._index.keep_up()  # the next listing only checks the files

    def add(
        self,
        account: str,
        *,
        platform: str | None = None,
        remark: str | None = None,
        group: int | None = None,
        subgroup: str | None = None,
        tags: list[str] | None = None,
        notes: str | None = None,
        attributes: dict[str, str] | None = None,
    ) -> Buyer:
        account, plat = clean_account(account), clean_platform(platform)
        doc = new_buyer_doc(account, plat, now_iso())
        doc.update(
            remark=clean_remark(remark),
            tags=clean_tags(tags or []),
            notes=clean_notes(notes),
            attributes=clean_attributes(attributes or {}),
        )
        self._set_group(doc, group, subgroup)
        refresh_pinyin(doc, None)
        key = buyer_key(plat, account)
        with self._docs.transaction():
            if self._docs.get(key) is not None:
                raise InvalidInput(f"买家已存在：{account}（{plat}），修改请用 kefu buyer edit")
            self._docs.put(key, doc)
        self._index.keep_up()
        return buyer_from(doc)

    def edit(
        self,
        account: str,
        platform: str | None = None,
        *,
        remark: str | None = None,
        group: Any = _UNSET,
        subgroup: Any = _UNSET,
        tags: list[str] | None = None,
        notes: str | None = None,
        append_note: str | None = None,
        attributes: dict[str, str] | None = None,
        remove_attributes: list[str] | None = None,
    ) -> Buyer:
        with self._editing(account, platform) as doc:
            if remark is not None:
                doc["remark"] = clean_remark(remark)
            if subgroup is not _UNSET and subgroup:
                if group is None:  # ungrouped and in a subgroup at once: say so, pick neither
                    raise InvalidInput(f"移出分组时不能指定子分组 {quote_input(str(subgroup))}")
                # The subgroup names its group: check it against the group only when one is given.
                self._set_group(doc, None if group is _UNSET else group, subgroup)
            elif group is not _UNSET or subgroup is not _UNSET:
                self._set_group(doc, doc.get("group") if group is _UNSET else group, None)
            if tags is not None:
                doc["tags"] = clean_tags(tags)
            if notes is not None:
                doc["notes"] = clean_notes(notes)
            if append_note:
                stamp = now().strftime("%Y-%m-%d")
                joined = (doc.get("notes", "") + f"\n[{stamp}] {append_note.strip()}").strip()
                doc["notes"] = clean_notes(joined)
            if attributes:
                doc["attributes"] = clean_attributes({**doc.get("attributes", {}), **attributes})
            for name in remove_attributes or []:
                doc["attributes"].pop(name, None)
        return self.get(account, doc["platform"])

    def _set_group(self, doc: Doc, group: int | str | None, subgroup: str | None) -> None:
        if subgroup:
            number, letter = parse_subgroup(subgroup)
            self.scheme.subgroup_name(f"{number}{letter}")  # raises for an unknown one
            if group is not None and check_number(group) != number:
                raise InvalidInput(f"子分组 {number}{letter} 不属于第 {group} 组")
            doc["group"], doc["subgroup"] = number, f"{number}{letter}"
            return
        doc["group"] = check_number(group) if group is not None else None
        doc["subgroup"] = None

    def remove_subgroup(self, number: int | str, letter: str) -> tuple[ContactGroup, int]:
        """Remove a subgroup of the scheme; its buyers stay in the group, without a subgroup."""
        n, letter = parse_subgroup(f"{check_number(number)}{letter}")
        code = f"{n}{letter}"
        with self._docs.transaction():
            members = [(k, d) for k, d in self._docs.items() if d.get("subgroup") == code]
            stamp = now_iso()
            for key, doc in members:
                moved = {**copy_doc(doc), "group": n, "subgroup": None, "updated_at": stamp}
                self._docs.put(key, moved)
            # Last: an unknown subgroup raises here and the buyers' changes are rolled back.
            group = self.scheme.remove_subgroup(n, letter)
        return group, len(members)

    def tag(self, account: str, tags: list[str], platform: str | None = None) -> Buyer:
        with self._editing(account, platform) as doc:
            doc["tags"] = clean_tags([*doc.get("tags", []), *tags])
        return buyer_from(doc)

    def untag(self, account: str, tags: list[str], platform: str | None = None) -> Buyer:
        with self._editing(account, platform) as doc:
            drop = {t.strip() for t in tags}
            doc["tags"] = [t for t in doc.get("tags", []) if t not in drop]
        return buyer_from(doc)

    def touch(self, account: str, platform: str | None = None) -> Buyer:
        with self._editing(account, platform) as doc:
            doc["last_contact_at"] = now_iso()
        return buyer_from(doc)

    def orders_of(self, buyers: list[Buyer]) -> dict[str, dict[str, Any]]:
        """The counted orders of each buyer (order number → amount, time), by buyer key."""
        return {b.key: dict((self._docs.get(b.key) or {}).get("orders", {})) for b in buyers}

    def counts(self) -> Counter[str]:
        """Buyers per group ("1".."10") and subgroup ("1A"...), "all" and "none" (ungrouped),
        archived excluded; and "archived" (from the index: ``listing.BuyerListing``)."""
        return self.listing.counts()
