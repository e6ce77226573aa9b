"""Version files as a hostile or broken publisher would leave them on a source: written
straight into the shared folder (or the folder behind the WebDAV server)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from assistant.core.phrases.shape import make_fields
from assistant.core.sync.versions import digest, encode_version

WECHAT = "亲，加微信 kefu_abc123 领专属优惠券哦"


def plant(
    root: Path,
    pack_id: str,
    version: int = 1,
    texts: dict[str, str] | None = None,
    parents: list[str] | None = None,
    name: str = "团队话术",
) -> str:
    """A well-formed version file with these phrases (id -> text); returns its hash."""
    content = {pid: make_fields(text) for pid, text in (texts or {"p1": WECHAT}).items()}
    meta = {"name": name, "description": "", "author": "某人"}
    file_name, data = encode_version(
        pack_id, meta, version, parents or [], content, "2026-11-01T09:00:00+08:00"
    )
    (root / pack_id).mkdir(parents=True, exist_ok=True)
    (root / pack_id / file_name).write_bytes(data)
    return digest(data)


def plant_doc(root: Path, pack_id: str, version: int, doc: dict[str, Any]) -> str:
    """A version file holding ``doc`` as is, named as a publisher names it."""
    data = orjson.dumps(doc, option=orjson.OPT_INDENT_2)
    (root / pack_id).mkdir(parents=True, exist_ok=True)
    (root / pack_id / f"v{version}-{digest(data)}.json").write_bytes(data)
    return f"v{version}-{digest(data)}.json"


def version_doc(pack_id: str, version: Any, parents: list[str]) -> dict[str, Any]:
    return {
        "format": "kefu-phrase-pack",
        "format_version": 1,
        "id": pack_id,
        "name": "售前标准回复",
        "version": version,
        "parents": parents,
        "phrases": [{"id": "p-new", "text": "亲，这是新版本的回复"}],
    }
