"""Publishing, subscribing and syncing packs. Each failure leaves the library as it was
and is recorded per pack, so the next sync simply retries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import unquote, urlsplit

from assistant.core.clock import now_iso
from assistant.core.errors import InvalidInput
from assistant.core.phrases.library import PhraseLibrary
from assistant.core.phrases.packs import PackInfo
from assistant.core.phrases.tombstones import deleted_ids
from assistant.core.sync.apply import ApplyReport, apply_upstream, local_content
from assistant.core.sync.history import PackHistory
from assistant.core.sync.images import fetch_images, publish_images
from assistant.core.sync.merge import Alternatives, merge3
from assistant.core.sync.secrets import ENV_PASSWORD, get_password
from assistant.core.sync.sources import PackSource, SyncError, is_url, open_source
from assistant.core.sync.subscriptions import (
    Subscription,
    SyncResult,
    load_subscriptions,
    save_subscriptions,
)
from assistant.core.sync.versions import (
    digest,
    encode_version,
    heads,
)

PasswordLookup = Callable[[str, str], str | None]
__all__ = ["PackSync", "Subscription", "SyncResult"]


class NotYours(SyncError):
    """A source publishes a pack id the library already has from elsewhere."""


def _not_yours(local: PackInfo, label: str) -> str:
    """Why ``label`` may not update ``local``: a source never takes over a pack it does not
    own (a shared folder publishing the built-in pack's id would replace its phrases)."""
    owner = {
        "builtin": f"内置短语包「{local.name}」",
        "own": f"您自己的短语包「{local.name}」",
    }.get(local.kind, f"从另一个源 {local.source} 订阅的短语包「{local.name}」")
    message = f"源 {label} 上的短语包 {local.id} 与{owner}编号相同，已拒绝，本地短语未改动"
    if local.kind == "subscribed":
        message += f"（要改从此源更新，请先 kefu pack unsubscribe {local.source}）"
    return message


def _has_password(url: str) -> bool:
    """A password in the address, also one written percent-encoded (``user%3Apass@``),
    which ``urlsplit`` reads as part of the user name but a client would still send."""
    parts = urlsplit(url)
    return parts.password is not None or ":" in unquote(parts.username or "")


class PackSync:
    def __init__(
        self,
        library: PhraseLibrary,
        passwords: PasswordLookup = get_password,
        source_factory: Callable[..., PackSource] = open_source,
    ) -> None:
        self.library = library
        self.folder = library.folder
        self._passwords = passwords
        self._open = source_factory

    # -- subscriptions -------------------------------------------------------------------
    def subscriptions(self) -> list[Subscription]:
        return load_subscriptions(self.folder)

    def _save_subscriptions(self, subs: list[Subscription]) -> None:
        save_subscriptions(self.folder, subs)

    def subscribe(
        self, spec: str, user: str | None = None, packs: list[str] | None = None
    ) -> list[SyncResult]:
        spec = spec.strip()
        source = self.source(spec, user)
        available = source.pack_ids()
        missing = [p for p in packs or [] if p not in available]
        if missing:
            raise SyncError(f"源 {spec} 上没有这些短语包：{'、'.join(missing)}")
        subs = [s for s in self.subscriptions() if s.source != spec]
        sub = Subscription(spec, user, packs or None)
        self._save_subscriptions([*subs, sub])
        return self.sync_subscription(sub)

    def unsubscribe(self, spec: str) -> None:
        subs = self.subscriptions()
        kept = [s for s in subs if s.source != spec.strip()]
        if len(kept) == len(subs):
            raise InvalidInput(f"没有订阅 {spec}")
        self._save_subscriptions(kept)

    def source(self, spec: str, user: str | None) -> PackSource:
        if is_url(spec) and _has_password(spec):
            # The address is saved and shown; a password in it would be too.
            raise InvalidInput(
                "WebDAV 地址里不能包含密码：请去掉地址中的「用户名:密码@」，"
                f"用 --user 指定用户名，密码用 kefu pack login 或环境变量 {ENV_PASSWORD} 提供"
            )
        password = None
        if is_url(spec) and user:
            password = self._passwords(spec, user)
            if password is None:
                raise SyncError(
                    f"没有找到 {user} 在 {spec} 的密码：请先运行 "
                    f"kefu pack login {spec} --user {user}，或设置环境变量 {ENV_PASSWORD}"
                )
        return self._open(spec, user, password)

    # -- pulling -------------------------------------------------------------------------
    def sync_all(self) -> list[SyncResult]:
        results: list[SyncResult] = []
        for sub in self.subscriptions():
            results.extend(self.sync_subscription(sub))
        return results

    def sync_subscription(self, sub: Subscription) -> list[SyncResult]:
        try:
            source = self.source(sub.source, sub.user)
            pack_ids = sub.packs or source.pack_ids()
        except SyncError as exc:
            # The source itself failed: mark every pack known to come from it.
            for pack_id, state in self.status().items():
                if state.get("source") == sub.source:
                    self._note(pack_id, last_error=str(exc))
            return [SyncResult(sub.source, "*", False, str(exc))]
        results = []
        for pack_id in pack_ids:
            try:
                results.append(self._pull(source, pack_id))
            except NotYours as exc:  # the pack's own state belongs to its owner: untouched
                results.append(SyncResult(sub.source, pack_id, False, str(exc)))
            except SyncError as exc:
                self._note(pack_id, source=sub.source, last_error=str(exc))
                results.append(SyncResult(sub.source, pack_id, False, str(exc)))
        return results

    def _pull(self, source: PackSource, pack_id: str) -> SyncResult:
        state = self._state(pack_id)
        local = next((p for p in self.library.packs.list() if p.id == pack_id), None)
        if local is not None and local.kind == "own" and state.get("source") == source.label:
            return SyncResult(
                source.label, pack_id, True, "这是您自己发布的短语包，无需同步", local.name
            )
        if local is not None and not self._may_update(local, source.label):
            raise NotYours(_not_yours(local, source.label))
        history = self._history(source, pack_id, state, need_heads=True)
        tips = heads(list(history.metas.values()))
        if not tips:
            raise SyncError(f"源上没有短语包 {pack_id} 的任何版本")
        tip_hashes = sorted(h.hash for h in tips)
        content, alternatives = history.fold(tips)
        newest = history.newest
        if newest is None:  # cannot happen: every head was downloaded by read()
            raise SyncError(f"源上短语包 {pack_id} 的版本无法读取")
        # Every image the pack needs, checked and stored before its phrases: or nothing.
        images = fetch_images(self.library.images, source, pack_id, content, alternatives)
        info = PackInfo(
            id=pack_id,
            name=newest.name,
            version=newest.version,
            description=newest.description,
            author=newest.author,
            updated_at=newest.updated_at,
            kind="subscribed",
            source=source.label,
        )
        versions = "、".join(f"v{h.version}" for h in tips)
        message = f"已同步到 {versions}" + (f"，下载图片 {images} 张" if images else "")
        registered = local is not None and local.to_json() == info.to_json()
        if state.get("heads") == tip_hashes and registered:
            # Nothing new upstream since the last sync, which applied these very heads (in
            # the same change as noting them): applying them again changes nothing, and
            # reads every phrase into the sync's workspace (the app syncs every few
            # minutes; ~50 MB of parsed documents at 20,000 phrases, each time).
            self._note(pack_id, last_sync=now_iso(), last_error=None)
            same = ApplyReport(
                unchanged=len(content), conflicts=sum(1 for pid in content if alternatives.get(pid))
            )
            return SyncResult(source.label, pack_id, True, message, info.name, same)
        with self.folder.transaction():  # phrases, registry and sync state: all or none
            deleted = deleted_ids(self.folder)
            report = apply_upstream(self.library, info, content, alternatives, deleted)
            if local is None or local.to_json() != info.to_json():
                self.library.packs.put(info)  # the registry is rewritten only for news
            self._note(
                pack_id, source=source.label, heads=tip_hashes, last_sync=now_iso(), last_error=None
            )
        return SyncResult(source.label, pack_id, True, message, info.name, report)

    def _may_update(self, local: PackInfo, label: str) -> bool:
        """A subscribed pack follows its own source; one whose source is no longer
        subscribed (the team moved) may be taken up by the source subscribed now."""
        if local.kind != "subscribed":
            return False
        return local.source == label or local.source not in {s.source for s in self.subscriptions()}

    def _history(
        self, source: PackSource, pack_id: str, state: dict[str, Any], need_heads: bool
    ) -> PackHistory:
        history = PackHistory(source, pack_id)
        self._note(pack_id, files=history.read(dict(state.get("files", {})), need_heads))
        return history

    # -- publishing ----------------------------------------------------------------------
    def publish(self, pack_ref: str, spec: str, user: str | None = None) -> SyncResult:
        info = self.library.packs.get(pack_ref)
        if info.kind == "builtin":
            raise InvalidInput("内置短语包不能发布；请先 kefu pack new 新建一个短语包")
        source = self.source(spec.strip(), user)
        state = self._state(info.id)
        history = self._history(source, info.id, state, need_heads=False)
        tips = heads(list(history.metas.values()))
        based_on = set(state.get("heads", []))
        mine = local_content(self.library, info.id)
        alternatives: Alternatives = {}
        if any(t.hash not in based_on for t in tips):
            # Someone else published since our last publish or sync: merge it in first.
            theirs, alternatives = history.fold(tips)
            known_base = [h for h in based_on if h in history.metas]
            base_hash = max(known_base, key=lambda h: history.metas[h].version, default=None)
            base = history.content(base_hash)
            mine, alts = merge3(base, mine, theirs)
            alternatives.update(alts)
        version = max((m.version for m in history.metas.values()), default=0) + 1
        meta = {"name": info.name, "description": info.description, "author": info.author}
        stamp = now_iso()
        name, data = encode_version(info.id, meta, version, [t.hash for t in tips], mine, stamp)
        # Images another publisher added are fetched; ours go up before the version naming them.
        fetch_images(self.library.images, source, info.id, mine, alternatives, publishing=True)
        sent = publish_images(self.library.images, source, info.id, mine)
        source.write_new(info.id, name, data)
        info.version, info.updated_at = str(version), stamp
        if info.kind == "subscribed":
            info.source = source.label
        with self.folder.transaction():  # phrases, registry and sync state: all or none
            apply_upstream(self.library, info, mine, alternatives, set(), as_owner=True)
            self.library.packs.put(info)
            self._note(
                info.id, source=source.label, heads=[digest(data)], last_sync=stamp, last_error=None
            )
        message = f"已发布 {info.name} v{version}（{len(mine)} 条短语）到 {source.label}"
        if sent:
            message += f"，上传图片 {sent} 张"
        if alternatives:
            message += f"；{len(alternatives)} 条短语两边改得不同，已保留两种文本待您选择"
        return SyncResult(source.label, info.id, True, message, info.name)

    # -- state ---------------------------------------------------------------------------
    def _state(self, pack_id: str) -> dict[str, Any]:
        return dict(self.folder.sync_state.get(pack_id) or {})

    def status(self) -> dict[str, dict[str, Any]]:
        return {k: dict(v) for k, v in self.folder.sync_state.items()}

    def _note(self, pack_id: str, **values: Any) -> None:
        with self.folder.sync_state.transaction():
            state = dict(self.folder.sync_state.get(pack_id) or {})
            state.update(values)
            self.folder.sync_state.put(pack_id, state)
