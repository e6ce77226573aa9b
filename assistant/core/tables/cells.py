"""The formula guard on exported cells: text a spreadsheet would run stays text.

A cell starting with ``= + - @``, a tab or a carriage return runs as a formula in Excel and
WPS; a leading apostrophe keeps it text (and Excel shows it without the apostrophe). A cell
that already starts with the guard before such a character gets a second one, so
``unguard_cell`` gives back exactly what was written.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


def _guarded(text: str) -> bool:
    return text[:1] == GUARD and text[1:2] in (*FORMULA_START, GUARD)


def guard_cell(text: str, *, typed: bool = False) -> str:
    """The cell to write for ``text``; ``typed`` cells (XLSX strings) never run as formulas."""
    if _guarded(text) or (not typed and text[:1] in FORMULA_START):
        return GUARD + text
    return text


def unguard_cell(cell: str) -> str:
    """The text a guarded cell was written for."""
    return cell[1:] if _guarded(cell) else cell
