"""Importing phrases from a file: plan every change first, then apply all of it or nothing.

A row matches a phrase of the target pack by its phrase id (pack JSON) or by the same text
(whitespace normalised) in the same group, so importing a file twice adds nothing. Any bad
row refuses the whole file unless bad rows are skipped on request. Changes are written in
one transaction of the phrase files and the pack registry: a failure leaves both as they
were.

The images a pack's phrases use are checked before anything is written (a phrase whose
image is missing or refused is a bad row), and stored just before the phrases are
committed: files named by their hash, so one left behind by a failure is harmless.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from assistant.core.clock import now_iso
from assistant.core.errors import InvalidInput, NotFound
from assistant.core.images.reading import PreparedImage
from assistant.core.packs.matching import ExistingPhrases
from assistant.core.packs.pack_format import PhrasePack
from assistant.core.packs.pack_images import check_images, first_refusal, store_all
from assistant.core.packs.report import ImportRefused, ImportReport, RowResult
from assistant.core.packs.sources import ImportSource, SourceBatch, SourceRow, read_source
from assistant.core.phrases.batch import PhraseBatch
from assistant.core.phrases.codes import clash_error
from assistant.core.phrases.library import PhraseLibrary
from assistant.core.phrases.model import code_key, images_of
from assistant.core.phrases.packs import MY_PACK_INFO, PackInfo
from assistant.core.phrases.shape import PhraseFields, fields_of, new_doc, set_content

Doc = dict[str, Any]


@dataclass(slots=True)
class _Target:
    info: PackInfo
    register: bool = False  # to be written to the registry (a new pack, or a pack's new version)
    new: bool = False


@dataclass(slots=True)
class _Step:
    row: SourceRow
    target: _Target
    action: str
    doc_id: str | None = None
    fields: PhraseFields | None = None
    reason: str = ""


def import_file(
    library: PhraseLibrary,
    path: Path,
    *,
    into: str | None = None,
    dry_run: bool = False,
    skip_bad: bool = False,
) -> ImportReport:
    source = read_source(path)
    if not source.rows and source.kind not in ("json", "kefupack"):
        raise InvalidInput(f"{source.name}：没有找到任何短语")
    source, images = _with_images_checked(library, source)  # decoded before any lock
    if dry_run:
        with library.batch() as batch:  # a consistent view: nobody writes meanwhile
            docs = dict(batch.items())
        report, _, steps = _plan(library, docs, source, into, skip_bad, dry_run=True)
        if report.refused:
            raise ImportRefused(report)
        report.images = len(_images_used(steps, images))
        return report
    # Lock order everywhere: phrases before settings.
    with library.batch() as batch, library.folder.settings.transaction():
        docs = dict(batch.items())
        report, targets, steps = _plan(library, docs, source, into, skip_bad, dry_run=False)
        if report.refused:
            raise ImportRefused(report)
        used = _images_used(steps, images)
        store_all(library.images, used)  # the files first, then the phrases that name them
        report.images = len(used)
        _apply(library, batch, targets, steps)
    report.applied = True
    return report


# -- images ---------------------------------------------------------------------------------
def _with_images_checked(
    library: PhraseLibrary, source: ImportSource
) -> tuple[ImportSource, dict[str, PreparedImage]]:
    """The source with each phrase whose image is missing or refused made a bad row, and
    the images to store (checked, by sha256)."""
    needed = [i for row in source.rows if row.fields for i in row.fields.images]
    if not needed:
        return source, {}
    check = check_images(library.images, needed, source.images)
    batches = [
        SourceBatch([_image_row(row, check.refused) for row in batch.rows], batch.pack)
        for batch in source.batches
    ]
    return replace(source, batches=batches, images={}), check.accepted


def _image_row(row: SourceRow, refused: dict[str, str]) -> SourceRow:
    reason = first_refusal(row.fields.images, refused) if row.fields else None
    if reason is None or row.fields is None:
        return row
    return replace(row, fields=None, error=f"「{row.fields.title[:20]}」的{reason}")


def _images_used(steps: list[_Step], images: dict[str, PreparedImage]) -> list[PreparedImage]:
    """The checked images that phrases being imported use, each once."""
    shas = {
        i.sha256
        for s in steps
        if s.fields is not None and s.action != "skipped"
        for i in s.fields.images
    }
    return [images[sha] for sha in sorted(shas) if sha in images]


# -- where the rows go ----------------------------------------------------------------------
def _targets(library: PhraseLibrary, source: ImportSource, into: str | None) -> list[_Target]:
    if into is not None:
        try:
            info = library.packs.get(into)
        except NotFound:
            raise NotFound(f"找不到短语包：{into}（可先用 kefu pack new 新建）") from None
        _check_writable(info, "")
        target = _Target(info)
        return [target for _ in source.batches]
    known = {p.id: p for p in library.packs.list()}
    names = {p.name for p in known.values()}
    chosen: dict[str, _Target] = {}
    out: list[_Target] = []
    for batch in source.batches:
        pack = batch.pack
        if pack is None:
            out.append(_Target(MY_PACK_INFO))
            continue
        if pack.id not in chosen:
            existing = known.get(pack.id)
            if existing is not None:
                _check_writable(existing, "，请用 --into 指定导入到哪个短语包")
                own = existing.kind == "own" and existing.id != MY_PACK_INFO.id
                info = _new_version(existing, pack) if own else existing
                chosen[pack.id] = _Target(info, register=own)
            else:
                name = _free_name(pack.name, names)
                names.add(name)
                info = PackInfo(
                    id=pack.id,
                    name=name,
                    version=pack.version or "1",
                    description=pack.description,
                    author=pack.author,
                    updated_at=pack.updated_at or now_iso(),
                    kind="own",
                )
                chosen[pack.id] = _Target(info, register=True, new=True)
        out.append(chosen[pack.id])
    return out


def _new_version(info: PackInfo, pack: PhrasePack) -> PackInfo:
    """An own pack imported again from a pack file takes that file's version and notes."""
    return replace(
        info,
        version=pack.version or info.version,
        description=pack.description,
        author=pack.author,
        updated_at=pack.updated_at or info.updated_at,
    )


def _check_writable(info: PackInfo, hint: str) -> None:
    if info.kind == "subscribed":
        raise InvalidInput(f"短语包「{info.name}」是订阅来的，由同步更新，不能导入到其中{hint}")


def _free_name(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    n = 2
    while f"{name}（{n}）" in taken:
        n += 1
    return f"{name}（{n}）"


# -- planning ---------------------------------------------------------------------------------
def _plan(
    library: PhraseLibrary,
    docs: dict[str, Doc],
    source: ImportSource,
    into: str | None,
    skip_bad: bool,
    dry_run: bool,
) -> tuple[ImportReport, list[_Target], list[_Step]]:
    targets = _targets(library, source, into)
    rows = [
        (row, t) for batch, t in zip(source.batches, targets, strict=True) for row in batch.rows
    ]
    bad: dict[int, str] = {}
    while True:
        steps = _match(rows, docs, bad)
        found = _code_clashes(steps, docs)
        if not found or not skip_bad:
            bad.update(found)
            break
        bad.update(found)  # a skipped row leaves its phrase's code in place: check again
    for i, reason in bad.items():
        steps[i] = _Step(rows[i][0], rows[i][1], "skipped", reason=reason)
    report = ImportReport(source.name, source.kind, dry_run, skip_bad)
    for t in _unique(targets):
        report.packs.append(t.info)
        if t.new:
            report.new_packs.append(t.info.id)
    report.results = [_result(s) for s in steps]
    return report, targets, steps


def _unique(targets: list[_Target]) -> list[_Target]:
    seen: dict[str, _Target] = {}
    for t in targets:
        seen.setdefault(t.info.id, t)
    return list(seen.values())


def _match(
    rows: list[tuple[SourceRow, _Target]], docs: dict[str, Doc], bad: dict[int, str]
) -> list[_Step]:
    existing = ExistingPhrases(docs, {t.info.id for _, t in rows})
    good = [i for i, (row, _) in enumerate(rows) if row.fields is not None and i not in bad]
    # Ids first, so a text match never takes a phrase that a later row names by its id.
    by_id = {i: existing.claim_id(rows[i][0].phrase_id, rows[i][1].info.id) for i in good}
    steps: list[_Step] = []
    new_ids: set[str] = set()
    for i, (row, t) in enumerate(rows):
        fields = row.fields
        if fields is None or i in bad:
            steps.append(_Step(row, t, "skipped", reason=row.error or bad.get(i, "")))
            continue
        doc_id = by_id[i] or existing.claim_text(row, fields, t.info.id)
        if doc_id is None:
            # A pack's phrase keeps its id, unless a phrase of another pack already has it.
            new_id = row.phrase_id
            if new_id is None or new_id in docs or new_id in new_ids:
                new_id = uuid.uuid4().hex
            new_ids.add(new_id)
            steps.append(_Step(row, t, "added", new_id, fields))
            continue
        merged = _merge(docs[doc_id], fields, row.given)
        action = "unchanged" if _same(docs[doc_id], merged) else "updated"
        steps.append(_Step(row, t, action, doc_id, merged))
    return steps


def _merge(doc: Doc, fields: PhraseFields, given: frozenset[str]) -> PhraseFields:
    """The file's fields; those it has no column for stay as they are."""
    return PhraseFields(
        title=fields.title if "title" in given else doc["title"],
        text=fields.text,
        group=fields.group if "group" in given else doc["group"],
        code=fields.code if "code" in given else doc.get("code"),
        tags=fields.tags if "tags" in given else list(doc.get("tags", [])),
        questions=fields.questions if "questions" in given else list(doc.get("questions", [])),
        images=fields.images if "images" in given else tuple(images_of(doc.get("images"))),
    )


def _same(doc: Doc, fields: PhraseFields) -> bool:
    return fields_of(doc) == fields


def _code_clashes(steps: list[_Step], docs: dict[str, Doc]) -> dict[int, str]:
    """Rows whose 快捷编码 another phrase has after the import, or an earlier row gives."""
    live = [s for s in steps if s.action != "skipped"]
    touched = {s.doc_id for s in live if s.action != "added"}
    kept = {
        code_key(doc["code"]): doc["title"]
        for doc_id, doc in docs.items()
        if doc.get("code") and doc_id not in touched
    }
    given: dict[str, str] = {}
    clashes: dict[int, str] = {}
    for i, step in enumerate(steps):
        code = step.fields.code if step.fields and step.action != "skipped" else None
        if not code:
            continue
        key = code_key(code)
        if key in kept:
            clashes[i] = str(clash_error(code, kept[key]))
        elif key in given:
            clashes[i] = f"快捷编码 {code} 与{given[key]}重复"
        else:
            given[key] = step.row.where
    return clashes


def _result(step: _Step) -> RowResult:
    row = step.row
    title = step.fields.title if step.fields else (row.fields.title if row.fields else "")
    return RowResult(
        row.line, row.where, step.action, step.target.info.id, step.doc_id, title, step.reason
    )


# -- applying ---------------------------------------------------------------------------------
def _apply(
    library: PhraseLibrary, batch: PhraseBatch, targets: list[_Target], steps: list[_Step]
) -> None:
    stamp = now_iso()
    for target in _unique(targets):
        if target.register:
            library.packs.put(target.info)
    for step in steps:
        info, fields = step.target.info, step.fields
        if fields is None or step.doc_id is None or step.action in ("skipped", "unchanged"):
            continue
        if step.action == "added":
            doc = new_doc(
                fields, phrase_id=step.doc_id, pack=info.name, pack_id=info.id, stamp=stamp
            )
        else:
            doc = batch.get(step.doc_id) or {}
            set_content(doc, fields)
            doc["updated_at"] = stamp
        batch.put(doc)
