"""The background sync: every KEFU_SYNC_INTERVAL_S (5 minutes by default) the app pulls its
subscriptions in a thread; the result reaches the packs window and, on failure, the tray.
And the daily backup the app makes on its own.

Real shared folders and a real WebDAV server; the app in this process (make_app) and, once,
as its own process started the way a user starts it, which must pick up a phrase the lead
publishes while it runs.
"""

from __future__ import annotations

import contextlib
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from assistant.core.store import DataFolder
from assistant.core.store.backup import daily_backup_due, list_backups
from assistant.core.sync.service import PackSync, SyncResult
from assistant.core.system.instance import send_to_running
from assistant.core.workspace import Workspace, open_workspace
from assistant.ui.app import KefuApp
from assistant.ui.background import BackgroundJobs
from assistant.ui.packs.packs_window import PacksWindow
from assistant.ui.packs.sync_worker import ENV_INTERVAL, INTERVAL_MS, SyncWorker, interval_ms
from tests.core.sync.servers import USER, DavServer
from tests.helpers import stored_docs
from tests.ui.system.test_single_instance import START_TIMEOUT, AppProcess

WAIT_MS = 30_000


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, INTERVAL_MS),
        ("2", 2000),
        (" 1.5 ", 1500),
        ("0.01", 100),  # at least 0.1 s: a typo must not spin a sync loop
        ("0", INTERVAL_MS),
        ("-3", INTERVAL_MS),
        ("abc", INTERVAL_MS),
        ("inf", INTERVAL_MS),
        ("nan", INTERVAL_MS),
    ],
)
def test_the_interval_comes_from_the_environment_within_sane_bounds(
    raw: str | None, expected: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    if raw is None:
        monkeypatch.delenv(ENV_INTERVAL, raising=False)
    else:
        monkeypatch.setenv(ENV_INTERVAL, raw)
    assert interval_ms() == expected


@pytest.fixture
def worker(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> Iterator[SyncWorker]:
    monkeypatch.setenv(ENV_INTERVAL, "0.2")
    made = SyncWorker(ws.path)
    yield made
    made.stop()
    # A sync the interval started may still run: deleting the worker under it would make its
    # thread's finished.emit fail ("Signal source has been deleted") during a later test.
    for thread in threading.enumerate():
        if thread.name == "kefu-sync":
            thread.join(WAIT_MS / 1000)
    made.deleteLater()


def test_the_worker_syncs_at_start_and_again_on_its_interval(
    ws: Workspace,
    worker: SyncWorker,
    shared: Path,
    publish: Callable[..., str],
    qtbot: QtBot,
) -> None:
    publish(str(shared), "亲，第一版团队短语")
    assert all(r.ok for r in PackSync(ws.phrases).subscribe(str(shared)))
    publish(str(shared), "亲，组长刚发布的：节假日照常发货")

    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS) as first:
        worker.start()
    results: list[SyncResult] = first.args[0]
    assert [(r.pack_name, r.ok) for r in results] == [("团队话术", True)]
    assert "亲，组长刚发布的：节假日照常发货" in [p.text for p in ws.phrases.search("节假日")]

    runs = worker.runs
    publish(str(shared), "亲，又一条：顺丰包邮")
    # Nobody calls sync_now now: only the interval timer can bring it (a sync already under
    # way may have read the folder just before the publish: the next one brings it).
    qtbot.waitUntil(
        lambda: "亲，又一条：顺丰包邮" in [p.text for p in ws.phrases.search("顺丰")],
        timeout=WAIT_MS,
    )
    qtbot.waitUntil(lambda: worker.runs > runs, timeout=WAIT_MS)  # its count follows the write


def test_nothing_subscribed_syncs_nothing(worker: SyncWorker, qtbot: QtBot) -> None:
    with (
        qtbot.waitSignal(worker.started, timeout=WAIT_MS),
        qtbot.waitSignal(worker.finished, timeout=WAIT_MS) as done,
    ):
        worker.sync_now()
    assert done.args == [[]]


def test_a_sync_already_running_is_not_started_twice(
    ws: Workspace,
    worker: SyncWorker,
    dav: DavServer,
    publish: Callable[..., str],
    qtbot: QtBot,
) -> None:
    publish(dav.url, "亲，团队短语", user=USER)
    assert all(r.ok for r in PackSync(ws.phrases).subscribe(dav.url, USER))
    started: list[None] = []
    worker.started.connect(lambda: started.append(None))
    dav.fault.log.clear()
    dav.fault.stall = True  # the server holds the sync's requests

    worker.sync_now()
    qtbot.waitUntil(lambda: bool(dav.fault.log), timeout=WAIT_MS)
    assert worker.running
    # The sync is a process of its own, not work in this one (its memory goes with it).
    assert [c for c in child_commands() if "pack sync" in c] != []
    worker.sync_now()  # a second press while the first waits on the server
    worker.sync_now()
    assert len(started) == 1

    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS) as done:
        dav.fault.clear()
    assert all(r.ok for r in done.args[0])
    assert not worker.running and worker.runs == 1 and len(started) == 1


def child_commands() -> list[str]:
    """The command lines of this process's children (Linux /proc)."""
    pids = {
        pid
        for task in Path("/proc/self/task").iterdir()
        for pid in (task / "children").read_text().split()
    }
    found = []
    for pid in pids:
        with contextlib.suppress(OSError):  # gone meanwhile
            raw = Path(f"/proc/{pid}/cmdline").read_bytes()
            found.append(raw.replace(b"\0", b" ").decode("utf-8", "replace"))
    return found


def test_stopping_the_jobs_ends_a_sync_that_waits_on_the_server(
    ws: Workspace,
    worker: SyncWorker,
    dav: DavServer,
    publish: Callable[..., str],
    qtbot: QtBot,
) -> None:
    """The app quits while a sync waits on a stalled server: the sync process is killed, not
    left behind, and the folder is as before (a killed writer changes nothing)."""
    publish(dav.url, "亲，团队短语", user=USER)
    assert all(r.ok for r in PackSync(ws.phrases).subscribe(dav.url, USER))
    before = stored_docs(ws.path)
    publish(dav.url, "亲，团队短语", "亲，新的一条", user=USER)
    dav.fault.log.clear()
    dav.fault.stall = True
    worker.sync_now()
    qtbot.waitUntil(lambda: bool(dav.fault.log), timeout=WAIT_MS)
    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS) as done:
        worker.stop()
    dav.fault.clear()
    [result] = done.args[0]
    assert not result.ok and result.message.startswith("同步出错：")
    assert [c for c in child_commands() if "pack sync" in c] == []
    assert stored_docs(ws.path) == before


def test_a_sync_that_cannot_even_open_the_data_folder_reports_instead_of_crashing(
    tmp_path: Path, qtbot: QtBot
) -> None:
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("a file where the data folder should be", encoding="utf-8")
    worker = SyncWorker(not_a_folder)
    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS) as done:
        worker.sync_now()
    [result] = done.args[0]
    assert not result.ok and result.pack_id == "*"
    assert result.message.startswith("同步出错：")
    assert not worker.running  # the next interval may try again
    worker.deleteLater()


def test_a_failed_background_sync_shows_in_the_packs_window_and_the_tray(
    ws: Workspace,
    make_app: Callable[..., KefuApp],
    shared: Path,
    publish: Callable[..., str],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    publish(str(shared), "亲，团队短语")
    assert all(r.ok for r in PackSync(ws.phrases).subscribe(str(shared)))
    shutil.rmtree(shared)  # the network drive is gone
    app = make_app(ws, use_tray=True)
    assert app.tray is not None
    # Offscreen has no system tray to show a balloon: the call is recorded instead.
    balloons: list[tuple[str, str]] = []
    monkeypatch.setattr(app.tray, "showMessage", lambda title, text: balloons.append((title, text)))
    app.windows.packs()
    window = app.windows.get("packs")
    assert isinstance(window, PacksWindow)

    with qtbot.waitSignal(app.jobs.sync.finished, timeout=WAIT_MS):
        app.jobs.sync.sync_now()

    last = window.status.toPlainText().splitlines()[-1]
    # The source itself failed (pack "*"): the line is its message, which names the folder.
    assert last.startswith("✗ ") and str(shared) in last and "*" not in last
    assert len(balloons) == 1 and balloons[0][0] == "短语包同步失败"
    assert str(shared) in balloons[0][1]


def test_the_daily_backup_is_made_once_a_day_in_the_background(ws: Workspace, qtbot: QtBot) -> None:
    folder = DataFolder(ws.path)
    for old in list_backups(folder):  # a first run may have made one already
        old.path.unlink()
    assert daily_backup_due(folder)
    jobs = BackgroundJobs(ws)

    jobs.daily_backup()
    qtbot.waitUntil(lambda: len(list_backups(folder)) == 1, timeout=WAIT_MS)
    assert not daily_backup_due(folder)

    jobs.daily_backup()  # today's exists: nothing more
    assert len(list_backups(folder)) == 1
    jobs.deleteLater()


def test_the_app_process_pulls_what_the_lead_publishes_while_it_runs(
    seeded_dir: Path,
    shared: Path,
    publish: Callable[..., str],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    publish(str(shared), "亲，第一版团队短语")
    agent = open_workspace(seeded_dir, builtins=False)
    assert all(r.ok for r in PackSync(agent.phrases).subscribe(str(shared)))
    monkeypatch.setenv(ENV_INTERVAL, "0.3")  # the app process inherits it
    app = AppProcess(seeded_dir)
    try:
        app.wait_ready()
        publish(str(shared), "亲，应用运行时组长发布的新短语")

        def arrived() -> bool:
            return any(
                d.get("text") == "亲，应用运行时组长发布的新短语"
                for d in stored_docs(seeded_dir).values()
            )

        qtbot.waitUntil(arrived, timeout=START_TIMEOUT * 1000)
        assert send_to_running(seeded_dir, "quit")
        assert app.proc.wait(timeout=START_TIMEOUT) == 0
    finally:
        app.kill()
