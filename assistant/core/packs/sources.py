"""An import file read into phrase rows: a pack JSON, a phrase table, or plain text.

Files come from other people, so nothing is trusted: sizes and counts are limited, every
row is checked with the same rules as a phrase typed in the app, and a bad row is kept
with its line number and the reason, so the caller can refuse the file or skip the row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from assistant.core.errors import InvalidInput, KefuError
from assistant.core.packs.kefupack import SUFFIX as KEFUPACK
from assistant.core.packs.kefupack import read_kefupack
from assistant.core.packs.pack_format import (
    FORMAT,
    FORMAT_VERSION,
    MAX_PACK_BYTES,
    MAX_PACKS_PER_FILE,
    PhrasePack,
    check_pack_size,
    check_phrase_count,
    parse_pack,
)
from assistant.core.packs.pack_images import (
    MAX_ENCODED_IMAGE,
    MAX_PACK_IMAGE_BYTES,
    MAX_PACK_IMAGES,
    check_image_caps,
    decode_embedded,
)
from assistant.core.packs.qianniu import (
    Table,
    csv_table,
    row_values,
    split_questions,
    split_tags,
    xlsx_table,
)
from assistant.core.phrases.packs import MAX_NAME
from assistant.core.phrases.shape import PhraseFields, make_fields
from assistant.core.tables.files import XLSX_SUFFIXES, decode_text, old_xls, read_bytes, too_big

OPTIONAL_FIELDS = frozenset({"title", "group", "code", "tags", "questions", "images"})
# A pack JSON embedding its images may be larger than a pack by as much as they take.
MAX_EMBEDDING_PACK_BYTES = (
    MAX_PACK_BYTES + 4 * -(-MAX_PACK_IMAGE_BYTES // 3) + MAX_PACK_IMAGES * 100
)
_EMBEDDED_KEY = b'"images"'
# Control characters other than tab and line feed: nothing a reply needs, and some (ESC)
# would drive the terminal that prints them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FIRST_PHRASE = "第 1 条短语："
CONTROL_REASON = "含有控制字符（如 NUL、ESC），不是正常的文字"
TOO_DEEP = "层层嵌套太深，不是短语包的内容"
_PACK_LIMITS = {
    "name": MAX_NAME,
    "version": 40,
    "description": 1000,
    "author": 100,
    "updated_at": 40,
}


@dataclass(frozen=True, slots=True)
class SourceRow:
    line: int  # CSV line, XLSX row, paragraph's first line, or phrase number in a pack
    where: str  # how the report names it: 第 3 行, 第 2 条短语
    fields: PhraseFields | None = None
    given: frozenset[str] = OPTIONAL_FIELDS  # optional fields the file has a column for
    phrase_id: str | None = None  # a pack's stable phrase id
    error: str | None = None


@dataclass(frozen=True, slots=True)
class SourceBatch:
    rows: list[SourceRow]
    pack: PhrasePack | None = None  # the pack a JSON file describes (its phrases are in rows)


@dataclass(frozen=True, slots=True)
class ImportSource:
    name: str
    kind: str  # json | kefupack | csv | xlsx | text
    batches: list[SourceBatch] = field(default_factory=list)
    # The image files the file carries (sha256 -> bytes), not yet checked as images.
    images: dict[str, bytes] = field(default_factory=dict)

    @property
    def rows(self) -> list[SourceRow]:
        return [row for batch in self.batches for row in batch.rows]


def read_source(path: Path) -> ImportSource:
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise old_xls(path.name)
    if suffix not in (".json", KEFUPACK, ".csv", ".tsv", ".txt", *XLSX_SUFFIXES):
        raise InvalidInput(
            f"{path.name}：不支持的文件类型（支持 .json、.kefupack、.csv、.xlsx、.txt）"
        )
    if suffix == KEFUPACK:
        pack, images = read_kefupack(path)
        batches, _ = json_batches(pack, f"{path.name} 中的 pack.json", embedding=False)
        check_image_caps(len(images), sum(map(len, images.values())), path.name)
        return ImportSource(path.name, "kefupack", batches, images)
    if suffix == ".json":
        raw = read_bytes(path, MAX_EMBEDDING_PACK_BYTES)
        batches, images = json_batches(raw, path.name)
        return ImportSource(path.name, "json", batches, images)
    raw = read_bytes(path, MAX_PACK_BYTES)
    if suffix in XLSX_SUFFIXES:
        table = xlsx_table(path)
        if table is None:
            raise _no_header(path.name)
        return ImportSource(path.name, "xlsx", [SourceBatch(_table_rows(table, path.name))])
    text = decode_text(raw, path.name)
    table = csv_table(text, path.name)
    if table is not None:
        return ImportSource(path.name, "csv", [SourceBatch(_table_rows(table, path.name))])
    if suffix != ".txt":
        raise _no_header(path.name)
    return ImportSource(path.name, "text", [SourceBatch(_paragraph_rows(text, path.name))])


def _no_header(name: str) -> InvalidInput:
    return InvalidInput(
        f"{name}：没有找到表头（需要「快捷短语」列，"
        "可选 快捷编码、快捷短语分组、标题、标签、相似问法）"
    )


# -- tables and plain text -------------------------------------------------------------
def _table_rows(table: Table, name: str) -> list[SourceRow]:
    rows: list[SourceRow] = []
    given = OPTIONAL_FIELDS & table.columns.keys()
    for row in table.rows:
        where = f"{table.where}第 {row.line} 行"
        try:
            values = row_values(table, row)
        except InvalidInput as exc:
            rows.append(SourceRow(row.line, where, given=given, error=str(exc)))
            continue
        if values is None:
            continue
        rows.append(_checked_row(row.line, where, values, given))
        check_phrase_count(len(rows), name)
    return rows


def _checked_row(line: int, where: str, values: dict[str, str], given: frozenset[str]) -> SourceRow:
    try:
        fields = make_fields(
            values["text"],
            values.get("title"),
            values.get("group"),
            values.get("code"),
            split_tags(values["tags"]) if "tags" in values else None,
            split_questions(values["questions"]) if "questions" in values else None,
        )
    except KefuError as exc:
        return SourceRow(line, where, given=given, error=str(exc))
    return _with_fields(SourceRow(line, where, fields, given))


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    lines: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not lines:
                start = number
            lines.append(line.rstrip())
        elif lines:
            yield start, "\n".join(lines)
            lines = []
    if lines:
        yield start, "\n".join(lines)


def _paragraph_rows(text: str, name: str) -> list[SourceRow]:
    rows = [
        _checked_row(line, f"第 {line} 行", {"text": paragraph}, frozenset())
        for line, paragraph in _paragraphs(text)
    ]
    check_phrase_count(len(rows), name)
    return rows


def _with_fields(row: SourceRow) -> SourceRow:
    """The row, or the row marked bad if a field holds control characters."""
    fields = row.fields
    if fields is None:
        return row
    values = [
        fields.title,
        fields.text,
        fields.group,
        fields.code or "",
        *fields.tags,
        *fields.questions,
        *(image.name for image in fields.images),
    ]
    if any(_CONTROL.search(v) for v in values):
        return SourceRow(
            row.line,
            row.where,
            given=row.given,
            error=CONTROL_REASON,
        )
    return row


# -- pack JSON ---------------------------------------------------------------------------
def json_batches(
    raw: bytes, name: str, *, embedding: bool = True
) -> tuple[list[SourceBatch], dict[str, bytes]]:
    """One batch per pack (a pack file holds one pack, an export of all packs a list of
    them), and the images the packs embed (``embedding``: allowed to; a .kefupack's
    pack.json is not, its images are files beside it)."""
    if len(raw) > MAX_PACK_BYTES and not (embedding and _EMBEDDED_KEY in raw):
        check_pack_size(len(raw), name)  # no images to account for the size: refused unread
    if len(raw) > MAX_EMBEDDING_PACK_BYTES:
        raise too_big(name, len(raw), MAX_EMBEDDING_PACK_BYTES)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise InvalidInput(f"{name} 不是有效的 JSON：{exc}") from exc
    packs: list[Any] = data if isinstance(data, list) else [data]
    if not packs:
        raise InvalidInput(f"{name}：文件里没有短语包")
    if len(packs) > MAX_PACKS_PER_FILE:  # each one is registered: refused before any work
        raise InvalidInput(f"{name}：短语包太多（{len(packs)} 个，上限 {MAX_PACKS_PER_FILE}）")
    embedded = [p.get("images") if isinstance(p, dict) else None for p in packs]
    if not embedding and any(e is not None for e in embedded):
        raise InvalidInput(
            f"{name}：不应再嵌入图片（字段 images）：.kefupack 的图片放在 images/ 文件夹中"
        )
    # Only the images may make a pack file bigger than a pack: the rest is held to its size.
    check_pack_size(len(raw) - sum(_encoded_size(e) for e in embedded), name)
    total = sum(len(p["phrases"]) for p in packs if isinstance(p, dict) and _is_list(p))
    check_phrase_count(total, name)
    batches: list[SourceBatch] = []
    images: dict[str, bytes] = {}
    for number, item in enumerate(packs, start=1):
        source = name if len(packs) == 1 else f"{name} 第 {number} 个短语包"
        prefix = "" if len(packs) == 1 else f"第 {number} 个短语包"
        if embedded[number - 1] is not None:
            size = sum(map(len, images.values()))
            images.update(decode_embedded(embedded[number - 1], source, len(images), size))
            item = {k: v for k, v in item.items() if k != "images"}
        batches.append(_pack_batch(item, source, prefix))
    return _mark_repeated_ids(batches), images


def _encoded_size(value: Any) -> int:
    """Bytes the base64 strings of an ``images`` object take in the file (about)."""
    if not isinstance(value, dict):
        return 0
    return sum(
        len(v) + 72 for v in value.values() if isinstance(v, str) and len(v) <= MAX_ENCODED_IMAGE
    )


def _is_list(pack: dict[str, Any]) -> bool:
    return isinstance(pack.get("phrases"), list)


def _pack_batch(item: Any, source: str, prefix: str) -> SourceBatch:
    if not isinstance(item, dict) or item.get("format") != FORMAT:
        raise InvalidInput(f'{source}：不是短语包（缺少 "format": "{FORMAT}"）')
    if not _is_list(item):
        raise InvalidInput(f"{source}：字段 phrases 必须是列表")
    # The pack's own fields are checked once; a problem there makes the whole file unusable.
    version = item.get("version", "")
    if isinstance(version, bool) or not isinstance(version, str | int):
        raise InvalidInput(f"{source}：字段 version 必须是文字")
    try:
        pack = parse_pack(orjson.dumps({**item, "phrases": []}), source)
    except orjson.JSONEncodeError:  # loads allows deeper nesting than dumps
        raise InvalidInput(f"{source}：{TOO_DEEP}") from None
    for key, limit in _PACK_LIMITS.items():
        value = str(getattr(pack, key))
        if len(value) > limit:
            raise InvalidInput(f"{source}：字段 {key} 太长（最多 {limit} 个字符）")
        if _CONTROL.search(value):
            raise InvalidInput(f"{source}：字段 {key} 含有控制字符")
    head = {"format": FORMAT, "format_version": FORMAT_VERSION, "id": pack.id, "name": pack.name}
    rows = [
        _pack_row(head, number, phrase, f"{prefix}第 {number} 条短语")
        for number, phrase in enumerate(item["phrases"], start=1)
    ]
    return SourceBatch(rows, pack)


def _pack_row(head: dict[str, Any], number: int, item: Any, where: str) -> SourceRow:
    """One phrase of a pack, judged by exactly the rules of a whole pack file."""
    try:
        parsed = parse_pack(orjson.dumps({**head, "phrases": [item]}), "").phrases[0]
    except orjson.JSONEncodeError:  # loads allows deeper nesting than dumps
        return SourceRow(number, where, error=TOO_DEEP)
    except InvalidInput as exc:
        message = str(exc)
        reason = message.split(_FIRST_PHRASE, 1)[1] if _FIRST_PHRASE in message else message
        return SourceRow(number, where, error=reason)
    return _with_fields(SourceRow(number, where, parsed.fields, phrase_id=parsed.id))


def _mark_repeated_ids(batches: list[SourceBatch]) -> list[SourceBatch]:
    seen: dict[str, str] = {}
    out: list[SourceBatch] = []
    for batch in batches:
        rows: list[SourceRow] = []
        for row in batch.rows:
            pid = row.phrase_id
            if pid is not None and pid in seen:
                row = SourceRow(row.line, row.where, error=f"短语 id {pid} 与{seen[pid]}重复")
            elif pid is not None:
                seen[pid] = row.where
            rows.append(row)
        out.append(SourceBatch(rows, batch.pack))
    return out
