"""Corruption (issue 8, item 3): a damaged data file never crashes the command or the app.

Each collection that holds years of work (phrases, buyers, settings) gets each kind of
damage in turn. The file was written twice, so its ``.bak`` holds the first version and
the file the second. What must happen:
- with a good .bak: the first version comes back, the damaged file is kept aside as
  ``<name>.damaged-<time>`` next to it, and the user is told which file and where it went
  (`kefu`: a stderr line starting 提示; the app's core: ``folder.recovered()``);
- without a .bak: the collection starts empty, but the damaged file is still kept aside
  and the user is still told (the message says 空数据).
Afterwards the file loads and accepts writes again.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest

from assistant.core.errors import NotFound
from assistant.core.workspace import Workspace, open_workspace
from tests.reliability.conftest import kefu


def _garbage(_: bytes) -> bytes:
    return random.Random(8).randbytes(4096)


DAMAGES: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda raw: b"",
    "truncated": lambda raw: raw[: len(raw) // 2],
    "cut-one-byte-short": lambda raw: raw[:-1],
    "garbage-bytes": _garbage,
    "json-list": lambda raw: b'[{"docs": {}}]',
    "json-number": lambda raw: b"42",
    "json-string": lambda raw: b'"docs"',
    "json-null": lambda raw: b"null",
    "docs-is-a-list": lambda raw: b'{"docs": []}',
    "doc-is-a-number": lambda raw: b'{"docs": {"x": 5}}',
    "doc-is-a-list": lambda raw: b'{"docs": {"x": [1, 2]}}',
    "doc-is-a-string": lambda raw: b'{"docs": {"x": "text"}}',
    "utf16-encoded": lambda raw: raw.decode("utf-8").encode("utf-16"),
    "utf8-with-bom": lambda raw: b"\xef\xbb\xbf" + raw,
    "invalid-utf8": lambda raw: raw.replace(b"v2", b"v\xff\xfe2", 1),
    "nul-bytes": lambda raw: raw[:5] + b"\x00" * 64 + raw[5:],
    "trailing-junk": lambda raw: raw + b"}{",
    "huge-garbage-line": lambda raw: b"x" * 8_000_000,
}
DIRECTORY = "directory-instead-of-file"
VARIANTS = [*DAMAGES, DIRECTORY]


@dataclass
class Case:
    """One collection with a value written twice, ``v1`` then ``v2``: the file and its copy
    (``.bak``) both hold ``v2``, so a damaged file is rebuilt without losing the last write."""

    name: str
    read: Callable[[Workspace], str | None]  # the value as the app sees it; None: absent
    file: Callable[[Path], Path]  # the data file holding it
    command: tuple[str, ...]  # a `kefu` command that reads it
    write: Callable[[Workspace], None]  # a later change, to show it is writable again


def _phrase_text(ws: Workspace) -> str | None:
    try:
        return ws.phrases.resolve("dmg").text
    except NotFound:
        return None


def _buyer_note(ws: Workspace) -> str | None:
    return ws.buyers.get("damaged_buyer").notes if ws.buyers.exists("damaged_buyer") else None


def _shop_name(ws: Workspace) -> str | None:
    return ws.shop.get()["店铺"] or None


def _holding(collection: str, key: str) -> Callable[[Path], Path]:
    def find(data: Path) -> Path:
        for path in sorted((data / collection).glob("*.json")):
            if key in orjson.loads(path.read_bytes()).get("docs", {}):
                return path
        raise AssertionError(f"no {collection} file holds {key}")

    return find


def _phrase_key(data: Path) -> Path:
    ws = open_workspace(data, builtins=False)
    return _holding("phrases", ws.phrases.resolve("dmg").id)(data)


CASES = {
    "phrases": Case(
        "phrases",
        _phrase_text,
        _phrase_key,
        ("list", "--json"),
        lambda ws: ws.phrases.add("亲，修好以后又能写了", code="again"),
    ),
    "buyers": Case(
        "buyers",
        _buyer_note,
        _holding("buyers", "taobao:damaged_buyer"),
        ("buyer", "list", "--json"),
        lambda ws: ws.buyers.add("another_buyer"),
    ),
    "settings": Case(
        "settings",
        _shop_name,
        lambda data: data / "settings.json",
        ("shop", "--json"),
        lambda ws: ws.settings.update(paste_delay_ms=300),
    ),
}


def _write_twice(data: Path, case: Case) -> None:
    ws = open_workspace(data, builtins=False)
    if case.name == "phrases":
        phrase = ws.phrases.add("v1", code="dmg")
        ws.phrases.edit(phrase.id, text="v2")
    elif case.name == "buyers":
        ws.buyers.add("damaged_buyer", notes="v1")
        ws.buyers.edit("damaged_buyer", notes="v2")
    else:
        ws.shop.update({"店铺": "v1"})
        ws.shop.update({"店铺": "v2"})
    assert case.read(open_workspace(data, builtins=False)) == "v2"


def _damage(path: Path, variant: str) -> bytes | None:
    """Damage the file; returns the bytes now in it (None: it became a directory)."""
    raw = path.read_bytes()
    if variant == DIRECTORY:
        path.unlink()
        path.mkdir()
        (path / "inside.txt").write_text("a folder where the data file should be")
        return None
    broken = DAMAGES[variant](raw)
    assert broken != raw
    path.write_bytes(broken)
    return broken


def _prepare(tmp_path: Path, collection: str, variant: str, with_backup: bool) -> tuple:
    data = tmp_path / "data"
    case = CASES[collection]
    _write_twice(data, case)
    target = case.file(data)
    backup = target.with_name(target.name + ".bak")
    assert backup.exists()
    if not with_backup:
        backup.unlink()
    broken = _damage(target, variant)
    return data, case, target, broken


def _aside(target: Path, broken: bytes | None) -> Path:
    kept = list(target.parent.glob(f"{target.name}.damaged-*"))
    assert len(kept) == 1, kept
    if broken is None:
        assert kept[0].is_dir() and (kept[0] / "inside.txt").exists()
    else:
        assert kept[0].read_bytes() == broken
    return kept[0]


def _check_whole_again(data: Path, case: Case, target: Path) -> None:
    assert isinstance(orjson.loads(target.read_bytes()), dict)
    ws = open_workspace(data, builtins=False)
    case.write(ws)
    again = open_workspace(data, builtins=False)
    case.read(again)
    assert again.folder.recovered() == []  # recovered once, not on every start


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("collection", sorted(CASES))
def test_core_restores_the_backup_and_keeps_the_damaged_file(
    tmp_path: Path, collection: str, variant: str
) -> None:
    data, case, target, broken = _prepare(tmp_path, collection, variant, with_backup=True)
    ws = open_workspace(data, builtins=False)
    assert case.read(ws) == "v2"  # the copy: the last committed change, nothing lost
    ws.phrases.all(include_hidden=True)
    ws.phrases.search("v")
    ws.buyers.all(archived=None)
    ws.buyers.search("d")
    ws.settings.load()
    kept = _aside(target, broken)
    messages = ws.folder.recovered()
    assert len(messages) == 1, messages
    assert target.name in messages[0]
    assert "备份" in messages[0]
    assert str(kept) in messages[0]
    _check_whole_again(data, case, target)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("collection", sorted(CASES))
def test_core_without_a_backup_starts_empty_and_still_keeps_the_damaged_file(
    tmp_path: Path, collection: str, variant: str
) -> None:
    data, case, target, broken = _prepare(tmp_path, collection, variant, with_backup=False)
    ws = open_workspace(data, builtins=False)
    assert case.read(ws) is None
    kept = _aside(target, broken)
    messages = ws.folder.recovered()
    assert len(messages) == 1, messages
    assert "空数据" in messages[0]
    assert str(kept) in messages[0]
    _check_whole_again(data, case, target)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("collection", sorted(CASES))
def test_the_command_restores_the_backup_and_says_where_the_damaged_file_is(
    tmp_path: Path, collection: str, variant: str
) -> None:
    data, case, target, broken = _prepare(tmp_path, collection, variant, with_backup=True)
    run = kefu(data, *case.command)
    assert run.code == 0, run.err
    orjson.loads(run.out)  # the command's normal output, whole
    kept = _aside(target, broken)
    notes = [line for line in run.err_lines if target.name in line]
    assert len(notes) == 1, run.err
    assert notes[0].startswith("提示")
    assert str(kept) in notes[0]
    assert case.read(open_workspace(data, builtins=False)) == "v2"


# A document of the right JSON shape whose fields have the wrong types (a hand-edited file):
# each collection's document check (assistant/core/store/shapes.py) makes it count as damage.
FIELD_DAMAGES = {
    "phrases": b'{"docs": {"x": {"id": "x", "title": 5, "text": [1], "group": null}}}',
    "buyers": b'{"docs": {"taobao:x": {"account": 7, "tags": "not-a-list"}}}',
}


@pytest.mark.parametrize("collection", sorted(FIELD_DAMAGES))
def test_a_document_with_wrong_field_types_is_treated_as_damage(
    tmp_path: Path, collection: str
) -> None:
    data, case, target, _ = _prepare(tmp_path, collection, "empty", with_backup=True)
    target.write_bytes(FIELD_DAMAGES[collection])
    run = kefu(data, *case.command)
    assert run.code == 0
    assert "提示" in run.err


def test_a_real_kefu_process_reports_a_damaged_phrase_file_in_one_line(tmp_path: Path) -> None:
    from tests.helpers import run_kefu

    data, _, target, broken = _prepare(tmp_path, "phrases", "truncated", with_backup=True)
    result = run_kefu(data, "show", "dmg")
    assert result.returncode == 0, result.stderr
    assert "v2" in result.stdout
    kept = _aside(target, broken)
    assert result.stderr.strip().splitlines() == [
        line for line in result.stderr.strip().splitlines() if line.startswith("提示")
    ]
    assert str(kept) in result.stderr
    shutil.rmtree(data)
