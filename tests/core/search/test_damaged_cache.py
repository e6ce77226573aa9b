"""A damaged search cache is rebuilt, never a crash or a wrong result (issue 12, item 12):
each way a file in ``cache/phrases-index`` can go wrong, and the results still equal those
of a fresh index."""

from __future__ import annotations

import shutil
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import orjson
import pytest

from assistant.core.phrases.library import SEARCH_FIELDS
from assistant.core.search.cache import cache_key, read_cache
from assistant.core.search.index import wait_for_cache_writes
from assistant.core.workspace import open_workspace

QUERIES = ["baoyou", "by", "fh", "包邮", "cuifu", "tuihuo", "亲", "尺码", "zhengpin", "xyz"]
Damage = Callable[[Path], None]
Library = tuple[Path, list[list[tuple[str, str, str]]]]  # the folder, a fresh index's results


def _results(data: Path) -> list[list[tuple[str, str, str]]]:
    """Each query's results, with what they show (kept with the index)."""
    ws = open_workspace(data, builtins=False)
    return [[(p.id, p.title, p.text) for p in ws.phrases.search(q)] for q in QUERIES]


def _cache(data: Path) -> Path:
    return data / "cache" / "phrases-index"


def _flip(name: str, at: float) -> Damage:
    def damage(cache: Path) -> None:
        path = cache / name
        raw = bytearray(path.read_bytes())
        header = 128  # past the .npy header: the file still loads, its values differ
        i = header + int((len(raw) - header - 1) * at)
        raw[i] ^= 0x5A
        path.write_bytes(bytes(raw))

    return damage


def _truncate(name: str) -> Damage:
    def damage(cache: Path) -> None:
        path = cache / name
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])

    return damage


def _resave(name: str, change: Callable[[np.ndarray], np.ndarray]) -> Damage:
    def damage(cache: Path) -> None:
        path = cache / name
        np.save(path, change(np.load(path)), allow_pickle=False)

    return damage


def _resave_vouched(name: str, change: Callable[[np.ndarray], np.ndarray]) -> Damage:
    """A changed array whose CRC in meta.json is updated too (a cache a faulty version wrote):
    only the bounds checks can refuse it."""

    def damage(cache: Path) -> None:
        path = cache / f"{name}.npy"
        changed = np.ascontiguousarray(change(np.load(path)))
        np.save(path, changed, allow_pickle=False)
        meta = orjson.loads((cache / "meta.json").read_bytes())
        meta["arrays"][name][2] = zlib.crc32(changed.view(np.uint8).data)
        (cache / "meta.json").write_bytes(orjson.dumps(meta))

    return damage


def _meta(change: Callable[[dict], None]) -> Damage:
    def damage(cache: Path) -> None:
        meta = orjson.loads((cache / "meta.json").read_bytes())
        change(meta)
        (cache / "meta.json").write_bytes(orjson.dumps(meta))

    return damage


def _an_older_cache_put_back(cache: Path) -> None:
    """The whole cache of an earlier state (a copied or restored folder): its signatures
    are of files that have changed since."""
    shutil.rmtree(cache)
    shutil.copytree(cache.with_name("old-cache"), cache)


def _meta_of_another_write(cache: Path) -> None:
    """The older meta.json, its shard signatures replaced by those of the files now."""
    sigs = orjson.loads((cache / "meta.json").read_bytes())["sigs"]
    shutil.copy(cache.with_name("old-cache") / "meta.json", cache / "meta.json")
    _meta(lambda m: m.update(sigs=sigs))(cache)


def _arrays_of_another_write(cache: Path) -> None:
    """The new meta.json beside the arrays of the older write."""
    old = cache.with_name("old-cache")
    for f in old.glob("*.npy"):
        shutil.copy(f, cache / f.name)


DAMAGE: dict[str, Damage] = {
    "truncated chars": _truncate("chars.npy"),
    "truncated positions": _truncate("by_char.positions.npy"),
    "truncated meta": lambda c: (c / "meta.json").write_bytes((c / "meta.json").read_bytes()[:50]),
    "flipped chars": _flip("chars.npy", 0.5),
    "flipped rid": _flip("rid.npy", 0.3),
    "flipped offsets": _flip("by_initial.offsets.npy", 0.7),
    "flipped positions": _flip("by_char.positions.npy", 0.9),
    "wrong dtype": _resave("field_starts.npy", lambda a: a.astype(np.int32)),
    "wrong dtype chars": _resave("chars.npy", lambda a: a.astype(np.float64)),
    "shorter": _resave("doc.npy", lambda a: a[:-5]),
    "longer": _resave("by_char.keys.npy", lambda a: np.concatenate([a, a[-1:] + 1])),
    "positions past the text": _resave("by_pair.positions.npy", lambda a: a + 10**6),
    "positions past the text, CRC vouched": _resave_vouched(
        "by_pair.positions", lambda a: a + 10**6
    ),
    "documents past the keys, CRC vouched": _resave_vouched("doc", lambda a: a + 10**5),
    "flipped shown": _flip("shown.npy", 0.4),
    "shown offsets past the bytes, CRC vouched": _resave_vouched(
        "shown.offsets", lambda a: a + 10**6
    ),
    "shown offsets backwards, CRC vouched": _resave_vouched("shown.offsets", lambda a: a[::-1]),
    "shown offsets too few": _resave("shown.offsets.npy", lambda a: a[:-3]),
    "no shown": lambda c: [(c / f).unlink() for f in ("shown.npy", "shown.offsets.npy")],
    "sigs of other shards": _meta(lambda m: m.update(sigs=m["sigs"][1:] + m["sigs"][:1])),
    "sigs too few": _meta(lambda m: m.update(sigs=m["sigs"][:3])),
    "sigs not signatures": _meta(lambda m: m.update(sigs=["x"] * len(m["sigs"]))),
    "segments swapped": _meta(lambda m: m.update(segments=m["segments"][::-1])),
    "keys not strings": _meta(lambda m: m.update(keys=list(range(len(m["keys"]))))),
    "meta not an object": lambda c: (c / "meta.json").write_bytes(b"[1, 2]"),
    "an older cache put back": _an_older_cache_put_back,
    "meta of another write, current sigs": _meta_of_another_write,
    "arrays of another write": _arrays_of_another_write,
}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The built-in phrases, a cache of an older state kept aside, a cache of the current
    one, and the results of a fresh index (no cache at all)."""
    data = tmp_path_factory.mktemp("cache") / "data"
    ws = open_workspace(data)
    assert ws.phrases.search("baoyou")
    wait_for_cache_writes()
    shutil.copytree(_cache(data), _cache(data).with_name("old-cache"))
    for i in range(40):  # changes in most shards: the older cache is stale
        ws.phrases.add(f"亲，包邮第{i}款，今天发货哦", title=f"包邮{i}", group="邮费")
    ws = open_workspace(data)
    assert ws.phrases.search("baoyou")
    wait_for_cache_writes()
    shutil.copytree(_cache(data), _cache(data).with_name("good-cache"))
    shutil.rmtree(_cache(data))
    fresh = _results(data)
    wait_for_cache_writes()
    shutil.rmtree(_cache(data))
    return data, fresh


def _put_good_cache(data: Path) -> None:
    shutil.rmtree(_cache(data), ignore_errors=True)
    shutil.copytree(_cache(data).with_name("good-cache"), _cache(data))


def test_the_good_cache_is_used(library: Library) -> None:
    data, fresh = library
    _put_good_cache(data)
    shards = open_workspace(data, builtins=False).folder.phrases.shard_count

    assert read_cache(_cache(data), cache_key(SEARCH_FIELDS), shards) is not None
    assert _results(data) == fresh


@pytest.mark.parametrize("how", list(DAMAGE))
def test_a_damaged_cache_gives_the_results_of_a_fresh_index(library: Library, how: str) -> None:
    data, fresh = library
    _put_good_cache(data)
    DAMAGE[how](_cache(data))

    assert _results(data) == fresh
    wait_for_cache_writes()
    assert _results(data) == fresh  # and the cache written again is good
