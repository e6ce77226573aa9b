"""The phrase-pack JSON format (documented in docs/pack-format.md).

Packs can come from other people, so everything is checked: size, shape, types, id
characters; a problem is reported with the field that has it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import orjson

from assistant.core.errors import InvalidInput, KefuError
from assistant.core.phrases.model import ID_PATTERN, MAX_IMAGES, PhraseImage
from assistant.core.phrases.shape import PhraseFields, make_fields
from assistant.core.store.content_files import is_sha256
from assistant.core.tables.files import too_big

FORMAT = "kefu-phrase-pack"
FORMAT_VERSION = 1
MAX_PACK_BYTES = 20 * 1024 * 1024  # a pack file, a file imported as phrases, a synced version
MAX_PACK_PHRASES = 50_000
MAX_PACKS_PER_FILE = 1_000  # an export of all packs; 40,000 empty ones is an attack


def check_pack_size(size: int, source: str) -> None:
    """Refuse a pack (or a file to import phrases from) over MAX_PACK_BYTES."""
    if size > MAX_PACK_BYTES:
        raise too_big(source, size, MAX_PACK_BYTES)


def check_phrase_count(count: int, source: str) -> None:
    """Refuse a pack (or a file to import phrases from) with over MAX_PACK_PHRASES phrases."""
    if count > MAX_PACK_PHRASES:
        raise InvalidInput(f"{source}：短语太多（{count} 条，上限 {MAX_PACK_PHRASES}）")


@dataclass(frozen=True, slots=True)
class PackPhrase:
    id: str
    fields: PhraseFields


@dataclass(frozen=True, slots=True)
class PhrasePack:
    id: str
    name: str
    version: str
    description: str = ""
    author: str = ""
    updated_at: str = ""
    phrases: list[PackPhrase] = field(default_factory=list)


def _str(obj: dict[str, Any], key: str, where: str, required: bool = False) -> str:
    value = obj.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise InvalidInput(f"{where}：字段 {key} 必须是非空文字")
    return value


def parse_pack(raw: bytes, source: str = "短语包") -> PhrasePack:
    check_pack_size(len(raw), source)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise InvalidInput(f"{source} 不是有效的 JSON：{exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput(f'{source}：不是短语包文件（缺少 "format": "{FORMAT}"）')
    if data.get("format_version") != FORMAT_VERSION:
        raise InvalidInput(f"{source}：不支持的 format_version {data.get('format_version')!r}")
    pack_id = _str(data, "id", source, required=True)
    if not ID_PATTERN.match(pack_id):
        raise InvalidInput(f"{source}：短语包 id 无效：{pack_id!r}")
    items = data.get("phrases")
    if not isinstance(items, list):
        raise InvalidInput(f"{source}：字段 phrases 必须是列表")
    check_phrase_count(len(items), source)
    phrases: list[PackPhrase] = []
    seen: set[str] = set()
    for n, item in enumerate(items, start=1):
        where = f"{source} 第 {n} 条短语"
        if not isinstance(item, dict):
            raise InvalidInput(f"{where}：必须是对象")
        phrase_id = _str(item, "id", where, required=True)
        if not ID_PATTERN.match(phrase_id):
            raise InvalidInput(f"{where}：id 无效：{phrase_id!r}")
        if phrase_id in seen:
            raise InvalidInput(f"{where}：id 重复：{phrase_id}")
        seen.add(phrase_id)
        tags = item.get("tags") or []
        if not isinstance(tags, list):
            raise InvalidInput(f"{where}：字段 tags 必须是列表")
        code = item.get("code")
        if code is not None and not isinstance(code, str):
            raise InvalidInput(f"{where}：字段 code 必须是文字")
        questions = item.get("questions") or []
        if not isinstance(questions, list):
            raise InvalidInput(f"{where}：字段 questions 必须是列表")
        images = phrase_images(item.get("images"), where)
        try:
            fields = make_fields(
                _str(item, "text", where, required=True),
                _str(item, "title", where),
                _str(item, "group", where),
                code,
                tags,
                questions,
                images,
            )
        except KefuError as exc:
            raise InvalidInput(f"{where}：{exc}") from exc
        phrases.append(PackPhrase(phrase_id, fields))
    return PhrasePack(
        id=pack_id,
        name=_str(data, "name", source, required=True),
        version=str(data.get("version", "")),
        description=_str(data, "description", source),
        author=_str(data, "author", source),
        updated_at=_str(data, "updated_at", source),
        phrases=phrases,
    )


def phrase_images(value: Any, where: str) -> list[PhraseImage]:
    """A pack phrase's ``images``: a list of {sha256, name, at}; the files themselves travel
    beside it (embedded in the pack, in a .kefupack, on the sync source)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidInput(f"{where}：字段 images 必须是列表")
    if len(value) > MAX_IMAGES:
        raise InvalidInput(f"{where}：图片太多（{len(value)} 张，一条短语最多 {MAX_IMAGES} 张）")
    out: list[PhraseImage] = []
    for n, image in enumerate(value, start=1):
        if not isinstance(image, dict):
            raise InvalidInput(f"{where}：第 {n} 张图片必须是对象")
        sha, name, at = image.get("sha256"), image.get("name", ""), image.get("at")
        if not is_sha256(sha):
            raise InvalidInput(
                f"{where}：第 {n} 张图片的 sha256 无效（应为 64 个小写十六进制字符）"
            )
        if not isinstance(name, str):
            raise InvalidInput(f"{where}：第 {n} 张图片的 name 必须是文字")
        if type(at) is not int or at < 0:
            raise InvalidInput(f"{where}：第 {n} 张图片的 at 必须是不小于 0 的整数")
        out.append(PhraseImage(str(sha), name, at))
    return out


class PhraseContent(Protocol):
    """What a pack file holds of a phrase: a Phrase or PhraseFields."""

    @property
    def title(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def group(self) -> str: ...
    @property
    def code(self) -> str | None: ...
    @property
    def tags(self) -> list[str]: ...
    @property
    def questions(self) -> list[str]: ...
    @property
    def images(self) -> Sequence[PhraseImage]: ...


def pack_document(
    head: PhrasePack,
    phrases: Iterable[tuple[str, PhraseContent]],
    parents: Iterable[str] | None = None,
) -> dict[str, Any]:
    """A pack as its file holds it: ``head``'s fields, then ``parents`` (sorted) for a
    published version, then the phrases (id, content) in the order given.

    The key order is the file format's and a published version's name is the hash of these
    bytes: reordering keys would rename every version published from here on.
    """
    doc: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "id": head.id,
        "name": head.name,
        "version": head.version,
        "description": head.description,
        "author": head.author,
        "updated_at": head.updated_at,
    }
    if parents is not None:
        doc["parents"] = sorted(parents)
    doc["phrases"] = [_phrase_item(phrase_id, p) for phrase_id, p in phrases]
    return doc


def _phrase_item(phrase_id: str, p: PhraseContent) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": phrase_id,
        "title": p.title,
        "text": p.text,
        "group": p.group,
        "code": p.code,
        "tags": list(p.tags),
    }
    if p.questions:  # only where there are some: a pack without them keeps its bytes
        item["questions"] = list(p.questions)
    if p.images:  # the same: a pack without images keeps its bytes (and its versions' names)
        item["images"] = [image.to_json() for image in p.images]
    return item


def pack_bytes(value: dict[str, Any] | list[dict[str, Any]], *, final_newline: bool) -> bytes:
    """A pack file's bytes (or a list of packs'): UTF-8 JSON indented by two spaces.

    An exported file ends with a newline; a published version never has (its hash is over
    the bytes as first published).
    """
    data = orjson.dumps(value, option=orjson.OPT_INDENT_2)
    return data + b"\n" if final_newline else data


def read_pack(path: Path) -> PhrasePack:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"无法读取 {path}：{exc.strerror or exc}") from exc
    return parse_pack(raw, path.name)
