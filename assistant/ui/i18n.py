"""Languages: the UI is written in Simplified Chinese; English comes from Qt's .ts/.qm files.

The .ts source lives in resources/i18n/. Its compiled .qm is made with PySide6's lrelease
on first use (into the user's cache folder) when the package does not already ship one.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from assistant.core.paths import resources_dir


def _lrelease() -> Path | None:
    import PySide6

    base = Path(PySide6.__file__).parent
    for name in ("lrelease", "lrelease.exe", "Qt/libexec/lrelease"):
        candidate = base / name
        if candidate.exists():
            return candidate
    return None


def compiled_translation(language: str, cache: Path | None = None) -> Path | None:
    source = resources_dir() / "i18n" / f"kefu_{language}.ts"
    shipped = source.with_suffix(".qm")
    if shipped.exists() and (
        not source.exists() or shipped.stat().st_mtime >= source.stat().st_mtime
    ):
        return shipped
    if not source.exists():
        return None
    if cache is None:
        from platformdirs import user_cache_dir

        cache = Path(user_cache_dir("kefu-assistant", appauthor=False))
    target = cache / f"kefu_{language}.qm"
    if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    tool = _lrelease()
    if tool is None:
        return None
    cache.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [str(tool), str(source), "-qm", str(target)], capture_output=True, check=False
    )
    return target if result.returncode == 0 and target.exists() else None


def qt_translator(language: str, parent: QCoreApplication | None = None) -> QTranslator | None:
    """Qt's own strings (Yes/No, OK/Cancel, the file dialog) in ``language``, from the
    qtbase translations PySide6 ships; None where there are none. For Chinese, see
    ``qt_supplement``: that translation lacks a few of Qt 6's texts."""
    translator = QTranslator(parent)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return translator if translator.load(QLocale(language), "qtbase", "_", path) else None


def qt_supplement(parent: QCoreApplication | None = None) -> QTranslator | None:
    """Qt 6 texts missing from the qtbase_zh_CN that PySide6 ships (the file dialog's
    "&Look in:"), from this project's resources/i18n/kefu_zh_CN.ts."""
    qm = compiled_translation("zh_CN")
    translator = QTranslator(parent)
    return translator if qm is not None and translator.load(str(qm)) else None


def install_translator(app: QCoreApplication, language: str) -> bool:
    """Install English (or another non-default language); the app's Chinese needs no
    translation of its own, only Qt's strings in Chinese. True if the app's was installed."""
    if language.startswith("zh"):
        # Installed last is asked first: the supplement's texts win over qtbase's.
        for translator in (qt_translator("zh_CN", app), qt_supplement(app)):
            if translator is not None:
                app.installTranslator(translator)
        return False
    qm = compiled_translation(language)
    if qm is None:
        print(f"kefu: no translation for {language}", file=sys.stderr)
        return False
    translator = QTranslator(app)
    if not translator.load(str(qm)):
        return False
    app.installTranslator(translator)
    qt = qt_translator(language, app)
    if qt is not None:
        app.installTranslator(qt)
    return True
