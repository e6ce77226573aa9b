"""How the panel names an image message where it shows text (the preview, the status line).

Its text keeps the panel's translation context ("QuickPanel")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from assistant.core.phrases.model import PhraseImage


def image_line(image: PhraseImage) -> str:
    return QCoreApplication.translate("QuickPanel", "[图片 {0}]").format(image.name)
