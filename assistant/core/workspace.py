"""Everything one data folder holds, opened once per process (command or app)."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.core.buyers.erase import EraseReport
from assistant.core.buyers.erase import pending as erase_pending
from assistant.core.errors import NotFound
from assistant.core.packs.builtin import install_builtins
from assistant.core.paths import data_dir
from assistant.core.phrases.library import PhraseLibrary
from assistant.core.phrases.model import Phrase
from assistant.core.phrases.template import RenderContext, render
from assistant.core.settings import SettingsStore
from assistant.core.shop import ShopProfile
from assistant.core.store import DataFolder

if TYPE_CHECKING:
    from assistant.core.buyers.book import BuyerBook
    from assistant.core.phrases.suggestions import Suggestions


@dataclass(frozen=True, slots=True)
class BuyerRef:
    """Who a reply is for: fills {买家} and {昵称}."""

    account: str
    nickname: str | None = None


@dataclass
class Workspace:
    folder: DataFolder
    phrases: PhraseLibrary
    shop: ShopProfile
    settings: SettingsStore

    @property
    def path(self) -> Path:
        return self.folder.path

    @cached_property
    def buyers(self) -> BuyerBook:
        """Opened on first use: a phrase command (`kefu render cf1`) neither reads the buyer
        files nor imports the buyers' search."""
        from assistant.core.buyers.book import BuyerBook

        return BuyerBook(self.folder)

    @cached_property
    def suggestions(self) -> Suggestions:
        """Reply suggestions, opened on first use (OpenCC and numpy load then)."""
        from assistant.core.phrases.suggestions import Suggestions

        return Suggestions(self.phrases)

    def erase_buyer(self, account: str, platform: str | None = None) -> EraseReport:
        """`kefu buyer rm`: the buyer's record and every trace of it (``BuyerBook.remove``),
        and the learned questions of reply suggestions that name the account (a buyer's
        words, kept by the phrases, which the buyer book does not know). Those go first: an
        erase killed before the record's deletion has taken nothing the user keeps, and one
        killed after has left none of them."""
        try:
            found = self.buyers.get(account, platform)
        except NotFound:  # erased already, or its erase was cut short: finished first
            report = self.buyers.remove(account, platform)
            report.questions_forgotten = self.suggestions.forget_mentioning(report.account)
        else:
            forgotten = self.suggestions.forget_mentioning(found.account)
            report = self.buyers.remove(found.account, found.platform)
            report.questions_forgotten = forgotten
        return report

    def render(
        self,
        phrase: Phrase,
        *,
        buyer: BuyerRef | None = None,
        fills: Mapping[str, str] | None = None,
        shop: Mapping[str, str] | None = None,
        clipboard: Callable[[], str] | None = None,
    ) -> str:
        """``shop`` gives values for shop fields this once (the profile is not changed)."""
        profile = self.shop.get()
        profile.update({k: v for k, v in (shop or {}).items() if k in profile})
        context = RenderContext(
            buyer_account=buyer.account if buyer else None,
            buyer_nickname=buyer.nickname if buyer else None,
            shop=profile,
            clipboard=clipboard,
        )
        return render(phrase.text, context, fills)

    def buyer_context(self, account: str | None, platform: str | None = None) -> BuyerRef | None:
        """The buyer a reply is for; an unknown account is an error (NotFound)."""
        if not account:
            return None
        buyer = self.buyers.get(account, platform)
        return BuyerRef(buyer.account, buyer.remark or None)


def open_workspace(
    path: str | os.PathLike[str] | None = None, *, builtins: bool = True
) -> Workspace:
    folder = DataFolder(data_dir(path))
    library = PhraseLibrary(folder)
    if builtins:
        install_builtins(library)
    ws = Workspace(
        folder=folder, phrases=library, shop=ShopProfile(folder), settings=SettingsStore(folder)
    )
    folder.buyers  # noqa: B018 - the buyers' files are laid out on open, as every collection's
    folder.learned  # noqa: B018 - and the learned questions' (a refused restore reads them all)
    if erase_pending(folder):
        ws.buyers  # noqa: B018 - opening the book finishes an interrupted `buyer rm` now
    return ws
