"""What an import did, or would do: a line per row (added, updated, unchanged, skipped)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.core.errors import InvalidInput
from assistant.core.phrases.packs import PackInfo

ACTIONS = ("added", "updated", "unchanged", "skipped")
ACTION_NAMES = {"added": "新增", "updated": "更新", "unchanged": "未变", "skipped": "跳过"}


@dataclass(slots=True)
class RowResult:
    line: int
    where: str
    action: str  # one of ACTIONS
    pack_id: str
    phrase_id: str | None = None
    title: str = ""
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class ImportReport:
    source: str
    kind: str  # json | kefupack | csv | xlsx | text
    dry_run: bool
    skip_bad: bool
    packs: list[PackInfo] = field(default_factory=list)
    new_packs: list[str] = field(default_factory=list)
    results: list[RowResult] = field(default_factory=list)
    applied: bool = False
    images: int = 0  # image files stored (or, in a dry run, that would be)

    def count(self, action: str) -> int:
        return sum(1 for r in self.results if r.action == action)

    @property
    def bad(self) -> list[RowResult]:
        return [r for r in self.results if r.action == "skipped"]

    @property
    def refused(self) -> bool:
        return bool(self.bad) and not self.skip_bad

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "kind": self.kind,
            "dry_run": self.dry_run,
            "applied": self.applied,
            "refused": self.refused,
            "packs": [{"id": p.id, "name": p.name} for p in self.packs],
            "new_packs": self.new_packs,
            "counts": {action: self.count(action) for action in ACTIONS},
            "images": self.images,
            "rows": [r.to_json() for r in self.results],
        }


class ImportRefused(InvalidInput):
    """The file has bad rows and skipping them was not asked for: nothing was changed."""

    def __init__(self, report: ImportReport) -> None:
        bad = report.bad
        shown = "；".join(f"{r.where}：{r.reason}" for r in bad[:5])
        more = f"；另有 {len(bad) - 5} 处" if len(bad) > 5 else ""
        super().__init__(f"{report.source} 有 {len(bad)} 处问题，未做任何修改：{shown}{more}")
        self.report = report
