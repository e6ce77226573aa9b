"""The pack file format's one writer: exported packs and published versions are the same
document, byte for byte as before it had one owner (a version's name is its bytes' hash)."""

from __future__ import annotations

import pytest

from assistant.core.errors import InvalidInput
from assistant.core.packs.export import PackContent, to_json
from assistant.core.packs.pack_format import (
    MAX_PACK_BYTES,
    MAX_PACK_PHRASES,
    PhrasePack,
    check_pack_size,
    check_phrase_count,
    pack_bytes,
    pack_document,
    parse_pack,
)
from assistant.core.phrases.model import Phrase
from assistant.core.phrases.packs import PackInfo
from assistant.core.phrases.shape import PhraseFields
from assistant.core.sync.versions import decode_version, digest, encode_version

# Computed with the two writers this one replaced (export.py and sync/versions.py).
EXPORTED = r"""{
  "format": "kefu-phrase-pack",
  "format_version": 1,
  "id": "team.after-sale",
  "name": "售后",
  "version": "3",
  "description": "退换货 \"说明\"",
  "author": "组长",
  "updated_at": "2024-05-01T08:00:00+08:00",
  "phrases": [
    {
      "id": "p2",
      "title": "退货",
      "text": "亲，7天无理由退换～\n请放心 😀",
      "group": "售后",
      "code": "th1",
      "tags": [
        "退货",
        "老顾客"
      ]
    },
    {
      "id": "p1",
      "title": "",
      "text": "=HYPERLINK(\"x\")",
      "group": "未分组",
      "code": null,
      "tags": []
    }
  ]
}
"""

EXPORTED_ALL = r"""[
  {
    "format": "kefu-phrase-pack",
    "format_version": 1,
    "id": "team.after-sale",
    "name": "售后",
    "version": "3",
    "description": "退换货 \"说明\"",
    "author": "组长",
    "updated_at": "2024-05-01T08:00:00+08:00",
    "phrases": [
      {
        "id": "p1",
        "title": "",
        "text": "=HYPERLINK(\"x\")",
        "group": "未分组",
        "code": null,
        "tags": []
      }
    ]
  },
  {
    "format": "kefu-phrase-pack",
    "format_version": 1,
    "id": "b",
    "name": "空",
    "version": "1",
    "description": "",
    "author": "",
    "updated_at": "2024-01-01T00:00:00+00:00",
    "phrases": []
  }
]
"""

VERSION = r"""{
  "format": "kefu-phrase-pack",
  "format_version": 1,
  "id": "team.after-sale",
  "name": "售后",
  "version": "4",
  "description": "",
  "author": "组长",
  "updated_at": "2024-05-02T09:00:00+08:00",
  "parents": [
    "aaaaaaaaaaaaaaaaaaaa",
    "bbbbbbbbbbbbbbbbbbbb"
  ],
  "phrases": [
    {
      "id": "p1",
      "title": "",
      "text": "=HYPERLINK(\"x\")",
      "group": "未分组",
      "code": null,
      "tags": []
    },
    {
      "id": "p2",
      "title": "退货",
      "text": "亲，7天无理由退换～\n请放心 😀",
      "group": "售后",
      "code": "th1",
      "tags": [
        "退货",
        "老顾客"
      ]
    }
  ]
}"""

VERSION_NAME = "v4-9bc2ca5b54b0e748e439.json"
INFO = PackInfo(
    id="team.after-sale",
    name="售后",
    version="3",
    description='退换货 "说明"',
    author="组长",
    updated_at="2024-05-01T08:00:00+08:00",
)
PHRASES = [
    Phrase(
        id="p2",
        title="退货",
        text="亲，7天无理由退换～\n请放心 😀",
        group="售后",
        code="th1",
        tags=["退货", "老顾客"],
    ),
    Phrase(id="p1", title="", text='=HYPERLINK("x")', group="未分组", code=None, tags=[]),
]
CONTENT = {
    "p2": PhraseFields("退货", "亲，7天无理由退换～\n请放心 😀", "售后", "th1", ["退货", "老顾客"]),
    "p1": PhraseFields("", '=HYPERLINK("x")', "未分组", None, []),
}


def test_an_exported_pack_has_the_same_bytes() -> None:
    assert to_json([PackContent(INFO, PHRASES)], as_list=False) == EXPORTED.encode()


def test_an_export_of_all_packs_has_the_same_bytes() -> None:
    empty = PackInfo(id="b", name="空", version="", updated_at="2024-01-01T00:00:00+00:00")
    contents = [PackContent(INFO, PHRASES[1:]), PackContent(empty, [])]
    assert to_json(contents, as_list=True) == EXPORTED_ALL.encode()


def test_an_encoded_version_has_the_same_bytes_and_name() -> None:
    meta = {"name": "售后", "author": "组长"}
    stamp = "2024-05-02T09:00:00+08:00"
    name, data = encode_version("team.after-sale", meta, 4, ["b" * 20, "a" * 20], CONTENT, stamp)
    assert data == VERSION.encode()
    assert name == VERSION_NAME == f"v4-{digest(data)}.json"
    meta_back, pack = decode_version(name, data, "team.after-sale")
    assert meta_back.parents == ("a" * 20, "b" * 20)
    assert {p.id: p.fields.text for p in pack.phrases} == {k: f.text for k, f in CONTENT.items()}


def test_the_writer_puts_parents_before_the_phrases_only_when_given() -> None:
    head = PhrasePack(id="x", name="X", version="1")
    plain = pack_document(head, [("p1", CONTENT["p1"])])
    published = pack_document(head, [("p1", CONTENT["p1"])], parents=["c" * 20, "a" * 20])
    assert "parents" not in plain
    assert list(published) == [*list(plain)[:-1], "parents", "phrases"]
    assert published["parents"] == ["a" * 20, "c" * 20]
    raw = pack_bytes(plain, final_newline=True)
    assert raw.endswith(b"}\n") and pack_bytes(plain, final_newline=False) == raw[:-1]
    assert parse_pack(raw).phrases[0].fields.text == CONTENT["p1"].text


def test_the_pack_size_and_phrase_count_are_checked_once() -> None:
    check_pack_size(MAX_PACK_BYTES, "a.json")
    with pytest.raises(InvalidInput, match=rf"^a\.json 太大：{MAX_PACK_BYTES + 1} 字节，上限"):
        check_pack_size(MAX_PACK_BYTES + 1, "a.json")
    check_phrase_count(MAX_PACK_PHRASES, "a.json")
    with pytest.raises(InvalidInput, match=f"短语太多（{MAX_PACK_PHRASES + 1} 条，上限"):
        check_phrase_count(MAX_PACK_PHRASES + 1, "a.json")
