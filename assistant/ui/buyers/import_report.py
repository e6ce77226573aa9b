"""What an order import will change, or changed: the text the buyers window shows."""

from __future__ import annotations

from assistant.core.buyers.orders import ImportReport


def report_text(report: ImportReport) -> str:
    lines = [
        f"读取 {report.rows} 行；计入已付款订单 {report.orders_counted} 笔，"
        f"未付款 {report.unpaid} 笔，已导入过 {report.duplicates} 笔",
        f"新建买家 {report.buyers_created} 位，更新 {report.buyers_updated} 位，"
        f"新标记回头客 {report.tagged} 位，移入「成交买家」{report.moved} 位",
    ]
    if report.skipped:
        lines.append(f"跳过 {len(report.skipped)} 行：")
        lines += [f"  第 {line} 行：{why}" for line, why in report.skipped[:20]]
    return "\n".join(lines)
