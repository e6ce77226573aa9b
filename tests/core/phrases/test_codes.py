"""快捷编码 lookups through the code cache (cache/phrase-codes.json, issue 15): a new process
finds a code by reading the one shard holding it, and whatever changed the files since the
cache was written (this library, another process, a raw write, a rolled-back change, a copy
of the folder, a damaged cache) it answers what reading every phrase would answer.

"Reading every phrase" is the oracle: ``CodeIndex`` without a cache file, which reads all
shards, as every lookup did before the cache.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.core.errors import NotFound
from assistant.core.phrases.codes import CodeIndex
from assistant.core.phrases.shape import make_fields, new_doc
from assistant.core.workspace import Workspace, open_workspace

CACHE = Path("cache") / "phrase-codes.json"


def fresh(path: Path) -> Workspace:
    """A new workspace on the folder: nothing in memory, as in a new `kefu` process."""
    return open_workspace(path, builtins=False)


def oracle(path: Path, code: str) -> str | None:
    doc = CodeIndex(fresh(path).folder.phrases).find(code)
    return None if doc is None else str(doc["id"])


def found(path: Path, code: str) -> str | None:
    try:
        return fresh(path).phrases.resolve(code).id
    except NotFound:
        return None


def raw_put(ws: Workspace, *docs: dict[str, object]) -> None:
    """Write documents without the library (another version, a tool): its cache not told."""
    with ws.folder.phrases.transaction():
        for doc in docs:
            ws.folder.phrases.put(str(doc["id"]), dict(doc))


def doc_with(code: str, text: str) -> dict[str, object]:
    return new_doc(make_fields(text, None, None, code, None))


@pytest.fixture
def library(empty_ws: Workspace) -> Path:
    for n in range(40):  # spread over many of the 64 shards
        empty_ws.phrases.add(f"亲，第{n}条回复", code=f"k{n}")
    return empty_ws.path


def test_a_change_is_in_the_cache_for_the_next_process(library: Path) -> None:
    assert (library / CACHE).is_file()
    ws = fresh(library)
    target = ws.phrases.resolve("k7")
    ws.phrases.edit("k7", code="Ｎｅｗ7")  # width- and case-blind, as everywhere
    before = (library / CACHE).read_bytes()
    assert found(library, "new7") == target.id == oracle(library, "NEW7")
    assert found(library, "k7") is None and oracle(library, "k7") is None
    assert (library / CACHE).read_bytes() == before  # a reader had nothing to add
    fresh(library).phrases.remove("new7")
    assert found(library, "new7") is None
    assert found(library, "k8") == oracle(library, "k8") is not None


def test_files_written_without_the_library_are_read_again(library: Path) -> None:
    ws = fresh(library)
    ws.phrases.resolve("k1")  # the cache is current
    doc = doc_with("raw1", "亲，直接写进文件的短语")
    raw_put(ws, doc)
    assert found(library, "raw1") == doc["id"] == oracle(library, "raw1")
    assert found(library, "k1") == oracle(library, "k1")


def test_a_rolled_back_change_leaves_no_code_behind(library: Path) -> None:
    (library / CACHE).unlink()  # so the lookup inside the change reads the shards, and
    ws = fresh(library)  # with them the document not committed yet
    doc = doc_with("gone1", "亲，这条不会保存")
    with pytest.raises(RuntimeError), ws.phrases.batch() as batch:
        batch.put(doc)
        assert ws.phrases.resolve("gone1").id == doc["id"]
        raise RuntimeError("the change fails")
    with pytest.raises(NotFound):
        ws.phrases.resolve("gone1")
    assert found(library, "gone1") is None and oracle(library, "gone1") is None
    assert found(library, "k3") == oracle(library, "k3")


def test_a_rolled_back_code_change_leaves_the_code_where_it_was(library: Path) -> None:
    k9 = fresh(library).phrases.resolve("k9")
    (library / CACHE).unlink()
    ws = fresh(library)  # knows no code yet: the lookup inside the change reads the shards
    with pytest.raises(RuntimeError), ws.phrases.batch() as batch:
        doc = dict(batch.get(k9.id) or {})
        batch.put({**doc, "code": "moved9"})
        with pytest.raises(NotFound):
            ws.phrases.resolve("k9")  # read while the change is under way
        raise RuntimeError("the change fails")
    assert ws.phrases.resolve("k9").id == k9.id
    assert found(library, "k9") == k9.id == oracle(library, "k9")
    assert found(library, "moved9") is None


def test_a_copy_of_the_folder_is_known_by_its_bytes(library: Path, tmp_path: Path) -> None:
    fresh(library).phrases.resolve("k2")
    copy = tmp_path / "copy"
    shutil.copytree(library, copy, copy_function=shutil.copy)  # new files, new times
    cache = (copy / CACHE).read_bytes()
    for n in (0, 19, 39):
        assert found(copy, f"k{n}") == oracle(copy, f"k{n}") is not None
    assert (copy / CACHE).read_bytes() == cache  # nothing had to be read again
    fresh(copy).phrases.edit("k19", code="c19")
    assert found(copy, "c19") == oracle(copy, "c19") is not None
    assert found(copy, "k19") is None


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b'{"format": 1, "shards": 5}', b'{"format": 1, "shards": []}'],
    ids=["empty", "not-json", "wrong-shape", "wrong-count"],
)
def test_a_damaged_cache_is_read_past(library: Path, damage: bytes) -> None:
    (library / CACHE).write_bytes(damage)
    assert found(library, "k5") == oracle(library, "k5") is not None
    assert found(library, "nosuch") is None


def test_a_cache_edited_by_hand_never_answers_a_phrase_without_the_code(library: Path) -> None:
    """The cache is trusted for where a code is, never for what a phrase holds: an id it
    names is checked against the stored phrase, and an id that is not a string is passed."""
    path = library / CACHE
    k4, k6 = found(library, "k4"), found(library, "k6")
    assert k4 and k6
    text = path.read_text("utf-8")
    path.write_text(text.replace(f'"{k4}"', "12345").replace(f'"{k6}"', f'"{k4}"'), "utf-8")
    assert found(library, "k6") is None  # the one id named is the phrase coded k4
    assert found(library, "k4") is None  # the one id named is a number
    assert found(library, "k5") == oracle(library, "k5") is not None


def test_a_code_two_phrases_share_resolves_as_reading_every_phrase_does(
    library: Path,
) -> None:
    """Codes are unique, but files written by hand or by an old version may share one."""
    ws = fresh(library)
    first, second = doc_with("dup1", "亲，第一条"), doc_with("DUP1", "亲，第二条")
    raw_put(ws, first, second)
    expected = oracle(library, "dup1")
    assert expected in (first["id"], second["id"])
    assert found(library, "dup1") == expected  # the cache is written here
    assert found(library, "Dup1") == expected  # and read here
