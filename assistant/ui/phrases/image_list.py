"""The phrase editor's images: thumbnails in sending order, added from a file, the clipboard
or a drop, moved among the text's messages, removed.

An image is checked and stored (``core.images``) as soon as it is added: the list then holds
only references (``PhraseImage``), and an image of a draft that is never saved is an unused
file the daily clean-up removes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QIcon, QImage
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.core.errors import KefuError
from assistant.core.images.reading import MAX_BYTES, prepare_image
from assistant.core.phrases.messages import messages_of, placed
from assistant.core.phrases.model import MAX_IMAGES, PhraseImage
from assistant.ui.context import UiContext

ICON = 48
PATTERNS = "(*.png *.jpg *.jpeg *.gif *.webp *.bmp)"


class ImageList(QWidget):
    changed = Signal()

    def __init__(
        self,
        ctx: UiContext,
        images: list[PhraseImage],
        text: Callable[[], str],
        say: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._images = list(images)
        self._text = text  # the editor's current text: where the images stand among it
        self._say = say
        self.list = QListWidget()
        self.list.setIconSize(QSize(ICON, ICON))
        self.list.setFixedHeight(ICON * 2 + 8)
        self.list.setAcceptDrops(False)  # drops land on this widget, see dropEvent
        self.setAcceptDrops(True)
        buttons = QVBoxLayout()
        for label, action in (
            (self.tr("添加图片…"), self.add_from_file),
            (self.tr("粘贴图片"), self.add_from_clipboard),
            (self.tr("上移"), lambda: self.move_selected(-1)),
            (self.tr("下移"), lambda: self.move_selected(1)),
            (self.tr("移除"), self.remove_selected),
        ):
            button = QPushButton(label)
            button.clicked.connect(action)
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        ctx.thumbnails().ready.connect(self._thumbnail_ready)
        self.refresh()

    def images(self) -> list[PhraseImage]:
        """The images at their places among the current text's messages."""
        return list(placed(messages_of(self._text(), self._images)))

    # -- showing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        current = self.list.currentRow()
        self.list.clear()
        messages = messages_of(self._text(), self._images)
        total = len(messages)
        for number, message in enumerate(messages, 1):
            if not isinstance(message, PhraseImage):
                continue
            item = QListWidgetItem(
                self.tr("第 {0}/{1} 条：{2}").format(number, total, message.name)
            )
            item.setData(Qt.ItemDataRole.UserRole, message.sha256)
            picture = self.ctx.thumbnails().pixmap(message.sha256)
            if picture is not None:
                item.setIcon(QIcon(picture))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(max(0, min(current, self.list.count() - 1)))

    def _thumbnail_ready(self, sha256: str) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == sha256:
                picture = self.ctx.thumbnails().pixmap(sha256)
                if picture is not None:
                    item.setIcon(QIcon(picture))

    # -- changing ----------------------------------------------------------------------------
    def add_data(self, data: bytes, name: str) -> bool:
        """Check and store an image and add it after every message; False (and said why)
        when it is refused."""
        if len(self._images) >= MAX_IMAGES:
            self._say(self.tr("一条短语最多 {0} 张图片").format(MAX_IMAGES))
            return False
        try:
            image = prepare_image(data, name)
            sha = self.ctx.ws.phrases.images.put(image)
        except KefuError as exc:
            self._say(str(exc))
            return False
        messages = messages_of(self._text(), self._images)
        self._images = list(placed([*messages, PhraseImage(sha, name, len(messages))]))
        self._changed()
        self.list.setCurrentRow(self.list.count() - 1)
        return True

    def add_file(self, path: Path) -> bool:
        try:
            if path.stat().st_size > MAX_BYTES:
                self._say(self.tr("{0}：图片太大，最多 {1} MB").format(path.name, MAX_BYTES >> 20))
                return False
            data = path.read_bytes()
        except OSError as exc:
            self._say(self.tr("无法读取 {0}：{1}").format(path.name, exc.strerror or exc))
            return False
        return self.add_data(data, path.name)

    def add_from_file(self) -> None:
        patterns = self.tr("图片") + " " + PATTERNS
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("添加图片"), "", patterns)
        for name in names:
            if not self.add_file(Path(name)):
                break

    def add_from_clipboard(self) -> None:
        if not self._add_mime(QGuiApplication.clipboard().mimeData()):
            self._say(self.tr("剪贴板里没有图片"))

    def _add_mime(self, mime: QMimeData | None) -> bool:
        if mime is None:
            return False
        files = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
        if files:
            return all(self.add_file(f) for f in files)
        if mime.hasImage():
            picture = QImage(mime.imageData())
            buffer = QBuffer()
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            # The stub wants bytes for the format; the binding takes only a str.
            saved = picture.save(buffer, "PNG")  # type: ignore[call-overload]
            if picture.isNull() or not saved:
                return False
            return self.add_data(bytes(buffer.data().data()), self.tr("粘贴的图片.png"))
        return False

    def move_selected(self, step: int) -> None:
        """Move the selected image one message earlier (-1) or later (+1)."""
        row = self.list.currentRow()
        if row < 0:
            return
        messages = messages_of(self._text(), self._images)
        at = [i for i, m in enumerate(messages) if isinstance(m, PhraseImage)][row]
        to = at + step
        if not 0 <= to < len(messages):
            return
        messages[at], messages[to] = messages[to], messages[at]
        self._images = list(placed(messages))
        self._changed()
        moved = [i for i, m in enumerate(messages) if isinstance(m, PhraseImage)].index(to)
        self.list.setCurrentRow(moved)

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        messages = messages_of(self._text(), self._images)
        shown = [m for m in messages if isinstance(m, PhraseImage)]
        gone = shown[row]
        self._images = list(placed([m for m in messages if m is not gone]))
        self._changed()

    def _changed(self) -> None:
        self.refresh()
        self.changed.emit()

    # -- dropping ----------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasImage():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self._add_mime(event.mimeData()):
            event.acceptProposedAction()
