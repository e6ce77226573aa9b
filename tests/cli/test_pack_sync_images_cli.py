"""`kefu pack publish|subscribe|sync` with images (issue 16), each a real `kefu` process,
through a shared folder and a real WebDAV server on 127.0.0.1: the images arrive beside the
pack, and a spoiled image on the source is refused in one line with the library unchanged."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.core.sync.secrets import ENV_PASSWORD
from tests.core.packs.image_kit import jpeg, png
from tests.core.sync import keyring_backend
from tests.core.sync.servers import PASSWORD, USER, DavServer, webdav_server
from tests.helpers import kefu_env, run_kefu, snapshot


@pytest.fixture(scope="module")
def dav_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DavServer]:
    with webdav_server(tmp_path_factory.mktemp("dav-images")) as server:
        yield server


class Place:
    """Where the team publishes: ``spec`` for the command line, ``disk`` behind it."""

    def __init__(self, spec: str, disk: Path, user: str | None) -> None:
        self.spec, self.disk, self.user = spec, disk, user

    def args(self) -> list[str]:
        return ["--user", self.user] if self.user else []


@pytest.fixture(params=["folder", "webdav"])
def place(request: pytest.FixtureRequest, tmp_path: Path) -> Place:
    if request.param == "folder":
        folder = tmp_path / "共享文件夹"
        folder.mkdir()
        return Place(str(folder), folder, None)
    server: DavServer = request.getfixturevalue("dav_server")
    name = uuid.uuid4().hex[:12]
    (server.folder / name).mkdir()
    return Place(server.url + name + "/", server.folder / name, USER)


def _kefu(tmp_path: Path, data: Path, *args: str) -> Any:
    env = kefu_env(
        PYTHON_KEYRING_BACKEND=keyring_backend.NAME,  # never the real keyring
        **{keyring_backend.ENV_FILE: str(tmp_path / "keyring.json"), ENV_PASSWORD: PASSWORD},
    )
    return run_kefu(None, "--data-dir", str(data), *args, env=env)


def _ok(tmp_path: Path, data: Path, *args: str) -> Any:
    done = _kefu(tmp_path, data, *args)
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done


def _library(data: Path) -> dict[str, bytes]:
    return {
        k: v
        for k, v in snapshot(data).items()
        if k.startswith(("phrases/", "images/")) and not k.endswith(".lock")
    }


@pytest.fixture
def published(tmp_path: Path, place: Place) -> tuple[Path, Path, str, str]:
    """The lead publishes 尺码包 (a phrase with a size chart and a photo); the agent B
    subscribes. Returns A, B, the pack id and the phrase id."""
    a, b = tmp_path / "A", tmp_path / "B"
    (tmp_path / "尺码表.png").write_bytes(png("red"))
    (tmp_path / "细节.jpg").write_bytes(jpeg("blue"))
    pack = _ok(tmp_path, a, "pack", "new", "尺码包", "--json")
    pack_id = json.loads(pack.stdout)["id"]
    phrase = _ok(
        tmp_path,
        a,
        "add",
        "亲，这是尺码表和细节图",
        "--title",
        "尺码表",
        "--pack",
        pack_id,
        "--image",
        str(tmp_path / "尺码表.png"),
        "--image",
        str(tmp_path / "细节.jpg"),
        "--json",
    )
    phrase_id = json.loads(phrase.stdout)["id"]
    done = _ok(tmp_path, a, "pack", "publish", pack_id, "--to", place.spec, *place.args())
    assert "上传图片 2 张" in done.stdout
    return a, b, pack_id, phrase_id


def test_a_subscriber_receives_the_images_of_a_pack(
    tmp_path: Path, place: Place, published: tuple[Path, Path, str, str]
) -> None:
    a, b, pack_id, phrase_id = published

    done = _ok(tmp_path, b, "pack", "subscribe", place.spec, *place.args())

    assert "下载图片 2 张" in done.stdout
    shown = json.loads(_ok(tmp_path, b, "show", phrase_id, "--json").stdout)
    mine = json.loads(_ok(tmp_path, a, "show", phrase_id, "--json").stdout)
    assert [(i["sha256"], i["message"]) for i in shown["images"]] == [
        (i["sha256"], i["message"]) for i in mine["images"]
    ]
    assert not any(i["missing"] for i in shown["images"])
    files = sorted((place.disk / pack_id / "images").iterdir())
    assert {f.stem for f in files} == {i["sha256"] for i in mine["images"]}
    again = _ok(tmp_path, b, "pack", "sync")  # nothing new: nothing downloaded
    assert "下载图片" not in again.stdout


def test_a_spoiled_image_on_the_source_is_refused_in_one_line(
    tmp_path: Path, place: Place, published: tuple[Path, Path, str, str]
) -> None:
    a, b, pack_id, phrase_id = published
    _ok(tmp_path, b, "pack", "subscribe", place.spec, *place.args())
    (tmp_path / "新图.png").write_bytes(png("purple"))
    _ok(tmp_path, a, "edit", phrase_id, "--image", str(tmp_path / "新图.png"))
    _ok(tmp_path, a, "pack", "publish", pack_id, "--to", place.spec, *place.args())
    shown = json.loads(_ok(tmp_path, a, "show", phrase_id, "--json").stdout)
    [digest] = [i["sha256"] for i in shown["images"] if i["name"] == "新图.png"]
    new = place.disk / pack_id / "images" / f"{digest}.png"
    new.write_bytes(b"\x89PNG\r\n\x1a\n not really")  # a hostile server's bytes for that name
    before = _library(b)

    done = _kefu(tmp_path, b, "pack", "sync")

    assert done.returncode == 1 and "Traceback" not in done.stderr
    [line] = [x for x in done.stderr.splitlines() if "新图.png" in x]
    assert "sha256 不符" in line and "本地短语未改动" in line
    assert _library(b) == before
