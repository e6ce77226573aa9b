"""What an order import will change, or changed: the text the buyers window shows.

The texts are looked up under the context "ImportReport"; the reason a line was skipped is
core's error text and stays as core wrote it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from assistant.core.buyers.orders import ImportReport

SHOWN_SKIPPED = 20  # lines listed; the count says how many there are in all


def report_text(report: ImportReport) -> str:
    lines = [
        QCoreApplication.translate(
            "ImportReport", "读取 {0} 行；计入已付款订单 {1} 笔，未付款 {2} 笔，已导入过 {3} 笔"
        ).format(report.rows, report.orders_counted, report.unpaid, report.duplicates),
        QCoreApplication.translate(
            "ImportReport",
            "新建买家 {0} 位，更新 {1} 位，新标记回头客 {2} 位，移入「成交买家」{3} 位",
        ).format(report.buyers_created, report.buyers_updated, report.tagged, report.moved),
    ]
    if report.skipped:
        lines.append(
            QCoreApplication.translate("ImportReport", "跳过 {0} 行：").format(len(report.skipped))
        )
        lines += [
            QCoreApplication.translate("ImportReport", "  第 {0} 行：{1}").format(line, why)
            for line, why in report.skipped[:SHOWN_SKIPPED]
        ]
    return "\n".join(lines)
