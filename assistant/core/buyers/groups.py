"""The ten-group contact scheme (十大分组) with lettered subgroups.

Numbers 1–10 and their order are fixed; names can be changed and subgroups added or
removed. Labels for a chat client are zero-padded (``01``…``10``) so that sorting them as
plain text keeps scheme order, with each group's subgroups right after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.core.errors import InvalidInput
from assistant.core.store import DataFolder

DEFAULT_GROUPS: dict[int, str] = {
    1: "好友",
    2: "顾问",
    3: "需订购",
    4: "有合作意向",
    5: "批发商家",
    6: "意向批发商家",
    7: "供应商",
    8: "成交买家",
    9: "亲切买家",
    10: "交易纠纷",
}
DEFAULT_SUBGROUPS: dict[int, dict[str, str]] = {
    1: {"A": "聊友", "B": "熟人"},
    2: {"A": "小二", "B": "掌门护法", "C": "老师"},
}
GROUP_WHO = {
    1: "平台上结识的朋友、熟人",
    2: "可请教的资深卖家或平台工作人员",
    3: "缺货时留下订购需求、即将购买的买家",
    4: "咨询过但因故尚未购买",
    5: "已经批量购买过（最有价值，重点维护）",
    6: "咨询过批发",
    7: "供应商",
    8: "已成交的买家",
    9: "亲切友好的买家，优惠活动重点对象",
    10: "发生过交易纠纷的买家",
}
_DOC = "contact_groups"
_SUBGROUP = re.compile(r"^(10|[1-9])([A-Z])$")
MAX_NAME = 20


@dataclass(slots=True)
class ContactGroup:
    number: int
    name: str
    subgroups: dict[str, str] = field(default_factory=dict)  # letter -> name

    def label(self, *, padded: bool = True) -> str:
        """``01 好友`` for a chat client; ``1 好友`` unpadded, as the app and the CLI show it."""
        return f"{self._number(padded)} {self.name}"

    def sub_code(self, letter: str) -> str:
        """``1A``: a subgroup as a buyer stores it and as it is typed."""
        return subgroup_code(self.number, letter)

    def sub_label(self, letter: str, *, padded: bool = True) -> str:
        """``01A 聊友`` for a chat client; ``1A 聊友`` unpadded."""
        return f"{self._number(padded)}{letter} {self.subgroups[letter]}"

    def sub_path(self, letter: str) -> str:
        """``1A 好友/聊友``: the subgroup under its group's name.

        A letter the group no longer has (a hand-edited buyer file) shows an empty name
        rather than failing, so the buyer can still be shown and fixed.
        """
        return f"{self.sub_code(letter)} {self.name}/{self.subgroups.get(letter, '')}"

    def _number(self, padded: bool) -> str:
        return f"{self.number:02d}" if padded else str(self.number)


def check_number(number: int | str) -> int:
    try:
        n = int(number)
    except (TypeError, ValueError):
        raise InvalidInput(f"分组必须是 1–10 的数字，收到：{number!r}") from None
    if not 1 <= n <= 10:
        raise InvalidInput(f"分组必须是 1–10，收到：{n}")
    return n


def subgroup_code(number: int, letter: str) -> str:
    """``(1, "A")`` → ``1A``; :func:`parse_subgroup` reads it back."""
    return f"{number}{letter}"


def parse_subgroup(code: str) -> tuple[int, str]:
    """``1a`` / ``1A`` / ``10B`` → (number, letter)."""
    m = _SUBGROUP.match(code.strip().upper())
    if not m:
        raise InvalidInput(f"子分组应写成 分组号+字母，如 1A、10B，收到：{code!r}")
    return int(m.group(1)), m.group(2)


def _clean_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise InvalidInput("分组名不能为空")
    if len(name) > MAX_NAME:
        raise InvalidInput(f"分组名太长：最多 {MAX_NAME} 个字符")
    return name


class ContactScheme:
    def __init__(self, folder: DataFolder) -> None:
        self._settings = folder.settings

    def groups(self) -> list[ContactGroup]:
        doc = self._settings.get(_DOC) or {}
        names = doc.get("names", {})
        subs = doc.get("subgroups")
        out = []
        for n, default in DEFAULT_GROUPS.items():
            sub = subs.get(str(n), {}) if subs is not None else DEFAULT_SUBGROUPS.get(n, {})
            out.append(ContactGroup(n, names.get(str(n), default), dict(sorted(sub.items()))))
        return out

    def group(self, number: int | str) -> ContactGroup:
        return self.groups()[check_number(number) - 1]

    def subgroup_name(self, code: str) -> str:
        number, letter = parse_subgroup(code)
        group = self.group(number)
        if letter not in group.subgroups:
            raise InvalidInput(
                f"没有子分组 {group.sub_code(letter)}（第 {number} 组「{group.name}」）"
            )
        return group.subgroups[letter]

    def labels(self) -> list[str]:
        out: list[str] = []
        for g in self.groups():
            out.append(g.label())
            out.extend(g.sub_label(letter) for letter in g.subgroups)
        return out

    def rename(self, number: int | str, name: str) -> ContactGroup:
        n = check_number(number)
        name = _clean_name(name)
        with self._settings.transaction():
            doc = self._doc()
            doc["names"][str(n)] = name
            self._settings.put(_DOC, doc)
        return self.group(n)

    def add_subgroup(self, number: int | str, letter: str, name: str) -> ContactGroup:
        n, letter = parse_subgroup(subgroup_code(check_number(number), letter))
        name = _clean_name(name)
        with self._settings.transaction():
            doc = self._doc()
            doc["subgroups"].setdefault(str(n), {})[letter] = name
            self._settings.put(_DOC, doc)
        return self.group(n)

    def remove_subgroup(self, number: int | str, letter: str) -> ContactGroup:
        n, letter = parse_subgroup(subgroup_code(check_number(number), letter))
        with self._settings.transaction():
            doc = self._doc()
            subs = doc["subgroups"].get(str(n), {})
            if letter not in subs:
                raise InvalidInput(f"没有子分组 {subgroup_code(n, letter)}")
            del subs[letter]
            self._settings.put(_DOC, doc)
        return self.group(n)

    def _doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = dict(self._settings.get(_DOC) or {})
        doc["names"] = dict(doc.get("names", {}))
        if "subgroups" not in doc:
            doc["subgroups"] = {str(k): dict(v) for k, v in DEFAULT_SUBGROUPS.items()}
        else:
            doc["subgroups"] = {k: dict(v) for k, v in doc["subgroups"].items()}
        return doc
