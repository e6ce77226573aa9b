"""The formula guard: exported text never runs as a formula, and reads back as written."""

from __future__ import annotations

import pytest

from assistant.core.tables.cells import guard_cell, unguard_cell


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-5元", "'-5元"),
        ("@所有人", "'@所有人"),
        ("\tx", "'\tx"),
        ("'=1", "''=1"),
        ("''", "'''"),
        ("亲，在的", "亲，在的"),
        ("'单引号开头", "'单引号开头"),
        ("", ""),
    ],
)
def test_a_cell_is_guarded_and_reads_back(text: str, cell: str) -> None:
    assert guard_cell(text) == cell
    assert unguard_cell(cell) == text


def test_a_typed_cell_only_keeps_an_apostrophe_it_starts_with() -> None:
    assert guard_cell("=1+1", typed=True) == "=1+1"
    assert guard_cell("'=1", typed=True) == "''=1"
