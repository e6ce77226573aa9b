"""Every fault leaves B's library as it was, says what went wrong in Chinese, and the next
sync after the fault is gone succeeds."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from assistant.core.sync.service import PackSync, SyncResult
from assistant.core.sync.sources import folder as folder_source
from assistant.core.sync.sources import webdav as webdav_source
from assistant.core.sync.sources.base import SyncError
from assistant.core.sync.versions import digest, encode_version
from assistant.core.workspace import Workspace, open_workspace
from tests.core.sync.conftest import DavSpace
from tests.core.sync.servers import PASSWORD, USER, DavServer, Gate
from tests.core.sync.team import Shared, library_view, own_pack, sync_heads

Agent = Callable[[str], Workspace]
CHINESE = re.compile(r"[\u4e00-\u9fff]")
NEW_POST = "亲，满99元包邮哦，再看看别的宝贝凑一凑吧"


@dataclass
class Behind:
    """B synced v1; A has since published v2 (B has not seen it yet)."""

    a: Workspace
    b: Workspace
    pack_id: str
    ids: dict[str, str]
    shared: Shared

    def snapshot(self) -> tuple[object, object]:
        return library_view(self.b), sync_heads(self.b, self.pack_id)

    def failing_sync(self, sync: PackSync | None = None) -> SyncResult:
        """A sync that must fail and change nothing; returns the failure."""
        before = self.snapshot()
        results = (sync or self.shared.sync(self.b)).sync_all()
        assert results, "a failed sync must say so, not report nothing"
        failed = [r for r in results if not r.ok]
        assert failed, [r.message for r in results]
        assert self.snapshot() == before
        for r in failed:
            assert CHINESE.search(r.message), r.message
            assert PASSWORD not in r.message
        return failed[0]

    def sync_catches_up(self) -> None:
        self.shared.pull(self.b)
        assert self.b.phrases.get(self.ids["post"]).text == NEW_POST
        assert sync_heads(self.b, self.pack_id) == sync_heads(self.a, self.pack_id)


def _build(
    shared: Shared, a: Workspace, b: Workspace, one_pack: bool
) -> tuple[str, dict[str, str]]:
    pack_id, ids = own_pack(a, "售前标准回复", ("post", "ship", "size", "colour"))
    shared.publish(a, pack_id)
    if one_pack:
        shared.subscribe(b, pack_id)
    else:
        shared.subscribe(b)
    b.phrases.record_use(ids["ship"])
    b.phrases.edit(ids["size"], text="亲，这款偏小，建议拍大一码")  # an override of B's own
    a.phrases.edit(ids["post"], text=NEW_POST)
    a.phrases.remove(ids["colour"])
    shared.publish(a, pack_id)
    return pack_id, ids


def _behind(shared: Shared, agent: Agent, *, one_pack: bool = False) -> Behind:
    """The state built from scratch (for a source at an address of the test's own)."""
    a, b = agent("A"), agent("B")
    pack_id, ids = _build(shared, a, b, one_pack)
    return Behind(a, b, pack_id, ids, shared)


class _Saved:
    """The state, built once per kind of source and restored (copied back) for each test:
    the agents' folders and the shared place sit at the same paths every time, so the
    addresses saved in B's subscription stay right.

    The server lives for the whole session but this state only for a stretch of this module's
    tests: when the order interleaves modules it is built again, so its folders on the server
    are named after its own root (``faults0``, ``faults1``...), never reused."""

    def __init__(self, root: Path, server: DavServer) -> None:
        self.root, self.server = root, server
        self.meta: dict[str, tuple[str, dict[str, str]]] = {}

    def shared(self, kind: str, name: str) -> Shared:
        if kind == "folder":
            folder = self.root / name / "共享文件夹"
            return Shared("folder", str(folder), folder)
        on_server = f"{self.root.name}-{name}"
        space = DavSpace(
            self.server.url + f"{on_server}/",
            self.server.folder / on_server,
            self.server.port,
            self.server.fault,
        )
        return Shared("webdav", space.url, space.folder, user=USER, dav=space)

    def restore(self, kind: str, one_pack: bool) -> Behind:
        name = f"{kind}-{'one' if one_pack else 'all'}"
        work, saved = self.root / name, self.root / f"{name}.saved"
        shared = self.shared(kind, name)
        if name not in self.meta:
            shared.folder.mkdir(parents=True)
            a = open_workspace(work / "A", builtins=False)
            b = open_workspace(work / "B", builtins=False)
            self.meta[name] = _build(shared, a, b, one_pack)
            shutil.copytree(work, saved / "work")
            shutil.copytree(shared.folder, saved / "shared")
        else:
            for target, copy in ((work, saved / "work"), (shared.folder, saved / "shared")):
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(copy, target)
        pack_id, ids = self.meta[name]
        a = open_workspace(work / "A", builtins=False)
        b = open_workspace(work / "B", builtins=False)
        return Behind(a, b, pack_id, ids, shared)


@pytest.fixture(scope="module")
def _saved(tmp_path_factory: pytest.TempPathFactory, dav_server: DavServer) -> _Saved:
    return _Saved(tmp_path_factory.mktemp("faults"), dav_server)


MakeBehind = Callable[..., Behind]


@pytest.fixture
def behind(
    _saved: _Saved, dav_server: DavServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MakeBehind]:
    """``behind(kind, one_pack=False)``: B synced v1; A has since published v2."""
    monkeypatch.setenv("KEFU_WEBDAV_PASSWORD", PASSWORD)
    dav_server.fault.clear()

    def make(kind: str, one_pack: bool = False) -> Behind:
        return _saved.restore(kind, one_pack)

    yield make
    dav_server.fault.clear()


KINDS = ["folder", "webdav"]


# -- faults of the shared place itself (folder and WebDAV) --------------------------------


def _v2_file(t: Behind) -> str:
    return t.shared.version_files(t.pack_id)[-1]


@pytest.mark.parametrize("kind", KINDS)
def test_truncated_version_file_is_refused_by_its_hash(behind: MakeBehind, kind: str) -> None:
    """A half-copied file (a sync client still writing it) fails the hash check."""
    t = behind(kind)
    path = t.shared.folder / t.pack_id / _v2_file(t)
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])

    failure = t.failing_sync()
    assert "校验值不符" in failure.message

    path.write_bytes(whole)
    t.sync_catches_up()


@pytest.mark.parametrize("kind", KINDS)
def test_file_whose_content_does_not_match_its_name_is_refused(
    behind: MakeBehind, kind: str
) -> None:
    t = behind(kind)
    v2 = _v2_file(t)
    v2_hash = v2.removesuffix(".json").split("-", 1)[1]
    name, data = encode_version(
        t.pack_id,
        {"name": "售前标准回复"},
        3,
        [v2_hash],
        {},  # a version that would delete every phrase
        "2026-01-01T00:00:00+08:00",
    )
    forged = t.shared.folder / t.pack_id / f"v3-{'0' * 20}.json"
    assert digest(data) != "0" * 20 and name != forged.name
    forged.write_bytes(data)

    failure = t.failing_sync()
    assert forged.name in failure.message

    forged.unlink()
    t.sync_catches_up()


MALFORMED = {
    "not-json": b'{"format": "kefu-phrase-pack", "phrases": [',
    "no-format": b'{"id": "x", "name": "x", "phrases": []}',
    "phrases-not-list": None,  # filled in below: need the pack id
    "bad-parents": None,
    "other-pack-id": None,
    "empty-text": None,
    "phrase-id-escapes": None,
}


def _malformed(kind: str, pack_id: str, parent: str) -> bytes:
    import json

    base = {
        "format": "kefu-phrase-pack",
        "format_version": 1,
        "id": pack_id,
        "name": "售前标准回复",
        "version": "3",
        "parents": [parent],
        "phrases": [{"id": "p1", "title": "包邮", "text": "亲，包邮哦", "group": "常用"}],
    }
    if kind in ("not-json", "no-format"):
        raw = MALFORMED[kind]
        assert raw is not None
        return raw
    if kind == "phrases-not-list":
        base["phrases"] = {"p1": "亲，包邮哦"}
    elif kind == "bad-parents":
        base["parents"] = ["../../etc/passwd"]
    elif kind == "other-pack-id":
        base["id"] = "someone-elses-pack"
    elif kind == "empty-text":
        base["phrases"] = [{"id": "p1", "text": "   "}]
    elif kind == "phrase-id-escapes":
        base["phrases"] = [{"id": "../../settings", "text": "亲，包邮哦"}]
    return json.dumps(base, ensure_ascii=False).encode()


@pytest.mark.parametrize(
    ("source", "kind"),
    [("folder", k) for k in sorted(MALFORMED)] + [("webdav", "not-json")],
)
def test_malformed_pack_is_refused(behind: MakeBehind, source: str, kind: str) -> None:
    t = behind(source)
    v2_hash = _v2_file(t).removesuffix(".json").split("-", 1)[1]
    data = _malformed(kind, t.pack_id, v2_hash)
    bad = t.shared.folder / t.pack_id / f"v3-{digest(data)}.json"  # the name matches the bytes
    bad.write_bytes(data)

    failure = t.failing_sync()
    assert bad.name in failure.message

    bad.unlink()
    t.sync_catches_up()


@pytest.mark.parametrize("kind", KINDS)
def test_pack_gone_from_the_source(behind: MakeBehind, kind: str, tmp_path: Path) -> None:
    t = behind(kind, one_pack=True)
    folder = t.shared.folder / t.pack_id
    away = tmp_path / "away"
    away.mkdir()
    shutil.move(folder, away / t.pack_id)

    failure = t.failing_sync()
    assert t.pack_id in failure.message
    assert PackSync(t.b.phrases).status()[t.pack_id]["last_error"] == failure.message

    shutil.move(away / t.pack_id, folder)
    t.sync_catches_up()
    assert PackSync(t.b.phrases).status()[t.pack_id]["last_error"] is None


def test_publish_failure_changes_nothing_for_the_publisher(
    shared: Shared, agent: Agent, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = agent("A")
    pack_id, ids = own_pack(a, "售前标准回复")
    shared.publish(a, pack_id)
    a.phrases.edit(ids["post"], text=NEW_POST)
    before = (a.phrases.packs.get(pack_id).version, sync_heads(a, pack_id))

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    with monkeypatch.context() as patch:
        if shared.dav is None:
            # a read-only share
            patch.setattr(folder_source, "tempfile", SimpleNamespace(mkstemp=refuse))
        else:
            shared.dav.fault.status, shared.dav.fault.methods = 507, {"PUT"}
        with pytest.raises(SyncError) as info:
            shared.sync(a).publish(pack_id, shared.spec, shared.user)
    assert CHINESE.search(str(info.value)), info.value
    assert (a.phrases.packs.get(pack_id).version, sync_heads(a, pack_id)) == before
    assert len(shared.version_files(pack_id)) == 1
    assert not [p for p in (shared.folder / pack_id).iterdir() if not p.name.startswith("v1-")]

    if shared.dav is not None:
        shared.dav.fault.clear()
    shared.publish(a, pack_id)
    assert a.phrases.packs.get(pack_id).version == "2"
    assert a.phrases.get(ids["post"]).text == NEW_POST


# -- the shared folder -----------------------------------------------------------------


@pytest.mark.parametrize("one_pack", [False, True], ids=["all-packs", "one-pack"])
def test_shared_folder_offline(behind: MakeBehind, one_pack: bool) -> None:
    """The network drive is not mounted: the folder is simply not there."""
    t = behind("folder", one_pack)
    away = t.shared.folder.with_name("offline")
    t.shared.folder.rename(away)

    failure = t.failing_sync()
    assert "共享文件夹不存在或无法访问" in failure.message

    away.rename(t.shared.folder)
    t.sync_catches_up()


# -- WebDAV answers ------------------------------------------------------------------------


def test_wrong_password(behind: MakeBehind) -> None:
    t = behind("webdav")
    password = {"value": "not-the-password"}

    def lookup(url: str, user: str) -> str | None:
        assert (url, user) == (t.shared.spec, USER)
        return password["value"]

    failure = t.failing_sync(PackSync(t.b.phrases, passwords=lookup))
    assert "401" in failure.message and "密码" in failure.message
    assert password["value"] not in failure.message

    password["value"] = PASSWORD
    PackSync(t.b.phrases, passwords=lookup).sync_all()
    assert t.b.phrases.get(t.ids["post"]).text == NEW_POST


def test_no_password_anywhere(behind: MakeBehind, monkeypatch: pytest.MonkeyPatch) -> None:
    t = behind("webdav")
    monkeypatch.delenv("KEFU_WEBDAV_PASSWORD")

    failure = t.failing_sync()
    assert "kefu pack login" in failure.message

    monkeypatch.setenv("KEFU_WEBDAV_PASSWORD", PASSWORD)
    t.sync_catches_up()


HTTP_FAULTS = [
    pytest.param(403, None, "403", False, id="403"),
    pytest.param(404, None, "404", False, id="404-everything"),
    pytest.param(404, None, "没有短语包", True, id="404-everything-one-pack"),
    pytest.param(409, None, "409", False, id="409"),
    pytest.param(412, None, "412", False, id="412"),
    pytest.param(500, None, "500", False, id="500"),
    pytest.param(500, None, "500", True, id="500-one-pack"),
    pytest.param(500, {"GET"}, "500", False, id="500-on-download"),
    pytest.param(404, {"GET"}, "404", False, id="404-on-download"),
    pytest.param(503, {"PROPFIND"}, "503", False, id="503-on-listing"),
    pytest.param(412, {"PROPFIND"}, "412", True, id="412-on-listing-one-pack"),
]


@pytest.mark.parametrize(("status", "methods", "shown", "one_pack"), HTTP_FAULTS)
def test_http_error(
    behind: MakeBehind,
    status: int,
    methods: set[str] | None,
    shown: str,
    one_pack: bool,
) -> None:
    t = behind("webdav", one_pack)
    fault = t.shared.dav.fault
    fault.status, fault.methods = status, methods

    failure = t.failing_sync()
    assert shown in failure.message, failure.message

    fault.clear()
    t.sync_catches_up()


def test_http_error_on_the_pack_listing_only(behind: MakeBehind) -> None:
    t = behind("webdav")
    fault = t.shared.dav.fault
    fault.status, fault.path_suffix = 500, f"/{t.pack_id}/"

    failure = t.failing_sync()
    assert failure.pack_id == t.pack_id and "500" in failure.message

    fault.clear()
    t.sync_catches_up()


LOGIN_PAGE = "<html><head><title>登录</title></head><body>请先登录</body></html>".encode()
GARBAGE = [
    pytest.param(b"\x00\x01 this is no XML <<<", False, id="binary"),
    pytest.param(LOGIN_PAGE, False, id="login-page"),
    pytest.param(LOGIN_PAGE, True, id="login-page-one-pack"),
    pytest.param(
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><d:multistatus xmlns:d="DAV:">&lol2;'
        b"</d:multistatus>",
        False,
        id="entity-expansion",
    ),
]


@pytest.mark.parametrize(("body", "one_pack"), GARBAGE)
def test_listing_that_lies_with_200_and_garbage(
    behind: MakeBehind, body: bytes, one_pack: bool
) -> None:
    t = behind("webdav", one_pack)
    t.shared.dav.fault.propfind_body = body

    failure = t.failing_sync()
    assert "目录列表" in failure.message, failure.message

    t.shared.dav.fault.clear()
    t.sync_catches_up()


def test_download_cut_short_without_a_length(behind: MakeBehind) -> None:
    t = behind("webdav")
    t.shared.dav.fault.truncate = True

    failure = t.failing_sync()
    assert "校验值不符" in failure.message

    t.shared.dav.fault.clear()
    t.sync_catches_up()


def test_connection_closed_in_the_middle_of_a_download(behind: MakeBehind) -> None:
    t = behind("webdav")
    t.shared.dav.fault.cut = True

    failure = t.failing_sync()
    assert "下载" in failure.message

    t.shared.dav.fault.clear()
    t.sync_catches_up()


@pytest.mark.parametrize("methods", [None, {"GET"}], ids=["listing", "download"])
def test_server_too_slow(
    behind: MakeBehind,
    monkeypatch: pytest.MonkeyPatch,
    methods: set[str] | None,
) -> None:
    t = behind("webdav")
    fault = t.shared.dav.fault
    fault.stall, fault.methods = True, methods  # held until the fault is cleared

    with monkeypatch.context() as patch:
        patch.setattr(webdav_source, "TIMEOUT", httpx.Timeout(0.3))
        failure = t.failing_sync()
    assert "超时" in failure.message

    fault.clear()
    t.sync_catches_up()


@pytest.fixture
def gate(dav: DavSpace) -> Iterator[Gate]:
    g = Gate(dav.port)
    yield g
    g.stop()


def test_server_that_closes_the_connection(
    dav: DavSpace, gate: Gate, agent: Agent, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KEFU_WEBDAV_PASSWORD", PASSWORD)
    shared = Shared("webdav", dav.url_via(gate.port), dav.folder, user=USER, dav=dav)
    t = _behind(shared, agent)
    gate.open = False

    failure = t.failing_sync()
    assert "无法连接" in failure.message

    gate.open = True
    t.sync_catches_up()


def test_nothing_listens_at_the_address(
    dav: DavSpace, gate: Gate, agent: Agent, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Offline: the address refuses connections."""
    monkeypatch.setenv("KEFU_WEBDAV_PASSWORD", PASSWORD)
    shared = Shared("webdav", dav.url_via(gate.port), dav.folder, user=USER, dav=dav)
    t = _behind(shared, agent)
    gate.stop()  # the port is closed now

    failure = t.failing_sync()
    assert "无法连接" in failure.message

    back = Gate(dav.port, port=gate.port)  # the server is back at the same address
    try:
        t.sync_catches_up()
    finally:
        back.stop()


def test_no_conditional_requests_are_sent(shared_dav: Shared, agent: Agent) -> None:
    """Some servers answer 412 even to a correct If-Match: the client never sends one."""
    fault = shared_dav.dav.fault
    fault.conditional.clear()
    t = _behind(shared_dav, agent)
    t.sync_catches_up()
    assert fault.log  # requests went through the middleware
    assert not fault.conditional
