"""One measured figure: value, target, met or not — what RESULTS.md and results.json show."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Figure:
    key: str  # stable id in results.json, e.g. "search.phrases.p95_ms"
    label: str  # the row title in RESULTS.md
    value: float | None  # None: not measured (see ``shown``/``note``)
    unit: str = ""
    target: str = ""  # as written in issue 7; "" for figures given for information
    met: bool | None = None  # None: no target, or not measured
    shown: str | None = None  # the value as text when a number says too little
    note: str = ""

    def text(self) -> str:
        if self.shown is not None:
            return self.shown
        if self.value is None:
            return "not measured"
        return f"{format_number(self.value)} {self.unit}".strip()

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def format_number(value: float) -> str:
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"


def at_most(key: str, label: str, value: float, unit: str, limit: float, note: str = "") -> Figure:
    return Figure(
        key, label, value, unit, f"≤ {format_number(limit)} {unit}", value <= limit, note=note
    )


def info(key: str, label: str, value: float | None, unit: str = "", note: str = "") -> Figure:
    return Figure(key, label, value, unit, note=note)


def unavailable(key: str, label: str, target: str, why: str) -> Figure:
    return Figure(key, label, None, target=target, met=False, shown="not available", note=why)


@dataclass
class Section:
    """The figures of one measurement, plus details for results.json and RESULTS.md."""

    name: str
    figures: list[Figure] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # lines for RESULTS.md under the table
    seconds: float = 0.0
