"""The title a phrase gets when nobody gave it one: short enough for a column of titles.

One rule for every way a phrase comes in (the editor, ``kefu add``, an imported table or
text file, a pack without titles): the first line, up to its first sentence mark, at most
``TITLE_CHARS`` characters. A longer sentence is cut at its last pause (，、：空格) that
fits, else after ``TITLE_CHARS`` characters. A placeholder such as ``{昵称}`` is never cut
in two, and the title never ends in punctuation.
"""

from __future__ import annotations

import unicodedata

TITLE_CHARS = 16
_SENTENCE_END = frozenset("。！？!?；;…")
_PAUSES = frozenset("，,、：: ～~\u3000\t")
_MIN_AT_PAUSE = 4  # a cut at a pause must keep this much, else "亲" would be a title
_KEEP_AT_END = frozenset({"Pe", "Pf"})  # closing brackets and quotes: 七天无理由（退货）


def default_title(text: str) -> str:
    line = _first_line(text)
    atoms = _atoms(line)
    title = _trim(_take(atoms, sentence=True))
    if not title:  # the line starts with punctuation, e.g. "……好的"
        title = _trim(_take(atoms, sentence=False)) or line[:TITLE_CHARS]
    return title


def legacy_title(text: str) -> str:
    """The rule before issue 14 (first line, 20 characters and "…"): phrases stored then
    still have such titles, and their title should still follow their text."""
    first = _first_line(text)
    return first[:20] + ("…" if len(first) > 20 else "")


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0].strip() if lines else ""


def _atoms(line: str) -> list[str]:
    """The line as pieces never cut: a placeholder, an escaped brace pair, or one character."""
    atoms: list[str] = []
    i = 0
    while i < len(line):
        if line.startswith(("{{", "}}"), i):
            atoms.append(line[i : i + 2])
            i += 2
            continue
        if line[i] == "{":
            end = line.find("}", i + 1)
            inner = line.find("{", i + 1)
            if end > 0 and not 0 <= inner < end:
                atoms.append(line[i : end + 1])
                i = end + 1
                continue
        atoms.append(line[i])
        i += 1
    return atoms


def _take(atoms: list[str], *, sentence: bool) -> list[str]:
    taken: list[str] = []
    length = 0
    pause = 0  # atoms before the last pause that fits
    for atom in atoms:
        if sentence and atom in _SENTENCE_END and taken:
            return taken
        if length + len(atom) > TITLE_CHARS:
            if not taken:  # a placeholder longer than a title: its name stands for it
                return [_placeholder_name(atom)[:TITLE_CHARS]]
            if pause and len("".join(taken[:pause])) >= _MIN_AT_PAUSE:
                return taken[:pause]
            return taken
        if atom in _PAUSES:
            pause = len(taken)
        taken.append(atom)
        length += len(atom)
    return taken


def _placeholder_name(atom: str) -> str:
    if not (atom.startswith("{") and atom.endswith("}")):
        return atom
    return atom[1:-1].lstrip("?").split(":", 1)[0].strip()


def _trim(atoms: list[str]) -> str:
    """The title without punctuation or spaces at its end (closing brackets stay)."""
    end = len(atoms)
    while end > 0 and _loose_end(atoms[end - 1]):
        end -= 1
    return "".join(atoms[:end]).strip()


def _loose_end(atom: str) -> bool:
    if atom == "{{":
        return True  # an escaped opening brace: nothing follows it in the title
    if len(atom) != 1:
        return False  # a placeholder, or an escaped closing brace
    ch = atom
    if ch.isspace() or ch in _PAUSES or ch in _SENTENCE_END:
        return True
    category = unicodedata.category(ch)
    return category.startswith("P") and category not in _KEEP_AT_END
