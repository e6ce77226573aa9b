"""A pack's published versions on one source: which exist, their parents, their contents.

Version files are immutable, so what was read once (version number, parents) is kept in the
sync state and a file is downloaded only when its content is needed: a head to merge, or
an ancestor to merge against.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.core.packs.pack_format import PhrasePack
from assistant.core.sync.merge import Alternatives, merge3
from assistant.core.sync.sources import PackSource, SyncError
from assistant.core.sync.versions import (
    Content,
    VersionMeta,
    common_ancestor,
    content_of,
    decode_version,
    heads,
    parse_name,
)


@dataclass(slots=True)
class PackHistory:
    source: PackSource
    pack_id: str
    metas: dict[str, VersionMeta] = field(default_factory=dict)  # by hash
    contents: dict[str, Content] = field(default_factory=dict)
    newest: PhrasePack | None = None  # the pack of the newest version downloaded

    def read(self, known: dict[str, Any], need_heads: bool) -> dict[str, Any]:
        """List the versions (downloading only those never seen); return what to remember."""
        for name in self.source.list(self.pack_id):
            parsed = parse_name(name)
            if parsed is None:
                continue
            if name in known:
                meta = known[name]
                self.metas[parsed[1]] = VersionMeta(
                    name, meta["version"], parsed[1], tuple(meta["parents"])
                )
            else:
                self._load(name)
        if need_heads:
            for tip in heads(list(self.metas.values())):
                if tip.hash not in self.contents:
                    self._load(tip.name)
        return {
            m.name: {"version": m.version, "parents": list(m.parents)} for m in self.metas.values()
        }

    def _load(self, name: str) -> Content:
        meta, pack = decode_version(name, self.source.read(self.pack_id, name), self.pack_id)
        if pack.version.strip() != str(meta.version):
            # Every publisher writes the integer of the file name; anything else was not
            # published by this app, and its order among the versions is unknown.
            raise SyncError(
                f"{name}：version 字段应为整数 {meta.version}，实为 {pack.version[:40]!r}；"
                "本次没有同步这个短语包，请让发布者重新发布"
            )
        self.metas[meta.hash] = meta
        self.contents[meta.hash] = content_of(pack)
        if self.newest is None or meta.version >= int(self.newest.version):
            self.newest = pack
        return self.contents[meta.hash]

    def content(self, version_hash: str | None) -> Content:
        if version_hash is None:
            return {}
        if version_hash not in self.contents:
            self._load(self.metas[version_hash].name)
        return self.contents[version_hash]

    def fold(self, tips: list[VersionMeta]) -> tuple[Content, Alternatives]:
        """One content from several heads: each merged in against its common ancestor."""
        merged = self.content(tips[0].hash)
        alternatives: Alternatives = {}
        for tip in tips[1:]:
            base = self.content(common_ancestor(tips[0].hash, tip.hash, self.metas))
            merged, alts = merge3(base, merged, self.content(tip.hash))
            for pid, items in alts.items():
                alternatives.setdefault(pid, []).extend(items)
        return merged, alternatives
