"""Fixtures for the team-sync tests: agents (real data folders), a shared folder, and a real
WebDAV server (wsgidav on cheroot) on 127.0.0.1 with a test user."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest

from assistant.core.sync.secrets import ENV_PASSWORD
from assistant.core.workspace import Workspace, open_workspace
from tests.core.sync import keyring_backend
from tests.core.sync.servers import PASSWORD, USER, DavServer, Fault, webdav_server
from tests.core.sync.team import Shared


@pytest.fixture(autouse=True)
def test_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No test reaches the real OS keyring, nor a password set in the shell."""
    path = tmp_path / "keyring.json"
    monkeypatch.setenv(keyring_backend.ENV_FILE, str(path))
    monkeypatch.delenv(ENV_PASSWORD, raising=False)
    previous = keyring.get_keyring() if _keyring_loaded() else None
    keyring.set_keyring(keyring_backend.FileKeyring())
    yield path
    if previous is not None:
        keyring.set_keyring(previous)


def _keyring_loaded() -> bool:
    from keyring import core

    return getattr(core, "_keyring_backend", None) is not None


@pytest.fixture(scope="session")
def dav_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DavServer]:
    """One WebDAV server for the session; each test works in its own folder on it."""
    with webdav_server(tmp_path_factory.mktemp("dav")) as server:
        yield server


@dataclass
class DavSpace:
    """One test's folder on the WebDAV server."""

    url: str
    folder: Path
    port: int
    fault: Fault

    def url_via(self, port: int) -> str:
        return self.url.replace(f":{self.port}/", f":{port}/")


@pytest.fixture
def dav(dav_server: DavServer) -> Iterator[DavSpace]:
    name = uuid.uuid4().hex[:12]
    folder = dav_server.folder / name
    folder.mkdir()
    dav_server.fault.clear()
    dav_server.fault.log.clear()
    yield DavSpace(dav_server.url + name + "/", folder, dav_server.port, dav_server.fault)
    dav_server.fault.clear()


@pytest.fixture
def shared_folder(tmp_path: Path) -> Shared:
    folder = tmp_path / "共享文件夹"  # a non-ASCII path, as on many agents' PCs
    folder.mkdir()
    return Shared("folder", str(folder), folder)


@pytest.fixture
def shared_dav(dav: DavSpace, monkeypatch: pytest.MonkeyPatch) -> Shared:
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)
    return Shared("webdav", dav.url, dav.folder, user=USER, dav=dav)


@pytest.fixture(params=["folder", "webdav"])
def shared(request: pytest.FixtureRequest) -> Shared:
    """The team's shared place: each test runs once with a folder and once with WebDAV."""
    name = "shared_folder" if request.param == "folder" else "shared_dav"
    return request.getfixturevalue(name)  # type: ignore[no-any-return]


@pytest.fixture
def agent(tmp_path: Path) -> Callable[[str], Workspace]:
    """``agent("A")``: an agent's own data folder (no built-in packs, to keep it small)."""

    def make(name: str) -> Workspace:
        return open_workspace(tmp_path / "agents" / name, builtins=False)

    return make
