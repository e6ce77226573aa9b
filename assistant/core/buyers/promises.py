"""What an agent promised a buyer (a gift, a restock notice), and which are still open."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date

from assistant.core.buyers.listing import BuyerListing
from assistant.core.buyers.model import MAX_PROMISE, Buyer, Promise, buyer_from, parse_date
from assistant.core.buyers.shape import Doc
from assistant.core.clock import now_iso
from assistant.core.errors import InvalidInput
from assistant.core.store import Collection


@dataclass(frozen=True, slots=True)
class OpenPromise:
    buyer: Buyer
    number: int  # 1-based, as shown by `kefu buyer show`
    promise: Promise


def overdue_days(promise: Promise, today: date) -> int:
    """How many days past its due date a promise is: 0 when due today, negative before; 0
    for no due date or one that is not a date (a hand-edited file)."""
    try:
        return (today - date.fromisoformat(promise.due or "")).days
    except ValueError:
        return 0


def _soonest(o: OpenPromise) -> tuple[bool, str, str]:
    return (o.promise.due is None, o.promise.due or "", o.promise.created)


class PromiseKeeping:
    """The promise part of ``BuyerBook``: it provides ``_docs``, ``listing`` and
    ``_editing``."""

    _docs: Collection
    listing: BuyerListing

    def _editing(self, account: str, platform: str | None) -> AbstractContextManager[Doc]:
        raise NotImplementedError

    # -- promises --------------------------------------------------------------------------
    def promise(
        self, account: str, text: str, due: str | None = None, platform: str | None = None
    ) -> Buyer:
        text = text.strip()
        if not text or len(text) > MAX_PROMISE:
            raise InvalidInput(f"承诺内容不能为空，最多 {MAX_PROMISE} 个字符")
        entry = {
            "text": text,
            "created": date.today().isoformat(),
            "due": parse_date(due) if due else None,
            "done": False,
            "done_at": None,
        }
        with self._editing(account, platform) as doc:
            doc["promises"] = [*doc.get("promises", []), entry]
        return buyer_from(doc)

    def done(self, account: str, number: int, platform: str | None = None) -> Buyer:
        with self._editing(account, platform) as doc:
            promises = doc.get("promises", [])
            if not 1 <= number <= len(promises):
                raise InvalidInput(f"没有第 {number} 条承诺（共 {len(promises)} 条）")
            promises[number - 1] = {**promises[number - 1], "done": True, "done_at": now_iso()}
        return buyer_from(doc)

    def promises(self, open_only: bool = True) -> list[OpenPromise]:
        out = self._open((doc for _, doc in self._docs.items()), open_only)
        return sorted(out, key=_soonest)

    @staticmethod
    def _open(docs: Iterable[Doc], open_only: bool = True) -> list[OpenPromise]:
        """The promises of these buyers (the open ones), archived buyers left out."""
        out: list[OpenPromise] = []
        for doc in docs:
            if doc.get("archived") or not doc.get("promises"):
                continue
            buyer = buyer_from(doc)
            for n, p in enumerate(buyer.promises, start=1):
                if not (open_only and p.done):
                    out.append(OpenPromise(buyer, n, p))
        return out

    def due_promises(self, today: date | None = None) -> list[OpenPromise]:
        """Open promises due today or overdue, the longest overdue first: the day's to-do.
        Only the buyers the index says have one are read (``listing.due_by``)."""
        today = today or date.today()
        docs = [doc for key in self.listing.due_by(today) if (doc := self._docs.get(key))]
        day = today.isoformat()
        due = [o for o in self._open(docs) if o.promise.due and o.promise.due <= day]
        return sorted(due, key=_soonest)
