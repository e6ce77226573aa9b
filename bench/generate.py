"""The generated data, cached in bench/out/ and copied into a fresh folder for each use.

Two cache levels, so that the lead's changes cost as little regeneration as possible:
- ``docs-<hash>/``: the stored documents (with their pinyin) as JSON lines, the order
  report CSV and the phrase XLSX. The hash covers the sizes, the seed and the source of
  the code that shapes a stored document (make_fields, new_doc, searchable, pinyin).
  Costly (pinyin for every text), so done once.
- ``library-<hash>/data``: a data folder holding those documents, written through the
  storage API in one transaction per collection. The hash adds the source of everything
  under assistant/core/, so a storage change rebuilds it (seconds, no pinyin).
The cached data folder is never opened by a measurement: each works on a copy.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from importlib import import_module
from pathlib import Path
from typing import Any

import orjson

from bench.config import OUT_DIR, PROJECT_DIR, Sizes
from bench.gen_buyers import buyer_docs, write_order_report
from bench.gen_phrases import phrase_docs, usage_counts, xlsx_rows

GENERATOR_VERSION = "1"
KEEP_CACHES = 3  # most recent docs-*/library-* folders kept in bench/out/
DOC_SHAPING = (
    "assistant.core.phrases.shape",
    "assistant.core.buyers.shape",
    "assistant.core.search.pinyin",
    "assistant.core.text",
    "assistant.core.phrases.model",
)
Doc = dict[str, Any]


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _source_of(name: str) -> str:
    module_name, _, attr = name.partition(":")
    module = import_module(module_name)
    try:
        return inspect.getsource(getattr(module, attr) if attr else module)
    except AttributeError:
        raise RuntimeError(
            f"{name} no longer exists: the generator builds documents with it (bench/generate.py)"
        ) from None


def _digest(parts: Iterable[str | bytes]) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()[:12]


def docs_key(sizes: Sizes) -> str:
    params = json.dumps(sizes.generation_params(), sort_keys=True)
    bench_src = [p.read_bytes() for p in sorted(Path(__file__).parent.glob("gen_*.py"))]
    vocab_src = (Path(__file__).parent / "vocab.py").read_bytes()
    return _digest(
        [GENERATOR_VERSION, params, vocab_src, *bench_src, *map(_source_of, DOC_SHAPING)]
    )


def library_key(docs: str) -> str:
    core = PROJECT_DIR / "assistant" / "core"
    files = sorted(core.rglob("*.py")) + sorted((PROJECT_DIR / "phrases").glob("*.json"))
    return _digest([docs, *(str(p.relative_to(PROJECT_DIR)) + p.read_text("utf-8") for p in files)])


def _write_jsonl(path: Path, rows: Iterable[Any]) -> int:
    count = 0
    with path.open("wb") as fh:
        for row in rows:
            fh.write(orjson.dumps(row) + b"\n")
            count += 1
    return count


def _read_jsonl(path: Path) -> list[Any]:
    with path.open("rb") as fh:
        return [orjson.loads(line) for line in fh]


def _progress(rows: Iterable[Any], total: int, what: str) -> Iterable[Any]:
    start = time.perf_counter()
    step = max(1, total // 5)
    for n, row in enumerate(rows, start=1):
        yield row
        if n % step == 0 or n == total:
            log(f"  {what}: {n}/{total} ({time.perf_counter() - start:.1f} s)")


def _write_xlsx(path: Path, rows: Iterable[tuple[str, ...]]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("快捷短语")
    sheet.append(["快捷编码", "快捷短语", "快捷短语分组", "标题", "标签"])
    for row in rows:
        sheet.append(list(row))
    book.save(path)


def _scratch_for(target: Path) -> Path:
    """A build folder of this process's own: two benchmark runs at once (an engineer's and a
    helper's) each build a cache in their own folder instead of writing into one."""
    tmp = target.with_name(f"{target.name}.tmp{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    return tmp


def _publish(tmp: Path, target: Path) -> None:
    """Move a finished build into place; if another run finished the same one first, theirs
    stays and ours goes (the two are built from the same inputs)."""
    try:
        tmp.rename(target)
    except OSError:
        if not target.is_dir():
            raise
        shutil.rmtree(tmp, ignore_errors=True)


def generate_docs(sizes: Sizes, target: Path) -> None:
    tmp = _scratch_for(target)
    seed = sizes.seed
    log(f"generating {sizes.phrases} phrases and {sizes.buyers} buyers (pinyin: slow once)")
    phrases = list(
        _progress(phrase_docs(sizes.phrases, random.Random(seed)), sizes.phrases, "phrases")
    )
    _write_jsonl(tmp / "phrases.jsonl", phrases)
    usage = usage_counts([d["id"] for d in phrases], random.Random(seed + 1))
    (tmp / "usage.json").write_bytes(orjson.dumps(usage))
    buyers = list(
        _progress(buyer_docs(sizes.buyers, random.Random(seed + 2)), sizes.buyers, "buyers")
    )
    _write_jsonl(tmp / "buyers.jsonl", buyers)
    log(f"  order report: {sizes.order_rows} rows")
    write_order_report(
        tmp / "orders.csv", sizes.order_rows, [d for _, d in buyers], random.Random(seed + 3)
    )
    log(f"  phrase sheet: {sizes.xlsx_rows} rows")
    _write_xlsx(tmp / "phrases.xlsx", xlsx_rows(sizes.xlsx_rows, random.Random(seed + 4)))
    meta = {"params": sizes.generation_params(), "generator": GENERATOR_VERSION}
    (tmp / "meta.json").write_text(json.dumps(meta, indent=1))
    _publish(tmp, target)


def build_library(docs_dir: Path, target: Path) -> None:
    """A data folder with every generated document, written in one transaction each."""
    from assistant.core.workspace import open_workspace

    tmp = _scratch_for(target)
    start = time.perf_counter()
    ws = open_workspace(tmp / "data")  # installs the built-in packs, as a real first start
    phrases = _read_jsonl(docs_dir / "phrases.jsonl")
    with ws.folder.phrases.transaction():
        for doc in phrases:
            ws.folder.phrases.put(doc["id"], doc)
    usage = orjson.loads((docs_dir / "usage.json").read_bytes())
    with ws.folder.usage.transaction():
        for key, doc in usage.items():
            ws.folder.usage.put(key, doc)
    buyers = _read_jsonl(docs_dir / "buyers.jsonl")
    with ws.folder.buyers.transaction():
        for key, doc in buyers:
            ws.folder.buyers.put(key, doc)
    (tmp / "meta.json").write_text(json.dumps({"docs": docs_dir.name}, indent=1))
    _publish(tmp, target)
    log(f"library folder built in {time.perf_counter() - start:.1f} s")


def _prune(prefix: str, keep: Path) -> None:
    builds = [p for p in OUT_DIR.glob(f"{prefix}-*") if ".tmp" not in p.name]  # not in progress
    found = sorted(builds, key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [p for p in found if p != keep][KEEP_CACHES - 1 :]:
        shutil.rmtree(old, ignore_errors=True)


@dataclass
class Dataset:
    sizes: Sizes
    docs_dir: Path
    library_dir: Path

    @property
    def library(self) -> Path:
        """The pristine data folder: copy it (``Scratch.copy_library``), never open it."""
        return self.library_dir / "data"

    @property
    def orders_csv(self) -> Path:
        return self.docs_dir / "orders.csv"

    @property
    def phrases_xlsx(self) -> Path:
        return self.docs_dir / "phrases.xlsx"

    @cached_property
    def phrases(self) -> list[Doc]:
        return _read_jsonl(self.docs_dir / "phrases.jsonl")

    @cached_property
    def buyers(self) -> list[tuple[str, Doc]]:
        return [(k, d) for k, d in _read_jsonl(self.docs_dir / "buyers.jsonl")]

    @cached_property
    def usage(self) -> dict[str, Doc]:
        return dict(orjson.loads((self.docs_dir / "usage.json").read_bytes()))


def prepare(sizes: Sizes) -> Dataset:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    dkey = docs_key(sizes)
    docs_dir = OUT_DIR / f"docs-{dkey}"
    if not (docs_dir / "meta.json").exists():
        generate_docs(sizes, docs_dir)
    else:
        log(f"using cached documents {docs_dir.name}")
    lib_dir = OUT_DIR / f"library-{library_key(dkey)}"
    if not (lib_dir / "meta.json").exists():
        log(f"building the data folder {lib_dir.name} (assistant/core changed or first run)")
        build_library(docs_dir, lib_dir)
    else:
        log(f"using cached data folder {lib_dir.name}")
    for d in (docs_dir, lib_dir):
        d.touch()
    _prune("docs", docs_dir)
    _prune("library", lib_dir)
    return Dataset(sizes, docs_dir, lib_dir)


@dataclass
class Scratch:
    """Temporary folders of one run, removed at the end (``keep`` leaves them for a look)."""

    keep: bool = False
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="kefu-bench-")))
    _n: int = 0

    def fresh(self, name: str) -> Path:
        self._n += 1
        path = self.root / f"{self._n:03d}-{name}"
        path.mkdir(parents=True)
        return path

    def copy_library(self, ds: Dataset, name: str) -> Path:
        target = self.fresh(name) / "data"
        shutil.copytree(ds.library, target)
        return target

    def close(self) -> None:
        if self.keep:
            log(f"scratch folders kept in {self.root}")
        else:
            shutil.rmtree(self.root, ignore_errors=True)
