"""The English UI has no Chinese left but data (issue 14, item 13), and the Chinese UI says
what it always said.

Every window is opened in English the way an agent meets it, and every text it shows is read
from the widgets themselves: titles, labels, buttons, group boxes, placeholders, combo items,
header and cell texts of every list, table and tree, menu entries, tooltips. A text may keep
Chinese only where it is data: the phrases, packs and groups of the library, the buyer's own
fields, the ready buyer tags, the rule words' suggested wordings, placeholder names in braces,
words quoted from a phrase, and the language's own name 简体中文.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

import pytest
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from assistant.core.buyers.groups import DEFAULT_GROUPS, DEFAULT_SUBGROUPS
from assistant.core.buyers.model import READY_TAGS, Buyer
from assistant.core.buyers.order_report import ImportReport
from assistant.core.phrases.lint import (
    ABSOLUTE_FALLBACK,
    CONTACT_NAMES,
    SEVERITY_NAMES,
    Finding,
    Linter,
)
from assistant.core.phrases.lint_words import linter_for
from assistant.core.phrases.model import Phrase
from assistant.core.platforms import PLATFORM_NAMES
from assistant.core.shop import SHOP_KEYS
from assistant.ui import lint_texts, names
from assistant.ui.buyers.buyer_manager import PROMISES, BuyerManager
from assistant.ui.buyers.import_report import report_text
from assistant.ui.context import UiContext
from assistant.ui.first_run import FirstRunDialog
from assistant.ui.packs.packs_window import PacksWindow
from assistant.ui.phrases.phrase_editor import PhraseEditor
from assistant.ui.phrases.phrase_manager import PhraseManager
from assistant.ui.phrases.stats_window import StatsWindow
from assistant.ui.quick.quick_panel import QuickPanel
from assistant.ui.settings_dialog import SettingsDialog
from tests.ui import test_english as base

cache = base.cache  # the fixtures of test_english.py: a fresh cache, English installed
english = base.english

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
FULL_WIDTH = re.compile(r"[（）：，；。！？「」【】、]")
LINT_TEXT = "亲，加我微信号 abc12345，这款是最好的"
SHOP_TEXT = "亲，本店现在{活动}，欢迎选购"
ACCOUNT = "jd_wang"
FLAT = (QAbstractListModel, QAbstractTableModel)


# -- reading what the widgets show --------------------------------------------------------
def _model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[str]:
    parent = QModelIndex() if parent is None else parent
    texts: list[str] = []
    # Private in PySide6: a list model's columnCount (it has one), a flat one's hasChildren.
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
    if not parent.isValid():
        for column in range(columns):
            texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if value is not None:
                    texts.append(str(value))
        first = model.index(row, 0, parent)
        if not isinstance(model, FLAT) and model.rowCount(first):
            texts += _model_texts(model, first)
    return texts


def shown_texts(window: QWidget, data_views: Iterable[QWidget] = ()) -> list[str]:
    """Every text ``window`` shows; ``data_views`` are widgets whose content is data as a
    whole (a phrase's rendered preview): their placeholder and tooltip still count."""
    skipped = set(data_views)
    widgets = [window, *window.findChildren(QWidget)]
    texts = [window.windowTitle()]
    for w in widgets:
        texts.append(w.toolTip())
        texts += [a.text() for a in w.actions()] + [a.toolTip() for a in w.actions()]
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
            if w.isReadOnly():
                texts.append(w.text())
        elif isinstance(w, QPlainTextEdit):
            texts.append(w.placeholderText())
            if w.isReadOnly() and w not in skipped:
                texts.append(w.toPlainText())
        elif isinstance(w, QSpinBox):
            texts += [w.prefix(), w.suffix()]
        elif isinstance(w, QAbstractSpinBox):
            texts.append(w.text())
        elif isinstance(w, QMenu):
            texts += [a.text() for a in w.actions()]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            texts += _model_texts(w.model())
    return [t for t in texts if t]


def library_data(ctx: UiContext) -> set[str]:
    """What the seeded library holds and windows show as it is; never a UI word."""
    phrases = ctx.ws.phrases.all(include_hidden=True)
    data = {p.pack for p in phrases} | {p.group for p in phrases} | {p.title for p in phrases}
    data |= {p.text for p in phrases} | {p.first_line for p in phrases}
    data |= {line for p in phrases for line in p.text.splitlines()}
    data |= {info.name for info in ctx.ws.phrases.packs.list()}
    suggestions = ctx.lint.linter().w["absolute"]["suggestions"] if ctx.lint else {}
    data |= set(suggestions.values())  # 很 / 非常: Chinese wordings to use instead
    data |= set(READY_TAGS) | {"简体中文"}
    return {d for d in data if d}


def not_data(texts: list[str], data: set[str]) -> list[str]:
    """The texts with Chinese left once the data is taken out."""
    ui_words = set(PLATFORM_NAMES.values()) | set(DEFAULT_GROUPS.values()) | set(SHOP_KEYS)
    assert not data & (ui_words | {"未分组", "内置"})  # else the check below would hide them
    ordered = sorted(data, key=len, reverse=True)
    left = []
    for text in texts:
        rest = text
        for d in ordered:
            if CJK.search(d):
                rest = rest.replace(d, "")
        rest = re.sub(r"\{[^{}]*\}|“[^”]*”|\"[^\"]*\"", "", rest)  # {昵称}, quoted words
        if CJK.search(rest):
            left.append(text)
    return left


def full_width(texts: list[str], data: set[str]) -> list[str]:
    """English texts glued with Chinese punctuation (data taken out, as above)."""
    ordered = sorted(data, key=len, reverse=True)
    left = []
    for text in texts:
        rest = text
        for d in ordered:
            rest = rest.replace(d, "")
        rest = re.sub(r"“[^”]*”", "", rest)
        if FULL_WIDTH.search(rest):
            left.append(text)
    return left


# -- the workspace as an agent's day leaves it ------------------------------------------------
def _buyer(ctx: UiContext) -> Buyer:
    book = ctx.ws.buyers
    book.add(
        ACCOUNT,
        platform="jd",
        remark="小王",
        group=8,
        tags=[READY_TAGS[0]],
        notes="prefers SF Express",
        attributes={"size": "38"},
    )
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    book.promise(ACCOUNT, "restock notice", yesterday, "jd")
    book.add("wx_friend", platform="wxshop", group=1, subgroup="1A")
    return book.get(ACCOUNT, "jd")


def _phrases(ctx: UiContext) -> tuple[Phrase, Phrase]:
    flagged = ctx.ws.phrases.add(LINT_TEXT, title="lint sample", group="问候", code="lintx")
    shop = ctx.ws.phrases.add(SHOP_TEXT, title="shop sample", group="问候", code="shopx")
    ctx.ws.phrases.record_use(flagged.id, buyer=ACCOUNT)
    return flagged, shop


def _check(window: QWidget, data: set[str], data_views: Iterable[QWidget] = ()) -> None:
    texts = shown_texts(window, data_views)
    assert not_data(texts, data) == [], type(window).__name__
    assert full_width(texts, data) == [], type(window).__name__


def test_every_window_shows_english_but_data(english: None, ctx: UiContext, qtbot: QtBot) -> None:
    buyer = _buyer(ctx)
    flagged, _shop = _phrases(ctx)
    data = library_data(ctx) | {"小王"}  # the buyer's remark name

    settings = SettingsDialog(ctx)
    first_run = FirstRunDialog(ctx, "Ctrl+Alt+Space")
    new_editor = PhraseEditor(ctx)
    editor = PhraseEditor(ctx, flagged)
    packs = PacksWindow(ctx)
    phrases = PhraseManager(ctx)
    stats = StatsWindow(ctx)
    buyers = BuyerManager(ctx)
    panel = QuickPanel(ctx)
    windows = (settings, first_run, new_editor, editor, packs, phrases, stats, buyers, panel)
    for window in windows:
        qtbot.addWidget(window)

    # What the English must have reached, not only what it must not show:
    assert [settings.platform.itemText(i) for i in range(settings.platform.count())] == [
        "Taobao",
        "Tmall",
        "JD",
        "Pinduoduo",
    ]
    assert "Error: A WeChat ID leads the buyer off the platform" in editor.problem.text()
    assert "Warning: “最好” is an absolute claim" in editor.problem.text()
    assert "(Suggestion: Delete the contact details" in editor.problem.text()
    for window in (settings, first_run, new_editor, editor, packs, phrases, stats):
        _check(window, data, [getattr(window, "preview", window)])
    sources = {packs.packs.topLevelItem(i).text(4) for i in range(packs.packs.topLevelItemCount())}
    assert "Built-in" in sources and "内置" not in sources

    # 买家: the whole list, the buyer's group (a subgroup too), the card, the due promises.
    buyers.focus_account(ACCOUNT)
    assert buyers.editor.platform.currentText() == "JD"
    assert buyers.editor.group.currentText() == "8 Customers"
    assert buyers.editor.attributes.placeholderText() == "e.g. size=38, fit=wide"
    _check(buyers, data)
    buyers.tree.setCurrentItem(buyers.tree.item_for(8))
    assert [buyers.model.buyer(r).account for r in range(buyers.model.rowCount())] == [ACCOUNT]
    _check(buyers, data)
    buyers.focus_account("wx_friend")
    assert buyers.editor.platform.currentText() == "WeChat Shop"
    assert buyers.editor.subgroup.currentText() == "1A Chat friends"
    _check(buyers, data)
    buyers.tree.setCurrentItem(buyers.tree.item_for(PROMISES))
    assert buyers.promises.model.rowCount() == 1
    _check(buyers, data)

    # The quick panel: the buyer's card, a flagged phrase's warning, the questions it asks.
    panel.set_buyer(buyer)
    assert panel.card.toPlainText().splitlines()[:2] == ["jd_wang (小王)", "JD  8 Customers"]
    panel.search.setText("lintx")
    current = panel.current_phrase()
    assert current is not None and current.id == flagged.id
    assert panel.status.text().startswith("⚠ A WeChat ID leads the buyer off the platform")
    _check(panel, data, [panel.preview])
    panel.copy_current()  # asks first: the phrase has an error
    assert panel.asking and panel.ask_page.heading.text() == "This phrase may break the rules"
    _check(panel, data, [panel.preview])
    panel.escape()
    panel.search.setText("shopx")
    panel.copy_current()  # 活动 is not set: asked like a fill-in
    assert panel.asking
    assert "Promotion (not in the shop profile yet):" in shown_texts(panel.ask_page)
    _check(panel, data, [panel.preview])
    panel.escape()
    panel.search.setText("zzzqqq")  # nothing found
    _check(panel, data, [panel.preview])


def test_a_group_the_shop_renamed_keeps_its_name_in_english(english: None, ctx: UiContext) -> None:
    renamed = ctx.ws.buyers.scheme.rename(9, "老朋友")
    kept = ctx.ws.buyers.scheme.group(8)
    assert names.group_label(renamed) == "9 老朋友"  # the shop's own name is data
    assert names.group_label(kept) == "8 Customers"
    assert names.platform_label("newshop") == "newshop"  # a code from a newer version


# -- lint findings -------------------------------------------------------------------------
def _findings(linter: Linter, text: str, tags: list[str] | None = None) -> list[Finding]:
    found = linter.check(text, tags)
    assert found, text
    return found


def every_kind_of_finding(ctx: UiContext) -> list[Finding]:
    """One finding of each rule and variant (the JD linter for another platform's name)."""
    taobao = linter_for(ctx.ws.path, "taobao")
    jd = linter_for(ctx.ws.path, "jd")
    found = []
    for text in (
        "亲，加我微信号 abc12345 哦",
        "亲，有问题加 QQ 12345678 哦",
        "亲，发到邮箱 shop@example.com 哦",
        "亲，打电话 13812345678 哦",
        "亲，详情看 www.example.com 哦",
        "亲，这款是最好的哦",
        "亲，这款是国家级的哦",
        "不行",
        "{未知}",
    ):
        found += _findings(taobao, text)
    found += _findings(jd, "亲，淘宝上也有这款哦")
    found += _findings(taobao, "亲" * 130, ["自动回复"])
    codes = {f.code for f in found}
    assert {"off-platform." + kind for kind in CONTACT_NAMES} <= codes
    assert {"off-platform.other-platform", "absolute", "flat-refusal", "too-short"} <= codes
    assert {"auto-reply-length", "template"} <= codes
    return found


def test_lint_findings_read_english_in_english(english: None, ctx: UiContext) -> None:
    assert ctx.lint is not None
    suggestions = set(ctx.lint.linter().w["absolute"]["suggestions"].values())
    for f in every_kind_of_finding(ctx):
        text = lint_texts.finding_text(f)
        if f.rule == "template":  # core's error text about the placeholder, as the editor shows it
            assert text == f"Error: {f.message}"
            continue
        assert lint_texts.message(f) != f.message, f.code  # worded in English, not core's
        assert text.startswith(("Error: ", "Warning: ", "Hint: ")), text
        rest = re.sub(r"“[^”]*”", "", text)  # “其他店铺”: Chinese to write instead, quoted
        for quoted in (str(f.args.get("word", "")), *suggestions):
            rest = rest.replace(quoted, "") if quoted else rest  # 淘宝 found; 很 / 非常 to use
        assert not CJK.search(rest), text
        assert not FULL_WIDTH.search(rest), text
    flat = next(f for f in every_kind_of_finding(ctx) if f.code == "auto-reply-length")
    assert lint_texts.suggestion(flat) == "Cut 2 characters"
    fallback = next(f for f in every_kind_of_finding(ctx) if f.suggestion == ABSOLUTE_FALLBACK)
    assert lint_texts.suggestion(fallback) == (
        "Say something objective and specific instead (the material, figures), or delete it"
    )


def test_lint_findings_read_as_before_in_chinese(ctx: UiContext) -> None:
    """No translator: what the windows showed before the texts moved out of core's words."""
    for f in every_kind_of_finding(ctx):
        advice = f"（建议：{f.suggestion}）" if f.suggestion else ""
        assert lint_texts.message(f) == f.message
        assert lint_texts.suggestion(f) == f.suggestion
        assert lint_texts.finding_text(f) == f"{SEVERITY_NAMES[f.severity]}：{f.message}{advice}"
        assert lint_texts.warning_text(f) == f"⚠ {f.message}{advice}"


def test_the_ui_tables_repeat_cores_chinese_names() -> None:
    """pyside6-lupdate reads literals only, so the UI repeats core's names: held equal here."""
    assert names.PLATFORM_LABELS == PLATFORM_NAMES
    assert names.GROUP_NAMES == DEFAULT_GROUPS
    assert names.SUBGROUP_NAMES == DEFAULT_SUBGROUPS
    assert tuple(names.SHOP_FIELDS) == SHOP_KEYS
    assert list(names.SHOP_FIELDS.values()) == list(SHOP_KEYS)
    assert lint_texts.SEVERITIES == SEVERITY_NAMES
    contacts = {f"off-platform.{kind}": name for kind, name in CONTACT_NAMES.items()}
    assert contacts == lint_texts.CONTACTS
    assert lint_texts.ABSOLUTE_ADVICE == ABSOLUTE_FALLBACK


# -- the order-import report ----------------------------------------------------------------
def _report() -> ImportReport:
    return ImportReport(
        rows=5,
        orders_counted=3,
        unpaid=1,
        duplicates=0,
        buyers_created=2,
        buyers_updated=1,
        tagged=1,
        moved=2,
        skipped=[(5, "缺少买家账号")],
    )


def test_the_import_report_is_english_in_english(english: None) -> None:
    assert report_text(_report()).splitlines() == [
        "Read 5 rows; 3 paid orders counted, 1 unpaid, 0 imported before",
        "2 new buyers, 1 updated, 1 newly tagged as repeat buyers, 2 moved to group 8 (Customers)",
        "Skipped 1 rows:",
        "  Row 5: 缺少买家账号",  # why: core's error text
    ]


def test_the_import_report_is_unchanged_in_chinese(qapp: QApplication) -> None:
    assert report_text(_report()) == (
        "读取 5 行；计入已付款订单 3 笔，未付款 1 笔，已导入过 0 笔\n"
        "新建买家 2 位，更新 1 位，新标记回头客 1 位，移入「成交买家」2 位\n"
        "跳过 1 行：\n"
        "  第 5 行：缺少买家账号"
    )


def test_the_app_is_named_in_its_language(english: None, qapp: QApplication) -> None:
    """Qt appends the display name to window titles on X11 and Windows: in English it must
    not add 客服快捷助手 to "Buyers — Kefu Assistant"."""
    from assistant.ui.app import apply_language

    before = qapp.applicationDisplayName()
    try:
        apply_language(qapp, "en")
        assert qapp.applicationDisplayName() == "Kefu Assistant"
    finally:
        qapp.setApplicationDisplayName(before)
    assert QCoreApplication.translate("KefuApp", "客服快捷助手") == "Kefu Assistant"


@pytest.mark.parametrize(
    ("glue", "chinese", "english_text"),
    [
        (lambda: names.counted("全部", 3), "全部（3）", "全部 (3)"),
        (lambda: names.labelled("x"), "x：", "x:"),
        (lambda: names.listing(["a", "b"]), "a、b", "a, b"),
        (lambda: names.fill_in_sample("尺码"), "【尺码】", "[尺码]"),
    ],
)
def test_punctuation_follows_the_language(
    qapp: QApplication, cache: object, glue: object, chinese: str, english_text: str
) -> None:
    assert callable(glue)
    assert glue() == chinese
    from assistant.ui.i18n import install_translator

    try:
        assert install_translator(qapp, "en")
        assert glue() == english_text
    finally:
        base._remove_translators(qapp)


# -- why a hotkey cannot be used (shown in 设置 and in a message box) ------------------------
def test_hotkey_reasons_are_english_in_english(english: None) -> None:
    from assistant.ui.system.hotkey import (
        cannot_register,
        taken_reason,
        unknown_key,
        unusable_reason,
        wayland_reason,
    )

    assert unusable_reason("Escape") == (
        "Esc closes windows and cancels, so it cannot be the global hotkey"
    )
    assert taken_reason("Ctrl+Alt+K") == (
        "The hotkey Ctrl+Alt+K is taken by another program; choose another one in Settings"
    )
    reasons = [
        unusable_reason("F5") or "",
        unusable_reason("Ctrl+Alt+") or "",
        wayland_reason(),
        cannot_register("Ctrl+Alt+K", "BadValue"),
        unknown_key("Ctrl+Alt+Ä", "Ä"),
    ]
    assert all(r and not CJK.search(r) and not FULL_WIDTH.search(r) for r in reasons), reasons


def test_hotkey_reasons_are_unchanged_in_chinese(qapp: QApplication) -> None:
    from assistant.ui.system.hotkey import taken_reason, unusable_reason

    assert unusable_reason("Escape") == "Esc 用来关闭窗口和取消，不能用作全局快捷键"
    assert taken_reason("Ctrl+Alt+K") == "快捷键 Ctrl+Alt+K 已被其他程序占用，请在设置里换一个"
    assert unusable_reason("F5") == (
        "“F5”没有 Ctrl、Alt 或 Meta 键，用作全局快捷键后所有程序都收不到这个键；"
        "请按组合键，例如 Ctrl+Alt+Space"
    )
