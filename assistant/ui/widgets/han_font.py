"""A font that names its Chinese fallback: the same glyphs, found without a search per character.

Where the default font has no Chinese (DejaVu Sans, the usual Linux default outside a zh
locale), Qt looks for a fallback font for every Chinese character each time a text is laid
out: fontconfig's character sets of one candidate family after another. The result table
lays out each cell's text three times per paint (size, elision, drawing), and that search was
a quarter of the instructions of painting it. Naming the family Qt falls back to for
Simplified Chinese right after the font's own family makes Qt take it first: the glyphs and
the line metrics stay the ones drawn before.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QRawFont


def with_han_fallback(font: QFont) -> QFont:
    """``font`` with the family Qt uses for Chinese after its own, if that is another one."""
    own = QFontInfo(font).family()  # the family really used (not an alias like "Sans Serif")
    han = QRawFont.fromFont(font, QFontDatabase.WritingSystem.SimplifiedChinese)
    if not han.isValid() or not own or han.familyName() in ("", own):
        return font
    named = QFont(font)
    named.setFamilies([own, han.familyName()])
    return named
