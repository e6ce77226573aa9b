"""Packs carry the images of their phrases (issue 16): embedded in a pack JSON, or files in
a .kefupack zip. Real data folders and real files in tmp_path; every refusal is checked
against a byte snapshot of the data folder."""

from __future__ import annotations

import base64
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from assistant.core.errors import InvalidInput
from assistant.core.packs import pack_images
from assistant.core.packs.export import export_packs
from assistant.core.packs.importer import import_file
from assistant.core.packs.pack_images import MAX_ENCODED_IMAGE, MAX_PACK_IMAGES
from assistant.core.packs.report import ImportRefused
from assistant.core.phrases.model import PhraseImage
from assistant.core.workspace import Workspace, open_workspace
from tests.core.packs.image_kit import (
    DETAIL,
    SIZE_CHART,
    imaged_pack,
    jpeg_with_gps,
    noisy_png,
    png,
    sha,
    stored,
    wide_png,
    write_zip,
)
from tests.helpers import snapshot

Agent = Callable[[str], Workspace]


@pytest.fixture
def agent(tmp_path: Path) -> Agent:
    def make(name: str) -> Workspace:
        return open_workspace(tmp_path / "agents" / name, builtins=False)

    return make


def _images(ws: Workspace, pack_id: str) -> dict[str, list[tuple[str, str, int]]]:
    """Phrase title -> its images (sha256, name, place)."""
    return {
        p.title: [(i.sha256, i.name, i.at) for i in p.images] for p in ws.phrases.in_pack(pack_id)
    }


def _pack_doc(phrases: list[dict[str, Any]], images: dict[str, str] | None = None) -> bytes:
    doc: dict[str, Any] = {
        "format": "kefu-phrase-pack",
        "format_version": 1,
        "id": "team.sizes",
        "name": "尺码",
        "phrases": phrases,
    }
    if images is not None:
        doc["images"] = images
    return orjson.dumps(doc)


def _phrase(data: bytes, name: str = SIZE_CHART, pid: str = "p1") -> dict[str, Any]:
    return {
        "id": pid,
        "title": "尺码表",
        "text": "亲，这是尺码表",
        "images": [{"sha256": sha(data), "name": name, "at": 1}],
    }


# -- round trips -------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".json", ".kefupack"])
def test_a_pack_with_images_travels_to_an_agent_who_has_none(
    agent: Agent, tmp_path: Path, suffix: str
) -> None:
    a, b = agent("A"), agent("B")
    pack_id, _ = imaged_pack(a)
    path = tmp_path / f"尺码与细节{suffix}"

    result = export_packs(a.phrases, pack_id, path)
    report = import_file(b.phrases, path)

    assert result.images == 2 and report.images == 2
    assert report.count("added") == 3
    assert _images(b, pack_id) == _images(a, pack_id)
    assert _images(b, pack_id)["细节"][0][1:] == (DETAIL, 0)  # the photo before the texts
    for p in a.phrases.in_pack(pack_id):
        for image in p.images:
            assert b.phrases.images.read(image.sha256) == a.phrases.images.read(image.sha256)
    again = import_file(b.phrases, path)  # a second import changes nothing, stores nothing
    assert again.count("unchanged") == 3 and again.images == 0


def test_an_exported_json_embeds_each_image_once_as_base64(agent: Agent, tmp_path: Path) -> None:
    a = agent("A")
    pack_id, ids = imaged_pack(a)
    path = tmp_path / "pack.json"

    export_packs(a.phrases, pack_id, path)

    doc = orjson.loads(path.read_bytes())
    used = {i.sha256 for p in a.phrases.in_pack(pack_id) for i in p.images}
    assert set(doc["images"]) == used
    for digest, text in doc["images"].items():
        assert base64.b64decode(text) == a.phrases.images.read(digest)
    by_id = {p["id"]: p for p in doc["phrases"]}
    assert "images" not in by_id[ids["plain"]]  # a phrase without images keeps its shape
    assert by_id[ids["size"]]["images"][0]["name"] == SIZE_CHART


def test_a_kefupack_holds_pack_json_and_the_image_files(agent: Agent, tmp_path: Path) -> None:
    a = agent("A")
    pack_id, _ = imaged_pack(a)
    path = tmp_path / "out"

    result = export_packs(a.phrases, pack_id, path, fmt="kefupack")

    assert result.path == tmp_path / "out.kefupack"
    with zipfile.ZipFile(result.path) as zf:
        names = zf.namelist()
        pack = orjson.loads(zf.read("pack.json"))
        files = {n: zf.read(n) for n in names if n != "pack.json"}
    assert names[0] == "pack.json" and "images" not in pack
    used = {i.sha256 for p in a.phrases.in_pack(pack_id) for i in p.images}
    assert {n.split("/")[1].split(".")[0] for n in files} == used
    assert all(n.startswith("images/") for n in files)
    for name, data in files.items():
        assert sha(data) == name.split("/")[1].split(".")[0]
    assert export_packs(a.phrases, pack_id, tmp_path / "x.kefupack").images == 2


def test_export_all_embeds_each_packs_images_in_that_pack(agent: Agent, tmp_path: Path) -> None:
    a, b = agent("A"), agent("B")
    pack_id, _ = imaged_pack(a)
    a.phrases.add("亲，这是我自己的短语")
    path = tmp_path / "all.json"

    export_packs(a.phrases, None, path)
    report = import_file(b.phrases, path)

    docs = orjson.loads(path.read_bytes())
    assert [("images" in d) for d in docs] == [d["id"] == pack_id for d in docs]
    assert report.images == 2 and _images(b, pack_id) == _images(a, pack_id)


def test_without_images_the_json_names_them_only(agent: Agent, tmp_path: Path) -> None:
    a, b = agent("A"), agent("B")
    pack_id, _ = imaged_pack(a)
    path = tmp_path / "refs.json"
    export_packs(a.phrases, pack_id, path, with_images=False)
    assert "images" not in orjson.loads(path.read_bytes())
    before = snapshot(b.path)

    with pytest.raises(ImportRefused) as caught:
        import_file(b.phrases, path)

    message = str(caught.value)
    assert "「尺码表」的图片「尺码表.png」" in message and "也不在本机的图片库中" in message
    assert snapshot(b.path) == before
    # An agent who has the images already (the publisher here) takes the file as it is.
    assert import_file(a.phrases, path).count("unchanged") == 3


def test_a_table_export_says_that_images_stay_behind(agent: Agent, tmp_path: Path) -> None:
    a = agent("A")
    pack_id, _ = imaged_pack(a)
    for suffix in (".csv", ".xlsx"):
        result = export_packs(a.phrases, pack_id, tmp_path / f"t{suffix}")
        assert sorted(result.with_images) == ["尺码表", "细节"]
        [notice] = [w for w in result.warnings if "图片" in w]
        assert "2 条短语带有图片" in notice and ".kefupack" in notice
    for suffix in (".json", ".kefupack"):
        assert export_packs(a.phrases, pack_id, tmp_path / f"t{suffix}").warnings == []


def test_a_table_imported_over_phrases_with_images_keeps_them(agent: Agent, tmp_path: Path) -> None:
    a = agent("A")
    pack_id, ids = imaged_pack(a)
    before = _images(a, pack_id)["尺码表"]
    path = tmp_path / "t.csv"
    path.write_text("快捷短语,标题\n亲，这是尺码表，请对照选择,尺码对照表\n", encoding="utf-8-sig")

    report = import_file(a.phrases, path, into=pack_id)

    assert report.count("updated") == 1
    phrase = a.phrases.get(ids["size"])
    assert phrase.title == "尺码对照表"
    assert [(i.sha256, i.name, i.at) for i in phrase.images] == before


def test_a_pack_phrase_changes_its_images_on_a_new_import(agent: Agent, tmp_path: Path) -> None:
    b = agent("B")
    first, second = stored(png("red")), stored(png("navy"))
    path = tmp_path / "p.json"
    path.write_bytes(_pack_doc([_phrase(first)], {sha(first): base64.b64encode(first).decode()}))
    import_file(b.phrases, path)
    path.write_bytes(_pack_doc([_phrase(second)], {sha(second): base64.b64encode(second).decode()}))

    report = import_file(b.phrases, path)

    assert report.count("updated") == 1 and report.images == 1
    [phrase] = b.phrases.in_pack("team.sizes")
    assert [i.sha256 for i in phrase.images] == [sha(second)]


# -- hostile packs -------------------------------------------------------------------------

GOOD = stored(png("red"))
OTHER = stored(png("yellow"))
GPS = jpeg_with_gps()
WIDE = wide_png()
NOT_AN_IMAGE = b"<html>not an image</html>"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


# name -> (the phrase's image bytes (its sha256), the embedded images, words in the refusal)
HOSTILE: dict[str, tuple[bytes, dict[str, str], tuple[str, ...]]] = {
    "wrong-bytes-for-the-hash": (GOOD, {sha(GOOD): _b64(OTHER)}, ("sha256 不符",)),
    "not-an-image": (
        NOT_AN_IMAGE,
        {sha(NOT_AN_IMAGE): _b64(NOT_AN_IMAGE)},
        ("不是可以识别的图片",),
    ),
    "over-8000-px": (WIDE, {sha(WIDE): _b64(WIDE)}, ("9000×1", "8000")),
    "exif-with-gps": (GPS, {sha(GPS): _b64(GPS)}, ("元数据",)),
    "missing": (GOOD, {}, ("既不在文件里",)),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_phrase_whose_image_is_refused_refuses_the_file_and_changes_nothing(
    agent: Agent, tmp_path: Path, case: str
) -> None:
    b = agent("B")
    b.phrases.add("亲，我原来的短语")
    data, embedded, words = HOSTILE[case]
    path = tmp_path / "hostile.json"
    path.write_bytes(_pack_doc([_phrase(data), {"id": "p2", "text": "亲，没有图片"}], embedded))
    before = snapshot(b.path)

    with pytest.raises(ImportRefused) as caught:
        import_file(b.phrases, path)

    message = str(caught.value)
    assert "第 1 条短语" in message and "「尺码表」的图片「尺码表.png」" in message
    assert all(w in message for w in words), message
    assert snapshot(b.path) == before
    with pytest.raises(ImportRefused):
        import_file(b.phrases, path, dry_run=True)
    assert snapshot(b.path) == before

    report = import_file(b.phrases, path, skip_bad=True)  # the other phrase goes in alone

    assert [r.action for r in report.results] == ["skipped", "added"]
    assert report.images == 0 and b.phrases.images.stored() == []


# name -> (the top-level images value, words in the refusal)
BAD_EMBEDDINGS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "not-an-object": ([_b64(GOOD)], ("images 必须是对象",)),
    "key-not-a-sha256": ({"../../evil": _b64(GOOD)}, ("不是 sha256",)),
    "value-not-text": ({sha(GOOD): 12}, ("base64 文字",)),
    "not-base64": ({sha(GOOD): "这不是base64!!"}, ("不是有效的 base64",)),
    "too-many": (
        {f"{n:064x}": "" for n in range(MAX_PACK_IMAGES + 1)},
        ("图片太多", str(MAX_PACK_IMAGES + 1)),
    ),
    "one-too-big-to-decode": ({sha(GOOD): "A" * (MAX_ENCODED_IMAGE + 4)}, ("太大",)),
}


@pytest.mark.parametrize("case", sorted(BAD_EMBEDDINGS))
def test_a_bad_images_object_refuses_the_whole_file(
    agent: Agent, tmp_path: Path, case: str
) -> None:
    b = agent("B")
    value, words = BAD_EMBEDDINGS[case]
    path = tmp_path / "bad.json"
    path.write_bytes(_pack_doc([_phrase(GOOD)], value))
    before = snapshot(b.path)

    for skip_bad in (False, True):  # --skip-bad skips bad rows, never a bad file
        with pytest.raises(InvalidInput) as caught:
            import_file(b.phrases, path, skip_bad=skip_bad)
        assert not isinstance(caught.value, ImportRefused)
        assert all(w in str(caught.value) for w in words), str(caught.value)
    assert snapshot(b.path) == before


def test_the_total_of_embedded_images_is_capped_before_decoding(
    agent: Agent, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = agent("B")
    first, second = stored(png("red")), stored(png("navy"))
    monkeypatch.setattr(pack_images, "MAX_PACK_IMAGE_BYTES", len(first) + len(second) - 50)
    decoded: list[object] = []
    monkeypatch.setattr(pack_images.base64, "b64decode", lambda *a, **k: decoded.append(a))
    path = tmp_path / "big.json"
    embedded = {sha(first): _b64(first), sha(second): _b64(second)}
    path.write_bytes(_pack_doc([_phrase(first), _phrase(second, pid="p2")], embedded))
    before = snapshot(b.path)

    with pytest.raises(InvalidInput, match=r"图片共 .* MB，一个短语包最多"):
        import_file(b.phrases, path)

    assert decoded == [] and snapshot(b.path) == before


def test_a_json_over_the_pack_size_is_refused_unless_images_make_up_the_rest(
    agent: Agent, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.core.packs import pack_format, sources

    b = agent("B")
    data = stored(noisy_png())
    monkeypatch.setattr(pack_format, "MAX_PACK_BYTES", 1000)
    monkeypatch.setattr(sources, "MAX_PACK_BYTES", 1000)
    embedded = {sha(data): _b64(data)}
    path = tmp_path / "p.json"
    path.write_bytes(_pack_doc([_phrase(data)], embedded))
    assert path.stat().st_size > 1000

    assert import_file(b.phrases, path).images == 1  # the images are what is over
    padded = _pack_doc([{**_phrase(data), "title": "尺" * 90, "tags": ["码" * 29] * 20}], embedded)
    path.write_bytes(padded)
    with pytest.raises(InvalidInput, match="太大"):
        import_file(b.phrases, path)


# -- hostile .kefupack files ----------------------------------------------------------------


def _pack_json(data: bytes) -> bytes:
    return _pack_doc([_phrase(data)])


def _member(data: bytes, ext: str = "png") -> str:
    return f"images/{sha(data)}.{ext}"


# name -> (members, words in the refusal)
BAD_ZIPS: dict[str, tuple[dict[str, bytes], tuple[str, ...]]] = {
    "path-traversal": (
        {"pack.json": _pack_json(GOOD), f"../{sha(GOOD)}.png": GOOD},
        ("不允许的文件",),
    ),
    "traversal-inside-images": (
        {"pack.json": _pack_json(GOOD), f"images/../../{sha(GOOD)}.png": GOOD},
        ("不允许的文件",),
    ),
    "absolute-path": ({"pack.json": _pack_json(GOOD), "/etc/passwd": b"x"}, ("不允许的文件",)),
    "an-extra-file": (
        {"pack.json": _pack_json(GOOD), "readme.txt": b"hello"},
        ("不允许的文件 readme.txt",),
    ),
    "no-pack-json": ({_member(GOOD): GOOD}, ("缺少 pack.json",)),
    "the-same-image-twice": (
        {"pack.json": _pack_json(GOOD), _member(GOOD): GOOD, _member(GOOD, "jpg"): GOOD},
        ("同一张图片出现了两次",),
    ),
    "images-embedded-in-pack-json-too": (
        {"pack.json": _pack_doc([_phrase(GOOD)], {sha(GOOD): _b64(GOOD)}), _member(GOOD): GOOD},
        ("不应再嵌入图片",),
    ),
    "a-deflate-bomb": (
        {"pack.json": _pack_json(GOOD), _member(GOOD): b"\0" * (8 * 1024 * 1024)},
        ("压缩比",),
    ),
    "an-image-over-10-mb": (
        {"pack.json": _pack_json(GOOD), _member(GOOD): bytes(range(256)) * 41_000},
        ("解压后",),
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_ZIPS))
def test_a_hostile_kefupack_is_refused_before_anything_is_written(
    agent: Agent, tmp_path: Path, case: str
) -> None:
    b = agent("B")
    members, words = BAD_ZIPS[case]
    path = write_zip(tmp_path / "hostile.kefupack", members)
    before = snapshot(b.path)

    with pytest.raises(InvalidInput) as caught:
        import_file(b.phrases, path, skip_bad=True)

    assert all(w in str(caught.value) for w in words), str(caught.value)
    assert snapshot(b.path) == before


def test_a_kefupack_image_that_does_not_match_its_name_refuses_its_phrase(
    agent: Agent, tmp_path: Path
) -> None:
    b = agent("B")
    path = write_zip(
        tmp_path / "wrong.kefupack", {"pack.json": _pack_json(GOOD), _member(GOOD): OTHER}
    )
    before = snapshot(b.path)

    with pytest.raises(
        ImportRefused, match=r"「尺码表」的图片「尺码表\.png」：图片内容与它的 sha256 不符"
    ):
        import_file(b.phrases, path)

    assert snapshot(b.path) == before


@pytest.mark.parametrize("content", [b"PK\x03\x04 not really a zip", b""])
def test_a_kefupack_that_is_not_a_zip_says_so(agent: Agent, tmp_path: Path, content: bytes) -> None:
    b = agent("B")
    path = tmp_path / "broken.kefupack"
    path.write_bytes(content)
    before = snapshot(b.path)

    with pytest.raises(InvalidInput, match="已损坏，无法导入"):
        import_file(b.phrases, path)

    assert snapshot(b.path) == before


def test_an_image_already_in_the_store_need_not_travel(agent: Agent, tmp_path: Path) -> None:
    b = agent("B")
    b.phrases.add(
        "亲，我自己的尺码表", images=[(pack_images.accept_image(GOOD, sha(GOOD)), "x.png")]
    )
    path = write_zip(tmp_path / "refs.kefupack", {"pack.json": _pack_json(GOOD)})

    report = import_file(b.phrases, path)

    assert report.count("added") == 1 and report.images == 0
    [phrase] = b.phrases.in_pack("team.sizes")
    assert phrase.images == [PhraseImage(sha(GOOD), SIZE_CHART, 1)]
