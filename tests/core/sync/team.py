"""A team of agents for the sync tests: each agent is a real data folder; the shared place
is a folder or a WebDAV server. Helpers to make packs and to look at an agent's library."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.core.sync.conflicts import flagged
from assistant.core.sync.service import PackSync, SyncResult
from assistant.core.sync.sources import PackSource, open_source
from assistant.core.workspace import Workspace

# The standard answers a lead shares with the team: key -> (title, text, code)
STANDARD = {
    "post": ("包邮", "亲，拍两件就包邮哦，两件一起发更划算", "by1"),
    "ship": ("发货时间", "亲，今天下午四点前付款当天发货哦", "fh1"),
    "size": ("尺码建议", "亲，尺码正常，脚背高或脚宽的话建议拍大一码", None),
    "genuine": ("正品保障", "亲，我们家都是正品，支持七天无理由退换", None),
    "colour": ("色差", "亲，颜色以实物为准，不同显示器会有轻微色差", None),
}


@dataclass
class Shared:
    """Where a team publishes: a shared folder (``spec`` is its path) or a WebDAV URL."""

    kind: str  # "folder" | "webdav"
    spec: str
    folder: Path  # on disk: where the pack folders land
    user: str | None = None
    dav: Any = None  # DavSpace for "webdav"

    def sync(
        self,
        ws: Workspace,
        passwords: Callable[[str, str], str | None] | None = None,
        source_factory: Callable[..., PackSource] = open_source,
    ) -> PackSync:
        if passwords is None:
            return PackSync(ws.phrases, source_factory=source_factory)
        return PackSync(ws.phrases, passwords=passwords, source_factory=source_factory)

    def publish(self, ws: Workspace, pack_id: str) -> SyncResult:
        result = self.sync(ws).publish(pack_id, self.spec, self.user)
        assert result.ok, result.message
        return result

    def subscribe(self, ws: Workspace, *packs: str) -> list[SyncResult]:
        results = self.sync(ws).subscribe(self.spec, self.user, list(packs) or None)
        assert results and all(r.ok for r in results), [r.message for r in results]
        return results

    def pull(self, ws: Workspace) -> list[SyncResult]:
        """`kefu pack sync`, asserting that it worked."""
        results = self.sync(ws).sync_all()
        assert results and all(r.ok for r in results), [r.message for r in results]
        return results

    def version_files(self, pack_id: str) -> list[str]:
        folder = self.folder / pack_id
        return sorted(p.name for p in folder.glob("v*.json")) if folder.is_dir() else []


def own_pack(
    ws: Workspace, name: str, keys: tuple[str, ...] = tuple(STANDARD)
) -> tuple[str, dict[str, str]]:
    """A pack of the agent's own with some standard answers; returns its id and the phrase
    ids by key."""
    info = ws.phrases.packs.create(name, description="团队标准回复", author="组长")
    ids = {}
    for key in keys:
        title, text, code = STANDARD[key]
        ids[key] = ws.phrases.add(text, title=title, code=code, group="常用", pack=info.id).id
    return info.id, ids


def texts(ws: Workspace, pack_id: str | None = None) -> dict[str, str]:
    """Phrase id -> text, for one pack or the whole library."""
    phrases = ws.phrases.in_pack(pack_id) if pack_id else ws.phrases.all(include_hidden=True)
    return {p.id: p.text for p in phrases}


def library_view(ws: Workspace) -> list[tuple[Any, ...]]:
    """Everything an agent sees of the library, to prove that a failed sync changed nothing."""
    return [
        (p.id, p.title, p.text, p.group, p.code, tuple(p.tags), p.pack, p.favourite, p.use_count)
        for p in ws.phrases.all(include_hidden=True)
    ]


def sync_heads(ws: Workspace, pack_id: str) -> list[str] | None:
    state = PackSync(ws.phrases).status().get(pack_id) or {}
    heads = state.get("heads")
    return None if heads is None else list(heads)


def flagged_ids(ws: Workspace) -> set[str]:
    return {f.phrase_id for f in flagged(ws.phrases)}
