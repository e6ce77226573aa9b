"""Timestamps: ISO 8601, local time with offset, second precision."""

from __future__ import annotations

from datetime import datetime


def now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


def now_iso() -> str:
    return now().isoformat()


def parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.astimezone()
