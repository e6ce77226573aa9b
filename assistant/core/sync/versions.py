"""Published pack versions: immutable files named ``v<version>-<hash>.json``.

The hash is of the file's bytes, so a download is checked against its own name; each file
lists the versions it was based on (``parents``), which makes concurrent publications
visible as two heads instead of one overwriting the other.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import orjson

from assistant.core.errors import KefuError
from assistant.core.packs.pack_format import (
    PhrasePack,
    pack_bytes,
    pack_document,
    parse_pack,
)
from assistant.core.phrases.shape import PhraseFields
from assistant.core.sync.sources.base import SyncError

HASH_LEN = 20
_NAME = re.compile(r"^v(\d{1,9})-([0-9a-f]{20})\.json$")
_HASH = re.compile(r"^[0-9a-f]{20}$")

Content = dict[str, PhraseFields]


@dataclass(frozen=True, slots=True)
class VersionMeta:
    name: str
    version: int
    hash: str
    parents: tuple[str, ...]


def parse_name(name: str) -> tuple[int, str] | None:
    m = _NAME.match(name)
    return (int(m.group(1)), m.group(2)) if m else None


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:HASH_LEN]


def encode_version(
    pack_id: str,
    meta: dict[str, str],
    version: int,
    parents: list[str],
    content: Content,
    stamp: str,
) -> tuple[str, bytes]:
    head = PhrasePack(
        id=pack_id,
        name=meta["name"],
        version=str(version),
        description=meta.get("description", ""),
        author=meta.get("author", ""),
        updated_at=stamp,
    )
    body = pack_document(head, sorted(content.items()), parents)
    data = pack_bytes(body, final_newline=False)
    return f"v{version}-{digest(data)}.json", data


def decode_version(name: str, data: bytes, pack_id: str) -> tuple[VersionMeta, PhrasePack]:
    parsed = parse_name(name)
    if parsed is None:
        raise SyncError(f"不认识的文件名：{name}")
    version, expected = parsed
    if digest(data) != expected:
        raise SyncError(
            f"{name} 的内容与文件名中的校验值不符（下载不完整或被改动）："
            "本次没有同步，下次会重试；一直如此请让发布者重新发布"
        )
    try:
        pack = parse_pack(data, name)
    except KefuError as exc:
        raise SyncError(f"{name}：{exc}") from exc
    if pack.id != pack_id:
        raise SyncError(f"{name}：短语包 id 不符（{pack.id} ≠ {pack_id}）")
    raw = orjson.loads(data)
    parents = raw.get("parents", [])
    if not isinstance(parents, list) or not all(
        isinstance(p, str) and _HASH.match(p) is not None for p in parents
    ):
        raise SyncError(f"{name}：parents 字段无效")
    return VersionMeta(name, version, expected, tuple(parents)), pack


def content_of(pack: PhrasePack) -> Content:
    return {p.id: p.fields for p in pack.phrases}


def heads(metas: list[VersionMeta]) -> list[VersionMeta]:
    """Versions no other version was based on, oldest first."""
    referenced = {p for m in metas for p in m.parents}
    return sorted((m for m in metas if m.hash not in referenced), key=lambda m: (m.version, m.name))


def ancestors(start: str, by_hash: dict[str, VersionMeta]) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        h = todo.pop()
        if h in seen or h not in by_hash:
            continue
        seen.add(h)
        todo.extend(by_hash[h].parents)
    return seen


def common_ancestor(a: str, b: str, by_hash: dict[str, VersionMeta]) -> str | None:
    shared = ancestors(a, by_hash) & ancestors(b, by_hash)
    if not shared:
        return None
    return max(shared, key=lambda h: (by_hash[h].version, h))
