"""快捷编码 are unique in a library, compared case- and width-blind: the one owner of that rule.

``CodeIndex`` answers "who has this code" for the library, re-reading only shards whose
files changed. What it knows is kept in a cache file (``cache/phrase-codes.json``), so a
new process (`kefu render cf1`) reads the one shard holding the phrase, not all 20,000
phrases. ``CodeClaims`` is the same rule for a batch (a pack install, an import, a sync):
codes already taken stay with their phrase; a newcomer with a taken code keeps its text
and loses the code.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from assistant.core.errors import InvalidInput, StorageError
from assistant.core.phrases.model import code_key
from assistant.core.store import Collection
from assistant.core.store.atomic import ensure_private_dir

Doc = dict[str, Any]
CACHE_FORMAT = 1
_UNSURE = object()  # the signature of a shard read during a change: read it again after


def clash_error(code: str, title: str) -> InvalidInput:
    return InvalidInput(f"快捷编码 {code} 已被短语「{title}」使用")


class CodeIndex:
    """快捷编码 → phrase ids, rebuilt per shard only when that shard's file changed.

    Per shard it keeps the file's signature when read, the CRC-32 of its bytes and its codes.
    A shard whose signature differs but whose bytes are the same (a copy of the data folder)
    is not read again. The cache file is written after a change (``settle``) and by a reader
    that had to read a shard the cache did not know; never from reads inside a change, whose
    result may not be committed.
    """

    def __init__(self, docs: Collection, cache: Path | None = None) -> None:
        self._docs = docs
        self._cache = cache
        self._shards: dict[int, dict[str, list[str]]] = {}
        self._sigs: dict[int, Any] = {}
        self._crcs: dict[int, int | None] = {}
        self._cache_read = cache is None

    def _refresh(self) -> list[dict[str, list[str]]]:
        """Each shard's codes, in shard order, current with the files."""
        if not self._cache_read:
            self._cache_read = True
            self._read_cache()
        changing = self._docs.changing
        reread = False
        for i, sig in enumerate(self._docs.shard_signatures()):
            if self._sigs.get(i, _UNSURE) == sig or self._same_bytes(i, sig):
                continue
            shard: dict[str, list[str]] = {}
            for doc_id, doc in self._docs.shard_items(i).items():
                if doc.get("code"):
                    shard.setdefault(code_key(doc["code"]), []).append(doc_id)
            self._shards[i] = shard
            if changing:
                self._sigs[i], self._crcs[i] = _UNSURE, None
            else:
                now = self._docs.shard_checksum(i)
                self._sigs[i] = sig
                self._crcs[i] = now[1] if now is not None and now[0] == sig else None
                reread = True
        if reread:
            self._write_cache()
        return [self._shards[i] for i in range(self._docs.shard_count)]

    def _same_bytes(self, i: int, sig: Any) -> bool:
        """The file holds the bytes the codes were read from, under a new signature."""
        crc = self._crcs.get(i)
        if crc is None or self._sigs.get(i) is _UNSURE:
            return False
        now = self._docs.shard_checksum(i)
        if now is None or now != (sig, crc):
            return False
        self._sigs[i] = sig
        return True

    def settle(self) -> None:
        """After a committed change: bring the cache file up to date for the next process."""
        if self._cache is not None and not self._docs.changing:
            self._refresh()

    def _read_cache(self) -> None:
        assert self._cache is not None
        try:
            data = orjson.loads(self._cache.read_bytes())
            shards = data["shards"]
            if data["format"] != CACHE_FORMAT or len(shards) != self._docs.shard_count:
                return
            for i, (sig, crc, codes) in enumerate(shards):
                if not isinstance(codes, dict) or not (crc is None or isinstance(crc, int)):
                    raise ValueError("not a code map")  # the ids are checked when used
                self._sigs[i] = tuple(sig) if isinstance(sig, list) else sig
                self._crcs[i] = crc
                self._shards[i] = codes
        except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            self._shards.clear()  # no cache, or one that does not read: every shard is read
            self._sigs.clear()
            self._crcs.clear()

    def _write_cache(self) -> None:
        """Replace the cache file (not fsync'd: a cache lost in a crash is read again)."""
        if self._cache is None or self._docs.changing:
            return
        n = self._docs.shard_count
        payload = {
            "format": CACHE_FORMAT,
            "shards": [[self._sigs[i], self._crcs[i], self._shards[i]] for i in range(n)],
        }
        tmp = ""
        with contextlib.suppress(StorageError, OSError):  # a read-only folder: no cache
            ensure_private_dir(self._cache.parent)
            fd, tmp = tempfile.mkstemp(
                prefix=f".{self._cache.name}.", suffix=".tmp", dir=self._cache.parent
            )
            with os.fdopen(fd, "wb") as out:
                out.write(orjson.dumps(payload))
            os.replace(tmp, self._cache)
            tmp = ""
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)

    def find(self, code: str, skip_id: str | None = None) -> Doc | None:
        """The stored phrase that has this code (other than ``skip_id``), or None."""
        key = code_key(code)
        for shard in self._refresh():
            ids = shard.get(key)
            for doc_id in ids if isinstance(ids, list) else ():
                if not isinstance(doc_id, str) or doc_id == skip_id:
                    continue  # (not a string: a cache file changed by hand)
                doc = self._docs.get(doc_id)
                if doc is not None and code_key(doc.get("code") or "") == key:
                    return doc
        return None

    def check_free(self, code: str | None, own_id: str | None) -> None:
        """Refuse a code another phrase has."""
        if not code:
            return
        clash = self.find(code, skip_id=own_id)
        if clash is not None:
            raise clash_error(code, clash["title"])


class CodeClaims:
    """Codes taken while a batch of phrases is written: first come keeps the code."""

    def __init__(self, docs: Iterable[tuple[str, Doc]]) -> None:
        self._owner = {code_key(d["code"]): k for k, d in docs if d.get("code")}

    def owner(self, code: str | None) -> str | None:
        return self._owner.get(code_key(code)) if code else None

    def free_for(self, code: str | None, phrase_id: str) -> bool:
        """No other phrase has this code (an empty code is always free)."""
        return self._owner.get(code_key(code), phrase_id) == phrase_id if code else True

    def claim(self, code: str | None, phrase_id: str) -> None:
        if code:
            self._owner[code_key(code)] = phrase_id

    def release(self, code: str | None, phrase_id: str) -> None:
        if code and self._owner.get(code_key(code)) == phrase_id:
            del self._owner[code_key(code)]
