"""Image messages in the quick panel: Enter walks a phrase's messages in order, an image
message puts the image itself on the clipboard (and its file, for clients that take files).
Real widgets, real clipboard of the offscreen platform; the X clipboard as another program
sees it is tested in tests/desktop/test_images_on_a_desktop.py."""

from __future__ import annotations

import io

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from pytestqt.qtbot import QtBot

from assistant.core.images.reading import prepare_image
from assistant.ui.context import UiContext
from assistant.ui.quick.quick_panel import QuickPanel
from tests.ui.helpers import CHANGE_TIMEOUT_MS, clipboard_text
from tests.ui.quick.test_quick_panel import ENTER, open_panel


def png(width: int, height: int, colour: tuple[int, int, int] = (10, 120, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def test_enter_walks_text_then_image_and_the_image_is_on_the_clipboard(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    chart = prepare_image(png(120, 80), "尺码表.png")
    phrase = ctx.ws.phrases.add("亲，这是尺码表哦", code="cmb", images=[(chart, "尺码表.png")])
    open_panel(panel, qtbot)
    qtbot.keyClicks(panel.search, "cmb")
    assert panel.preview.toPlainText() == "亲，这是尺码表哦\n---\n[图片 尺码表.png]"
    qtbot.keyClick(panel.search, ENTER)
    assert clipboard_text() == "亲，这是尺码表哦"
    assert panel.isVisible()
    assert "1/2" in panel.status.text()
    with qtbot.waitSignal(ctx.changes.changed, timeout=CHANGE_TIMEOUT_MS):
        pass  # the copy's own change notice: the pending image must survive it
    qtbot.keyClick(panel.search, ENTER)
    mime = QGuiApplication.clipboard().mimeData()
    # Linux: a stored PNG goes as its own bytes (nothing decoded, nothing large held).
    assert bytes(mime.data("image/png").data()) == chart.data
    picture = QImage.fromData(bytes(mime.data("image/png").data()))
    assert (picture.width(), picture.height()) == (120, 80)
    # No file URL here (Linux): X11 offers a URL as text/plain too, and a text box pastes
    # the path instead of the picture. Windows and macOS get it (not run here).
    assert mime.urls() == []
    assert not mime.hasText()
    assert not panel.isVisible()  # the last message: the panel gives the focus back
    assert ctx.ws.phrases.get(phrase.id).use_count == 1


def test_an_image_first_then_text(panel: QuickPanel, ctx: UiContext, qtbot: QtBot) -> None:
    chart = prepare_image(png(40, 30), "图.png")
    phrase = ctx.ws.phrases.add("看上面的图", code="ktp", images=[(chart, "图.png")])
    # move the image before the text: remove it and place it at 0 through the library
    from assistant.core.phrases.model import PhraseImage

    placed = ctx.ws.phrases.get(phrase.id).images
    assert [i.at for i in placed] == [1]
    with ctx.ws.phrases.batch() as batch:
        doc = batch.get(phrase.id)
        assert doc is not None
        doc["images"] = [PhraseImage(chart.sha256, "图.png", 0).to_json()]
        batch.put(doc)
    open_panel(panel, qtbot)
    qtbot.keyClicks(panel.search, "ktp")
    qtbot.keyClick(panel.search, ENTER)
    assert QGuiApplication.clipboard().mimeData().hasFormat("image/png")
    assert "1/2" in panel.status.text()
    qtbot.keyClick(panel.search, ENTER)
    assert clipboard_text() == "看上面的图"


def test_a_missing_image_file_is_said_and_nothing_is_copied(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    chart = prepare_image(png(20, 20), "丢了.png")
    ctx.ws.phrases.add("先文字", code="dlt", images=[(chart, "丢了.png")])
    path = ctx.ws.phrases.images.find(chart.sha256)
    assert path is not None
    path.unlink()
    open_panel(panel, qtbot)
    qtbot.keyClicks(panel.search, "dlt")
    qtbot.keyClick(panel.search, ENTER)
    assert clipboard_text() == "先文字"
    qtbot.keyClick(panel.search, ENTER)
    assert "图片" in panel.status.text()
    assert not QGuiApplication.clipboard().mimeData().hasFormat("image/png")
    assert clipboard_text() == "先文字"  # unchanged
    assert panel.isVisible()


def test_the_panel_shows_a_thumbnail_made_in_the_background(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    chart = prepare_image(png(400, 300, (0, 200, 0)), "尺码表.png")
    ctx.ws.phrases.add("尺码表来啦", code="cmtl", images=[(chart, "尺码表.png")])
    ctx.ws.phrases.add("没有图片的短语", code="cmtm")
    open_panel(panel, qtbot)
    qtbot.keyClicks(panel.search, "cmt")
    rows = {p.code: row for row, p in enumerate(panel.model.rows())}
    with_image = panel.model.index(rows["cmtl"], 0)
    without = panel.model.index(rows["cmtm"], 0)
    thumbnails = ctx.thumbnails()
    if panel.model.data(with_image, Qt.ItemDataRole.DecorationRole) is None:
        with qtbot.waitSignal(thumbnails.ready, timeout=10_000):
            pass
    picture = panel.model.data(with_image, Qt.ItemDataRole.DecorationRole)
    assert isinstance(picture, QPixmap) and not picture.isNull()
    assert max(picture.width(), picture.height()) <= 96
    assert panel.model.data(without, Qt.ItemDataRole.DecorationRole) is None
    # It is drawn: the row's first cell is not blank where the thumbnail goes.
    panel.table.viewport().repaint()
    shot = panel.table.viewport().grab().toImage()
    rect = panel.table.visualRect(panel.table.model().index(rows["cmtl"], 0))
    colours = {
        shot.pixelColor(x, rect.center().y()).name() for x in range(rect.left(), rect.right())
    }
    assert "#00c800" in colours  # the green of the image


def test_a_jpeg_goes_to_the_clipboard_decoded(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 10, 10)).save(out, "JPEG")
    photo = prepare_image(out.getvalue(), "细节.jpg")
    ctx.ws.phrases.add("细节图", code="xjt", images=[(photo, "细节.jpg")])
    open_panel(panel, qtbot)
    qtbot.keyClicks(panel.search, "xjt")
    qtbot.keyClick(panel.search, ENTER)
    qtbot.keyClick(panel.search, ENTER)
    picture = QGuiApplication.clipboard().image()  # Qt offers it as PNG and the rest
    assert (picture.width(), picture.height()) == (64, 48)
