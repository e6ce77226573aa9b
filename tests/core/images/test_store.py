"""The image store (images.store.ImageStore): files named by the sha256 of their bytes,
private to the user, shared between phrases, checked when read, removed when unused."""

from __future__ import annotations

import hashlib
import io
import os
import stat
import time
from pathlib import Path

import pytest
from PIL import Image

from assistant.core.errors import NotFound, StorageError
from assistant.core.images.reading import PreparedImage, prepare_image
from assistant.core.images.store import ImageStore

HOUR = 3600.0


def image(
    colour: tuple[int, int, int], size: tuple[int, int] = (12, 8), kind: str = "PNG"
) -> PreparedImage:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, kind)
    return prepare_image(out.getvalue(), f"图.{kind.lower()}")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


@pytest.fixture
def store(tmp_path: Path) -> ImageStore:
    return ImageStore(tmp_path / "data")


def test_a_stored_image_is_a_private_file_named_by_its_hash(
    store: ImageStore, tmp_path: Path
) -> None:
    red = image((255, 0, 0))
    assert store.put(red) == red.sha256
    path = tmp_path / "data" / "images" / f"{red.sha256}.png"
    assert store.find(red.sha256) == path
    assert path.read_bytes() == red.data
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    assert hashlib.sha256(path.read_bytes()).hexdigest() == path.stem


@pytest.mark.parametrize(
    ("kind", "ext", "mime"),
    [
        ("JPEG", "jpg", "image/jpeg"),
        ("GIF", "gif", "image/gif"),
        ("WEBP", "webp", "image/webp"),
        ("BMP", "bmp", "image/bmp"),
    ],
)
def test_each_format_is_stored_with_its_extension(
    store: ImageStore, kind: str, ext: str, mime: str
) -> None:
    prepared = image((0, 128, 0), (20, 10), kind)
    store.put(prepared)
    path = store.find(prepared.sha256)
    assert path is not None and path.name == f"{prepared.sha256}.{ext}"
    described = store.describe(prepared.sha256)
    assert described is not None
    assert (described.mime, described.bytes, described.width, described.height) == (
        mime,
        len(prepared.data),
        20,
        10,
    )


def test_the_same_image_twice_is_one_file(store: ImageStore) -> None:
    red = image((255, 0, 0))
    store.put(red)
    store.put(image((255, 0, 0)))
    assert store.stored() == [red.sha256]
    assert len(list(store.root.iterdir())) == 1
    assert store.read(red.sha256) == red.data


def test_putting_an_image_again_makes_it_fresh(store: ImageStore) -> None:
    red = image((255, 0, 0))
    store.put(red)
    path = store.find(red.sha256)
    assert path is not None
    age(path, 2 * HOUR)
    old = path.stat().st_mtime
    store.put(red)
    assert path.stat().st_mtime > old + HOUR
    assert store.remove_unused([], grace_s=HOUR) == []
    assert path.exists()


def test_read_returns_the_bytes_stored(store: ImageStore) -> None:
    blue = image((0, 0, 255))
    store.put(blue)
    assert store.read(blue.sha256) == blue.data


def test_read_detects_a_file_whose_bytes_were_changed(store: ImageStore) -> None:
    red, blue = image((255, 0, 0)), image((0, 0, 255))
    store.put(red)
    path = store.find(red.sha256)
    assert path is not None
    path.write_bytes(blue.data)  # a valid image, just not the one the name promises
    with pytest.raises(StorageError, match="损坏"):
        store.read(red.sha256)
    path.write_bytes(red.data[:-5])
    with pytest.raises(StorageError, match="损坏"):
        store.read(red.sha256)


def test_putting_an_image_again_repairs_a_damaged_file(store: ImageStore) -> None:
    red = image((255, 0, 0))
    store.put(red)
    path = store.find(red.sha256)
    assert path is not None
    path.write_bytes(b"garbage")
    store.put(red)
    assert store.read(red.sha256) == red.data


def test_an_image_not_stored_is_not_found(store: ImageStore) -> None:
    sha = "0" * 64
    assert store.find(sha) is None
    assert store.describe(sha) is None
    with pytest.raises(NotFound):
        store.read(sha)


@pytest.mark.parametrize("name", ["../../etc/passwd", "A" * 64, "a" * 63, "", "a" * 64 + "/x"])
def test_a_name_that_is_not_a_sha256_is_never_looked_up(
    store: ImageStore, tmp_path: Path, name: str
) -> None:
    store.put(image((255, 0, 0)))
    (tmp_path / "data" / "images" / f"{'A' * 64}.png").write_bytes(b"x")
    assert store.find(name) is None
    with pytest.raises(NotFound):
        store.read(name)


def test_stored_lists_only_image_files(store: ImageStore) -> None:
    red = image((255, 0, 0))
    store.put(red)
    for stray in ("notes.txt", "abc.png", f"{red.sha256}.png.tmp", f"{'b' * 64}.tiff"):
        (store.root / stray).write_bytes(b"x")
    assert store.stored() == [red.sha256]


def test_an_empty_store_lists_nothing_and_removes_nothing(store: ImageStore) -> None:
    assert store.stored() == []
    assert store.remove_unused([]) == []
    assert not store.root.exists()


def test_remove_unused_keeps_used_and_young_files_and_deletes_old_unused_ones(
    store: ImageStore,
) -> None:
    used_old, unused_young, unused_old = (
        image((255, 0, 0)),
        image((0, 255, 0)),
        image((0, 0, 255)),
    )
    for prepared in (used_old, unused_young, unused_old):
        store.put(prepared)
    for prepared in (used_old, unused_old):
        path = store.find(prepared.sha256)
        assert path is not None
        age(path, 2 * HOUR)
    young = store.find(unused_young.sha256)
    assert young is not None
    age(young, HOUR / 2)

    removed = store.remove_unused([used_old.sha256], grace_s=HOUR)

    assert removed == [unused_old.sha256]
    assert sorted(store.stored()) == sorted([used_old.sha256, unused_young.sha256])
    assert store.find(unused_old.sha256) is None
    # Once the young one is old too, it goes; the used one never does.
    age(young, 2 * HOUR)
    assert store.remove_unused([used_old.sha256], grace_s=HOUR) == [unused_young.sha256]
    assert store.stored() == [used_old.sha256]
    assert store.read(used_old.sha256) == used_old.data
