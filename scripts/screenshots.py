"""Render each window with sample data to PNG files for the README.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [OUT_DIR] [--lang en]

Uses a temporary data folder: the user's own data is never touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QPoint
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from assistant.core.sync.service import PackSync
from assistant.core.workspace import open_workspace
from assistant.ui.app import KefuApp
from assistant.ui.buyers.buyer_manager import BuyerManager
from assistant.ui.i18n import install_translator
from assistant.ui.packs.packs_window import PacksWindow
from assistant.ui.phrases.phrase_editor import PhraseEditor
from assistant.ui.phrases.phrase_manager import PhraseManager
from assistant.ui.phrases.stats_window import StatsWindow
from assistant.ui.settings_dialog import SettingsDialog
from assistant.ui.system.hotkey import FakeHotkey
from assistant.ui.tray_menu import fill_menu


class NoKeys:
    def send_paste(self) -> None:  # screenshots never paste
        pass


def sample_data(ws) -> None:  # type: ignore[no-untyped-def]
    ws.shop.update({"店铺": "小美鞋铺", "客服": "小美", "活动": "满200减20", "发货时间": "16:00"})
    ws.buyers.scheme.add_subgroup(8, "A", "老客户")
    ws.buyers.add(
        "张小花",
        remark="张姐",
        subgroup="8A",
        tags=["价格敏感", "回头客"],
        notes="脚偏宽，喜欢软底",
        attributes={"尺码": "38"},
    )
    ws.buyers.promise("张小花", "白色38码到货后通知她", "2026-12-01")
    ws.buyers.add("tb_li1988", remark="李先生", group=3, tags=["急购", "送礼"])
    ws.buyers.add("小王同学", group=9, tags=["信任型"])
    for code in ("cf1", "cf1", "th1", "wh1"):
        ws.phrases.record_use(ws.phrases.resolve(code).id, buyer="张小花")
    ws.phrases.edit("cf2", favourite=True)


def save(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(path)


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    lang = "en" if "--lang" in sys.argv and sys.argv[-1] == "en" else "zh_CN"
    out = Path(args[0] if args else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    suffix = "" if lang == "zh_CN" else "-en"
    app = QApplication(sys.argv[:1])
    install_translator(app, lang)
    with tempfile.TemporaryDirectory() as tmp:
        ws = open_workspace(Path(tmp) / "data")
        sample_data(ws)
        kefu = KefuApp(ws, hotkey_factory=FakeHotkey, key_sender=NoKeys(), use_tray=False)
        QGuiApplication.clipboard().setText("张小花")
        panel = kefu.panel
        panel.open_near_pointer()
        panel.search.setText("cf")
        app.processEvents()
        save(panel, out / f"quick-panel{suffix}.png")
        panel.search.setText("tuihuo")
        app.processEvents()
        save(panel, out / f"quick-panel-pinyin{suffix}.png")
        panel.search.setText("th4")  # a phrase with a fill-in: asked inside the panel
        app.processEvents()
        panel.copy_current()
        app.processEvents()
        save(panel, out / f"fill-in{suffix}.png")
        panel.escape()
        panel.hide()
        QGuiApplication.clipboard().setText("亲 这件洗了会缩水吗 165 110斤穿多大")
        panel.open_near_pointer()  # the buyer's message: answered at once
        deadline = time.monotonic() + 30
        while not panel.question.source.ready and time.monotonic() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        app.processEvents()
        save(panel, out / f"answers{suffix}.png")
        panel.hide()
        menu = QMenu()
        fill_menu(menu, ws, kefu.actions(), "Ctrl+Alt+Space")
        menu.popup(QPoint(0, 0))
        app.processEvents()
        save(menu, out / f"tray-menu{suffix}.png")
        manager = PhraseManager(kefu.ctx)
        manager.show()
        app.processEvents()
        save(manager, out / f"phrase-manager{suffix}.png")
        editor = PhraseEditor(kefu.ctx, ws.phrases.resolve("cf1"))
        editor.show()
        save(editor, out / f"phrase-editor{suffix}.png")
        buyers = BuyerManager(kefu.ctx)
        buyers.show()
        buyers.focus_account("张小花")
        app.processEvents()
        save(buyers, out / f"buyer-manager{suffix}.png")
        share = Path(tmp) / "share"
        share.mkdir()
        lead = open_workspace(Path(tmp) / "lead")
        pack = lead.phrases.packs.create("双十一话术", author="组长")
        lead.phrases.add(
            "亲，双十一当天{活动}，零点开抢哦",
            title="双十一活动",
            group="活动",
            code="s11",
            pack=pack.id,
        )
        PackSync(lead.phrases).publish(pack.id, str(share))
        PackSync(ws.phrases).subscribe(str(share))
        packs = PacksWindow(kefu.ctx)
        packs.show()
        app.processEvents()
        save(packs, out / f"packs{suffix}.png")
        stats = StatsWindow(kefu.ctx)
        stats.show()
        app.processEvents()
        save(stats, out / f"stats{suffix}.png")
        settings = SettingsDialog(kefu.ctx)
        settings.show()
        save(settings, out / f"settings{suffix}.png")
        if kefu.main_window is not None:
            save(kefu.main_window, out / f"main-window{suffix}.png")
        kefu.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
