"""Import and export of phrase files from the windows: preview first, then apply.

Reading a 10,000-row XLSX takes seconds: the dry run, the import and the export run in the
background (ui/tasks.py) and a small dialog says what is happening meanwhile.

Texts are looked up under the context "PackFiles", not with ``parent.tr``: lupdate files
those under "parent", while at run time ``tr`` looks under the parent's class (PacksWindow,
PhraseManager), so the English translation never reached these dialogs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from assistant.core.changes import Changed
from assistant.core.packs.export import ExportResult, export_packs
from assistant.core.packs.importer import import_file
from assistant.core.packs.report import ImportRefused, ImportReport
from assistant.core.workspace import Workspace
from assistant.ui.context import UiContext
from assistant.ui.names import listing, with_value
from assistant.ui.tasks import BackgroundTask, Progress, run_in_background
from assistant.ui.widgets.file_dialogs import PHRASE_FILES, open_file, save_file

SHOWN_BAD = 15  # rows with problems listed; the last line says how many more there are


def summary(report: ImportReport) -> str:
    """The counts, then the rows with problems: where (core's 第 3 行) and why (core's text)."""
    lines = [
        QCoreApplication.translate(
            "PackFiles", "新增 {0} 条，更新 {1} 条，未变 {2} 条，跳过 {3} 条"
        ).format(*(report.count(a) for a in ("added", "updated", "unchanged", "skipped")))
    ]
    for r in report.bad[:SHOWN_BAD]:
        lines.append(with_value(r.where, r.reason))
    if len(report.bad) > SHOWN_BAD:
        lines.append(
            QCoreApplication.translate("PackFiles", "…另有 {0} 行有问题").format(
                len(report.bad) - SHOWN_BAD
            )
        )
    return "\n".join(lines)


def import_with_preview(parent: QWidget, ctx: UiContext, into: str | None = None) -> None:
    path = open_file(
        parent,
        ctx.ws,
        PHRASE_FILES,
        QCoreApplication.translate("PackFiles", "导入短语"),
        QCoreApplication.translate("PackFiles", "短语文件 (*.json *.kefupack *.csv *.xlsx *.txt)"),
    )
    if path is not None:
        preview_import(parent, ctx, path, into)


def _busy(parent: QWidget, text: str) -> QProgressDialog:
    """Says what is happening; the window stays usable (the dialog blocks nothing)."""
    dialog = QProgressDialog(text, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowTitle(QCoreApplication.translate("PackFiles", "导入短语"))
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.setMinimumDuration(0)
    dialog.show()
    return dialog


def preview_import(
    parent: QWidget, ctx: UiContext, path: Path, into: str | None = None
) -> BackgroundTask:
    """Read the file in the background (a dry run), ask, then import in the background."""
    busy = _busy(parent, QCoreApplication.translate("PackFiles", "正在读取 {0}…").format(path.name))

    def dry_run(ws: Workspace, _progress: Progress) -> tuple[ImportReport, bool]:
        try:
            return import_file(ws.phrases, path, into=into, dry_run=True), False
        except ImportRefused as refused:  # bad rows: the user may skip them
            return refused.report, True

    def confirm(previewed: tuple[ImportReport, bool]) -> None:
        # One question: with bad rows, skipping them is what a Yes does (asking "skip them?"
        # and then "import?" asked the same thing twice).
        preview, has_bad = previewed
        if has_bad:
            question = QCoreApplication.translate(
                "PackFiles", "文件里有问题的行：\n{0}\n\n跳过这些行，导入其余的吗？"
            )
        else:
            question = QCoreApplication.translate("PackFiles", "将要导入：\n{0}\n\n确定吗？")
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("PackFiles", "导入短语"),
            question.format(summary(preview)),
        )
        if answer == QMessageBox.StandardButton.Yes:
            apply_import(parent, ctx, path, into, skip_bad=has_bad)

    return run_in_background(
        ctx,
        parent,
        dry_run,
        changes=Changed.NONE,
        done=confirm,
        after=busy.close,
        title=QCoreApplication.translate("PackFiles", "导入短语"),
    )


def apply_import(
    parent: QWidget, ctx: UiContext, path: Path, into: str | None, *, skip_bad: bool
) -> BackgroundTask:
    busy = _busy(parent, QCoreApplication.translate("PackFiles", "正在导入 {0}…").format(path.name))
    return run_in_background(
        ctx,
        parent,
        lambda ws, _progress: import_file(ws.phrases, path, into=into, skip_bad=skip_bad),
        changes=Changed.PHRASES | Changed.PACKS,
        done=lambda report: QMessageBox.information(
            parent, QCoreApplication.translate("PackFiles", "导入完成"), summary(report)
        ),
        after=busy.close,
        title=QCoreApplication.translate("PackFiles", "导入短语"),
    )


def export_dialog(parent: QWidget, ctx: UiContext, pack_ref: str | None) -> None:
    path = save_file(
        parent,
        ctx.ws,
        PHRASE_FILES,
        QCoreApplication.translate("PackFiles", "导出短语"),
        QCoreApplication.translate("PackFiles", "短语.xlsx"),
        QCoreApplication.translate(
            "PackFiles",
            "Excel (*.xlsx);;CSV (*.csv);;短语包 JSON (*.json);;短语包含图片 (*.kefupack)",
        ),
    )
    if path is None:
        return
    busy = _busy(
        parent, QCoreApplication.translate("PackFiles", "正在导出到 {0}…").format(path.name)
    )
    busy.setWindowTitle(QCoreApplication.translate("PackFiles", "导出短语"))
    run_in_background(
        ctx,
        parent,
        lambda ws, _progress: export_packs(ws.phrases, pack_ref, path),
        changes=Changed.NONE,
        done=lambda result: _exported(parent, result),
        after=busy.close,
        title=QCoreApplication.translate("PackFiles", "导出短语"),
    )


def _exported(parent: QWidget, result: ExportResult) -> None:
    title = QCoreApplication.translate("PackFiles", "导出完成")
    text = QCoreApplication.translate("PackFiles", "已导出 {0} 条短语到 {1}").format(
        result.phrases, result.path
    )
    titles = result.with_placeholders
    images = _images_left_out(result)
    if not titles:
        if images:
            QMessageBox.warning(parent, title, text + "\n\n" + images)
        else:
            QMessageBox.information(parent, title, text)
        return
    # Said, not fixed: {昵称}, {日期} or a fill-in have no value outside this app, and a shop
    # field filled in now would go stale in 千牛 when 活动 changes (see the report).
    quoted = [QCoreApplication.translate("PackFiles", "「{0}」").format(t[:20]) for t in titles[:5]]
    shown = listing(quoted) + ("…" if len(titles) > 5 else "")
    notice = QCoreApplication.translate(
        "PackFiles",
        "注意：其中 {0} 条短语含有 {{昵称}} 这类占位符（{1}）。"
        "千牛不会替换占位符，会原样发给买家；在千牛里使用前请改写这些短语。",
    ).format(len(titles), shown)
    QMessageBox.warning(parent, title, "\n\n".join(t for t in (text, notice, images) if t))


def _images_left_out(result: ExportResult) -> str:
    """A table carries text only: what was left out, or ""."""
    titles = result.with_images
    if not titles:
        return ""
    quoted = [QCoreApplication.translate("PackFiles", "「{0}」").format(t[:20]) for t in titles[:5]]
    return QCoreApplication.translate(
        "PackFiles",
        "注意：其中 {0} 条短语带有图片（{1}），表格只能保存文字，图片没有导出；"
        "要连同图片一起分享，请导出为 .json 或 .kefupack。",
    ).format(len(titles), listing(quoted) + ("…" if len(titles) > 5 else ""))
