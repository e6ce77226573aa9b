"""A WebDAV server as a pack source (Nextcloud, 坚果云, any WebDAV server).

Only plain requests are used — PROPFIND, GET, PUT, MKCOL, HEAD — and no conditional
headers, because some servers (坚果云 is reported to) answer 412 even to a correct If-Match.
Safety comes from immutable, content-addressed file names instead.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import httpx
from defusedxml import ElementTree

from assistant.core.sync.sources.base import (
    IMAGES,
    MAX_DOWNLOAD,
    MAX_IMAGE_DOWNLOAD,
    SAFE_NAME,
    Names,
    SyncError,
    is_image_name,
)

TIMEOUT = httpx.Timeout(10.0, connect=5.0)  # per connect and per read
# A whole request, however slowly the server drips its answer (a read timeout alone never
# ends a server that sends one byte every 2 s). Room for 20 MB at about 200 KB/s.
DEADLINE_S = 120.0
ENV_DEADLINE = "KEFU_WEBDAV_DEADLINE_S"
MAX_LISTING = 8 * 1024 * 1024  # a PROPFIND answer, in bytes
MAX_ENTRIES = 20_000  # entries in one folder listing
_PROPFIND_BODY = (
    b'<?xml version="1.0" encoding="utf-8"?>'
    b'<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop></d:propfind>'
)
_MESSAGES = {
    401: "用户名或密码不正确（401）",
    403: "没有访问权限（403）",
    404: "服务器上找不到这个地址（404）",
    405: "服务器不支持这个操作（405）",
    409: "服务器拒绝了写入：上级文件夹不存在（409）",
    412: "服务器拒绝了请求（412）",
    423: "文件被锁定（423）",
    507: "服务器空间不足（507）",
}


def _describe(status: int) -> str:
    if status in _MESSAGES:
        return _MESSAGES[status]
    if status >= 500:
        return f"服务器出错（{status}），请稍后再试"
    return f"服务器返回错误 {status}"


def deadline_from_env() -> float:
    """The total time a request may take: ``KEFU_WEBDAV_DEADLINE_S`` (tests, slow links)."""
    try:
        value = float(os.environ.get(ENV_DEADLINE, ""))
    except ValueError:
        return DEADLINE_S
    return value if 0 < value <= 3600 else DEADLINE_S


class _Watchdog:
    """Ends a request at its deadline wherever it waits, the status line and headers included.

    httpx's timeouts are per read, so a server dripping one header byte a second would hold a
    request for as long as it likes. The sockets of the request are learnt from httpx's trace
    extension; when the deadline passes they are shut down, which wakes the blocked read.
    """

    def __init__(self, seconds: float) -> None:
        self.fired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            stream = info.get("return_value")
            sock = stream.get_extra_info("socket") if stream is not None else None
            if isinstance(sock, socket.socket):
                with self._lock:
                    self._sockets.append(sock)
                    late = self.fired
                if late:
                    self._shut(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            sockets = list(self._sockets)
        for sock in sockets:
            self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):  # already closed: nothing left to wake
            sock.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()


@dataclass(frozen=True, slots=True)
class Reply:
    status_code: int
    content: bytes  # empty unless the status was 2xx


class WebDavSource:
    def __init__(
        self,
        url: str,
        user: str | None,
        password: str | None,
        transport: Any = None,
        deadline: float | None = None,
    ) -> None:
        self.label = url
        self.base = url.rstrip("/") + "/"
        self.deadline = deadline if deadline is not None else deadline_from_env()
        auth = (user, password or "") if user else None
        # No kept-alive connections: every request opens its own, so that its watchdog knows
        # the socket to shut (a sync makes a handful of requests; the extra connects are cheap).
        self._client = httpx.Client(
            auth=auth,
            timeout=TIMEOUT,
            follow_redirects=False,
            transport=transport,
            limits=httpx.Limits(max_keepalive_connections=0),
        )

    def _url(self, *parts: str) -> str:
        for part in parts:
            if not SAFE_NAME.match(part):
                raise SyncError(f"不安全的名称：{part!r}")
        return self.base + "/".join(quote(p) for p in parts)

    def _request(self, method: str, url: str, limit: int = MAX_LISTING, **kwargs: Any) -> Reply:
        """One request, its answer read whole within the deadline and ``limit`` bytes."""
        with self._errors(f"连接 {self.label}", f"无法连接 {self.label}"):
            return self._fetch(method, url, limit, f"{self.label} 的回答", **kwargs)

    @contextmanager
    def _errors(self, timed_out: str, failed: str) -> Iterator[None]:
        try:
            yield
        except httpx.TimeoutException as exc:
            raise SyncError(f"{timed_out} 超时，请检查网络后重试") from exc
        except httpx.HTTPError as exc:
            raise SyncError(f"{failed}：{type(exc).__name__}") from exc

    def _fetch(self, method: str, url: str, limit: int, what: str, **kwargs: Any) -> Reply:
        start = time.monotonic()
        end = start + self.deadline
        # No single wait may outlast the whole request either.
        timeout = httpx.Timeout(
            min(TIMEOUT.read or self.deadline, self.deadline),
            connect=min(TIMEOUT.connect or self.deadline, self.deadline),
        )
        with _Watchdog(self.deadline) as watchdog:
            try:
                return self._read(method, url, limit, what, timeout, end, watchdog, **kwargs)
            except httpx.TransportError as exc:
                if watchdog.fired:  # the watchdog cut the connection: that is the deadline
                    raise httpx.ReadTimeout(f"no answer within {self.deadline:g} s") from exc
                raise

    def _read(
        self,
        method: str,
        url: str,
        limit: int,
        what: str,
        timeout: httpx.Timeout,
        end: float,
        watchdog: _Watchdog,
        **kwargs: Any,
    ) -> Reply:
        extensions = {"trace": watchdog.trace}
        with self._client.stream(
            method, url, timeout=timeout, extensions=extensions, **kwargs
        ) as response:
            if not 200 <= response.status_code < 300:
                return Reply(response.status_code, b"")  # the body is not read: not needed
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise SyncError(f"{what} 太大（超过 {limit:,} 字节），已拒绝")
                chunks.append(chunk)
                if time.monotonic() > end or watchdog.fired:
                    raise httpx.ReadTimeout(f"no answer within {self.deadline:g} s")
        return Reply(response.status_code, b"".join(chunks))

    def _check(self, response: Reply, allowed: tuple[int, ...] = ()) -> None:
        if response.status_code in allowed or 200 <= response.status_code < 300:
            return
        raise SyncError(f"{self.label}：{_describe(response.status_code)}")

    def _children(self, url: str, missing_ok: bool = False) -> list[tuple[str, bool]]:
        response = self._request(
            "PROPFIND",
            url,
            content=_PROPFIND_BODY,
            headers={"Depth": "1", "Content-Type": "application/xml"},
        )
        if response.status_code == 404 and missing_ok:
            return []  # a pack folder not created yet; the source's own address must exist
        self._check(response)
        try:
            root = ElementTree.fromstring(response.content)
        except Exception as exc:  # malformed or hostile XML
            raise SyncError(f"{self.label}：服务器返回的目录列表无法解析") from exc
        if root.tag != "{DAV:}multistatus":  # e.g. a login page answered with 200
            raise SyncError(f"{self.label}：服务器返回的不是 WebDAV 目录列表")
        own = urlsplit(url).path.rstrip("/")
        out: list[tuple[str, bool]] = []
        for count, item in enumerate(root.iter("{DAV:}response")):
            if count > MAX_ENTRIES:
                raise SyncError(f"{self.label}：目录列表超过 {MAX_ENTRIES} 项，已拒绝")
            href = item.findtext("{DAV:}href") or ""
            path = unquote(urlsplit(href).path).rstrip("/")
            if not path or path == unquote(own):
                continue
            is_dir = item.find(".//{DAV:}resourcetype/{DAV:}collection") is not None
            out.append((path.rsplit("/", 1)[-1], is_dir))
        return out

    def pack_ids(self) -> list[str]:
        return sorted(n for n, d in self._children(self.base) if d and SAFE_NAME.match(n))

    def list(self, pack_id: str) -> list[str]:
        url = self._url(pack_id) + "/"
        names = [
            n for n, d in self._children(url, missing_ok=True) if not d and n.endswith(".json")
        ]
        return sorted(n for n in names if SAFE_NAME.match(n))

    def read(self, pack_id: str, name: str) -> bytes:
        url = self._url(pack_id, name)
        with self._errors(f"下载 {name}", f"下载 {name} 失败"):
            response = self._fetch("GET", url, MAX_DOWNLOAD, name)
        self._check(response)
        return response.content

    def write_new(self, pack_id: str, name: str, data: bytes) -> None:
        self._put_new([pack_id], name, data, "application/json")

    def image_names(self, pack_id: str) -> Names:
        url = self._url(pack_id, IMAGES) + "/"
        names = [n for n, d in self._children(url, missing_ok=True) if not d]
        return sorted(n for n in names if is_image_name(n))

    def read_image(self, pack_id: str, name: str) -> bytes:
        url = self._url(pack_id, IMAGES, name)
        with self._errors(f"下载 {name}", f"下载 {name} 失败"):
            response = self._fetch("GET", url, MAX_IMAGE_DOWNLOAD, name)
        self._check(response)
        return response.content

    def write_image(self, pack_id: str, name: str, data: bytes) -> None:
        self._put_new([pack_id, IMAGES], name, data, "application/octet-stream")

    def _put_new(self, folders: Names, name: str, data: bytes, content_type: str) -> None:
        """A new file in ``folders`` (each made if missing), never overwriting one."""
        for depth in range(1, len(folders) + 1):
            made = self._request("MKCOL", self._url(*folders[:depth]) + "/")
            self._check(made, allowed=(405, 301))  # 405: it exists already
        target = self._url(*folders, name)
        head = self._request("HEAD", target)
        if head.status_code == 200:
            return  # same name = same content hash: already published
        put = self._request("PUT", target, content=data, headers={"Content-Type": content_type})
        self._check(put)
