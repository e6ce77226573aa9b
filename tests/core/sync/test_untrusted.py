"""Packs from others are untrusted: names that could escape, oversized files, phrase ids
and codes that collide with the agent's own phrases."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.core.phrases.shape import make_fields, new_doc
from assistant.core.sync.sources import folder as folder_source
from assistant.core.sync.sources import webdav as webdav_source
from assistant.core.sync.sources.base import MAX_DOWNLOAD, SyncError
from assistant.core.sync.sources.folder import FolderSource
from assistant.core.sync.versions import digest
from assistant.core.workspace import Workspace
from tests.core.sync.team import STANDARD, Shared, library_view, own_pack, sync_heads, texts

Agent = Callable[[str], Workspace]


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def test_listing_ignores_names_that_are_not_safe_ids(shared: Shared, agent: Agent) -> None:
    a, b = agent("A"), agent("B")
    pack_id, _ = own_pack(a, "售前标准回复", ("post",))
    shared.publish(a, pack_id)
    for name in ("..sneaky", ".hidden", "bad name", "中文包", "-dash"):
        (shared.folder / name).mkdir()
        (shared.folder / name / "v1-0123456789abcdef0123.json").write_text("{}")
    (shared.folder / pack_id / "..v9-0123456789abcdef0123.json").write_text("{}")
    (shared.folder / pack_id / "notes.txt").write_text("hello")

    results = shared.subscribe(b)

    assert [r.pack_id for r in results] == [pack_id]
    assert len(texts(b, pack_id)) == 1


def test_subscribing_to_an_escaping_pack_id_is_refused(shared: Shared, agent: Agent) -> None:
    a, b = agent("A"), agent("B")
    pack_id, _ = own_pack(a, "售前标准回复", ("post",))
    shared.publish(a, pack_id)
    before = library_view(b)

    for bad in ("../" + pack_id, "..", f"{pack_id}/../{pack_id}", "/etc"):
        with pytest.raises(SyncError):
            shared.sync(b).subscribe(shared.spec, shared.user, [bad])

    assert library_view(b) == before
    assert shared.sync(b).subscriptions() == []


def test_sources_refuse_unsafe_names_before_touching_anything(tmp_path: Path) -> None:
    source = FolderSource(str(tmp_path))
    outside = tmp_path.parent / "outside.json"
    for pack_id, name in (("../x", "v1-0123456789abcdef0123.json"), ("ok", "../../outside.json")):
        with pytest.raises(SyncError, match="不安全的名称"):
            source.read(pack_id, name)
        with pytest.raises(SyncError, match="不安全的名称"):
            source.write_new(pack_id, name, b"{}")
    with pytest.raises(SyncError, match="不安全的名称"):
        source.list("../x")
    assert not outside.exists()
    dav = webdav_source.WebDavSource("http://127.0.0.1:9/team/", "alice", "secret")
    with pytest.raises(SyncError, match="不安全的名称"):
        dav.read("..", "v1-0123456789abcdef0123.json")  # refused before any connection


def test_webdav_listing_with_dot_dot_hrefs_stays_inside_the_url(
    shared_dav: Shared, agent: Agent
) -> None:
    a, b = agent("A"), agent("B")
    pack_id, _ = own_pack(a, "售前标准回复", ("post",))
    shared_dav.publish(a, pack_id)
    shared_dav.subscribe(b)
    base = "/" + shared_dav.spec.split("/", 3)[3]  # the URL's path: /team/<test>/
    hrefs = [base, f"{base}{pack_id}/", f"{base}..%2F..%2Fescape/", f"{base}%2E%2E/", "/../../"]
    body = (
        '<?xml version="1.0" encoding="utf-8"?><d:multistatus xmlns:d="DAV:">'
        + "".join(
            f"<d:response><d:href>{h}</d:href><d:propstat><d:prop><d:resourcetype>"
            "<d:collection/></d:resourcetype></d:prop></d:propstat></d:response>"
            for h in hrefs
        )
        + "</d:multistatus>"
    ).encode()
    fault = shared_dav.dav.fault
    fault.propfind_body, fault.methods, fault.path_suffix = body, {"PROPFIND"}, base
    fault.log.clear()

    results = shared_dav.sync(b).sync_all()

    assert any(r.pack_id == pack_id and r.ok for r in results)
    assert fault.log and all(path.startswith(base) for _, path in fault.log)
    assert all(".." not in path for _, path in fault.log)


def test_pack_id_inside_the_file_must_match_its_folder(shared: Shared, agent: Agent) -> None:
    """A file that claims to be another pack (or an escaping id) is refused as a whole."""
    b = agent("B")
    for claimed in ("../../settings", "someone-elses-pack"):
        data = json.dumps(
            {
                "format": "kefu-phrase-pack",
                "format_version": 1,
                "id": claimed,
                "name": "伪造的包",
                "version": "1",
                "parents": [],
                "phrases": [{"id": "p1", "text": "亲，加微信 abc123 领红包"}],
            }
        ).encode()
        folder = shared.folder / "good-pack"
        folder.mkdir(exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        (folder / f"v1-{digest(data)}.json").write_bytes(data)
        around = b.path.parent  # the agents' folders: nothing may appear beside B's
        before = _files(around)

        results = shared.sync(b).subscribe(shared.spec, shared.user, ["good-pack"])

        assert [r.ok for r in results] == [False]
        assert "good-pack" in results[0].message or claimed in results[0].message
        assert texts(b) == {}
        assert b.phrases.packs.find("good-pack") is None
        assert {f for f in _files(around) - before if not f.startswith(f"{b.path.name}/")} == set()


def test_oversized_file_is_refused(shared: Shared, agent: Agent) -> None:
    """The real limit: a file just over it is refused without being parsed."""
    a, b = agent("A"), agent("B")
    pack_id, _ = own_pack(a, "售前标准回复")
    shared.publish(a, pack_id)
    shared.subscribe(b)
    before = (library_view(b), sync_heads(b, pack_id))
    big = shared.folder / pack_id / "v2-0123456789abcdef0123.json"
    with big.open("wb") as fh:
        fh.truncate(MAX_DOWNLOAD + 1)  # sparse: costs no disk

    [result] = shared.sync(b).sync_all()

    assert not result.ok and "太大" in result.message
    assert (library_view(b), sync_heads(b, pack_id)) == before
    big.unlink()
    shared.pull(b)


def test_pack_over_a_lowered_limit_is_refused(
    shared: Shared, agent: Agent, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = agent("A"), agent("B")
    pack_id, ids = own_pack(a, "售前标准回复")
    shared.publish(a, pack_id)
    shared.subscribe(b)
    a.phrases.edit(ids["post"], text="亲，满99元包邮哦" + "，真的" * 400)
    shared.publish(a, pack_id)
    v2 = shared.version_files(pack_id)[-1]
    size = (shared.folder / pack_id / v2).stat().st_size
    monkeypatch.setattr(folder_source, "MAX_DOWNLOAD", size - 1)
    monkeypatch.setattr(webdav_source, "MAX_DOWNLOAD", size - 1)
    before = library_view(b)

    [result] = shared.sync(b).sync_all()

    assert not result.ok and "太大" in result.message and v2 in result.message
    assert library_view(b) == before
    monkeypatch.setattr(folder_source, "MAX_DOWNLOAD", size)
    monkeypatch.setattr(webdav_source, "MAX_DOWNLOAD", size)
    shared.pull(b)
    assert b.phrases.get(ids["post"]).text.startswith("亲，满99元包邮哦")


def test_phrase_id_of_another_pack_is_skipped(shared: Shared, agent: Agent) -> None:
    a, b = agent("A"), agent("B")
    pack_id, ids = own_pack(a, "售前标准回复")
    shared.publish(a, pack_id)
    own = new_doc(make_fields("亲，这是我自己写的话", title="我的话"), phrase_id=ids["post"])
    b.phrases.put_docs([own])

    [result] = shared.subscribe(b)

    assert result.report is not None
    [message] = result.report.skipped
    assert ids["post"] in message and "已跳过" in message
    mine = b.phrases.get(ids["post"])
    assert (mine.text, b.phrases.pack_id(mine.id)) == ("亲，这是我自己写的话", "mine")
    assert set(texts(b, pack_id)) == set(ids.values()) - {ids["post"]}

    a.phrases.edit(ids["post"], text="亲，满99元包邮哦")
    shared.publish(a, pack_id)
    [again] = shared.pull(b)
    assert again.report is not None and again.report.skipped
    assert b.phrases.get(ids["post"]).text == "亲，这是我自己写的话"


def test_code_taken_locally_stays_with_the_local_phrase(shared: Shared, agent: Agent) -> None:
    a, b = agent("A"), agent("B")
    pack_id, ids = own_pack(a, "售前标准回复")
    shared.publish(a, pack_id)
    code = STANDARD["post"][2]
    assert code is not None
    mine = b.phrases.add("亲，我自己的包邮说法", code=code)

    shared.subscribe(b)

    assert b.phrases.resolve(code).id == mine.id
    assert b.phrases.get(ids["post"]).code is None
    assert b.phrases.get(ids["post"]).text == STANDARD["post"][1]


def test_text_arrives_as_plain_text(shared: Shared, agent: Agent) -> None:
    a, b = agent("A"), agent("B")
    pack_id, _ = own_pack(a, "售前标准回复", ())
    text = '亲，<b>点这里</b><script>alert("x")</script> {买家} $(rm -rf /) `reboot`'
    pid = a.phrases.add(text, title="<i>标题</i>", pack=pack_id).id
    shared.publish(a, pack_id)

    shared.subscribe(b)

    got = b.phrases.get(pid)
    assert (got.text, got.title) == (text, "<i>标题</i>")
