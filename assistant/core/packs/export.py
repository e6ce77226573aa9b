"""Exporting packs: the pack JSON format (its images embedded), a .kefupack zip (the pack
JSON and the image files), or a 千牛-style phrase table (CSV or XLSX: text only).

The CSV is UTF-8 with a BOM so Excel opens it as UTF-8; cells that Excel would run as a
formula are guarded with an apostrophe (see tables/cells.py), XLSX cells are typed as text.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.core.clock import now_iso
from assistant.core.errors import InvalidInput
from assistant.core.packs.kefupack import SUFFIX as KEFUPACK
from assistant.core.packs.kefupack import kefupack_bytes
from assistant.core.packs.pack_format import PhrasePack, pack_bytes
from assistant.core.packs.pack_format import pack_document as write_pack_document
from assistant.core.packs.pack_images import carried_files, encode_embedded
from assistant.core.packs.qianniu import COLUMNS, join_tags
from assistant.core.phrases.library import PhraseLibrary
from assistant.core.phrases.model import Phrase
from assistant.core.phrases.packs import PackInfo
from assistant.core.phrases.template import uses_placeholders
from assistant.core.store.atomic import atomic_write
from assistant.core.tables.cells import FORMULA_START, guard_cell

SUFFIXES = (".json", KEFUPACK, ".csv", ".xlsx")
FORMATS = {suffix[1:]: suffix for suffix in SUFFIXES}  # --format name -> file suffix
_WIDTHS = {"code": 12, "text": 60, "group": 16, "title": 24, "tags": 20}


@dataclass(frozen=True, slots=True)
class PackContent:
    info: PackInfo
    phrases: list[Phrase]


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    packs: int
    phrases: int
    # Titles of the phrases written to a table with placeholders in them: 千牛 sends a
    # table's text as it is, so the buyer would read "{昵称}" (a pack JSON keeps them working).
    with_placeholders: tuple[str, ...] = ()
    images: int = 0  # image files written (embedded in the JSON, or in the .kefupack)
    # Titles of the phrases with images written to a table: a table carries text only.
    with_images: tuple[str, ...] = ()

    @property
    def warnings(self) -> list[str]:
        """What to tell the agent about what did not travel in this format."""
        return [n for n in (placeholder_notice(self), image_notice(self)) if n]


def placeholder_notice(result: ExportResult, shown: int = 3) -> str | None:
    """What to tell the agent about placeholders in an exported table, if any."""
    titles = result.with_placeholders
    if not titles:
        return None
    return (
        f"注意：{len(titles)} 条短语含有 {{昵称}} 这类占位符（{_named(titles, shown)}），"
        "千牛不会替换，会原样发给买家；在千牛里用之前请改写这些短语"
    )


def image_notice(result: ExportResult, shown: int = 3) -> str | None:
    """What to tell the agent about images left out of an exported table, if any."""
    titles = result.with_images
    if not titles:
        return None
    return (
        f"注意：{len(titles)} 条短语带有图片（{_named(titles, shown)}），"
        "千牛表格只能保存文字，图片没有导出；要连同图片一起分享，请导出为 .json 或 .kefupack"
    )


def _named(titles: tuple[str, ...], shown: int) -> str:
    """The first titles, quoted: 「尺码表」、「催付」等."""
    return "、".join(f"「{t[:20]}」" for t in titles[:shown]) + (
        "等" if len(titles) > shown else ""
    )


def pack_contents(library: PhraseLibrary, ref: str | None) -> list[PackContent]:
    """One pack (by id or name), or every pack when ``ref`` is None."""
    infos = [library.packs.get(ref)] if ref is not None else library.packs.list()
    return [PackContent(info, library.in_pack(info.id)) for info in infos]


def pack_document(content: PackContent) -> dict[str, Any]:
    info = content.info
    stamps = [p.updated_at for p in content.phrases if p.updated_at]
    head = PhrasePack(
        id=info.id,
        name=info.name,
        version=info.version or "1",
        description=info.description,
        author=info.author,
        updated_at=info.updated_at or max(stamps, default="") or now_iso(),
    )
    return write_pack_document(head, ((p.id, p) for p in content.phrases))


def to_json(
    contents: list[PackContent],
    *,
    as_list: bool,
    images: dict[str, tuple[bytes, str]] | None = None,
) -> bytes:
    """A pack file; ``as_list`` writes a list of packs (an export of all of them).
    ``images`` (sha256 -> bytes, extension): embedded, each pack with those its phrases
    use, in a top-level ``images`` object (sha256 -> base64)."""
    docs = [pack_document(c) for c in contents]
    if images:
        for doc, content in zip(docs, contents, strict=True):
            used = {i.sha256 for p in content.phrases for i in p.images}
            if used:
                doc["images"] = encode_embedded({s: images[s][0] for s in used if s in images})
    return pack_bytes(docs if as_list else docs[0], final_newline=True)


def to_kefupack(
    contents: list[PackContent], *, as_list: bool, images: dict[str, tuple[bytes, str]]
) -> bytes:
    """A .kefupack: ``pack.json`` (as ``to_json`` writes it, without embedded images) and
    ``images/<sha256>.<ext>``."""
    return kefupack_bytes(to_json(contents, as_list=as_list), images)


def _cells(phrase: Phrase) -> dict[str, str]:
    return {
        "code": phrase.code or "",
        "text": phrase.text,
        "group": phrase.group,
        "title": phrase.title,
        "tags": join_tags(phrase.tags),
    }


def to_csv(phrases: list[Phrase]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([title for _, title in COLUMNS])
    for phrase in phrases:
        cells = _cells(phrase)
        writer.writerow([guard_cell(cells[key]) for key, _ in COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


def to_xlsx(phrases: list[Phrase]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import IllegalCharacterError

    book = Workbook(write_only=True)
    sheet = book.create_sheet("快捷短语")
    for index, (key, _) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS[key]
    sheet.append([title for _, title in COLUMNS])
    wrap = Alignment(wrap_text=True, vertical="top")
    for phrase in phrases:
        cells = _cells(phrase)
        row = []
        for key, _ in COLUMNS:
            value = cells[key]
            try:
                cell = WriteOnlyCell(sheet, value=guard_cell(value, typed=True))
            except IllegalCharacterError:
                raise InvalidInput(
                    f"短语「{phrase.title}」含有表格不能保存的控制字符，请导出为 .json 或 .csv"
                ) from None
            cell.data_type = "s"  # text, even when it starts with "=": never a formula
            cell.quotePrefix = value[:1] in FORMULA_START  # and Excel keeps it text on edit
            if key == "text":
                cell.alignment = wrap
            row.append(cell)
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_format(path: Path, fmt: str | None) -> tuple[Path, str]:
    """The file and its suffix: the suffix names the format; ``fmt`` (json, kefupack, csv,
    xlsx) adds it to a name without one, and must agree with one that has it."""
    suffix = path.suffix.lower()
    if fmt is not None:
        wanted = FORMATS.get(fmt.lower().lstrip("."))
        if wanted is None:
            raise InvalidInput(f"不认识的导出格式 {fmt}（可选 {'、'.join(FORMATS)}）")
        if suffix in SUFFIXES and suffix != wanted:
            raise InvalidInput(f"文件扩展名 {suffix} 与格式 {fmt} 不符")
        if suffix != wanted:
            path, suffix = path.with_name(path.name + wanted), wanted
    if suffix not in SUFFIXES:
        raise InvalidInput("导出文件应以 .json、.kefupack、.csv 或 .xlsx 结尾")
    return path, suffix


def export_packs(
    library: PhraseLibrary,
    ref: str | None,
    path: Path,
    *,
    fmt: str | None = None,
    with_images: bool = True,
) -> ExportResult:
    """Write one pack (or all, ``ref`` None) to ``path``; the format follows the suffix (or
    ``fmt``). A pack JSON embeds its phrases' images unless ``with_images`` is False (the
    references stay: for agents who have the images already)."""
    path, suffix = export_format(path, fmt)
    if not path.parent.is_dir():
        raise InvalidInput(f"文件夹不存在：{path.parent}")
    contents = pack_contents(library, ref)
    phrases = [p for c in contents for p in c.phrases]
    images: dict[str, tuple[bytes, str]] = {}
    if suffix == KEFUPACK or (suffix == ".json" and with_images):
        images = carried_files(library.images, ((p.title, p.images) for p in phrases), "导出")
    if suffix == ".json":
        payload = to_json(contents, as_list=ref is None, images=images)
    elif suffix == KEFUPACK:
        payload = to_kefupack(contents, as_list=ref is None, images=images)
    elif suffix == ".csv":
        payload = to_csv(phrases)
    else:
        payload = to_xlsx(phrases)
    atomic_write(path, payload)
    table = suffix in (".csv", ".xlsx")
    with_placeholders = (
        tuple(p.title for p in phrases if uses_placeholders(p.text)) if table else ()
    )
    imaged = tuple(p.title for p in phrases if p.images) if table else ()
    return ExportResult(path, len(contents), len(phrases), with_placeholders, len(images), imaged)
