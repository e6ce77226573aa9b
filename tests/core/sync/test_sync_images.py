"""Images travel with a synced pack (issue 16): published as immutable hash-named files
beside the pack's versions, downloaded only when the subscriber lacks them, checked before
anything is stored. Each test runs against a real shared folder and a real WebDAV server."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from assistant.core.errors import InvalidInput
from assistant.core.images.reading import prepare_image
from assistant.core.sync.conflicts import flagged, resolve
from assistant.core.sync.service import PackSync
from assistant.core.sync.sources import PackSource, open_source
from assistant.core.sync.sources import webdav as webdav_source
from assistant.core.workspace import Workspace
from tests.core.packs.image_kit import SIZE_CHART, imaged_pack, jpeg_with_gps, png, stored
from tests.core.sync.hostile import plant_doc
from tests.core.sync.team import Shared, texts
from tests.helpers import snapshot

Agent = Callable[[str], Workspace]


class Counting:
    """A source that notes which images were read and written through it."""

    def __init__(self, inner: PackSource) -> None:
        self.inner = inner
        self.label = inner.label
        self.reads: list[str] = []
        self.writes: list[str] = []

    def pack_ids(self) -> list[str]:
        return self.inner.pack_ids()

    def list(self, pack_id: str) -> list[str]:
        return self.inner.list(pack_id)

    def read(self, pack_id: str, name: str) -> bytes:
        return self.inner.read(pack_id, name)

    def write_new(self, pack_id: str, name: str, data: bytes) -> None:
        self.inner.write_new(pack_id, name, data)

    def image_names(self, pack_id: str) -> list[str]:
        return self.inner.image_names(pack_id)

    def read_image(self, pack_id: str, name: str) -> bytes:
        self.reads.append(name)
        return self.inner.read_image(pack_id, name)

    def write_image(self, pack_id: str, name: str, data: bytes) -> None:
        self.writes.append(name)
        self.inner.write_image(pack_id, name, data)


def counting() -> tuple[list[Counting], Callable[..., PackSource]]:
    opened: list[Counting] = []

    def factory(*args: Any) -> PackSource:
        source = Counting(open_source(*args))
        opened.append(source)
        return source

    return opened, factory


def _images(ws: Workspace, pack_id: str) -> dict[str, list[tuple[str, int]]]:
    return {p.title: [(i.sha256, i.at) for i in p.images] for p in ws.phrases.in_pack(pack_id)}


def _library(ws: Workspace) -> dict[str, bytes]:
    """The phrases and the images, byte for byte (the sync state may note the failure)."""
    return {
        name: data
        for name, data in snapshot(ws.path).items()
        if name.startswith(("phrases/", "images/")) and not name.endswith(".lock")
    }


def _add_image(ws: Workspace, phrase_id: str, data: bytes, name: str) -> str:
    image = prepare_image(data, name)
    ws.phrases.edit(phrase_id, add_images=[(image, name)])
    return image.sha256


def test_publish_puts_hash_named_images_beside_the_pack(shared: Shared, agent: Agent) -> None:
    a, b = agent("A"), agent("B")
    pack_id, _ = imaged_pack(a)

    result = shared.publish(a, pack_id)
    [pulled] = shared.subscribe(b)

    files = sorted((shared.folder / pack_id / "images").iterdir())
    used = {i.sha256 for p in a.phrases.in_pack(pack_id) for i in p.images}
    assert {f.stem for f in files} == used and {f.suffix for f in files} == {".png", ".jpg"}
    for f in files:
        assert hashlib.sha256(f.read_bytes()).hexdigest() == f.stem
    assert "上传图片 2 张" in result.message and "下载图片 2 张" in pulled.message
    assert _images(b, pack_id) == _images(a, pack_id)
    for digest in used:
        assert b.phrases.images.read(digest) == a.phrases.images.read(digest)
    assert len(shared.version_files(pack_id)) == 1  # the images folder is not a version


def test_only_the_images_a_side_lacks_travel(shared: Shared, agent: Agent) -> None:
    a, b = agent("A"), agent("B")
    pack_id, ids = imaged_pack(a)
    chart = next(i for i in a.phrases.get(ids["size"]).images)
    b.phrases.add("亲，我自己也有这张尺码表", images=[(prepare_image(png()), "mine.png")])
    assert b.phrases.images.find(chart.sha256) is not None
    shared.publish(a, pack_id)
    opened, factory = counting()

    shared.sync(b, source_factory=factory).subscribe(shared.spec, shared.user)

    assert [r.removesuffix(".jpg") for s in opened for r in s.reads] == [
        i.sha256 for i in a.phrases.get(ids["detail"]).images
    ]
    # A new version with one new image: the publisher uploads it alone, B downloads it alone.
    new = _add_image(a, ids["plain"], png("purple"), "新图.png")
    a.phrases.edit(ids["size"], text="亲，这是新的尺码表，请对照选择")
    opened.clear()
    assert shared.sync(a, source_factory=factory).publish(pack_id, shared.spec, shared.user).ok
    assert [w for s in opened for w in s.writes] == [f"{new}.png"]
    opened.clear()
    [result] = shared.sync(b, source_factory=factory).sync_all()
    assert result.ok and [r for s in opened for r in s.reads] == [f"{new}.png"]
    assert _images(b, pack_id) == _images(a, pack_id)
    opened.clear()
    [again] = shared.sync(b, source_factory=factory).sync_all()  # nothing new: nothing read
    assert again.ok and [r for s in opened for r in s.reads] == []


def _hostile_setup(shared: Shared, agent: Agent) -> tuple[Workspace, Workspace, str, str, Path]:
    """A published v1 with images, B subscribed; then v2 with a new image. Returns A, B, the
    pack id, the new image's hash, and its file on the source (for the test to spoil)."""
    a, b = agent("A"), agent("B")
    pack_id, ids = imaged_pack(a)
    shared.publish(a, pack_id)
    shared.subscribe(b)
    new = _add_image(a, ids["plain"], png("purple"), "新图.png")
    a.phrases.edit(ids["plain"], text="亲，在的，看看这张新图")
    shared.publish(a, pack_id)
    return a, b, pack_id, new, shared.folder / pack_id / "images" / f"{new}.png"


def _spoil_with(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _huge(path: Path) -> None:
    with path.open("wb") as fh:
        fh.truncate(12 * 1024 * 1024)  # over the 10 MB an image may have


# name -> (what is done to the new image's file on the source, words in the failure)
SPOILED: dict[str, tuple[Callable[[Path], None], tuple[str, ...]]] = {
    "wrong-bytes-for-the-hash": (_spoil_with(stored(png("black"))), ("sha256 不符",)),
    "not-an-image": (_spoil_with(b"<html>login</html>"), ("sha256 不符",)),
    "a-huge-file": (_huge, ("太大",)),
    "removed": (lambda path: path.unlink(), ("不在源上",)),
}


@pytest.mark.parametrize("case", sorted(SPOILED))
def test_a_spoiled_image_on_the_source_changes_nothing(
    shared: Shared, agent: Agent, case: str
) -> None:
    _, b, pack_id, new, path = _hostile_setup(shared, agent)
    spoil, words = SPOILED[case]
    spoil(path)
    before, shown = _library(b), texts(b, pack_id)

    [result] = shared.sync(b).sync_all()

    assert not result.ok
    assert all(w in result.message for w in words), result.message
    assert "「新图.png」" in result.message and "本地短语未改动" in result.message
    assert _library(b) == before and texts(b, pack_id) == shown
    assert b.phrases.images.find(new) is None
    status = PackSync(b.phrases).status()[pack_id]
    assert status["last_error"] == result.message
    path.unlink(missing_ok=True)  # the publisher publishes again: the next sync catches up
    assert shared.sync(_reopen(agent, "A")).publish(pack_id, shared.spec, shared.user).ok
    shared.pull(b)
    assert b.phrases.images.find(new) is not None


def _reopen(agent: Agent, name: str) -> Workspace:
    return agent(name)


def test_an_image_that_hashes_right_but_is_not_acceptable_is_refused(
    shared: Shared, agent: Agent
) -> None:
    """A hostile publisher names its files correctly: the bytes are still decoded."""
    _, b, pack_id, _, path = _hostile_setup(shared, agent)
    before = _library(b)
    # A version naming an image of GPS-tagged bytes, planted with its right hash.
    photo = jpeg_with_gps()
    digest = hashlib.sha256(photo).hexdigest()
    (path.parent / f"{digest}.jpg").write_bytes(photo)
    heads = PackSync(b.phrases).status()[pack_id]["heads"]
    v3 = {
        "format": "kefu-phrase-pack",
        "format_version": 1,
        "id": pack_id,
        "name": "尺码与细节",
        "version": 9,
        "parents": sorted(heads + [h for h in _heads_on(shared, pack_id) if h not in heads]),
        "phrases": [
            {
                "id": "gps",
                "text": "亲，看图",
                "images": [{"sha256": digest, "name": "p.jpg", "at": 1}],
            }
        ],
    }
    plant_doc(shared.folder, pack_id, 9, v3)

    [result] = shared.sync(b).sync_all()

    assert not result.ok and "元数据" in result.message and "「p.jpg」" in result.message
    assert _library(b) == before


def _heads_on(shared: Shared, pack_id: str) -> list[str]:
    return [name.split("-")[1].removesuffix(".json") for name in shared.version_files(pack_id)]


def test_all_or_nothing_when_one_of_two_new_images_is_bad(shared: Shared, agent: Agent) -> None:
    a, b = agent("A"), agent("B")
    pack_id, ids = imaged_pack(a)
    shared.publish(a, pack_id)
    shared.subscribe(b)
    good = _add_image(a, ids["plain"], png("olive"), "好图.png")
    bad = _add_image(a, ids["plain"], png("teal"), "坏图.png")
    shared.publish(a, pack_id)
    folder = shared.folder / pack_id / "images"
    (folder / f"{bad}.png").write_bytes(stored(png("white")))
    before = _library(b)

    [result] = shared.sync(b).sync_all()

    assert not result.ok and "「坏图.png」" in result.message
    assert _library(b) == before
    assert b.phrases.images.find(good) is None  # checked, never stored: the pull failed


def test_too_many_images_to_fetch_is_refused_before_downloading(
    shared: Shared, agent: Agent, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.core.sync import images as sync_images

    _, b, _, _, _ = _hostile_setup(shared, agent)
    monkeypatch.setattr(sync_images, "MAX_PACK_IMAGES", 0)
    opened, factory = counting()
    before = _library(b)

    [result] = shared.sync(b, source_factory=factory).sync_all()

    assert not result.ok and "最多 0 张" in result.message
    assert [r for s in opened for r in s.reads] == [] and _library(b) == before


def test_the_total_size_of_downloads_is_capped(
    shared: Shared, agent: Agent, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.core.sync import images as sync_images

    a, b = agent("A"), agent("B")
    pack_id, _ = imaged_pack(a)
    shared.publish(a, pack_id)
    monkeypatch.setattr(sync_images, "MAX_PACK_IMAGE_BYTES", 100)
    before = _library(b)

    results = shared.sync(b).subscribe(shared.spec, shared.user)

    assert [r.ok for r in results] == [False] and "图片超过" in results[0].message
    assert _library(b) == before


def test_a_server_too_slow_to_send_an_image_changes_nothing(
    shared_dav: Shared, agent: Agent, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, b, _, new, _ = _hostile_setup(shared_dav, agent)
    fault = shared_dav.dav.fault
    fault.stall, fault.methods, fault.path_suffix = True, {"GET"}, f"{new}.png"
    before = _library(b)

    with monkeypatch.context() as patch:
        patch.setattr(webdav_source, "TIMEOUT", httpx.Timeout(0.3))
        [result] = shared_dav.sync(b).sync_all()

    assert not result.ok and "超时" in result.message
    assert _library(b) == before
    fault.clear()
    shared_dav.pull(b)
    assert b.phrases.images.find(new) is not None


def test_publishing_a_phrase_whose_image_file_is_gone_says_which(
    shared: Shared, agent: Agent
) -> None:
    a = agent("A")
    pack_id, ids = imaged_pack(a)
    [chart] = a.phrases.get(ids["size"]).images
    path = a.phrases.images.find(chart.sha256)
    assert path is not None
    path.unlink()

    with pytest.raises(InvalidInput, match=re.escape("「尺码表」的图片「尺码表.png」")):
        shared.sync(a).publish(pack_id, shared.spec, shared.user)

    assert shared.version_files(pack_id) == []


def test_a_publisher_merging_anothers_version_fetches_its_images(
    shared: Shared, agent: Agent
) -> None:
    a, c = agent("A"), agent("C")
    pack_id, ids = imaged_pack(a)
    shared.publish(a, pack_id)
    shared.subscribe(c)
    new = _add_image(a, ids["plain"], png("maroon"), "A的图.png")
    shared.publish(a, pack_id)
    c.phrases.edit(ids["detail"], text="亲，这是细节图\n---\n做工扎实，放心拍")

    result = shared.sync(c).publish(pack_id, shared.spec, shared.user)  # merges A's v2 in

    assert result.ok, result.message
    assert c.phrases.images.find(new) is not None
    assert new in {i.sha256 for i in c.phrases.get(ids["plain"]).images}


def test_taking_the_upstream_of_an_override_takes_its_images(shared: Shared, agent: Agent) -> None:
    a, b = agent("A"), agent("B")
    pack_id, ids = imaged_pack(a)
    shared.publish(a, pack_id)
    shared.subscribe(b)
    b.phrases.edit(ids["plain"], text="亲，在的呢，我是B改过的")  # the agent's override
    new = _add_image(a, ids["plain"], png("maroon"), "A的图.png")
    shared.publish(a, pack_id)

    shared.pull(b)

    [conflict] = flagged(b.phrases)
    assert conflict.phrase_id == ids["plain"] and conflict.upstream is not None
    assert [i["sha256"] for i in conflict.upstream["images"]] == [new]
    assert b.phrases.get(ids["plain"]).images == []  # the override is kept as it was
    assert b.phrases.images.find(new) is not None  # fetched: the choice may take it
    resolve(b.phrases, ids["plain"], "upstream")
    assert b.phrases.get(ids["plain"]).text == a.phrases.get(ids["plain"]).text
    assert [i.sha256 for i in b.phrases.get(ids["plain"]).images] == [new]
    [again] = shared.pull(b)  # now based on the upstream: nothing to choose any more
    assert again.report is not None and again.report.overrides_flagged == 0
    assert flagged(b.phrases) == []
    assert SIZE_CHART in {i.name for p in b.phrases.in_pack(pack_id) for i in p.images}
