"""Qt's own strings in the Chinese UI (issue 14, item 13): Yes/No, OK/Cancel and the file
dialog showed in English; the qtbase translation PySide6 ships is installed with Chinese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from assistant.ui.i18n import install_translator, qt_translator

ENGLISH = re.compile(r"[A-Za-z]{2,}")


def test_qt_buttons_have_chinese_texts(qapp: QApplication) -> None:
    translator = qt_translator("zh_CN")
    assert translator is not None
    assert translator.translate("QPlatformTheme", "Cancel") == "取消"
    assert translator.translate("QPlatformTheme", "&Yes") == "是(&Y)"
    assert translator.translate("QPlatformTheme", "OK") == "确定"
    assert translator.translate("QFileDialog", "Open") == "打开"


def test_the_file_dialog_has_no_english_label(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt 6 gave the file dialog's labels mnemonics ("&Look in:"); the qtbase_zh_CN PySide6
    ships has only the old texts, so "Look in:" and "Files of type:" stayed English until
    resources/i18n/kefu_zh_CN.ts supplied them. Every label, button, and menu entry of Qt's own
    dialog (the one Linux desktops without a portal get), in every mode the app uses."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    install_translator(qapp, "zh_CN")
    try:
        for mode, accept in (
            (QFileDialog.FileMode.ExistingFile, QFileDialog.AcceptMode.AcceptOpen),
            (QFileDialog.FileMode.AnyFile, QFileDialog.AcceptMode.AcceptSave),
            (QFileDialog.FileMode.Directory, QFileDialog.AcceptMode.AcceptOpen),
        ):
            dialog = QFileDialog(None, "选择文件", str(tmp_path), "订单报表 (*.csv *.xlsx)")
            qtbot.addWidget(dialog)
            dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
            dialog.setFileMode(mode)
            dialog.setAcceptMode(accept)
            dialog.show()
            texts = [w.text() for w in dialog.findChildren(QLabel)]
            texts += [w.text() for w in dialog.findChildren(QAbstractButton)]
            texts += [a.text() for a in dialog.findChildren(QAction)]
            english = [t for t in texts if ENGLISH.search(t.replace("&", ""))]
            assert english == [], (mode, accept)
            assert "查找范围(&L)：" in texts
            dialog.close()
    finally:
        for translator in qapp.findChildren(QTranslator):
            qapp.removeTranslator(translator)
            translator.setParent(None)
            translator.deleteLater()
