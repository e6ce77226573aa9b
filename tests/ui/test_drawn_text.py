"""User text with HTML in it is drawn as typed, angle brackets and all: checked on the pixels.

A model returning the string it was given proves nothing about the screen: the view's
delegate or a label's text format decides whether ``<b>粗</b>`` shows as written or as a
bold 粗. So each view here is rendered offscreen to an image and compared with the same
text drawn by ``QPainter.drawText`` (which never reads markup) or by a QLabel set to plain
text; a rich-text rendering of the same string is drawn too, to show that the comparison
tells the two apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMenu,
    QMessageBox,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from assistant.core.workspace import Workspace
from assistant.ui.buyers.buyer_manager import BuyerManager
from assistant.ui.context import UiContext
from assistant.ui.phrases.phrase_editor import PhraseEditor
from assistant.ui.phrases.phrase_manager import PhraseManager
from assistant.ui.quick.quick_panel import QuickPanel
from assistant.ui.tray_menu import TrayActions, fill_menu
from assistant.ui.widgets.laid_out_text import LaidOutTextDelegate

TITLE = "<b>粗</b>标题"
TEXT = "<i>斜</i><img src=x>&amp;"
REMARK = "<b>老客</b>"
INK = 60  # a channel this far from the background is ink (anti-aliased fringes are not)


# -- measuring ink -------------------------------------------------------------------------
def ink_box(image: QImage, rect: QRect) -> tuple[int, int, int, int]:
    """The box (left, top, width, height) of what differs from the background in ``rect``
    (its most common colour), or zeros for nothing drawn."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    pixels = [
        (x, y, QColor(image.pixel(x, y)))
        for y in range(rect.top(), rect.bottom() + 1)
        for x in range(rect.left(), rect.right() + 1)
    ]
    bg = QColor(Counter(c.rgb() for *_, c in pixels).most_common(1)[0][0])

    def far(c: QColor) -> bool:
        return (
            max(abs(c.red() - bg.red()), abs(c.green() - bg.green()), abs(c.blue() - bg.blue()))
            > INK
        )

    ink = [(x, y) for x, y, c in pixels if far(c)]
    if not ink:
        return (0, 0, 0, 0)
    xs, ys = [x for x, _ in ink], [y for _, y in ink]
    return (min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1)


def ink_width(image: QImage, rect: QRect) -> int:
    return ink_box(image, rect)[2]


def plain_width(text: str, font: QFont) -> int:
    """The ink width of ``text`` drawn as plain text in ``font`` (drawText reads no markup)."""
    metrics = QFontMetrics(font)
    image = QImage(
        metrics.horizontalAdvance(text) + 40, metrics.height() + 20, QImage.Format.Format_RGB32
    )
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(20, 10 + metrics.ascent(), text)
    painter.end()
    return ink_width(image, image.rect())


def rich_width(text: str, font: QFont) -> int:
    """The ink width of ``text`` drawn as rich text: what a markup-reading view would show."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setFont(font)
    label.adjustSize()
    return ink_width(label.grab().toImage(), label.rect())


def assert_drawn_as_typed(view: QTableView, column: int, text: str) -> None:
    """The cell of ``column`` showing ``text`` is drawn as wide as ``text`` in plain text."""
    view.selectionModel().clear()
    view.setColumnWidth(column, plain_width(text, view.font()) + 80)  # never elided
    QApplication.processEvents()
    index = row_of(view, column, text)  # found after the view settled: indexes do not last
    QApplication.processEvents()
    image = view.viewport().grab().toImage()
    cell = view.visualRect(row_of(view, column, text)).adjusted(2, 2, -2, -2)  # inside the grid
    assert index.isValid() and cell.width() > 0
    drawn, plain = ink_width(image, cell), plain_width(text, view.font())
    assert abs(drawn - plain) <= 3, (text, drawn, plain)
    assert plain - rich_width(text, view.font()) > 15  # markup would have drawn far less


def assert_plain_delegate(view: QTableView) -> None:
    """Every column is drawn by the stock delegate, which paints DisplayRole as plain text,
    or by the quick panel's, whose laid-out texts are all plain text."""
    delegate = view.itemDelegate()
    if isinstance(delegate, LaidOutTextDelegate):
        assert delegate.laid_out()
        assert {t.textFormat() for t in delegate.laid_out()} == {Qt.TextFormat.PlainText}
    else:
        assert type(delegate) is QStyledItemDelegate
    model = view.model()
    assert all(view.itemDelegateForColumn(c) is None for c in range(model.columnCount()))


def row_of(view: QTableView, column: int, shown: str) -> QModelIndex:
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, column)
        if index.data(Qt.ItemDataRole.DisplayRole) == shown:
            view.scrollTo(index)
            return index
    raise AssertionError(f"{shown!r} is not in the view")


def column_named(view: QTableView, name: str) -> int:
    model = view.model()
    names = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return names.index(name)


def shown(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    with qtbot.waitExposed(widget):
        widget.show()


# -- tables --------------------------------------------------------------------------------
def test_the_phrase_manager_draws_a_title_and_text_with_markup_as_typed(
    ctx: UiContext, qtbot: QtBot
) -> None:
    ctx.ws.phrases.add(TEXT, title=TITLE, code="html1")
    window = PhraseManager(ctx)
    shown(qtbot, window)
    window.search.setText("html1")
    assert_plain_delegate(window.table)
    assert_drawn_as_typed(window.table, column_named(window.table, "标题"), TITLE)
    assert_drawn_as_typed(window.table, column_named(window.table, "内容"), TEXT)


def test_the_buyer_manager_draws_a_remark_with_markup_as_typed(
    ctx: UiContext, qtbot: QtBot
) -> None:
    ctx.ws.buyers.add("html_buyer", remark=REMARK)
    window = BuyerManager(ctx)
    shown(qtbot, window)
    assert_plain_delegate(window.table)
    assert_drawn_as_typed(window.table, column_named(window.table, "备注名"), REMARK)


def test_the_quick_panel_results_draw_markup_as_typed(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    ctx.ws.phrases.add(TEXT, title=TITLE, code="html2")
    shown(qtbot, panel)
    qtbot.keyClicks(panel.search, "html2")
    table = panel.table
    assert_drawn_as_typed(table, column_named(table, "标题"), TITLE)
    assert_drawn_as_typed(table, column_named(table, "内容"), TEXT)
    assert_plain_delegate(table)  # after drawing: the texts it laid out


# -- the tray menu: markup and ampersands as typed --------------------------------------------
def test_the_tray_menu_draws_markup_and_ampersands_as_typed(ws: Workspace, qtbot: QtBot) -> None:
    """A menu reads "&" as a mnemonic marker (and never markup): a title with either is drawn
    exactly as typed, as wide as plain text of the title."""
    titles = ["<b>粗</b>标题", "买一送一 & 包邮"]
    for title in titles:
        ws.phrases.add("亲，" + title, title=title, group="画图促销")
    menu = QMenu()
    fill_menu(menu, ws, TrayActions(*[lambda *_: None] * 8), "")
    group = next(a.menu() for a in menu.actions() if a.text() == "画图促销")
    assert isinstance(group, QMenu) and len(group.actions()) == 2
    group.adjustSize()
    image = group.grab().toImage()
    font = group.font()
    for action in group.actions():
        title = next(t for t in titles if action.text().startswith(t.replace("&", "&&")))
        drawn = ink_width(image, group.actionGeometry(action).adjusted(2, 1, -2, -1))
        assert abs(drawn - plain_width(title, font)) <= 3, (title, drawn)
    # Unescaped, the "&" would vanish into a mnemonic: the comparison would see it.
    assert plain_width("买一送一 & 包邮", font) - plain_width("买一送一  包邮", font) > 3


# -- labels: drawn like a plain-text label of the same text --------------------------------
def twin(label: QLabel, text_format: Qt.TextFormat) -> QImage:
    """The label's text drawn by a new label of the same font, size and wrapping."""
    other = QLabel(label.text())
    other.setTextFormat(text_format)
    other.setFont(label.font())
    other.setWordWrap(label.wordWrap())
    other.setAlignment(label.alignment())
    other.resize(label.size())
    return other.grab().toImage()


def close(a: tuple[int, ...], b: tuple[int, ...], slack: int = 2) -> bool:
    """Ink of the same width and height (a style's padding may move it, not resize it)."""
    return all(abs(p - q) <= slack for p, q in zip(a[2:], b[2:], strict=True))


def assert_label_as_typed(label: QLabel, must_show: str) -> None:
    assert must_show in label.text()
    assert label.textFormat() == Qt.TextFormat.PlainText
    drawn = ink_box(label.grab().toImage(), label.rect())
    plain = twin(label, Qt.TextFormat.PlainText)
    rich = twin(label, Qt.TextFormat.RichText)
    assert close(drawn, ink_box(plain, plain.rect())), (drawn, ink_box(plain, plain.rect()))
    assert not close(ink_box(rich, rich.rect()), ink_box(plain, plain.rect()))  # it can tell


def test_the_editor_names_a_placeholder_with_markup_as_typed(ctx: UiContext, qtbot: QtBot) -> None:
    editor = PhraseEditor(ctx)
    shown(qtbot, editor)
    editor.text.setPlainText("亲，{<b>粗</b>}")
    qtbot.waitUntil(lambda: "<b>粗</b>" in editor.problem.text())
    assert_label_as_typed(editor.problem, "<b>粗</b>")


def test_the_panel_names_the_current_buyer_with_markup_as_typed(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    buyer = ctx.ws.buyers.add("html_buyer", remark=REMARK)
    shown(qtbot, panel)
    panel.set_buyer(buyer)
    assert_label_as_typed(panel.buyer_bar.current, REMARK)


# -- a refusal that quotes user text -------------------------------------------------------
Seen = tuple[str, Qt.TextFormat, tuple[int, ...], tuple[int, ...]]


@pytest.fixture
def message_boxes(qapp: QApplication) -> Iterator[list[Seen]]:
    """Every message box shown meanwhile: its text and format, the ink box of its label and
    of the same text in a plain-text label; each is closed once seen."""
    seen: list[Seen] = []
    timer = QTimer()
    timer.setInterval(10)

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            label = box.findChild(QLabel, "qt_msgbox_label")
            assert label is not None
            plain = twin(label, Qt.TextFormat.PlainText)
            drawn = ink_box(label.grab().toImage(), label.rect())
            seen.append((box.text(), box.textFormat(), drawn, ink_box(plain, plain.rect())))
            box.done(0)

    timer.timeout.connect(poll)
    timer.start()
    yield seen
    timer.stop()


def test_a_refusal_quoting_user_markup_is_shown_as_typed(
    ctx: UiContext, message_boxes: list[Seen]
) -> None:
    account = "<b>重名</b>"
    ctx.ws.buyers.add(account)
    assert ctx.run(None, lambda: ctx.ws.buyers.add(account)) is None  # refused: it exists
    ((text, text_format, drawn, plain),) = message_boxes
    assert account in text
    assert text_format == Qt.TextFormat.PlainText
    assert close(drawn, plain), (drawn, plain)
