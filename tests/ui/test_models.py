"""The Qt models, tested without windows: they wrap core results and never touch storage."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from assistant.core.buyers.listing import BuyerRow
from assistant.core.phrases.model import Phrase
from assistant.core.workspace import Workspace
from assistant.ui.buyers.buyer_model import BUYER_ROLE, BuyerTableModel
from assistant.ui.phrases.phrase_manager import SortModel
from assistant.ui.phrases.phrase_model import PHRASE_ROLE, PhraseTableModel

DISPLAY = Qt.ItemDataRole.DisplayRole


def phrase(n: int, **kw: object) -> Phrase:
    values: dict[str, object] = {"id": f"p{n}", "title": f"标题{n}", "text": f"第{n}行\n第二行"}
    values.update(kw)
    return Phrase(**values)


def row_texts(model: PhraseTableModel | BuyerTableModel, row: int) -> list[object]:
    return [model.data(model.index(row, c), DISPLAY) for c in range(model.columnCount())]


def test_phrase_model_passes_the_model_tester(qtmodeltester: ModelTester, ws: Workspace) -> None:
    model = PhraseTableModel(columns=(0, 1, 2, 3, 4, 5, 6))
    model.set_rows(ws.phrases.all()[:20])
    qtmodeltester.check(model)


def test_phrase_rows_show_favourite_title_first_line_group_code(qapp: QApplication) -> None:
    model = PhraseTableModel()
    model.set_rows(
        [
            phrase(1, favourite=True, group="催付", code="cf1"),
            phrase(2, group="物流"),
        ]
    )
    assert model.rowCount() == 2 and model.columnCount() == 5
    assert row_texts(model, 0) == ["★", "标题1", "第1行", "催付", "cf1"]
    assert row_texts(model, 1) == ["", "标题2", "第2行", "物流", ""]
    assert model.data(model.index(1, 0), PHRASE_ROLE).id == "p2"
    assert model.phrase(5) is None
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children


def test_phrase_headers_number_the_rows_alt_picks(qapp: QApplication) -> None:
    model = PhraseTableModel()
    model.set_rows([phrase(n) for n in range(12)])
    vertical = [model.headerData(r, Qt.Orientation.Vertical, DISPLAY) for r in range(12)]
    assert vertical == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "", "", ""]
    horizontal = [model.headerData(c, Qt.Orientation.Horizontal, DISPLAY) for c in range(1, 5)]
    assert horizontal == ["标题", "内容", "分组", "编码"]


def test_manager_columns_include_use_count_and_last_use(qapp: QApplication) -> None:
    model = PhraseTableModel(columns=(1, 5, 6))
    model.set_rows([phrase(1, use_count=7, last_used_at="2026-05-01T09:30:12+08:00")])
    assert row_texts(model, 0) == ["标题1", 7, "2026-05-01 09:30"]
    align = model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole)
    assert align & Qt.AlignmentFlag.AlignRight


def test_sort_model_orders_use_counts_as_numbers(qapp: QApplication) -> None:
    model = PhraseTableModel(columns=(1, 5))
    model.set_rows([phrase(1, use_count=2), phrase(2, use_count=10), phrase(3, use_count=0)])
    proxy = SortModel()
    proxy.setSourceModel(model)
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 1).data() for r in range(3)] == [10, 2, 0]
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["标题1", "标题2", "标题3"]


def test_set_rows_resets_the_model(qtbot: QtBot) -> None:
    model = PhraseTableModel()
    model.set_rows([phrase(1)])
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_rows([phrase(2), phrase(3)])
    assert [p.id for p in model.rows()] == ["p2", "p3"]
    assert model.data(QModelIndex(), DISPLAY) is None


def test_buyer_model_passes_the_model_tester(qtmodeltester: ModelTester, ws: Workspace) -> None:
    ws.buyers.add("张小花", remark="张姐", group=8)
    ws.buyers.add("李大壮", platform="jd")
    model = BuyerTableModel(ws.buyers.listing.row)
    model.set_rows(ws.buyers.listing.keys(""))
    qtmodeltester.check(model)
    assert [row_texts(model, r)[:4] for r in range(2)] == [
        ["张小花", "淘宝", "8", "张姐"],
        ["李大壮", "京东", "", ""],
    ]


def test_buyer_rows(qapp: QApplication) -> None:
    shown = BuyerRow(
        key="taobao:张小花",
        account="张小花",
        platform="taobao",
        remark="张姐",
        group=8,
        subgroup="8A",
        tags=("回头客", "价格敏感"),
        order_count=3,
        total_spent=456.5,
        last_order_at="2026-04-30T20:00:00+08:00",
    )
    plain = BuyerRow("taobao:路人", "路人", "taobao", None, None, "", (), 0, 0.0, None)
    rows = {r.key: r for r in (shown, plain)}
    asked: list[str] = []

    def row_of(key: str) -> BuyerRow | None:
        asked.append(key)
        return rows.get(key)

    model = BuyerTableModel(row_of)
    model.set_rows([shown.key, plain.key, "taobao:已删除"])
    row = row_texts(model, 0)
    assert row[0] == "张小花" and row[2] == "8A" and row[3] == "张姐"
    assert row[4] == "回头客 价格敏感" and row[5] == 3 and row[6] == "456.50"
    assert row[7] == "2026-04-30"
    assert row_texts(model, 1)[2] == ""
    assert model.data(model.index(0, 0), BUYER_ROLE) is shown
    assert row_texts(model, 2) == [None] * 8  # removed since the listing: an empty row
    assert asked == [shown.key, plain.key, "taobao:已删除"]  # each row read once, then kept
    assert model.headerData(0, Qt.Orientation.Horizontal, DISPLAY) == "账号"
    assert model.headerData(0, Qt.Orientation.Vertical, DISPLAY) is None
