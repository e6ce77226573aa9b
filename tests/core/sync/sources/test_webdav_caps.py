"""A WebDAV server cannot hold a sync forever nor fill the memory (issue 12, item 10): one
deadline for a whole request however slowly the answer drips, and caps on a listing."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.core.sync.sources import open_source
from assistant.core.sync.sources.base import SyncError
from assistant.core.sync.sources.webdav import ENV_DEADLINE, MAX_ENTRIES, MAX_LISTING
from assistant.core.workspace import open_workspace
from tests.core.sync.drip import ENTRY, Behaviour, hostile_server
from tests.helpers import kefu_env, run_kefu

VERSION = "v1-0123456789abcdef0123.json"


@pytest.fixture
def drip() -> Iterator[tuple[str, Behaviour]]:
    behaviour = Behaviour(mode="drip", interval=2.0, drip_bytes=6)  # 12 s for 6 bytes
    with hostile_server(behaviour) as url:
        yield url, behaviour


def test_a_dripping_download_ends_at_the_total_deadline(
    drip: tuple[str, Behaviour], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, behaviour = drip
    monkeypatch.setenv(ENV_DEADLINE, "3")  # each byte comes well within the read timeout
    source = open_source(url)

    with pytest.raises(SyncError, match="超时") as caught:
        source.read("pack-0", VERSION)

    assert VERSION in str(caught.value)
    with pytest.raises(SyncError, match="超时"):
        source.pack_ids()  # the listing too
    assert behaviour.requests == ["GET", "PROPFIND"]


def test_dripping_headers_end_at_the_total_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each header byte comes well within the read timeout, so only the total deadline ends it.
    # The headers alone take over an hour to arrive; a thread holds the calls so that a
    # regression fails the test instead of hanging the suite.
    behaviour = Behaviour(mode="headers", interval=1.0)
    monkeypatch.setenv(ENV_DEADLINE, "3")
    errors: list[BaseException] = []

    def both() -> None:
        source = open_source(url)
        for call in (lambda: source.read("pack-0", VERSION), source.pack_ids):
            try:
                call()
            except BaseException as exc:  # collected for the asserts
                errors.append(exc)

    with hostile_server(behaviour) as url:
        worker = threading.Thread(target=both, daemon=True)
        worker.start()
        worker.join(120)  # a guard against a hang, 40 x the deadline: not a timing assert
        assert not worker.is_alive(), "the requests outlived their total deadline"
    assert [type(e) for e in errors] == [SyncError, SyncError]
    assert all("超时" in str(e) for e in errors)
    assert behaviour.requests == ["GET", "PROPFIND"]


def test_a_listing_over_the_byte_cap_is_refused() -> None:
    entries = MAX_LISTING // len(ENTRY.format(i=0)) + 10  # over the cap, whatever i is
    listing = Behaviour(mode="listing", entries=entries)
    with hostile_server(listing) as url, pytest.raises(SyncError, match="太大"):
        open_source(url).pack_ids()


def test_a_listing_with_too_many_entries_is_refused() -> None:
    listing = Behaviour(mode="listing", entries=MAX_ENTRIES + 2)
    with hostile_server(listing) as url, pytest.raises(SyncError, match=f"{MAX_ENTRIES}"):
        open_source(url).pack_ids()


def test_a_listing_at_the_entry_cap_is_read() -> None:
    with hostile_server(Behaviour(mode="listing", entries=MAX_ENTRIES)) as url:
        assert len(open_source(url).pack_ids()) == MAX_ENTRIES


def test_kefu_pack_subscribe_to_a_dripping_server_gives_up_in_one_line(
    drip: tuple[str, Behaviour], tmp_path: Path
) -> None:
    url, _ = drip
    data = tmp_path / "B"
    open_workspace(data, builtins=False)

    done = run_kefu(
        None, "--data-dir", str(data), "pack", "subscribe", url, env=kefu_env(**{ENV_DEADLINE: "3"})
    )

    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "超时" in done.stderr
