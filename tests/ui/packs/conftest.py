"""Fixtures for the packs windows: a team lead's own data folder that publishes, a shared
folder, and a real WebDAV server on 127.0.0.1 (tests/core/sync/servers.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.core.sync.secrets import ENV_PASSWORD
from assistant.core.sync.service import PackSync
from assistant.core.workspace import Workspace, open_workspace
from tests.core.sync.servers import PASSWORD, DavServer, webdav_server

TEAM_PACK = "团队话术"


@pytest.fixture
def dav(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DavServer]:
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)  # never the OS keyring from a test
    with webdav_server(tmp_path / "dav") as server:
        yield server


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    """A shared folder, as a team's network drive would be."""
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


@pytest.fixture
def lead(tmp_path: Path) -> Workspace:
    """The team lead's own data folder."""
    return open_workspace(tmp_path / "lead", builtins=False)


@pytest.fixture
def publish(lead: Workspace) -> Callable[..., str]:
    """The lead adds ``texts`` to the team pack and publishes it to ``spec``; returns its id."""

    def run(spec: str, *texts: str, user: str | None = None) -> str:
        pack = lead.phrases.packs.find(TEAM_PACK) or lead.phrases.packs.create(TEAM_PACK)
        for text in texts:
            lead.phrases.add(text, pack=pack.id, group="团队")
        result = PackSync(lead.phrases).publish(pack.id, spec, user)
        assert result.ok, result.message
        return pack.id

    return run
