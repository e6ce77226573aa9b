"""What a background sync tells the agent: a team pack that changed, or a sync that failed.

Silence when nothing changed (the sync runs every few minutes all day). Shown as a tray
message, or on the app's window where there is no tray, and on the quick panel's status line
at its next opening, where the agent looks anyway.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from assistant.core.sync.subscriptions import SyncResult
from assistant.ui.names import with_value


def sync_notice(results: list[SyncResult]) -> tuple[str, str] | None:
    """(title, text) for the results of one sync, or None when there is nothing to say."""
    failed = [r for r in results if not r.ok]
    if failed:
        first = failed[0]
        more = (
            QCoreApplication.translate("SyncNotice", "（另有 {0} 个失败）").format(len(failed) - 1)
            if len(failed) > 1
            else ""
        )
        return (
            QCoreApplication.translate("SyncNotice", "短语包同步失败"),
            with_value(first.pack_name or first.pack_id, first.message) + more,
        )
    changed = [
        r
        for r in results
        if r.report is not None and (r.report.added or r.report.updated or r.report.removed)
    ]
    if not changed:
        return None
    lines = []
    for r in changed:
        assert r.report is not None
        lines.append(
            QCoreApplication.translate(
                "SyncNotice", "「{0}」已更新：新增 {1} 条，修改 {2} 条，删除 {3} 条"
            ).format(r.pack_name or r.pack_id, r.report.added, r.report.updated, r.report.removed)
        )
    return QCoreApplication.translate("SyncNotice", "团队短语包已更新"), "\n".join(lines)
