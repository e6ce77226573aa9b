"""The types a stored document's fields must have for the readers to work on it.

A document of the wrong shape (a hand-edited file, a bug in an old version) would crash
every reader; a file holding one counts as damaged and is restored from its backup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant.core.store.content_files import is_sha256


@dataclass(frozen=True)
class Shape:
    required: dict[str, tuple[type, ...]]
    optional: dict[str, tuple[type, ...]]
    lists_of_str: tuple[str, ...] = ()
    # Further checks of fields that are not plain types (each True when the field fits).
    fields_checked: tuple[Callable[[dict[str, Any]], bool], ...] = ()

    def fits(self, doc: dict[str, Any]) -> bool:
        # Every document of a shard file is checked when it is read (20,000 phrases on a
        # first search): plain loops, without a generator per document.
        get = doc.get
        for key, types in self.required.items():
            if not isinstance(get(key), types):
                return False
        for key, types in self.optional.items():
            value = get(key)
            if value is not None and not isinstance(value, types):
                return False
        for key in self.lists_of_str:
            if key in doc:
                items = doc[key]
                if not isinstance(items, list):
                    return False
                for item in items:
                    if not isinstance(item, str):
                        return False
        for fits in self.fields_checked:  # noqa: SIM110 (no generator per document, as above)
            if not fits(doc):
                return False
        return True

    def check(self, key: str, doc: dict[str, Any]) -> bool:
        return self.fits(doc)


def _images_fit(doc: dict[str, Any]) -> bool:
    """A phrase's image messages: a list of {sha256: 64 hex digits, name: str, at: int}."""
    images = doc.get("images")
    if images is None:
        return True
    if not isinstance(images, list) or len(images) > 9:
        return False
    for image in images:
        if not isinstance(image, dict):
            return False
        sha, name, at = image.get("sha256"), image.get("name", ""), image.get("at")
        if not is_sha256(sha):
            return False
        if not isinstance(name, str) or type(at) is not int or not 0 <= at <= 100_000:
            return False
    return True


PHRASE_SHAPE = Shape(
    required={"id": (str,), "title": (str,), "text": (str,), "group": (str,)},
    optional={
        "code": (str,),
        "pack": (str,),
        "pack_id": (str,),
        "favourite": (bool,),
        "hidden": (bool,),
        "_py": (dict,),
        "origin": (dict,),
    },
    lists_of_str=("tags", "questions"),
    fields_checked=(_images_fit,),
)
BUYER_SHAPE = Shape(
    required={"account": (str,)},
    optional={
        "platform": (str,),
        "remark": (str,),
        "notes": (str,),
        "group": (int,),
        "subgroup": (str,),
        "promises": (list,),
        "attributes": (dict,),
        "orders": (dict,),
        "order_count": (int,),
        "total_spent": (int, float),
        "archived": (bool,),
        "_py": (dict,),
    },
    lists_of_str=("tags",),
)


# -- documents keyed by name (settings) and small records (use counts, sync state) ----------
Check = Callable[[Any], bool]


def is_(*types: type) -> Check:
    """A value of one of ``types``; a bool is never taken for an int."""

    def check(value: Any) -> bool:
        return isinstance(value, types) and not (isinstance(value, bool) and bool not in types)

    return check


def optional(check: Check) -> Check:
    return lambda value: value is None or check(value)


def list_of(check: Check) -> Check:
    return lambda value: isinstance(value, list) and all(check(v) for v in value)


def dict_of(check: Check) -> Check:
    return lambda value: isinstance(value, dict) and all(check(v) for v in value.values())


def record(required: dict[str, Check] | None = None, **fields: Check) -> Check:
    """An object whose ``required`` fields are present and whose known fields (when present)
    pass their checks; fields it does not know are left to newer versions."""
    needed = required or {}

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return False
        if not all(k in value and c(value[k]) for k, c in needed.items()):
            return False
        return all(c(value[k]) for k, c in fields.items() if k in value)

    return check


@dataclass(frozen=True)
class KeyedShapes:
    """For a collection of differently shaped documents (the settings): a check per key;
    a key it does not know passes (a newer version's document)."""

    by_key: dict[str, Check]

    def check(self, key: str, doc: dict[str, Any]) -> bool:
        check = self.by_key.get(key)
        return check is None or check(doc)


@dataclass(frozen=True)
class RecordShape:
    """Every document of the collection is the same record."""

    fits: Check

    def check(self, key: str, doc: dict[str, Any]) -> bool:
        return self.fits(doc)


_STR, _INT, _BOOL = is_(str), is_(int), is_(bool)
_STRS = list_of(_STR)

USAGE_SHAPE = RecordShape(record(count=_INT, last_used_at=optional(_STR)))
LEARNED_SHAPE = RecordShape(record({"asked": list_of(record({"q": _STR, "n": _INT}, at=_STR))}))
SYNC_STATE_SHAPE = RecordShape(
    record(
        source=optional(_STR),
        heads=_STRS,
        files=dict_of(record({"version": _INT, "parents": _STRS})),
        last_sync=optional(_STR),
        last_error=optional(_STR),
    )
)
PACK_INFO = record(
    {"id": _STR, "name": _STR},
    version=is_(str, int),
    description=_STR,
    author=_STR,
    updated_at=_STR,
    kind=lambda v: v in ("own", "builtin", "subscribed"),
    source=optional(_STR),
    extra=is_(dict),
)
SETTINGS_SHAPES = KeyedShapes(
    {
        "app": record(
            hotkey=_STR,
            auto_paste=_BOOL,
            paste_delay_ms=_INT,
            language=_STR,
            start_at_login=_BOOL,
            tray_notice_shown=_BOOL,
            platform=_STR,
        ),
        "shop": dict_of(_STR),
        "contact_groups": record(names=dict_of(_STR), subgroups=dict_of(dict_of(_STR))),
        "packs": record(packs=dict_of(PACK_INFO)),
        "builtin": record(fingerprint=_STR, format=_INT, deleted=_STRS, removed_packs=_STRS),
        "subscriptions": record(
            items=list_of(record({"source": _STR}, user=optional(_STR), packs=optional(_STRS)))
        ),
        "recent_folders": dict_of(_STR),
    }
)


# -- a JSON file that must look like another (a team's lint words like the built-in ones) ---
def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    kinds: dict[type, str] = {dict: "dict", list: "list", str: "str"}
    return kinds.get(type(value), "other")


def first_mismatch(value: Any, like: Any, path: str = "") -> str | None:
    """The first field (``a.b[2]``) whose JSON type differs from the same field of ``like``,
    or None. Fields ``like`` lacks are checked only where all their siblings agree."""
    if _kind(value) != _kind(like):
        return path or "（整个文件）"
    if isinstance(like, dict):
        kinds = {_kind(v) for v in like.values()}
        uniform = next(iter(like.values())) if len(kinds) == 1 else None
        for key, item in value.items():
            sub = f"{path}.{key}" if path else str(key)
            if key in like:
                found = first_mismatch(item, like[key], sub)
            elif uniform is not None:
                found = first_mismatch(item, uniform, sub)
            else:
                found = None
            if found is not None:
                return found
    elif isinstance(like, list) and like and len({_kind(v) for v in like}) == 1:
        for i, item in enumerate(value):
            found = first_mismatch(item, like[0], f"{path}[{i}]")
            if found is not None:
                return found
    return None
