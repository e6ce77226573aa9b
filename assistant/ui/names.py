"""The app's own names as a window shows them, in the UI's language: platforms, the ten
contact groups, the shop profile's fields; and the punctuation that joins a name to its count
or its value.

Core keeps the Chinese names (they are stored, typed on the command line and shown by the CLI);
a window asks here instead of printing core's name. Each table repeats core's Chinese as
literal text, because pyside6-lupdate can only read literals; tests/ui/test_english_everywhere.py
holds the tables equal to core's. A group the shop renamed shows its own name: that is data.

Punctuation is translated too: Chinese glues a name to its count with full-width brackets
(全部买家（3）) and to its value with a full-width colon, English with ASCII ones.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from assistant.core.buyers.groups import DEFAULT_GROUPS, DEFAULT_SUBGROUPS, ContactGroup

PLATFORM_LABELS = {
    "taobao": QT_TRANSLATE_NOOP("Names", "淘宝"),
    "tmall": QT_TRANSLATE_NOOP("Names", "天猫"),
    "jd": QT_TRANSLATE_NOOP("Names", "京东"),
    "pdd": QT_TRANSLATE_NOOP("Names", "拼多多"),
    "wechat": QT_TRANSLATE_NOOP("Names", "微信"),
    "wxshop": QT_TRANSLATE_NOOP("Names", "微信小店"),
    "other": QT_TRANSLATE_NOOP("Names", "其他"),
}
GROUP_NAMES = {
    1: QT_TRANSLATE_NOOP("Names", "好友"),
    2: QT_TRANSLATE_NOOP("Names", "顾问"),
    3: QT_TRANSLATE_NOOP("Names", "需订购"),
    4: QT_TRANSLATE_NOOP("Names", "有合作意向"),
    5: QT_TRANSLATE_NOOP("Names", "批发商家"),
    6: QT_TRANSLATE_NOOP("Names", "意向批发商家"),
    7: QT_TRANSLATE_NOOP("Names", "供应商"),
    8: QT_TRANSLATE_NOOP("Names", "成交买家"),
    9: QT_TRANSLATE_NOOP("Names", "亲切买家"),
    10: QT_TRANSLATE_NOOP("Names", "交易纠纷"),
}
SUBGROUP_NAMES = {
    1: {"A": QT_TRANSLATE_NOOP("Names", "聊友"), "B": QT_TRANSLATE_NOOP("Names", "熟人")},
    2: {
        "A": QT_TRANSLATE_NOOP("Names", "小二"),
        "B": QT_TRANSLATE_NOOP("Names", "掌门护法"),
        "C": QT_TRANSLATE_NOOP("Names", "老师"),
    },
}
SHOP_FIELDS = {
    "店铺": QT_TRANSLATE_NOOP("Names", "店铺"),
    "客服": QT_TRANSLATE_NOOP("Names", "客服"),
    "活动": QT_TRANSLATE_NOOP("Names", "活动"),
    "发货时间": QT_TRANSLATE_NOOP("Names", "发货时间"),
}


def _names(text: object) -> str:
    """``text``: one marked by QT_TRANSLATE_NOOP (typed ``object``)."""
    return QCoreApplication.translate("Names", str(text))


# -- names ---------------------------------------------------------------------------------
def platform_label(code: str) -> str:
    """淘宝 / Taobao for ``taobao``; a code this version does not know, as it is."""
    label = PLATFORM_LABELS.get(code)
    return _names(label) if label is not None else code


def no_group() -> str:
    return QCoreApplication.translate("Names", "未分组")


def group_name(group: ContactGroup) -> str:
    """The group's name: the scheme's default in the UI's language, or the shop's own."""
    if group.name == DEFAULT_GROUPS.get(group.number):
        return _names(GROUP_NAMES[group.number])
    return group.name


def subgroup_name(group: ContactGroup, letter: str) -> str:
    name = group.subgroups.get(letter, "")
    default = SUBGROUP_NAMES.get(group.number, {}).get(letter)
    if default is not None and name == DEFAULT_SUBGROUPS.get(group.number, {}).get(letter):
        return _names(default)
    return name


def group_label(group: ContactGroup) -> str:
    """``8 成交买家`` / ``8 Customers``, as ``ContactGroup.label(padded=False)`` in Chinese."""
    return f"{group.number} {group_name(group)}"


def subgroup_label(group: ContactGroup, letter: str) -> str:
    """``1A 聊友`` / ``1A Chat friends``, as ``ContactGroup.sub_label(padded=False)``."""
    return f"{group.sub_code(letter)} {subgroup_name(group, letter)}"


def shop_field(key: str) -> str:
    """A shop profile field (店铺, 客服, 活动, 发货时间) by its key; the key is also the
    placeholder's name, which stays as it is in braces."""
    name = SHOP_FIELDS.get(key)
    return _names(name) if name is not None else key


# -- punctuation ---------------------------------------------------------------------------
def labelled(name: str) -> str:
    """``店铺：`` / ``Shop:`` — a form label."""
    return QCoreApplication.translate("Punctuation", "{0}：").format(name)


def with_value(name: str, value: str) -> str:
    """``店铺：小花`` / ``Shop: 小花``."""
    return QCoreApplication.translate("Punctuation", "{0}：{1}").format(name, value)


def counted(name: str, count: int) -> str:
    """``我的短语（12）`` / ``我的短语 (12)`` — an entry of a list with how many it holds."""
    return QCoreApplication.translate("Punctuation", "{0}（{1}）").format(name, count)


def with_note(text: str, note: str) -> str:
    """``buyer（备注名）`` / ``buyer (备注名)`` — a text with a note in brackets after it."""
    return QCoreApplication.translate("Punctuation", "{0}（{1}）").format(text, note)


def bracketed(text: str) -> str:
    """``（出错了）`` / ``(出错了)``."""
    return QCoreApplication.translate("Punctuation", "（{0}）").format(text)


def joined(items: list[str]) -> str:
    """``老客户，爱砍价`` / ``老客户, 爱砍价``: the values of a field that takes several
    (tags, attributes); ``split_tags`` reads either back."""
    return QCoreApplication.translate("Punctuation", "，").join(items)


def fill_in_sample(name: str) -> str:
    """``【尺码】`` / ``[尺码]``: a fill-in in a preview, before it is filled in."""
    return QCoreApplication.translate("Punctuation", "【{0}】").format(name)


def listing(items: list[str]) -> str:
    """``活动、发货时间`` / ``Promotion, Shipping time``."""
    return QCoreApplication.translate("Punctuation", "、").join(items)
