"""Real servers on 127.0.0.1 for the sync tests: a WebDAV server (wsgidav served by
cheroot) with a switchable fault in front of it, and a TCP gate that can drop connections.

Nothing here sleeps: a stalled request waits on an event that the test (or the teardown)
sets, so the client's own timeout is what ends it.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cheroot import wsgi
from wsgidav.wsgidav_app import WsgiDAVApp

USER = "alice"
PASSWORD = "secret"
FOLDER = "team"  # the WebDAV URL points at a sub-folder, as on Nextcloud or 坚果云

_REASONS = {
    200: "OK",
    207: "Multi-Status",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    412: "Precondition Failed",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


@dataclass
class Fault:
    """What the middleware does instead of passing a request on. Reset with ``clear()``."""

    status: int | None = None  # answer every matching request with this status
    methods: set[str] | None = None  # which methods are hit (None: all)
    path_suffix: str | None = None  # only requests whose path ends like this
    propfind_body: bytes | None = None  # answer PROPFIND with 200 and this body
    stall: bool = False  # hold matching requests until released
    truncate: bool = False  # send only half of a GET body (no Content-Length)
    cut: bool = False  # close the connection in the middle of a GET body
    log: list[tuple[str, str]] = field(default_factory=list)
    conditional: list[tuple[str, str, str]] = field(default_factory=list)  # If-* headers seen
    released: threading.Event = field(default_factory=threading.Event)

    def clear(self) -> None:
        self.status = self.methods = self.path_suffix = self.propfind_body = None
        self.stall = self.truncate = self.cut = False
        self.released.set()  # let stalled requests go
        self.released = threading.Event()

    def hits(self, method: str, path: str) -> bool:
        if self.methods is not None and method not in self.methods:
            return False
        return self.path_suffix is None or path.endswith(self.path_suffix)


class FaultMiddleware:
    def __init__(self, app: Any, fault: Fault) -> None:
        self.app = app
        self.fault = fault

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        fault = self.fault
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        fault.log.append((method, path))
        fault.conditional += [(method, path, key) for key in environ if key.startswith("HTTP_IF")]
        if not fault.hits(method, path):
            return self.app(environ, start_response)
        if fault.stall:
            fault.released.wait(30)
        if fault.status is not None:
            body = f"fault {fault.status}".encode()
            start_response(
                f"{fault.status} {_REASONS.get(fault.status, 'Error')}",
                [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))],
            )
            return [body]
        if fault.propfind_body is not None and method == "PROPFIND":
            body = fault.propfind_body
            start_response(
                "200 OK",
                [("Content-Type", "application/xml"), ("Content-Length", str(len(body)))],
            )
            return [body]
        if (fault.truncate or fault.cut) and method == "GET":
            return self._short(environ, start_response, cut=fault.cut)
        return self.app(environ, start_response)

    def _short(self, environ: dict[str, Any], start_response: Any, cut: bool) -> Iterable[bytes]:
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        result = self.app(environ, capture)
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"]
        if cut:
            headers.append(("Content-Length", str(len(body))))
            start_response(captured["status"], headers)
            return _cut_after(body[: len(body) // 2])
        start_response(captured["status"], headers)
        return [body[: len(body) // 2]]


def _cut_after(part: bytes) -> Iterator[bytes]:
    yield part
    raise ConnectionAbortedError("the test server drops the connection mid-body")


@dataclass
class DavServer:
    root: Path  # the server's folder on disk
    port: int
    fault: Fault

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{FOLDER}/"

    @property
    def folder(self) -> Path:
        """Where published packs land on disk (the folder behind ``url``)."""
        return self.root / FOLDER


def dav_config(root: Path) -> dict[str, Any]:
    return {
        "provider_mapping": {"/": str(root)},
        "http_authenticator": {
            "domain_controller": None,  # SimpleDomainController
            "accept_basic": True,
            "accept_digest": False,
            "default_to_digest": False,
        },
        "simple_dc": {"user_mapping": {"*": {USER: {"password": PASSWORD}}}},
        "verbose": 1,
        "logging": {"enable": False},
        "lock_storage": True,
    }


@contextlib.contextmanager
def serve(app: Any) -> Iterator[int]:
    """Serve a WSGI app on a free port of 127.0.0.1 in a background thread."""
    server = wsgi.Server(("127.0.0.1", 0), app, numthreads=8)
    server.error_log = lambda *args, **kwargs: None  # the faults above are on purpose
    server.prepare()
    thread = threading.Thread(target=server.serve, name="test-http", daemon=True)
    thread.start()
    try:
        yield int(server.bind_addr[1])
    finally:
        server.stop()
        thread.join(10)


@contextlib.contextmanager
def webdav_server(root: Path) -> Iterator[DavServer]:
    root.mkdir(parents=True, exist_ok=True)
    (root / FOLDER).mkdir(exist_ok=True)
    fault = Fault()
    app = FaultMiddleware(WsgiDAVApp(dav_config(root)), fault)
    with serve(app) as port:
        try:
            yield DavServer(root, port, fault)
        finally:
            fault.clear()


class Gate:
    """A TCP relay in front of a server: ``open`` forwards, ``closed`` accepts each
    connection and closes it at once without a byte of answer."""

    def __init__(self, target_port: int, port: int = 0) -> None:
        self.target_port = target_port
        self.open = True
        self._listener = socket.create_server(("127.0.0.1", port))
        self.port = int(self._listener.getsockname()[1])
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._accept, name="test-gate", daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # closed by stop()
            if not self.open:
                client.close()
                continue
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            with self._lock:
                self._sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pump, args=(a, b), daemon=True).start()

    def drop_all(self) -> None:
        """Close the connections already relayed (clients then reconnect through the gate)."""
        with self._lock:
            for s in self._sockets:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()
            self._sockets.clear()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        self._listener.close()
        self.drop_all()
        self._thread.join(10)


def _pump(src: socket.socket, dst: socket.socket) -> None:
    try:
        while data := src.recv(65536):
            dst.sendall(data)
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            dst.shutdown(socket.SHUT_WR)
