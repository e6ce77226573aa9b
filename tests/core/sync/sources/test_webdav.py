"""WebDAV specifics: addresses as agents type them, and passwords kept out of addresses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest

from assistant.core.errors import KefuError
from assistant.core.workspace import Workspace
from tests.core.sync.conftest import DavSpace
from tests.core.sync.servers import PASSWORD, USER
from tests.core.sync.team import Shared, own_pack, texts

Agent = Callable[[str], Workspace]


@pytest.mark.parametrize("encoded", [False, True], ids=["as-typed", "percent-encoded"])
def test_chinese_folder_in_the_url(
    dav: DavSpace, agent: Agent, monkeypatch: pytest.MonkeyPatch, encoded: bool
) -> None:
    """坚果云 and Nextcloud folders are often named in Chinese, with spaces."""
    monkeypatch.setenv("KEFU_WEBDAV_PASSWORD", PASSWORD)
    name = "客服 团队"
    (dav.folder / name).mkdir()
    url = dav.url + (quote(name) if encoded else name) + "/"
    shared = Shared("webdav", url, dav.folder / name, user=USER, dav=dav)
    a, b = agent("A"), agent("B")
    pack_id, _ = own_pack(a, "售前标准回复")

    shared.publish(a, pack_id)
    shared.subscribe(b)

    assert texts(b, pack_id) == texts(a, pack_id)
    assert len(shared.version_files(pack_id)) == 1


def _files_containing(folder: Path, secret: bytes) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and secret in p.read_bytes()]


def test_password_inside_the_url_is_refused_and_never_saved(dav: DavSpace, agent: Agent) -> None:
    a, b = agent("A"), agent("B")
    pack_id, _ = own_pack(a, "售前标准回复")
    url = dav.url.replace("http://", f"http://{USER}:{PASSWORD}@")
    sync_b = Shared("webdav", url, dav.folder).sync(b)

    with pytest.raises(KefuError) as publish:
        Shared("webdav", url, dav.folder).sync(a).publish(pack_id, url)
    with pytest.raises(KefuError) as subscribe:
        sync_b.subscribe(url)

    for error in (publish.value, subscribe.value):
        assert "kefu pack login" in str(error) and PASSWORD not in str(error)
    assert sync_b.subscriptions() == []
    assert list(dav.folder.iterdir()) == []
    assert _files_containing(a.path, PASSWORD.encode()) == []
    assert _files_containing(b.path, PASSWORD.encode()) == []


def test_own_pack_on_a_subscribed_source_is_not_pulled_over(shared: Shared, agent: Agent) -> None:
    """The lead subscribes to the team's source too: its own pack stays its own."""
    a = agent("A")
    pack_id, ids = own_pack(a, "售前标准回复")
    shared.publish(a, pack_id)
    a.phrases.edit(ids["post"], text="亲，满99元包邮哦")  # not published yet

    [result] = shared.subscribe(a)

    assert result.ok and "自己发布" in result.message
    assert a.phrases.get(ids["post"]).text == "亲，满99元包邮哦"
    assert a.phrases.packs.get(pack_id).kind == "own"
