"""Readings per character read from pypinyin's characters table, without importing
pypinyin (its import loads a word dictionary of ~45 MB): the same readings pypinyin gives,
for every character of the table; and a process that converts text never imports it."""

from __future__ import annotations

import subprocess
import sys

import pypinyin

from assistant.core.search import pinyin


def test_every_character_reads_as_pypinyin_reads_it() -> None:
    table = pinyin._table()
    assert table is not None and len(table) > 20_000
    differ = []
    for code in table:
        ch = chr(int(code))
        got = pypinyin.pinyin(ch, style=pypinyin.Style.NORMAL, heteronym=True, errors="ignore")
        expected = tuple(dict.fromkeys(r for r in got[0] if r.isascii() and r.isalpha()))
        if pinyin._char_readings.__wrapped__(ch) != expected:
            differ.append((ch, expected))
    assert differ == []


def test_readings_are_toneless_with_u_umlaut_as_v() -> None:
    assert pinyin.toneless("lǜ") == "lv"
    assert pinyin.toneless("nüè") == "nve"
    assert pinyin.toneless("huán") == "huan"
    assert pinyin.encode("绿还行") == "lv/lu hai/huan xing/hang"


def test_converting_text_does_not_import_pypinyin() -> None:
    code = (
        "import sys\n"
        "from assistant.core.search import pinyin\n"
        "print(pinyin.encode('亲，还有货吗'))\n"
        "print('pypinyin' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    readings, imported = done.stdout.split("\n")[:2]
    assert readings == "qin/qing hai/huan you/wei huo ma" and imported == "False"
