"""A quick phrase (快捷短语) and the rules for its fields."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.core.errors import InvalidInput
from assistant.core.phrases.titles import default_title
from assistant.core.store.content_files import is_sha256
from assistant.core.text import clean_tags as clean_tag_list
from assistant.core.text import normalize, quote_input

MY_PACK = "我的短语"
DEFAULT_GROUP = "未分组"
MAX_TEXT = 10_000
MAX_TITLE = 100
MAX_GROUP = 40
MAX_CODE = 32
MAX_TAGS = 50
MAX_TAG = 30
MAX_QUESTIONS = 30  # example buyer questions (相似问法) per phrase
MAX_QUESTION = 100  # characters in one
MAX_IMAGES = 9  # image messages per phrase
MAX_IMAGE_NAME = 100  # characters of an image's shown file name
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
_CODE_PATTERN = re.compile(r"^\S+$")

JSON_KEYS = (
    "id",
    "title",
    "text",
    "group",
    "code",
    "tags",
    "questions",
    "pack",
    "favourite",
    "use_count",
    "last_used_at",
    "created_at",
    "updated_at",
)


@dataclass(frozen=True, slots=True)
class PhraseImage:
    """An image message of a phrase: the stored image (by hash), the file name shown for it,
    and its place among the phrase's messages (0: before the first text message)."""

    sha256: str
    name: str
    at: int

    def to_json(self) -> dict[str, Any]:
        return {"sha256": self.sha256, "name": self.name, "at": self.at}


@dataclass(slots=True)
class Phrase:
    id: str
    title: str
    text: str
    group: str = DEFAULT_GROUP
    code: str | None = None
    tags: list[str] = field(default_factory=list)
    pack: str = MY_PACK
    favourite: bool = False
    hidden: bool = False
    use_count: int = 0
    last_used_at: str | None = None
    created_at: str = ""
    updated_at: str = ""
    questions: list[str] = field(default_factory=list)
    images: list[PhraseImage] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        out = {k: data[k] for k in JSON_KEYS}
        if self.hidden:
            out["hidden"] = True
        if self.images:
            out["images"] = [image.to_json() for image in self.images]
        return out

    def content_hash(self) -> str:
        return content_hash(
            self.title, self.text, self.group, self.code, self.tags, self.questions, self.images
        )

    @property
    def first_line(self) -> str:
        return self.text.strip().splitlines()[0] if self.text.strip() else ""


def content_hash(
    title: str,
    text: str,
    group: str,
    code: str | None,
    tags: list[str],
    questions: list[str] | tuple[str, ...] = (),
    images: list[PhraseImage] | tuple[PhraseImage, ...] = (),
) -> str:
    parts = [title, text, group, code or "", "\x1e".join(tags)]
    if questions or images:  # a phrase without them keeps the hash it had before they existed
        parts.append("\x1e".join(questions))
    if images:  # what is sent and where; the shown file name is not content
        parts.append("\x1e".join(f"{i.at}:{i.sha256}" for i in images))
    blob = "\x1f".join(parts)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def check_id(value: str) -> str:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        raise InvalidInput(f"短语编号无效：{value!r}（只允许字母、数字、点、下划线和短横线）")
    return value


def clean_text(text: str) -> str:
    if not isinstance(text, str):
        raise InvalidInput("短语内容必须是文字")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise InvalidInput("短语内容不能为空")
    if len(text) > MAX_TEXT:
        raise InvalidInput(f"短语太长：{len(text)} 个字符，最多 {MAX_TEXT} 个")
    return text


def clean_title(title: str | None, text: str) -> str:
    title = (title or "").strip().replace("\n", " ")
    if not title:
        return default_title(text)
    if len(title) > MAX_TITLE:
        raise InvalidInput(f"标题太长：{len(title)} 个字符，最多 {MAX_TITLE} 个")
    return title


def clean_group(group: str | None) -> str:
    group = (group or "").strip()
    if len(group) > MAX_GROUP:
        raise InvalidInput(f"分组名太长：最多 {MAX_GROUP} 个字符")
    return group or DEFAULT_GROUP


def clean_code(code: str | None) -> str | None:
    if code is None:
        return None
    code = code.strip()
    if not code:
        return None
    if not _CODE_PATTERN.match(code) or len(code) > MAX_CODE:
        raise InvalidInput(
            f"快捷编码无效：{quote_input(repr(code))}（不能含空格，最多 {MAX_CODE} 个字符）"
        )
    return code


def clean_tags(tags: list[str] | None) -> list[str]:
    return clean_tag_list(tags, MAX_TAG, MAX_TAGS)


def clean_questions(questions: list[str] | tuple[str, ...] | None) -> list[str]:
    """Example buyer questions: one line each, blanks and repeats dropped, in the order given."""
    if questions is None:
        return []
    if not isinstance(questions, (list, tuple)):
        raise InvalidInput("相似问法必须是文字列表")
    out: list[str] = []
    seen: set[str] = set()
    for q in questions:
        if not isinstance(q, str):
            raise InvalidInput("相似问法必须是文字")
        q = " ".join(q.split())
        if not q or normalize(q) in seen:
            continue
        if len(q) > MAX_QUESTION:
            raise InvalidInput(
                f"相似问法太长：{quote_input(q)}（{len(q)} 个字符，最多 {MAX_QUESTION} 个）"
            )
        seen.add(normalize(q))
        out.append(q)
    if len(out) > MAX_QUESTIONS:
        raise InvalidInput(f"相似问法太多：{len(out)} 条，最多 {MAX_QUESTIONS} 条")
    return out


def code_key(code: str) -> str:
    return normalize(code)


def images_of(items: object) -> list[PhraseImage]:
    """The image messages of a stored phrase or a pack's phrase (shape checked before)."""
    if not isinstance(items, list):
        return []
    return [PhraseImage(str(i["sha256"]), str(i.get("name", "")), int(i["at"])) for i in items]


def clean_images(images: list[PhraseImage] | tuple[PhraseImage, ...]) -> tuple[PhraseImage, ...]:
    """Image messages checked: how many, their names, their places (sorted by place)."""
    if len(images) > MAX_IMAGES:
        raise InvalidInput(f"图片太多：{len(images)} 张，一条短语最多 {MAX_IMAGES} 张")
    out = []
    for image in images:
        if not is_sha256(image.sha256):
            raise InvalidInput(f"图片的 sha256 无效：{quote_input(image.sha256)}")
        name = " ".join(image.name.split())[:MAX_IMAGE_NAME] or "图片"  # one line, shown
        at = max(0, min(int(image.at), MAX_IMAGES + MAX_TEXT))
        out.append(PhraseImage(image.sha256, name, at))
    return tuple(sorted(out, key=lambda i: i.at))
