"""The shop profile that fills {店铺}, {客服}, {活动} and {发货时间}."""

from __future__ import annotations

from assistant.core.clock import now_iso
from assistant.core.errors import InvalidInput
from assistant.core.store import DataFolder

SHOP_KEYS = ("店铺", "客服", "活动", "发货时间")
_ALIASES = {"shop": "店铺", "agent": "客服", "promo": "活动", "ship_time": "发货时间"}
_DOC = "shop"
MAX_VALUE = 500


def canonical_key(key: str) -> str:
    key = key.strip()
    key = _ALIASES.get(key, key)
    if key not in SHOP_KEYS:
        raise InvalidInput(f"未知的店铺信息：{key}（可设置：{'、'.join(SHOP_KEYS)}）")
    return key


class ShopProfile:
    def __init__(self, folder: DataFolder) -> None:
        self._settings = folder.settings

    def get(self) -> dict[str, str]:
        doc = self._settings.get(_DOC) or {}
        return {k: str(doc.get(k, "")) for k in SHOP_KEYS}

    def update(self, values: dict[str, str]) -> dict[str, str]:
        clean: dict[str, str] = {}
        for key, value in values.items():
            if len(value) > MAX_VALUE:
                raise InvalidInput(f"{key} 太长：最多 {MAX_VALUE} 个字符")
            clean[canonical_key(key)] = value.strip()
        with self._settings.transaction():
            doc = dict(self._settings.get(_DOC) or {})
            doc.update(clean)
            doc["updated_at"] = now_iso()
            self._settings.put(_DOC, doc)
        return self.get()
