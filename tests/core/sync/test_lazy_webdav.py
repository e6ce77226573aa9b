"""httpx (and the WebDAV source built on it) is imported only when a WebDAV source is opened:
importing it cost every app start and every command a quarter to half a second."""

from __future__ import annotations

import subprocess
import sys

from assistant.core.sync.sources import FolderSource, open_source


def test_sync_and_the_workspace_import_no_http_client() -> None:
    probe = (
        "import sys, assistant.core.workspace, assistant.core.sync.service, "
        "assistant.core.sync.sources; "
        "print(sorted(m for m in ('httpx', 'assistant.core.sync.sources.webdav') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "[]"


def test_a_url_still_opens_a_webdav_source_and_a_path_a_folder(tmp_path: object) -> None:
    dav = open_source("http://127.0.0.1:9/team/", "alice", "secret")
    assert type(dav).__name__ == "WebDavSource"
    assert type(dav).__module__ == "assistant.core.sync.sources.webdav"
    assert isinstance(open_source(str(tmp_path)), FolderSource)
