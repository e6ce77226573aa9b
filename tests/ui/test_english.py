"""The English translation, loaded as the app loads it (resources/i18n/kefu_en.ts compiled
with PySide6's lrelease into the user's cache folder): the windows, buttons and menu entries
a user sees are English.

The expected texts are written here, not read from the .ts file: a translation that is in
the file but never reaches the widget (a text looked up under the wrong context) fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from assistant.core.buyers.model import READY_TAGS
from assistant.core.sync.service import PackSync
from assistant.core.workspace import open_workspace
from assistant.ui.buyers.buyer_manager import BuyerManager
from assistant.ui.context import UiContext
from assistant.ui.i18n import compiled_translation, install_translator
from assistant.ui.packs.packs_window import PacksWindow
from assistant.ui.phrases.phrase_manager import PhraseManager
from assistant.ui.phrases.stats_window import StatsWindow
from assistant.ui.tray_menu import TrayActions, fill_menu
from tests.ui.modals import Modals

CJK = re.compile(r"[\u4e00-\u9fff]")
WAIT_MS = 30_000


def _remove_translators(app: QApplication) -> None:
    for translator in app.findChildren(QTranslator):
        app.removeTranslator(translator)
        translator.setParent(None)
        translator.deleteLater()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's cache folder, where the .qm is compiled: a fresh one per test."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "kefu-assistant"


@pytest.fixture
def english(qapp: QApplication, cache: Path) -> Iterator[None]:
    assert install_translator(qapp, "en")
    yield
    _remove_translators(qapp)  # the next test sees Chinese again


def visible_texts(widget: QWidget) -> list[str]:
    texts = [widget.windowTitle()]
    texts += [b.text() for b in widget.findChildren(QPushButton)]
    texts += [label.text() for label in widget.findChildren(QLabel) if label.text()]
    texts += [a.text() for a in widget.actions()]
    for child in widget.findChildren(QWidget):
        texts += [a.text() for a in child.actions() if a.text()]
    return texts


def test_english_is_compiled_once_into_the_cache(qapp: QApplication, cache: Path) -> None:
    if any(p.suffix == ".qm" for p in (Path(__file__).parents[2] / "resources" / "i18n").iterdir()):
        pytest.skip("a compiled .qm is shipped in this checkout: nothing is compiled")
    try:
        assert install_translator(qapp, "en")
        compiled = cache / "kefu_en.qm"
        assert compiled.is_file() and compiled.stat().st_size > 1000
        stamp = compiled.stat().st_mtime_ns
        assert compiled_translation("en") == compiled
        assert compiled.stat().st_mtime_ns == stamp  # reused, not compiled again
    finally:
        _remove_translators(qapp)


def test_chinese_needs_no_translator_and_an_unknown_language_says_so(
    qapp: QApplication, cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert install_translator(qapp, "zh_CN") is False
    # Only Qt's own strings are translated for Chinese (issue 14, item 13): 取消, not Cancel,
    # from qtbase's translation, and the file dialog's Qt 6 labels from our supplement.
    installed = qapp.findChildren(QTranslator)
    assert {QApplication.translate("QPlatformTheme", "Cancel")} == {"取消"}
    assert QApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："
    assert len(installed) == 2
    assert [p.name for p in cache.iterdir()] == ["kefu_zh_CN.qm"]  # the supplement only
    for translator in installed:
        qapp.removeTranslator(translator)
        translator.deleteLater()
    assert install_translator(qapp, "fr") is False
    assert [t for t in qapp.findChildren(QTranslator) if t not in installed] == []
    assert "kefu: no translation for fr" in capsys.readouterr().err
    assert [p.name for p in cache.iterdir()] == ["kefu_zh_CN.qm"]  # nothing for French


def test_window_titles_and_buttons_are_english(english: None, ctx: UiContext, qtbot: QtBot) -> None:
    packs = PacksWindow(ctx)
    phrases = PhraseManager(ctx)
    buyers = BuyerManager(ctx)
    stats = StatsWindow(ctx)
    for window in (packs, phrases, buyers, stats):
        qtbot.addWidget(window)

    assert packs.windowTitle() == "Packs and sync — Kefu Assistant"
    assert {"Sync now", "Import…", "Subscribe…"} <= {
        b.text() for b in packs.findChildren(QPushButton)
    }
    assert "Phrase" in phrases.windowTitle() and "Kefu Assistant" in phrases.windowTitle()
    assert "Buyers" in buyers.windowTitle()
    for window in (packs, phrases, buyers, stats):
        # The ready buyer tags are data: they go into the shop's remark field as written.
        chinese = [t for t in visible_texts(window) if CJK.search(t) and t not in READY_TAGS]
        assert chinese == [], type(window).__name__


def test_the_tray_menu_is_english(english: None, ctx: UiContext) -> None:
    menu = QMenu()
    nothing = lambda *_args: None  # noqa: E731
    actions = TrayActions(*([nothing] * 8))
    fill_menu(menu, ctx.ws, actions, "Ctrl+Alt+K")
    entries = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert entries[0] == "Quick find\tCtrl+Alt+K"
    assert entries[-6:] == [
        "Buyers…",
        "Phrases…",
        "Packs and sync…",
        "Statistics…",
        "Settings…",
        "Quit",
    ]
    menu.deleteLater()


def test_the_pack_import_dialogs_are_english(
    english: None,
    ctx: UiContext,
    modals: Modals,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    from assistant.ui.packs.pack_io_dialogs import preview_import

    window = PacksWindow(ctx)
    qtbot.addWidget(window)
    table = tmp_path / "phrases.csv"
    table.write_text("快捷编码,快捷短语,快捷短语分组\nen1,亲，在的,常用\n", encoding="utf-8")

    preview_import(window, ctx, table)

    qtbot.waitUntil(lambda: len(modals.seen) == 2, timeout=WAIT_MS)
    asked, done = modals.seen
    assert asked.title == "Import phrases" and asked.text.startswith("About to import:")
    assert done.title == "Import finished"


def test_the_packs_list_and_sync_status_are_english(
    english: None, ctx: UiContext, tmp_path: Path, qtbot: QtBot
) -> None:
    lead = open_workspace(tmp_path / "lead", builtins=False)
    pack = lead.phrases.packs.create("团队话术")
    lead.phrases.add("亲，团队短语", pack=pack.id)
    shared = tmp_path / "shared"
    shared.mkdir()
    assert PackSync(lead.phrases).publish(pack.id, str(shared)).ok
    assert all(r.ok for r in PackSync(ctx.ws.phrases).subscribe(str(shared)))

    window = PacksWindow(ctx)
    qtbot.addWidget(window)

    items = [window.packs.topLevelItem(i) for i in range(window.packs.topLevelItemCount())]
    kinds = {item.text(0): item.text(1) for item in items}
    assert kinds["我的短语"] == "Mine"  # the pack names are data, the kinds are not
    assert kinds["通用客服短语"] == "Built-in"
    assert kinds["团队话术"] == "Subscribed"
    lines = window.status.toPlainText().splitlines()
    assert lines[0] == f"Subscribed: {shared}"
    assert re.fullmatch(r"团队话术: last synced \d{4}-\d\d-\d\d \d\d:\d\d, OK", lines[1]), lines
