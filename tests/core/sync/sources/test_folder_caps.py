"""A shared folder holds only regular files and folders for a sync (issue 12, item 10): a
link, a FIFO or a device in it is refused before a byte is read (``/dev/zero`` used to end
in MemoryError, a FIFO in a sync that never returned)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.core.sync.sources.base import SyncError
from assistant.core.sync.sources.folder import FolderSource
from assistant.core.workspace import Workspace
from tests.core.sync.hostile import WECHAT, plant
from tests.core.sync.team import Shared, own_pack, sync_heads, texts

Agent = Callable[[str], Workspace]
NAME = "v2-0123456789abcdef0123.json"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links, FIFOs, devices")


def _team(shared_folder: Shared, agent: Agent) -> tuple[Workspace, str, list[str]]:
    a, b = agent("A"), agent("B")
    pack_id, _ = own_pack(a, "售前标准回复")
    shared_folder.publish(a, pack_id)
    shared_folder.subscribe(b)
    return b, pack_id, sync_heads(b, pack_id) or []


def test_a_linked_version_file_is_not_a_version(
    shared_folder: Shared, agent: Agent, tmp_path: Path
) -> None:
    """A link to a well-formed version kept outside the shared folder is ignored."""
    b, pack_id, v1 = _team(shared_folder, agent)
    outside = tmp_path / "outside"
    h = plant(outside, pack_id, 2, {"p-x": WECHAT}, parents=v1)
    [target] = (outside / pack_id).glob(f"v2-{h}.json")
    (shared_folder.folder / pack_id / target.name).symlink_to(target)
    before = texts(b, pack_id)

    [result] = shared_folder.pull(b)

    assert texts(b, pack_id) == before and WECHAT not in texts(b).values()
    assert sync_heads(b, pack_id) == v1 and "v1" in result.message


def test_a_linked_pack_folder_is_not_a_pack(
    shared_folder: Shared, agent: Agent, tmp_path: Path
) -> None:
    b, pack_id, _ = _team(shared_folder, agent)
    outside = tmp_path / "outside"
    plant(outside, "linked-pack")
    (shared_folder.folder / "linked-pack").symlink_to(outside / "linked-pack")
    source = FolderSource(str(shared_folder.folder))

    assert source.pack_ids() == [pack_id]
    assert source.list("linked-pack") == []
    with pytest.raises(SyncError, match="链接"):
        source.read("linked-pack", next((outside / "linked-pack").iterdir()).name)
    with pytest.raises(SyncError, match="链接"):
        source.write_new("linked-pack", NAME, b"{}")
    assert [p.name for p in (outside / "linked-pack").iterdir()] != [NAME]
    [result] = shared_folder.pull(b)
    assert result.pack_id == pack_id


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_link_to_dev_zero_is_refused_unread(shared_folder: Shared, agent: Agent) -> None:
    b, pack_id, v1 = _team(shared_folder, agent)
    (shared_folder.folder / pack_id / NAME).symlink_to("/dev/zero")
    source = FolderSource(str(shared_folder.folder))

    assert NAME not in source.list(pack_id)
    with pytest.raises(SyncError, match="不是普通文件"):
        source.read(pack_id, NAME)
    shared_folder.pull(b)
    assert sync_heads(b, pack_id) == v1


def test_a_fifo_is_refused_without_waiting_for_a_writer(
    shared_folder: Shared, agent: Agent
) -> None:
    b, pack_id, v1 = _team(shared_folder, agent)
    os.mkfifo(shared_folder.folder / pack_id / NAME)
    source = FolderSource(str(shared_folder.folder))

    assert NAME not in source.list(pack_id)
    with pytest.raises(SyncError, match="不是普通文件"):
        source.read(pack_id, NAME)  # used to block forever: nobody writes to it
    shared_folder.pull(b)
    assert sync_heads(b, pack_id) == v1
