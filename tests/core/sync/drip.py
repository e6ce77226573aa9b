"""Hostile HTTP servers on 127.0.0.1 for the WebDAV caps: one that drips its answer a byte
at a time, one that sends a listing far longer than any real folder.

The drip is paced by ``Event.wait(interval)``: the server's own rhythm, not a way for the
test to wait for something. Teardown sets the event, so nothing outlives the test.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ENTRY = (
    "<d:response><d:href>/team/pack-{i}/</d:href><d:propstat><d:prop><d:resourcetype>"
    "<d:collection/></d:resourcetype></d:prop></d:propstat></d:response>"
)
HEAD = '<?xml version="1.0" encoding="utf-8"?><d:multistatus xmlns:d="DAV:">'
TAIL = "</d:multistatus>"


@dataclass
class Behaviour:
    mode: str = "drip"  # "drip" (the body) | "headers" (the status line and headers) | "listing"
    interval: float = 2.0  # drip: seconds between bytes
    drip_bytes: int = 6  # drip: bytes sent slowly, then the rest at once
    entries: int = 0  # listing: how many <d:response> entries
    stop: threading.Event = field(default_factory=threading.Event)
    requests: list[str] = field(default_factory=list)


def listing(entries: int) -> Iterator[bytes]:
    yield HEAD.encode()
    batch = 1000
    for start in range(0, entries, batch):
        yield "".join(ENTRY.format(i=i) for i in range(start, min(entries, start + batch))).encode()
    yield TAIL.encode()


def _handler(behaviour: Behaviour) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _answer(self) -> None:
            behaviour.requests.append(self.command)
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            if behaviour.mode == "listing":
                body = b"".join(listing(behaviour.entries))
                self._head(207, len(body))
                with contextlib.suppress(OSError):
                    self.wfile.write(body)
                return
            body = (HEAD + ENTRY.format(i=0) + TAIL).encode()
            if behaviour.mode == "headers":
                self._drip_head(body)
                return
            self._head(207 if self.command == "PROPFIND" else 200, len(body))
            try:
                for i in range(min(behaviour.drip_bytes, len(body))):
                    self.wfile.write(body[i : i + 1])
                    self.wfile.flush()
                    if behaviour.stop.wait(behaviour.interval):
                        return
                self.wfile.write(body[behaviour.drip_bytes :])
            except OSError:
                pass  # the client gave up: what the deadline is for

        def _drip_head(self, body: bytes) -> None:
            status = 207 if self.command == "PROPFIND" else 200
            head = (
                f"HTTP/1.1 {status} OK\r\nContent-Type: application/xml\r\n"
                f"X-Slow: {'x' * 4000}\r\nContent-Length: {len(body)}\r\n\r\n"
            ).encode()
            try:
                for i in range(len(head)):
                    self.wfile.write(head[i : i + 1])
                    self.wfile.flush()
                    if behaviour.stop.wait(behaviour.interval):
                        return
                self.wfile.write(body)
            except OSError:
                pass

        def _head(self, status: int, length: int) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(length))
            self.end_headers()

        do_GET = do_PROPFIND = _answer

    return Handler


@contextlib.contextmanager
def hostile_server(behaviour: Behaviour) -> Iterator[str]:
    """Serve on a free port; yields the base URL (``http://127.0.0.1:<port>/team/``)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(behaviour))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="test-drip", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/team/"
    finally:
        behaviour.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(10)
