"""A quick phrase (快捷短语) and the rules for its fields."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.core.errors import InvalidInput
from assistant.core.phrases.titles import default_title
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

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        out = {k: data[k] for k in JSON_KEYS}
        if self.hidden:
            out["hidden"] = True
        return out

    def content_hash(self) -> str:
        return content_hash(self.title, self.text, self.group, self.code, self.tags, self.questions)

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
) -> str:
    parts = [title, text, group, code or "", "\x1e".join(tags)]
    if questions:  # a phrase without them keeps the hash it had before they existed
        parts.append("\x1e".join(questions))
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
