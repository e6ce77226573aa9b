"""Import and export of phrase files from the windows: preview first, then apply."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from assistant.core.changes import Changed
from assistant.core.errors import KefuError
from assistant.core.packs.export import export_packs
from assistant.core.packs.importer import import_file
from assistant.core.packs.report import ImportRefused, ImportReport
from assistant.ui.context import UiContext

ACTION_NAMES = {"added": "新增", "updated": "更新", "unchanged": "未变", "skipped": "跳过"}


def summary(report: ImportReport) -> str:
    counts = "，".join(f"{ACTION_NAMES[a]} {report.count(a)} 条" for a in ACTION_NAMES)
    lines = [counts]
    for r in report.bad[:15]:
        lines.append(f"{r.where}：{r.reason}")
    if len(report.bad) > 15:
        lines.append(f"…另有 {len(report.bad) - 15} 行有问题")
    return "\n".join(lines)


def import_with_preview(parent: QWidget, ctx: UiContext, into: str | None = None) -> None:
    name, _ = QFileDialog.getOpenFileName(
        parent,
        parent.tr("导入短语"),
        "",
        parent.tr("短语文件 (*.json *.csv *.xlsx *.txt)"),
    )
    if not name:
        return
    library = ctx.ws.phrases
    path = Path(name)
    skip_bad = False
    try:
        preview = import_file(library, path, into=into, dry_run=True)
    except ImportRefused as refused:
        answer = QMessageBox.question(
            parent,
            parent.tr("导入短语"),
            parent.tr("文件里有问题的行：\n{0}\n\n跳过这些行，导入其余的吗？").format(
                summary(refused.report)
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        skip_bad = True
        preview = refused.report
    except KefuError as exc:
        QMessageBox.warning(parent, parent.tr("导入短语"), str(exc))
        return
    answer = QMessageBox.question(
        parent,
        parent.tr("导入短语"),
        parent.tr("将要导入：\n{0}\n\n确定吗？").format(summary(preview)),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    report = ctx.run(
        parent,
        lambda: import_file(library, path, into=into, skip_bad=skip_bad),
        changes=Changed.PHRASES | Changed.PACKS,
    )
    if report is not None:
        QMessageBox.information(parent, parent.tr("导入完成"), summary(report))


def export_dialog(parent: QWidget, ctx: UiContext, pack_ref: str | None) -> None:
    name, _ = QFileDialog.getSaveFileName(
        parent,
        parent.tr("导出短语"),
        "短语.xlsx",
        parent.tr("Excel (*.xlsx);;CSV (*.csv);;短语包 JSON (*.json)"),
    )
    if not name:
        return
    result = ctx.run(
        parent, lambda: export_packs(ctx.ws.phrases, pack_ref, Path(name)), changes=Changed.NONE
    )
    if result is not None:
        QMessageBox.information(
            parent,
            parent.tr("导出完成"),
            parent.tr("已导出 {0} 条短语到 {1}").format(result.phrases, name),
        )
