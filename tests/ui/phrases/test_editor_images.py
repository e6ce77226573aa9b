"""The phrase editor's images: added from a file and from the clipboard, moved before the
text, removed, saved in that order. Real widgets, real data folder."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtGui import QGuiApplication, QImage
from pytestqt.qtbot import QtBot

from assistant.core.phrases.messages import messages_of
from assistant.core.phrases.model import PhraseImage
from assistant.ui.context import UiContext
from assistant.ui.phrases.phrase_editor import PhraseEditor


def write_png(path: Path, size: tuple[int, int]) -> Path:
    Image.new("RGB", size, (200, 100, 0)).save(path)
    return path


def kinds(ctx: UiContext, phrase_id: str) -> list[str]:
    phrase = ctx.ws.phrases.get(phrase_id)
    return [
        "image:" + m.name if isinstance(m, PhraseImage) else "text:" + m
        for m in messages_of(phrase.text, phrase.images)
    ]


def test_add_from_file_and_clipboard_move_and_save(
    ctx: UiContext, qtbot: QtBot, tmp_path: Path
) -> None:
    editor = PhraseEditor(ctx)
    qtbot.addWidget(editor)
    editor.text.setPlainText("第一条\n---\n第二条")
    assert editor.image_list.add_file(write_png(tmp_path / "尺码.png", (50, 40)))
    assert editor.preview.toPlainText() == "第一条\n---\n第二条\n---\n[图片 尺码.png]"
    QGuiApplication.clipboard().setImage(QImage(30, 20, QImage.Format.Format_RGB32))
    editor.image_list.add_from_clipboard()
    assert editor.image_list.list.count() == 2
    # the first image, now message 3 of 4, moved up twice: before the first text
    editor.image_list.list.setCurrentRow(0)
    editor.image_list.move_selected(-1)
    editor.image_list.move_selected(-1)
    editor.save()
    assert editor.saved is not None
    assert kinds(ctx, editor.saved.id) == [
        "image:尺码.png",
        "text:第一条",
        "text:第二条",
        "image:粘贴的图片.png",
    ]


def test_a_file_that_is_not_an_image_is_refused_and_said(
    ctx: UiContext, qtbot: QtBot, tmp_path: Path
) -> None:
    editor = PhraseEditor(ctx)
    qtbot.addWidget(editor)
    editor.text.setPlainText("文字")
    fake = tmp_path / "假的.png"
    fake.write_bytes(b"plain text, not a picture")
    assert not editor.image_list.add_file(fake)
    assert "假的.png" in editor.problem.text()
    assert editor.image_list.list.count() == 0


def test_removing_an_image_of_a_saved_phrase(ctx: UiContext, qtbot: QtBot, tmp_path: Path) -> None:
    from assistant.core.images.reading import prepare_image

    data = io.BytesIO()
    Image.new("RGB", (10, 10)).save(data, "PNG")
    phrase = ctx.ws.phrases.add("有图", images=[(prepare_image(data.getvalue(), "a.png"), "a.png")])
    editor = PhraseEditor(ctx, ctx.ws.phrases.get(phrase.id))
    qtbot.addWidget(editor)
    assert editor.image_list.list.count() == 1
    editor.image_list.list.setCurrentRow(0)
    editor.image_list.remove_selected()
    editor.save()
    assert ctx.ws.phrases.get(phrase.id).images == []
