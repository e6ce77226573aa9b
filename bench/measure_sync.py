"""Pulling a published pack from a WebDAV server on 127.0.0.1 (wsgidav served by cheroot).

Folder A creates a pack, fills it with generated phrases (stored documents, bulk) and
publishes it; then ``PackSync(B).subscribe(url)`` into a fresh, empty folder B is timed.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.context import Context
from bench.figures import Section, at_most, info
from bench.stats import median

TARGET_S = 2.0
PACK_NAME = "团队话术"
DAV_FOLDER = "team"


@contextlib.contextmanager
def webdav_server(root: Path) -> Iterator[str]:
    """An anonymous WebDAV server on a free port; yields the URL of its ``team/`` folder."""
    from cheroot import wsgi
    from wsgidav.wsgidav_app import WsgiDAVApp

    (root / DAV_FOLDER).mkdir(parents=True, exist_ok=True)
    config = {
        "provider_mapping": {"/": str(root)},
        "simple_dc": {"user_mapping": {"*": True}},  # anonymous access
        "http_authenticator": {"domain_controller": None},
        "verbose": 0,
        "logging": {"enable": False},
        "lock_storage": True,
    }
    server = wsgi.Server(("127.0.0.1", 0), WsgiDAVApp(config), numthreads=4)
    server.prepare()
    thread = threading.Thread(target=server.serve, name="bench-webdav", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.bind_addr[1]}/{DAV_FOLDER}/"
    finally:
        server.stop()
        thread.join(10)


def _pack_docs(ctx: Context, pack_name: str, pack_id: str) -> list[dict[str, Any]]:
    """Generated phrase documents moved into the pack, with new ids (pinyin kept)."""
    out = []
    for n, doc in enumerate(ctx.ds.phrases[: ctx.sizes.sync_phrases]):
        copy = dict(doc, id=f"team{n:06d}{doc['id'][:8]}", pack=pack_name, pack_id=pack_id)
        copy.pop("hidden", None)
        out.append(copy)
    return out


def run(ctx: Context) -> Section:
    from assistant.core.sync.service import PackSync
    from assistant.core.workspace import open_workspace

    section = Section("sync")
    n = ctx.sizes.sync_phrases
    with webdav_server(ctx.scratch.fresh("webdav")) as url:
        a = open_workspace(ctx.scratch.fresh("sync-a") / "data")
        pack = a.phrases.packs.create(PACK_NAME)
        docs = _pack_docs(ctx, pack.name, pack.id)
        with a.folder.phrases.transaction():
            for doc in docs:
                a.folder.phrases.put(doc["id"], doc)
        start = time.perf_counter()
        PackSync(a.phrases).publish(pack.id, url)
        publish_s = time.perf_counter() - start
        times: list[float] = []
        got = 0
        for _ in range(ctx.sizes.sync_runs):
            b = open_workspace(ctx.scratch.fresh("sync-b") / "data")
            before = len(list(b.folder.phrases.items()))
            start = time.perf_counter()
            results = PackSync(b.phrases).subscribe(url)
            times.append(time.perf_counter() - start)
            failed = [r.message for r in results if not r.ok]
            if failed:
                raise RuntimeError("subscribe failed: " + "; ".join(failed))
            got = len(list(b.folder.phrases.items())) - before
    label = f"{n:,}-phrase pack pulled over loopback WebDAV, median of {ctx.sizes.sync_runs}"
    section.figures.append(at_most("sync.subscribe_s", label, median(times), "s", TARGET_S))
    section.figures.append(
        info("sync.publish_s", "publishing that pack (folder A)", publish_s, "s")
    )
    section.details = {"runs_s": times, "publish_s": publish_s, "phrases_received": got}
    section.notes.append(
        f"Sync: subscribe runs {', '.join(f'{t:.2f}' for t in times)} s into an empty folder; "
        f"{got} phrases received (expected {n})."
    )
    return section
