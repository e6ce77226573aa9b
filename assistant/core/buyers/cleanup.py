"""Cleaning the contact list: buyers long inactive are archived (and can come back)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import timedelta

from assistant.core.buyers.model import INACTIVE_DAYS, Buyer, buyer_from
from assistant.core.buyers.shape import Doc, copy_doc
from assistant.core.clock import now, now_iso, parse_iso
from assistant.core.errors import InvalidInput
from assistant.core.store import Collection


class CleanUp:
    """The clean-up part of ``BuyerBook``: it provides ``_docs``, ``_editing`` and ``all``."""

    _docs: Collection

    def _editing(self, account: str, platform: str | None) -> AbstractContextManager[Doc]:
        raise NotImplementedError

    def all(self, *, archived: bool | None = False) -> list[Buyer]:
        raise NotImplementedError

    # -- clean-up ----------------------------------------------------------------------------
    def inactive(self, days: int = INACTIVE_DAYS) -> list[Buyer]:
        if days < 0:
            raise InvalidInput("天数不能是负数")
        cutoff = now() - timedelta(days=days)
        out = []
        for buyer in self.all():
            moments = [parse_iso(buyer.last_order_at), parse_iso(buyer.last_contact_at)]
            if not any(moments):
                moments = [parse_iso(buyer.created_at)]
            latest = max((m for m in moments if m), default=None)
            if latest is None or latest < cutoff:
                out.append(buyer)
        return out

    def prune(self, days: int) -> list[Buyer]:
        stale = self.inactive(days)
        with self._docs.transaction():
            for buyer in stale:
                doc = copy_doc(self._docs.get(buyer.key) or {})
                if doc:
                    doc["archived"] = True
                    doc["updated_at"] = now_iso()
                    self._docs.put(buyer.key, doc)
        return stale

    def restore(self, account: str, platform: str | None = None) -> Buyer:
        with self._editing(account, platform) as doc:
            doc["archived"] = False
        return buyer_from(doc)
