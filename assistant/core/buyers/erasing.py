"""The erase part of the buyer book: `kefu buyer rm`, finished even when interrupted."""

from __future__ import annotations

from assistant.core.buyers import erase
from assistant.core.buyers.erase import EraseReport
from assistant.core.buyers.model import buyer_from, clean_account, clean_platform
from assistant.core.buyers.shape import Doc
from assistant.core.errors import NotFound
from assistant.core.platforms import DEFAULT_PLATFORM
from assistant.core.search.index import CollectionIndex
from assistant.core.store import Collection, DataFolder


class Erasing:
    """Provided by ``BuyerBook``: the folder, the stored buyers, the index, ``_locate``."""

    folder: DataFolder
    _docs: Collection
    _index: CollectionIndex
    _erases_finished_on_open: dict[str, EraseReport]

    def _locate(self, account: str, platform: str | None = None) -> tuple[str, Doc]:
        raise NotImplementedError

    def remove(self, account: str, platform: str | None = None) -> EraseReport:
        """Delete every trace of a buyer: the record (its copy is rewritten with it), its use
        events, damaged and temporary files holding it, and the search cache (which would
        otherwise keep the account until its next full rebuild). An erase that was
        interrupted is finished instead (the record is gone already)."""
        with self.folder.unit.held():
            try:
                key, doc = self._locate(account, platform)
            except NotFound:
                item = self._pending_erase(account, platform)
                if item is not None:
                    self._index.forget_cache()
                    return erase.finish(self.folder, item)
                finished = self._erases_finished_on_open.get(clean_account(account))
                if finished is None or (platform and finished.platform != clean_platform(platform)):
                    raise
                return finished
            item = erase.Pending(key, doc["account"], doc.get("platform", DEFAULT_PLATFORM))
            erase.begin(self.folder, item)
            with self._docs.transaction():
                self._docs.delete(key)
            self._index.forget_cache()
            report = erase.finish(self.folder, item)
        report.buyer = buyer_from(doc)
        return report

    def _pending_erase(self, account: str, platform: str | None) -> erase.Pending | None:
        account = clean_account(account)
        wanted = clean_platform(platform) if platform else None
        found = [
            p
            for p in erase.pending(self.folder)
            if p.account == account and wanted in (None, p.platform)
        ]
        return found[0] if found else None

    def finish_erases(self) -> None:
        """Finish erases a killed `buyer rm` began (called when the book opens)."""
        with self.folder.unit.held():
            for item in erase.pending(self.folder):
                self._index.forget_cache()
                self._erases_finished_on_open[item.account] = erase.finish(self.folder, item)
