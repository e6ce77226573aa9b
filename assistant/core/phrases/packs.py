"""Phrase packs in the library: the user's own, the built-in ones, and subscribed ones.

Every phrase belongs to one pack (its ``pack_id``; the user's own default pack is
我的短语). The registry of packs (name, version, where it comes from) is kept in the
settings collection.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.core.clock import now_iso
from assistant.core.errors import InvalidInput, NotFound
from assistant.core.phrases.model import ID_PATTERN, MY_PACK
from assistant.core.store import DataFolder

MY_PACK_ID = "mine"
_DOC = "packs"
KINDS = ("own", "builtin", "subscribed")
MAX_NAME = 40


@dataclass(slots=True)
class PackInfo:
    id: str
    name: str
    version: str = "1"
    description: str = ""
    author: str = ""
    updated_at: str = ""
    kind: str = "own"  # own | builtin | subscribed
    source: str | None = None  # where a subscribed pack comes from
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def read_only(self) -> bool:
        """Subscribed and built-in packs are not published from here; edits stay local."""
        return self.kind != "own"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("extra")
        data["read_only"] = self.read_only
        return data


MY_PACK_INFO = PackInfo(id=MY_PACK_ID, name=MY_PACK, description="我自己的短语")


def pack_id_of(doc: dict[str, Any]) -> str:
    """The pack a stored phrase belongs to (older documents: from their origin)."""
    return str(doc.get("pack_id") or (doc.get("origin") or {}).get("pack") or MY_PACK_ID)


def new_pack_id(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:24]
    return f"{slug or 'pack'}-{uuid.uuid4().hex[:8]}"


class PackRegistry:
    def __init__(self, folder: DataFolder) -> None:
        self._settings = folder.settings

    def _all(self) -> dict[str, dict[str, Any]]:
        doc = self._settings.get(_DOC) or {}
        return dict(doc.get("packs", {}))

    def list(self) -> list[PackInfo]:
        packs = [MY_PACK_INFO] + [_info(d) for d in self._all().values()]
        return sorted(packs, key=lambda p: (p.id != MY_PACK_ID, KINDS.index(p.kind), p.name))

    def get(self, ref: str) -> PackInfo:
        ref = ref.strip()
        for info in self.list():
            if ref in (info.id, info.name):
                return info
        raise NotFound(f"找不到短语包：{ref}（用 kefu pack list 查看）")

    def find(self, ref: str) -> PackInfo | None:
        try:
            return self.get(ref)
        except NotFound:
            return None

    def put(self, info: PackInfo) -> PackInfo:
        if info.id == MY_PACK_ID:
            return MY_PACK_INFO
        if not ID_PATTERN.match(info.id):
            raise InvalidInput(f"短语包 id 无效：{info.id!r}")
        with self._settings.transaction():
            doc = dict(self._settings.get(_DOC) or {})
            packs = dict(doc.get("packs", {}))
            packs[info.id] = asdict(info)
            doc["packs"] = packs
            self._settings.put(_DOC, doc)
        return info

    def create(self, name: str, description: str = "", author: str = "") -> PackInfo:
        name = name.strip()
        if not name or len(name) > MAX_NAME:
            raise InvalidInput(f"短语包名称不能为空，最多 {MAX_NAME} 个字符")
        if self.find(name) is not None:
            raise InvalidInput(f"已经有名为「{name}」的短语包")
        info = PackInfo(
            id=new_pack_id(name),
            name=name,
            description=description.strip(),
            author=author.strip(),
            updated_at=now_iso(),
            kind="own",
        )
        return self.put(info)

    def forget(self, pack_id: str) -> None:
        with self._settings.transaction():
            doc = dict(self._settings.get(_DOC) or {})
            packs = dict(doc.get("packs", {}))
            packs.pop(pack_id, None)
            doc["packs"] = packs
            self._settings.put(_DOC, doc)


def _info(data: dict[str, Any]) -> PackInfo:
    known = {k: data[k] for k in PackInfo.__dataclass_fields__ if k in data}
    return PackInfo(**known)
