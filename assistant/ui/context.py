"""What every window needs: the workspace, the change signal, and one path for edits.

Edits go through ``UiContext.run``: it calls core, announces the change so every open
view refreshes, and turns a refused operation into a message for the user.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QWidget

from assistant.core.changes import Changed
from assistant.core.errors import KefuError, StorageError
from assistant.core.phrases.model import PhraseImage
from assistant.core.workspace import Workspace
from assistant.ui.changes import ChangeNotifier
from assistant.ui.quick.lint_cache import LintCache
from assistant.ui.system.paste import AutoPaster
from assistant.ui.widgets.dialogs import warn
from assistant.ui.widgets.thumbnails import Thumbnails

T = TypeVar("T")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass
class UiContext:
    ws: Workspace
    changes: ChangeNotifier
    paster: AutoPaster
    lint: LintCache | None = None
    open_editor: Callable[[str | None], None] = field(default=lambda _id: None)
    open_buyer: Callable[[str | None], None] = field(default=lambda _acct: None)
    last_copied: str | None = None  # what the app itself last put on the clipboard
    _thumbnails: Thumbnails | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.lint is None:
            self.lint = LintCache(self.ws)

    def run(
        self,
        parent: QWidget | None,
        action: Callable[[], T],
        changes: Changed = Changed.ALL,
        say: Callable[[str], None] | None = None,
    ) -> T | None:
        """Run a core operation; on success announce what it changed, on refusal say why
        (in a message box, or through ``say``: the quick panel's status line)."""
        try:
            result = action()
        except KefuError as exc:
            if say is not None:
                say(str(exc))
            else:
                warn(parent, "客服快捷助手", str(exc))
            return None
        self.changes.notify(changes)
        return result

    @staticmethod
    def clipboard_text() -> str:
        return QGuiApplication.clipboard().text()

    def thumbnails(self) -> Thumbnails:
        """The phrase images' thumbnails, one source for every list."""
        if self._thumbnails is None:
            cache = self.ws.path / "cache" / "thumbnails"
            self._thumbnails = Thumbnails(self.ws.phrases.images, cache)
        return self._thumbnails

    def copy(self, text: str) -> None:
        self.last_copied = text
        QGuiApplication.clipboard().setText(text)

    def copy_image(self, image: PhraseImage) -> None:
        """Put a phrase's image on the clipboard as chat clients take it.

        On Linux a stored PNG goes as its own bytes under image/png, the type chat clients
        there read: nothing is decoded on this thread, and the clipboard holds the file's
        size all day rather than the decoded picture (an 8,000 px square is 256 MB). Other
        formats, and Windows and macOS, whose clients read bitmaps, get the decoded image
        (Qt offers it in every format it knows), and on Windows and macOS its file too, for
        clients that take files. Not on X11: there Qt offers a file's URL as text/plain too,
        and a text box pasted the path instead of the picture (seen under Xvfb), which an
        agent could send to a buyer. Raises KefuError when the file is missing or damaged."""
        store = self.ws.phrases.images
        data = store.read(image.sha256)
        path = store.find(image.sha256)
        mime = QMimeData()
        linux = sys.platform.startswith("linux")
        if linux and data.startswith(PNG_SIGNATURE):
            mime.setData("image/png", data)
        else:
            picture = QImage.fromData(data)
            if picture.isNull():
                raise StorageError(f"无法读取图片「{image.name}」（{path}）")
            mime.setImageData(picture)
        if path is not None and not linux:
            mime.setUrls([QUrl.fromLocalFile(str(path))])
        self.last_copied = None  # the clipboard holds no text of ours
        QGuiApplication.clipboard().setMimeData(mime)
