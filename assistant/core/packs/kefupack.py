""".kefupack files: a zip holding ``pack.json`` (a pack JSON, or a list of them, without
embedded images) and the images its phrases use, ``images/<sha256>.<ext>``.

A .kefupack comes from other people, so it is read as a backup is (store/archive.py): the
members are counted and their declared sizes and compression ratios checked before anything
is inflated, only those two kinds of names are allowed (so no path can leave the archive),
and no member is read beyond the size it declares. The images are checked as images later,
with every other image a pack carries (pack_images.check_images).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from assistant.core.errors import InvalidInput, KefuError
from assistant.core.images.reading import MAX_BYTES
from assistant.core.packs.pack_format import MAX_PACK_BYTES
from assistant.core.packs.pack_images import MAX_PACK_IMAGE_BYTES, MAX_PACK_IMAGES
from assistant.core.store.archive import MAX_RATIO, RATIO_FROM_BYTES, first_line
from assistant.core.store.content_files import CONTENT_FOLDER, content_name, is_content_path

SUFFIX = ".kefupack"
PACK_MEMBER = "pack.json"
MAX_KEFUPACK_BYTES = MAX_PACK_BYTES + MAX_PACK_IMAGE_BYTES + 4 * 1024 * 1024  # zip overhead
_EPOCH = (1980, 1, 1, 0, 0, 0)  # members dated alike: the same pack gives the same bytes


def kefupack_bytes(pack_json: bytes, images: dict[str, tuple[bytes, str]]) -> bytes:
    """The zip: ``pack.json`` deflated, then each image (sha256 → bytes, extension) stored
    as it is (images are compressed already)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(zipfile.ZipInfo(PACK_MEMBER, _EPOCH), pack_json, zipfile.ZIP_DEFLATED)
        for sha, (data, ext) in sorted(images.items()):
            info = zipfile.ZipInfo(f"{CONTENT_FOLDER}/{sha}.{ext}", _EPOCH)
            zf.writestr(info, data, zipfile.ZIP_STORED)
    return out.getvalue()


def _refuse(name: str, why: str) -> InvalidInput:
    return InvalidInput(f"{name} 不能导入：{why}，资料库未改动")


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _check_members(zf: zipfile.ZipFile, name: str) -> list[zipfile.ZipInfo]:
    infos = [i for i in zf.infolist() if i.filename != f"{CONTENT_FOLDER}/"]
    if len(infos) > MAX_PACK_IMAGES + 1:
        raise _refuse(name, f"含有 {len(infos):,} 个文件（最多 {MAX_PACK_IMAGES} 张图片）")
    if len({i.filename for i in infos}) != len(infos):
        raise _refuse(name, "同一个文件出现了两次")
    shas = [content_name(i.filename.rpartition("/")[2]) for i in infos]
    if len({s for s in shas if s}) != sum(1 for s in shas if s):
        raise _refuse(name, "同一张图片出现了两次")
    total = 0
    for info in infos:
        member = info.filename
        is_pack = member == PACK_MEMBER
        if info.is_dir() or not (is_pack or is_content_path(member)):
            raise _refuse(
                name,
                f"含有不允许的文件 {_short(member)}（只能有 {PACK_MEMBER} 和 images/ 中的图片）",
            )
        limit = MAX_PACK_BYTES if is_pack else MAX_BYTES
        if info.file_size > limit:
            raise _refuse(
                name, f"{_short(member)} 解压后 {info.file_size:,} 字节（上限 {limit:,}）"
            )
        if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise _refuse(name, f"{_short(member)} 的压缩比超过 {MAX_RATIO}:1（疑似解压炸弹）")
        if not is_pack:
            total += info.file_size
    if total > MAX_PACK_IMAGE_BYTES:
        raise _refuse(name, f"图片解压后共 {total:,} 字节（上限 {MAX_PACK_IMAGE_BYTES:,}）")
    if PACK_MEMBER not in {i.filename for i in infos}:
        raise _refuse(name, f"缺少 {PACK_MEMBER}")
    return infos


def read_kefupack(path: Path) -> tuple[bytes, dict[str, bytes]]:
    """``pack.json``'s bytes and the images (sha256 → bytes, not yet checked as images)."""
    name = path.name
    try:
        if not path.is_file():
            raise _refuse(name, "不是普通文件")
        size = path.stat().st_size
        if size > MAX_KEFUPACK_BYTES:
            raise InvalidInput(f"{name} 太大：{size} 字节，上限 {MAX_KEFUPACK_BYTES} 字节")
        with zipfile.ZipFile(path) as zf:
            pack = b""
            images: dict[str, bytes] = {}
            for info in _check_members(zf, name):
                with zf.open(info) as member:
                    data = member.read(info.file_size + 1)  # never more than it declares
                if len(data) != info.file_size:
                    raise _refuse(name, f"{_short(info.filename)} 的大小与声明的不符")
                sha = content_name(info.filename.rpartition("/")[2])
                if sha is None:
                    pack = data
                else:
                    images[sha] = data
    except KefuError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InvalidInput(f"{name} 已损坏，无法导入：{first_line(exc)}") from exc
    except (NotImplementedError, RuntimeError) as exc:  # an unknown method, encryption
        raise _refuse(name, f"不支持的压缩方式或已加密（{first_line(exc)}）") from exc
    except OSError as exc:
        raise InvalidInput(f"无法读取 {path}：{exc.strerror or exc}") from exc
    return pack, images
