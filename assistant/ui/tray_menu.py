"""The tray menu, rebuilt each time it opens so it is never stale."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from assistant.core.phrases.model import Phrase
from assistant.core.workspace import Workspace

MAX_PER_GROUP = 40


@dataclass
class TrayActions:
    quick_find: Callable[[], None]
    copy_phrase: Callable[[Phrase], None]
    buyers: Callable[[], None]
    phrases: Callable[[], None]
    packs: Callable[[], None]
    stats: Callable[[], None]
    settings: Callable[[], None]
    quit: Callable[[], None]


def menu_label(phrase: Phrase) -> str:
    # "&" marks a mnemonic in menus: double it so phrase text shows as written.
    label = phrase.title + (f"  [{phrase.code}]" if phrase.code else "")
    return label.replace("&", "&&")


def fill_menu(menu: QMenu, ws: Workspace, actions: TrayActions, hotkey: str) -> None:
    menu.clear()
    quick = menu.addAction(
        QCoreApplication.translate("TrayMenu", "快速查找") + (f"\t{hotkey}" if hotkey else "")
    )
    quick.triggered.connect(actions.quick_find)
    menu.addSeparator()
    phrases = ws.phrases.all()
    favourites = [p for p in phrases if p.favourite]
    fav_menu = menu.addMenu(QCoreApplication.translate("TrayMenu", "收藏"))
    if favourites:
        for phrase in favourites[:MAX_PER_GROUP]:
            _add_phrase(fav_menu, phrase, actions)
    else:
        empty = fav_menu.addAction(QCoreApplication.translate("TrayMenu", "（还没有收藏的短语）"))
        empty.setEnabled(False)
    groups: dict[str, list[Phrase]] = {}
    for phrase in phrases:
        groups.setdefault(phrase.group, []).append(phrase)
    for group, items in groups.items():
        sub = menu.addMenu(group.replace("&", "&&"))
        for phrase in items[:MAX_PER_GROUP]:
            _add_phrase(sub, phrase, actions)
        if len(items) > MAX_PER_GROUP:
            more = sub.addAction(QCoreApplication.translate("TrayMenu", "更多…（用快速查找）"))
            more.triggered.connect(actions.quick_find)
    menu.addSeparator()
    for label, slot in (
        (QCoreApplication.translate("TrayMenu", "买家…"), actions.buyers),
        (QCoreApplication.translate("TrayMenu", "短语管理…"), actions.phrases),
        (QCoreApplication.translate("TrayMenu", "短语包与同步…"), actions.packs),
        (QCoreApplication.translate("TrayMenu", "统计…"), actions.stats),
        (QCoreApplication.translate("TrayMenu", "设置…"), actions.settings),
    ):
        menu.addAction(label).triggered.connect(slot)
    menu.addSeparator()
    menu.addAction(QCoreApplication.translate("TrayMenu", "退出")).triggered.connect(actions.quit)


def _add_phrase(menu: QMenu, phrase: Phrase, actions: TrayActions) -> QAction:
    action = menu.addAction(menu_label(phrase))
    action.triggered.connect(lambda _checked=False, p=phrase: actions.copy_phrase(p))
    return action
