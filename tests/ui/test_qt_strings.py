"""Qt's own strings in the Chinese UI (issue 14, item 13): Yes/No, OK/Cancel and the file
dialog showed in English; the qtbase translation PySide6 ships is installed with Chinese."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from assistant.ui.i18n import qt_translator


def test_qt_buttons_have_chinese_texts(qapp: QApplication) -> None:
    translator = qt_translator("zh_CN")
    assert translator is not None
    assert translator.translate("QPlatformTheme", "Cancel") == "取消"
    assert translator.translate("QPlatformTheme", "&Yes") == "是(&Y)"
    assert translator.translate("QPlatformTheme", "OK") == "确定"
    assert translator.translate("QFileDialog", "Open") == "打开"
