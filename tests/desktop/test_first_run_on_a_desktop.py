"""The first start on a real desktop: the welcome window is in front with the keyboard, and
what is typed there lands in the shop profile."""

from __future__ import annotations

import json
from pathlib import Path

from tests.desktop.desktop import Desktop, kefu, start_app, wait_for

WELCOME = "欢迎使用客服快捷助手"


def test_the_welcome_window_is_in_front_and_saves_the_shop_profile(
    desk: Desktop, seeded_dir: Path
) -> None:
    start_app(desk, seeded_dir, welcome=True)
    welcome = desk.wait_window(WELCOME)
    wait_for("the welcome window to have the focus", lambda: desk.active_window() == welcome)
    desk.screenshot(desk.root / "welcome.png")
    desk.type("Xiaohua Store")
    desk.key("Return")
    desk.wait_gone(WELCOME)

    shown = kefu(desk, seeded_dir, "shop", "--json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["店铺"] == "Xiaohua Store"


def test_the_welcome_window_is_not_shown_again(desk: Desktop, seeded_dir: Path) -> None:
    done = kefu(desk, seeded_dir, "shop", "--set", "店铺=已有的店")
    assert done.returncode == 0, done.stderr
    app = start_app(desk, seeded_dir, welcome=True)
    assert not desk.windows(WELCOME)
    assert app.proc.poll() is None
