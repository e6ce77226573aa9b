"""`kefu shop` and `kefu render`: shop values and fill-ins, a missing fill-in refused."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import kefu_json, run_kefu, snapshot


def test_shop_shows_sets_and_keeps_values(seeded_dir: Path) -> None:
    assert kefu_json(seeded_dir, "shop") == {"店铺": "", "客服": "", "活动": "", "发货时间": ""}
    result = run_kefu(
        seeded_dir,
        "shop",
        "--set",
        "活动=满200减20，两件包邮",
        "--set",
        "shop=小白鞋屋",
        "--set",
        "客服=小美",
    )
    assert result.returncode == 0, result.stderr
    assert "满200减20，两件包邮" in result.stdout
    assert kefu_json(seeded_dir, "shop") == {
        "店铺": "小白鞋屋",
        "客服": "小美",
        "活动": "满200减20，两件包邮",
        "发货时间": "",
    }
    plain = run_kefu(seeded_dir, "shop")
    assert "发货时间：（未设置）" in plain.stdout


def test_render_fills_shop_values_and_fill_ins(seeded_dir: Path) -> None:
    assert (
        run_kefu(
            seeded_dir,
            "shop",
            "--set",
            "活动=满200减20",
            "--set",
            "店铺=小白鞋屋",
            "--set",
            "发货时间=16:00",
        ).returncode
        == 0
    )
    added = run_kefu(
        seeded_dir,
        "add",
        "{昵称}，{店铺}现在{活动}，{?尺码}码有货，{?颜色:白}色{发货时间}前拍今天发。{{暗号}}",
        "--code",
        "hd1",
    )
    assert added.returncode == 0, added.stderr
    before = snapshot(seeded_dir)
    result = run_kefu(seeded_dir, "render", "hd1", "--set", "尺码=39")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "亲，小白鞋屋现在满200减20，39码有货，白色16:00前拍今天发。{暗号}\n"
    with_colour = kefu_json(seeded_dir, "render", "HD1", "--set", "尺码=40", "--set", "颜色=黑")
    assert with_colour == {
        "text": "亲，小白鞋屋现在满200减20，40码有货，黑色16:00前拍今天发。{暗号}"
    }
    by_id = run_kefu(seeded_dir, "render", added.stdout.strip(), "--set", "尺码=38")
    assert by_id.returncode == 0
    assert by_id.stdout.startswith("亲，小白鞋屋")
    # Rendering records no use and writes nothing.
    assert snapshot(seeded_dir) == before
    assert kefu_json(seeded_dir, "show", "hd1")["use_count"] == 0


def test_render_with_a_missing_fill_in_exits_2_naming_it(seeded_dir: Path) -> None:
    run_kefu(seeded_dir, "add", "亲，{?尺码}码和{?颜色}色都有", "--code", "yh9")
    result = run_kefu(seeded_dir, "render", "yh9", "--set", "颜色=白")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "尺码" in lines[0]
    assert "颜色" not in lines[0]


def test_a_built_in_phrase_with_a_default_renders_without_set(seeded_dir: Path) -> None:
    result = run_kefu(seeded_dir, "render", "th5")
    assert result.returncode == 0, result.stderr
    assert "3个工作日" in result.stdout


def test_fill_in_values_are_not_expanded(seeded_dir: Path) -> None:
    run_kefu(seeded_dir, "add", "亲，{?尺码}码", "--code", "zz1")
    result = run_kefu(seeded_dir, "render", "zz1", "--set", "尺码={昵称}{0.__class__}=x")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "亲，{昵称}{0.__class__}=x码\n"
