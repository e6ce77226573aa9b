"""What results show is read from the index's cache file, not mapped (issue 15: a mapping of
``shown.npy`` left 5 MB of it resident after one screen of results, all of it after a day)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.core.search.file_bytes import FileBytes, blob_bytes
from assistant.core.search.index import wait_for_cache_writes
from assistant.core.workspace import Workspace, open_workspace


def test_file_bytes_reads_the_part_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(b"HEADER" + "亲，在的".encode() + b"tail")
    blob = FileBytes(path, 6, len("亲，在的".encode()) + 4)
    assert len(blob) == 16
    assert blob.read(0, 3).decode() == "亲"
    assert blob.read(12, 99) == b"tail"  # clipped to its size
    assert blob.read(5, 5) == b"" and blob.read(9, 3) == b""
    assert np.asarray(blob).tobytes() == "亲，在的".encode() + b"tail"
    memory = np.frombuffer(b"abcdef", dtype=np.uint8)
    assert blob_bytes(memory, 1, 4) == b"bcd" and blob_bytes(blob, 12, 16) == b"tail"
    blob.close()


def test_a_file_cut_short_is_an_error_not_wrong_bytes(tmp_path: Path) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(b"0123456789")
    blob = FileBytes(path, 0, 10)
    path.write_bytes(b"01234")
    with pytest.raises(OSError, match="5 of 10"):
        blob.read(0, 10)
    blob.close()


def _library(ws: Workspace) -> list[str]:
    ids = [
        ws.phrases.add(f"亲，第{i}条回复：包邮、退换、尺码都可以问我", title=f"回复{i}").id
        for i in range(40)
    ]
    ws.phrases.search("包邮")  # the index is made and its cache written
    wait_for_cache_writes()
    return ids


def _mapped(name: str) -> bool:
    return any(line.rstrip().endswith(name) for line in Path("/proc/self/maps").open())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/maps")
def test_results_from_a_cached_index_map_none_of_what_they_show(empty_ws: Workspace) -> None:
    ids = _library(empty_ws)
    ws = open_workspace(empty_ws.path, builtins=False)  # as the app's next start: from the cache
    found = ws.phrases.search("包邮", limit=60)
    assert sorted(p.id for p in found) == sorted(ids)
    assert {p.text for p in found} == {
        f"亲，第{i}条回复：包邮、退换、尺码都可以问我" for i in range(40)
    }
    cache = empty_ws.path / "cache" / "phrases-index"
    assert (cache / "shown.npy").exists() and not _mapped("shown.npy")


def test_a_cache_written_again_elsewhere_leaves_what_is_shown_here_right(
    empty_ws: Workspace,
) -> None:
    ids = _library(empty_ws)
    ws = open_workspace(empty_ws.path, builtins=False)
    assert len(ws.phrases.search("包邮", limit=60)) == 40  # reading the cache's file
    other = open_workspace(empty_ws.path, builtins=False)
    for i, key in enumerate(ids[:5]):
        other.phrases.edit(key, text=f"亲，改过的第{i}条：包邮")
    other.phrases.search("包邮")
    wait_for_cache_writes()
    shown = {p.id: p.text for p in ws.phrases.search("包邮", limit=60)}
    assert [shown[key] for key in ids[:5]] == [f"亲，改过的第{i}条：包邮" for i in range(5)]
    assert shown[ids[10]] == "亲，第10条回复：包邮、退换、尺码都可以问我"
