"""The images of a synced pack: immutable files named by their sha256 beside its versions
(``<pack id>/images/<sha256>.<ext>`` on the source).

A publisher uploads the images the source lacks; a subscriber downloads only those its own
image store lacks. The source may be hostile (wrong bytes for a name, a huge file, a
non-image, a server that never ends its answer), so the number and total size of the images
are capped, and every download is checked with ``accept_image`` before anything is stored.
The images are stored only when every one a pack needs is there and acceptable, and before
the phrases that use them are applied: a failure leaves the library as it was, and a kill
between the two leaves images nothing uses (removed by the next clean-up).
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.core.errors import KefuError
from assistant.core.images.reading import PreparedImage, accept_image
from assistant.core.images.store import ImageStore
from assistant.core.packs.pack_images import (
    MAX_PACK_IMAGE_BYTES,
    MAX_PACK_IMAGES,
    carried_files,
    image_label,
    store_all,
)
from assistant.core.phrases.model import PhraseImage
from assistant.core.store.content_files import content_name
from assistant.core.sync.merge import Alternatives
from assistant.core.sync.sources import PackSource, SyncError
from assistant.core.sync.versions import Content

_NOT_SYNCED = "本次没有同步这个短语包，本地短语未改动"


@dataclass(frozen=True, slots=True)
class _Need:
    title: str  # of a phrase that uses the image, for messages
    image: PhraseImage


def _needed(content: Content, alternatives: Alternatives) -> dict[str, _Need]:
    """Every image the content (and the texts kept for a person to choose) uses."""
    out: dict[str, _Need] = {}
    every = [*content.values(), *(f for alts in alternatives.values() for f in alts)]
    for fields in every:
        for image in fields.images:
            out.setdefault(image.sha256, _Need(fields.title, image))
    return out


def fetch_images(
    store: ImageStore,
    source: PackSource,
    pack_id: str,
    content: Content,
    alternatives: Alternatives,
    *,
    publishing: bool = False,
) -> int:
    """Download, check and store the images ``content`` uses that ``store`` lacks (all of
    them or none); how many were stored. SyncError naming the phrase and the image.

    ``publishing``: an image the source lacks too is left for the publication to report
    (it is the publisher's own, gone from its data folder)."""
    lacking = {sha: n for sha, n in _needed(content, alternatives).items() if not store.find(sha)}
    if not lacking:
        return 0
    if len(lacking) > MAX_PACK_IMAGES:
        raise SyncError(
            f"短语包 {pack_id} 需要下载 {len(lacking)} 张图片，"
            f"一个短语包最多 {MAX_PACK_IMAGES} 张；{_NOT_SYNCED}"
        )
    published = {sha: n for n in source.image_names(pack_id) if (sha := content_name(n))}
    checked: list[PreparedImage] = []
    total = 0
    for sha, need in sorted(lacking.items()):
        what = f"短语「{need.title[:20]}」的{image_label(need.image)}"
        name = published.get(sha)
        if name is None and publishing:
            continue
        if name is None:
            raise SyncError(f"{what}不在源上；{_NOT_SYNCED}（请让发布者重新发布）")
        try:
            data = source.read_image(pack_id, name)
        except SyncError as exc:  # too big, too slow, gone: said with the phrase it is for
            raise SyncError(f"{what}：{exc}；{_NOT_SYNCED}") from exc
        total += len(data)
        if total > MAX_PACK_IMAGE_BYTES:
            raise SyncError(
                f"短语包 {pack_id} 的图片超过 {MAX_PACK_IMAGE_BYTES // 1024 // 1024} MB；"
                f"{_NOT_SYNCED}"
            )
        try:
            checked.append(accept_image(data, sha, what))
        except KefuError as exc:
            raise SyncError(f"{exc}；{_NOT_SYNCED}") from None
    store_all(store, checked)
    return len(checked)


def publish_images(store: ImageStore, source: PackSource, pack_id: str, content: Content) -> int:
    """Upload the images ``content`` uses that the source lacks (before the version that
    names them is written); how many were uploaded."""
    files = carried_files(
        store, ((f.title, f.images) for f in content.values()), f"短语包 {pack_id}"
    )
    if not files:
        return 0
    present = set(source.image_names(pack_id))
    sent = 0
    for sha, (data, ext) in sorted(files.items()):
        name = f"{sha}.{ext}"
        if name not in present:
            source.write_image(pack_id, name, data)
            sent += 1
    return sent
