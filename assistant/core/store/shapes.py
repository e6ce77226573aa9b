"""The types a stored document's fields must have for the readers to work on it.

A document of the wrong shape (a hand-edited file, a bug in an old version) would crash
every reader; a file holding one counts as damaged and is restored from its backup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Shape:
    required: dict[str, tuple[type, ...]]
    optional: dict[str, tuple[type, ...]]
    lists_of_str: tuple[str, ...] = ()

    def fits(self, doc: dict[str, Any]) -> bool:
        for key, types in self.required.items():
            if not isinstance(doc.get(key), types):
                return False
        for key, types in self.optional.items():
            if key in doc and doc[key] is not None and not isinstance(doc[key], types):
                return False
        return all(
            isinstance(doc.get(k, []), list) and all(isinstance(x, str) for x in doc.get(k, []))
            for k in self.lists_of_str
        )


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
    lists_of_str=("tags",),
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
