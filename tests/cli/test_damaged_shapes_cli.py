"""A stored document of the wrong shape is damage, for every collection (issue 12, item 11):
the file is set aside, rebuilt from its copy, and the command says so in one line; before,
use counts, the settings documents and the sync state were read as they came, and a wrong
type ended in a traceback or was silently taken."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assistant.core.sync.service import PackSync
from assistant.core.workspace import open_workspace
from tests.core.sync.team import own_pack
from tests.helpers import run_kefu

# (file, document key, the wrong document, the command that reads it)
CASES: list[tuple[str, str, Any, tuple[str, ...]]] = [
    ("usage", "*", {"count": "很多", "last_used_at": 5}, ("list", "--json")),
    ("settings.json", "app", {"paste_delay_ms": "fast", "platform": ["jd"]}, ("lint",)),
    ("settings.json", "shop", {"店铺": 5}, ("shop", "--json")),
    ("settings.json", "contact_groups", {"names": ["1 好友"]}, ("groups", "--json")),
    ("settings.json", "packs", {"packs": {"x": {"id": 5, "name": []}}}, ("pack", "list")),
    ("settings.json", "builtin", {"fingerprint": 7, "deleted": 5}, ("pack", "list")),
    ("settings.json", "subscriptions", {"items": "共享文件夹"}, ("pack", "sources")),
    ("sync-state.json", "*", {"heads": "abc", "files": 5}, ("pack", "sources", "--json")),
]


def _shard_with_docs(data: Path, name: str) -> Path:
    if name.endswith(".json"):
        return data / name
    return next(
        p for p in sorted((data / name).glob("*.json")) if json.loads(p.read_bytes())["docs"]
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder where every collection holds documents, each written twice (so the
    copy a damaged file is rebuilt from holds them too)."""
    data = tmp_path / "data"
    ws = open_workspace(data)
    shared = tmp_path / "共享文件夹"
    shared.mkdir()
    pack_id, _ = own_pack(ws, "售前标准回复", ("post",))
    phrase = ws.phrases.all()[0]
    for _ in range(2):
        ws.phrases.record_use(phrase.id)
        ws.shop.update({"店铺": "小店"})
        ws.settings.update(paste_delay_ms=200)
        ws.buyers.scheme.rename(1, "好友")
        PackSync(ws.phrases).publish(pack_id, str(shared))
        PackSync(ws.phrases).subscribe(str(shared))  # its own pack: "无需同步"
    return data


@pytest.mark.parametrize(
    ("name", "key", "bad", "command"), CASES, ids=[c[1] + "@" + c[0] for c in CASES]
)
def test_a_wrong_typed_document_is_damage_restored_and_reported(
    data: Path, name: str, key: str, bad: Any, command: tuple[str, ...]
) -> None:
    path = _shard_with_docs(data, name)
    stored = json.loads(path.read_bytes())
    docs = stored.setdefault("docs", {})
    docs[key if key != "*" else next(iter(docs))] = bad
    path.write_text(json.dumps(stored, ensure_ascii=False), "utf-8")

    done = run_kefu(None, "--data-dir", str(data), *command)

    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    [line] = [x for x in done.stderr.splitlines() if "损坏" in x]
    assert path.name in line and "备份" in line
    assert list(path.parent.glob(f"{path.name}.damaged-*"))
    again = run_kefu(None, "--data-dir", str(data), *command)
    assert again.returncode == 0 and "损坏" not in again.stderr, again.stderr
