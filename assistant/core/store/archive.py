"""Reading a backup archive before a restore: sizes capped before anything is inflated,
only data files, every document checked with its collection's shape."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

import orjson

from assistant.core.errors import InvalidInput, KefuError
from assistant.core.store import DataFolder
from assistant.core.store.content_files import content_intact, is_content_path
from assistant.core.store.partial import BACKUP_DIR
from assistant.core.store.storage import is_tables

SKIP_DIRS = {BACKUP_DIR, "cache"}
DATA_SUFFIXES = (".json", ".jsonl")
LAYOUT = "layout.json"
MAX_BACKUP_BYTES = 1024 * 1024 * 1024
MAX_MEMBER_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_RATIO = 200  # deflate can reach 1,000:1 on repeated bytes; JSON data stays near 10:1
RATIO_FROM_BYTES = 1024 * 1024  # small members may compress as they like


def first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return _short(text[0] if text else type(exc).__name__, 120)


def _refuse(source: Path, why: str) -> InvalidInput:
    return InvalidInput(f"{source.name} 不能恢复：{why}，资料库未改动")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB" if size >= 1024 * 1024 else f"{size} 字节"


def _check_members(zf: zipfile.ZipFile, source: Path) -> list[zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _refuse(source, f"含有 {len(infos):,} 个文件（上限 {MAX_MEMBERS:,}）")
    total = 0
    for info in infos:
        name = info.filename
        parts = Path(name).parts
        if (
            info.is_dir()
            or name.startswith("/")
            or "\\" in name
            or ".." in parts
            or not (name.endswith(DATA_SUFFIXES) or is_content_path(name))
            or parts[0] in SKIP_DIRS
            or any(p.startswith(".") for p in parts)
        ):
            raise InvalidInput(f"{source.name} 不是本程序的备份（含有不允许的文件 {_short(name)}）")
        if info.file_size > MAX_MEMBER_BYTES:
            raise _refuse(
                source,
                f"{_short(name)} 解压后 {_mb(info.file_size)}（上限 {_mb(MAX_MEMBER_BYTES)}）",
            )
        if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise _refuse(source, f"{_short(name)} 的压缩比超过 {MAX_RATIO}:1（疑似解压炸弹）")
        total += info.file_size
    if total > MAX_BACKUP_BYTES:
        raise _refuse(source, f"解压后共 {_mb(total)}（上限 {_mb(MAX_BACKUP_BYTES)}）")
    if len({i.filename for i in infos}) != len(infos):
        raise _refuse(source, "同一个文件出现了两次")
    return infos


def _short(name: str, limit: int = 60) -> str:
    return name if len(name) <= limit else name[:limit] + "…"


def _fits(folder: DataFolder, name: str, raw: bytes) -> bool:
    """A file loads and has the shape its reader expects, every document included: a file
    that would be set aside as damaged on the next read must not replace a good one."""
    if is_content_path(name):
        return content_intact(name, raw)
    if name.endswith(".jsonl"):
        return True  # a use log is read line by line and skips a damaged line itself
    value = orjson.loads(raw)
    if name.rsplit("/", 1)[-1] == LAYOUT:  # a collection's shard count, not a table
        return isinstance(value, dict)
    if not is_tables(value):
        return False
    collection = folder.collections().get(name.split("/", 1)[0].removesuffix(".json"))
    check = collection.check if collection is not None else None
    return check is None or all(check(k, d) for t in value.values() for k, d in t.items())


def read_backup(folder: DataFolder, source: Path) -> dict[str, bytes]:
    """Every file of a backup (relative name → bytes), checked; InvalidInput otherwise."""
    try:
        if not source.is_file():
            raise _refuse(source, "不是普通文件")
        with zipfile.ZipFile(source) as zf:
            files: dict[str, bytes] = {}
            for info in _check_members(zf, source):
                with zf.open(info) as member:
                    data = member.read(info.file_size + 1)  # never more than it declares
                if not _fits(folder, info.filename, data):
                    what = _short(info.filename)
                    raise InvalidInput(
                        f"{source.name} 已损坏，无法恢复：{what} 不是本程序的数据文件"
                    )
                files[info.filename] = data
    except KefuError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, orjson.JSONDecodeError) as exc:
        raise InvalidInput(f"{source.name} 已损坏，无法恢复：{first_line(exc)}") from exc
    except (NotImplementedError, RuntimeError) as exc:  # an unknown method, encryption
        raise _refuse(source, f"不支持的压缩方式（{first_line(exc)}）") from exc
    except OSError as exc:
        raise InvalidInput(f"无法读取备份 {source}（{exc.strerror or exc}）") from exc
    return files
