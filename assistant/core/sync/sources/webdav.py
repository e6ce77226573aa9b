"""A WebDAV server as a pack source (Nextcloud, 坚果云, any WebDAV server).

Only plain requests are used — PROPFIND, GET, PUT, MKCOL, HEAD — and no conditional
headers, because some servers (坚果云 is reported to) answer 412 even to a correct If-Match.
Safety comes from immutable, content-addressed file names instead.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, unquote, urlsplit

import httpx
from defusedxml import ElementTree

from assistant.core.sync.sources.base import MAX_DOWNLOAD, SAFE_NAME, SyncError

TIMEOUT = httpx.Timeout(10.0, connect=5.0)
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


class WebDavSource:
    def __init__(
        self, url: str, user: str | None, password: str | None, transport: Any = None
    ) -> None:
        self.label = url
        self.base = url.rstrip("/") + "/"
        auth = (user, password or "") if user else None
        self._client = httpx.Client(
            auth=auth, timeout=TIMEOUT, follow_redirects=False, transport=transport
        )

    def _url(self, *parts: str) -> str:
        for part in parts:
            if not SAFE_NAME.match(part):
                raise SyncError(f"不安全的名称：{part!r}")
        return self.base + "/".join(quote(p) for p in parts)

    def _request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            return self._client.request(method, url, **kwargs)
        except httpx.TimeoutException as exc:
            raise SyncError(f"连接 {self.label} 超时，请检查网络后重试") from exc
        except httpx.HTTPError as exc:
            raise SyncError(f"无法连接 {self.label}：{type(exc).__name__}") from exc

    def _check(self, response: httpx.Response, allowed: tuple[int, ...] = ()) -> None:
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
        for item in root.iter("{DAV:}response"):
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
        try:
            with self._client.stream("GET", url) as response:
                self._check(response)
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > MAX_DOWNLOAD:
                        raise SyncError(f"{name} 太大，已拒绝")
                    chunks.append(chunk)
        except httpx.TimeoutException as exc:
            raise SyncError(f"下载 {name} 超时，请稍后重试") from exc
        except httpx.HTTPError as exc:
            raise SyncError(f"下载 {name} 失败：{type(exc).__name__}") from exc
        return b"".join(chunks)

    def write_new(self, pack_id: str, name: str, data: bytes) -> None:
        folder = self._url(pack_id) + "/"
        made = self._request("MKCOL", folder)
        self._check(made, allowed=(405, 301))  # 405: it exists already
        target = self._url(pack_id, name)
        head = self._request("HEAD", target)
        if head.status_code == 200:
            return  # same name = same content hash: already published
        put = self._request(
            "PUT", target, content=data, headers={"Content-Type": "application/json"}
        )
        self._check(put)
