"""How a phrase is stored: the one place that writes a stored phrase's content.

A stored phrase is a JSON document in the phrases collection. Its content (title, text,
group, 快捷编码, tags, example buyer questions) and the pinyin searched with it are always
set together, here, so the stored pinyin can never describe an older text.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.core.clock import now_iso
from assistant.core.phrases.model import (
    MY_PACK,
    Phrase,
    PhraseImage,
    check_id,
    clean_code,
    clean_group,
    clean_images,
    clean_questions,
    clean_tags,
    clean_text,
    clean_title,
    content_hash,
    images_of,
)
from assistant.core.phrases.packs import MY_PACK_ID
from assistant.core.phrases.template import validate
from assistant.core.phrases.titles import default_title, legacy_title
from assistant.core.phrases.usage import UseCount
from assistant.core.search import pinyin

if TYPE_CHECKING:  # corpus imports numpy: not for reading a phrase
    from assistant.core.search.corpus import FieldEntry

Doc = dict[str, Any]
TAG_SEP = "\n"  # never inside a search term, so no match spans two tags
SEARCH_FIELDS = ("code", "title", "group", "tags", "text")


@dataclass(frozen=True, slots=True)
class PhraseFields:
    """Validated content of a phrase, as the user gave it."""

    title: str
    text: str
    group: str
    code: str | None
    tags: list[str]
    # Example buyer questions (相似问法) for reply suggestions; not searched by the panel's
    # search (they are the buyer's words, not the agent's).
    questions: list[str] = field(default_factory=list)
    # Image messages (size charts...), by the hash of their stored file.
    images: tuple[PhraseImage, ...] = ()


def make_fields(
    text: str,
    title: str | None = None,
    group: str | None = None,
    code: str | None = None,
    tags: list[str] | None = None,
    questions: list[str] | tuple[str, ...] | None = None,
    images: list[PhraseImage] | tuple[PhraseImage, ...] = (),
) -> PhraseFields:
    text = clean_text(text)
    validate(text)
    return PhraseFields(
        clean_title(title, text),
        text,
        clean_group(group),
        clean_code(code),
        clean_tags(tags),
        clean_questions(questions),
        clean_images(images),
    )


def searchable(fields: PhraseFields) -> dict[str, str]:
    """Stored pinyin for the fields that are searched: computed once, at save time."""
    out = {
        "code": pinyin.encode(fields.code or ""),
        "title": pinyin.encode(fields.title),
        "text": pinyin.encode(fields.text),
        "group": pinyin.encode(fields.group),
        "tags": pinyin.encode(TAG_SEP.join(fields.tags)),
    }
    return {k: v for k, v in out.items() if v}


def set_content(doc: Doc, fields: PhraseFields) -> None:
    """Give a stored phrase new content, with the pinyin that goes with it."""
    doc.update(
        title=fields.title,
        text=fields.text,
        group=fields.group,
        code=fields.code,
        tags=list(fields.tags),
        _py=searchable(fields),
    )
    if fields.questions:
        doc["questions"] = list(fields.questions)
    else:  # a phrase that never had any stores none: its document stays as it was
        doc.pop("questions", None)
    if fields.images:
        doc["images"] = [image.to_json() for image in fields.images]
    else:
        doc.pop("images", None)


def fields_of(doc: Doc) -> PhraseFields:
    """The content of a stored phrase."""
    return PhraseFields(
        doc["title"],
        doc["text"],
        doc["group"],
        doc.get("code"),
        list(doc.get("tags", [])),
        list(doc.get("questions", [])),
        tuple(images_of(doc.get("images"))),
    )


def fields_hash(fields: PhraseFields) -> str:
    return content_hash(
        fields.title,
        fields.text,
        fields.group,
        fields.code,
        fields.tags,
        fields.questions,
        fields.images,
    )


def doc_hash(doc: Doc) -> str:
    """The content hash of a stored phrase: tells an edited pack phrase from a shipped one."""
    return fields_hash(fields_of(doc))


def has_auto_title(doc: Doc) -> bool:
    """The title was made from the text, so it follows the text when the text changes."""
    return doc["title"] in (default_title(doc["text"]), legacy_title(doc["text"]))


def new_doc(
    fields: PhraseFields,
    *,
    phrase_id: str | None = None,
    pack: str = MY_PACK,
    pack_id: str = MY_PACK_ID,
    favourite: bool = False,
    origin: dict[str, str] | None = None,
    stamp: str | None = None,
) -> Doc:
    stamp = stamp or now_iso()
    doc: Doc = {"id": check_id(phrase_id) if phrase_id else uuid.uuid4().hex}
    set_content(doc, fields)
    doc.update(
        pack=pack,
        pack_id=pack_id,
        favourite=favourite,
        hidden=False,
        created_at=stamp,
        updated_at=stamp,
    )
    doc["_py"] = doc.pop("_py")  # the stored key order of earlier versions
    if origin:
        doc["origin"] = origin
    return doc


def to_phrase(doc: Doc, use: UseCount | None = None) -> Phrase:
    return Phrase(
        id=doc["id"],
        title=doc["title"],
        text=doc["text"],
        group=doc["group"],
        code=doc.get("code"),
        tags=list(doc.get("tags", [])),
        questions=list(doc.get("questions", [])),
        images=images_of(doc.get("images")),
        pack=doc.get("pack", MY_PACK),
        favourite=bool(doc.get("favourite", False)),
        hidden=bool(doc.get("hidden", False)),
        use_count=use.count if use else 0,
        last_used_at=use.last_used_at if use else None,
        created_at=doc.get("created_at", ""),
        updated_at=doc.get("updated_at", ""),
    )


def index_entries(key: str, doc: Doc) -> list[FieldEntry]:
    """The searched fields of a stored phrase, with their stored pinyin."""
    py = doc.get("_py") or {}
    return [
        ("code", doc.get("code") or "", py.get("code", "")),
        ("title", doc["title"], py.get("title", "")),
        ("group", doc["group"], py.get("group", "")),
        ("tags", TAG_SEP.join(doc.get("tags", [])), py.get("tags", "")),
        ("text", doc["text"], py.get("text", "")),
    ]


AUTO_REPLY = "自动回复"  # a group (and tag) set up in the platform's auto-reply, not pasted


def listed_late(doc: Doc) -> bool:
    """Auto-reply phrases come after the rest among equals: an agent pastes them rarely, so
    they must not lead the list shown before anything is typed."""
    tags = doc.get("tags")
    return doc.get("group") == AUTO_REPLY or (isinstance(tags, list) and AUTO_REPLY in tags)


def rank_meta(doc: Doc) -> tuple[Any, ...]:
    """What ranking needs of a phrase, kept with the index: hidden, favourite, created, and
    whether it is listed late (``listed_late``)."""
    return (
        bool(doc.get("hidden")),
        bool(doc.get("favourite")),
        doc.get("created_at", ""),
        listed_late(doc),
    )
