"""`kefu pack export|import` with images (issue 16), each a real `kefu` process: a pack JSON
embedding its images, a .kefupack, a 千牛 table that says images stay behind, and a
hostile pack refused in one line with the data folder unchanged."""

from __future__ import annotations

import base64
import zipfile
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.core.packs.image_kit import jpeg, png, sha
from tests.helpers import kefu_json, run_kefu, snapshot


@pytest.fixture
def lead(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """A lead's data folder with a pack 尺码包: a phrase with a size chart and a photo."""
    data = tmp_path / "lead"
    (tmp_path / "尺码表.png").write_bytes(png("red"))
    (tmp_path / "细节.jpg").write_bytes(jpeg("blue"))
    pack = kefu_json(data, "pack", "new", "尺码包")
    phrase = kefu_json(
        data,
        "add",
        "亲，这是尺码表和细节图",
        "--title",
        "尺码表",
        "--pack",
        pack["id"],
        "--image",
        str(tmp_path / "尺码表.png"),
        "--image",
        str(tmp_path / "细节.jpg"),
    )
    return data, {"pack": pack["id"], "phrase": phrase["id"]}


def _shown_images(data: Path, phrase_id: str) -> list[tuple[str, str, int, bool]]:
    shown = kefu_json(data, "show", phrase_id)
    return [(i["name"], i["sha256"], i["message"], i["missing"]) for i in shown["images"]]


@pytest.mark.parametrize("how", [("x.json",), ("x.kefupack",), ("x", "--format", "kefupack")])
def test_a_pack_and_its_images_go_from_one_agent_to_another(
    lead: tuple[Path, dict[str, Any]], tmp_path: Path, how: tuple[str, ...]
) -> None:
    data, ids = lead
    out = tmp_path / how[0]
    exported = kefu_json(data, "pack", "export", ids["pack"], "--out", str(out), *how[1:])
    agent = tmp_path / "agent"

    imported = kefu_json(agent, "pack", "import", exported["file"])

    assert exported["images"] == 2 and exported["file"].endswith((".json", ".kefupack"))
    assert imported["counts"]["added"] == 1 and imported["images"] == 2
    shown = _shown_images(agent, ids["phrase"])
    assert shown == _shown_images(data, ids["phrase"])
    assert [s[2] for s in shown] == [2, 3] and not any(s[3] for s in shown)
    text = run_kefu(agent, "pack", "import", exported["file"])  # again: nothing new
    assert text.returncode == 0 and "未变 1 条" in text.stdout and "新图片" not in text.stdout


def test_export_without_images_writes_only_their_hashes(
    lead: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    data, ids = lead
    out = tmp_path / "refs.json"
    kefu_json(data, "pack", "export", ids["pack"], "--out", str(out), "--no-images")
    doc = orjson.loads(out.read_bytes())
    agent = tmp_path / "agent"
    run_kefu(agent, "list")  # as after a first run
    before = snapshot(agent)

    done = run_kefu(agent, "pack", "import", str(out))

    assert "images" not in doc and len(doc["phrases"][0]["images"]) == 2
    assert done.returncode == 2, (done.stdout, done.stderr)
    [line] = done.stderr.strip().splitlines()
    assert "「尺码表」的图片「尺码表.png」" in line and "既不在文件里" in line
    assert snapshot(agent) == before


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_table_export_warns_on_stderr_that_images_do_not_travel(
    lead: tuple[Path, dict[str, Any]], tmp_path: Path, suffix: str
) -> None:
    data, ids = lead
    out = tmp_path / f"千牛{suffix}"

    done = run_kefu(data, "pack", "export", ids["pack"], "--out", str(out))

    assert done.returncode == 0, done.stderr
    assert "已导出 1 个短语包共 1 条短语" in done.stdout
    [line] = [x for x in done.stderr.splitlines() if "图片" in x]
    assert "1 条短语带有图片" in line and "「尺码表」" in line and "图片没有导出" in line
    assert out.is_file()


def test_a_json_with_a_wrong_image_is_refused_in_one_line(
    lead: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    data, ids = lead
    out = tmp_path / "pack.json"
    kefu_json(data, "pack", "export", ids["pack"], "--out", str(out))
    doc = orjson.loads(out.read_bytes())
    [first, _] = doc["phrases"][0]["images"]
    doc["images"][first["sha256"]] = base64.b64encode(png("black")).decode()  # swapped bytes
    out.write_bytes(orjson.dumps(doc))
    agent = tmp_path / "agent"
    run_kefu(agent, "list")
    before = snapshot(agent)

    done = run_kefu(agent, "pack", "import", str(out))

    assert done.returncode == 2 and "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("错误：") and "sha256 不符" in line and "「尺码表」" in line
    assert snapshot(agent) == before


def test_a_kefupack_reaching_out_of_its_folder_is_refused(tmp_path: Path) -> None:
    image = png("red")
    pack = {
        "format": "kefu-phrase-pack",
        "format_version": 1,
        "id": "evil",
        "name": "恶意",
        "phrases": [
            {"id": "e1", "text": "亲", "images": [{"sha256": sha(image), "name": "a", "at": 1}]}
        ],
    }
    path = tmp_path / "evil.kefupack"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("pack.json", orjson.dumps(pack))
        zf.writestr(f"images/../../{sha(image)}.png", image)
    agent = tmp_path / "agent"
    run_kefu(agent, "list")
    before = snapshot(agent)

    done = run_kefu(agent, "pack", "import", str(path), "--skip-bad")

    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert "不允许的文件" in line and "资料库未改动" in line
    assert snapshot(agent) == before
    assert not list(tmp_path.glob("*.png"))
