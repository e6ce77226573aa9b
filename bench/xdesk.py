"""The real app on a real X desktop, for the keystroke, hotkey and CopyQ figures.

The desktop is the end-to-end tests' own (tests/desktop/desktop.py: a private Xvfb with
-displayfd and -noreset, openbox, a stand-in chat window; run the bench from the repository
root, where ``tests`` is a package). Here come what only the benchmark needs:

- the app started with ``KEFU_TRACE_PANEL`` (assistant/ui/quick/panel_trace.py) and timed from
  spawn to its "kefu: ready" line;
- the trace read back;
- an X client of our own (python-xlib) that sees each key press with the X server's time
  (the RECORD extension) and each map/unmap of a window when it arrives;
- Chinese characters put on spare keycodes, so xdotool types them as plain key presses.

Every time is CLOCK_MONOTONIC: ``time.monotonic_ns`` here and in the app, and the X server's
event time, which Xorg/Xvfb take from the same clock in milliseconds (checked at the start of
each desktop: ``check_server_clock``).
"""

from __future__ import annotations

import contextlib
import os
import queue
import select
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.config import PROJECT_DIR

X_TOOLS = ("Xvfb", "openbox", "xdotool", "xprop")
WRAP_MS = 1 << 32  # X server times are 32-bit milliseconds
HANG_S = 60.0  # a hang guard only


def missing_tools(*extra: str) -> list[str]:
    return [tool for tool in (*X_TOOLS, *extra) if shutil.which(tool) is None]


@contextlib.contextmanager
def x_desktop(root: Path) -> Iterator[Any]:
    """Xvfb + openbox (the desktop tests' harness); yields its ``Desktop``."""
    from tests.desktop.desktop import desktop

    root.mkdir(parents=True, exist_ok=True)
    with desktop(root) as desk:
        yield desk


def chat_window(desk: Any) -> Any:
    from tests.desktop.desktop import open_chat_window

    return open_chat_window(desk)


def mark_setup_done(data: Path) -> None:
    """The welcome (first run) would open over the desktop at every start: answered once."""
    from assistant.core.workspace import open_workspace

    open_workspace(data).settings.update(setup_done=True)


def x_ms_to_ns(x_ms: int, near_ns: int) -> int:
    """An X server time (32-bit ms of CLOCK_MONOTONIC) as monotonic ns, taken as the latest
    such time not after ``near_ns`` (when it was received)."""
    near_ms = near_ns // 1_000_000
    return (near_ms - (near_ms - x_ms) % WRAP_MS) * 1_000_000


def proc_status(pid: int) -> dict[str, int]:
    """VmHWM / VmRSS of a process in kB (Linux /proc); empty when it is gone."""
    out: dict[str, int] = {}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                out[key] = int(value.split()[0])
    return out


def children(pid: int) -> list[int]:
    """Direct child processes of ``pid``."""
    found: list[int] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            stat = (entry / "stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


# -- the app -------------------------------------------------------------------------------


@dataclass
class RunningApp:
    proc: subprocess.Popen[str]
    data: Path
    trace: Path
    ready_s: float | None = None
    stderr: list[str] = field(default_factory=list)
    _ready: threading.Event = field(default_factory=threading.Event)

    def _pump(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.stderr.append(line.rstrip("\n"))
            if line.startswith("kefu: ready"):
                self._ready.set()
        self._ready.set()  # the process ended: nothing more will come

    def wait_line(self, start: str, limit: float) -> bool:
        """Wait (up to ``limit`` seconds) until the app printed a line beginning ``start``."""
        end = time.monotonic() + limit
        while not any(line.startswith(start) for line in list(self.stderr)):
            if self.proc.poll() is not None or time.monotonic() > end:
                return False
            time.sleep(0.05)  # a poll of the line list the reading thread fills
        return True

    def quit(self) -> bool:
        """Ask the app to quit ("quit" on its socket); killed when it does not. True: clean."""
        from assistant.core.system.instance import send_to_running

        clean = self.proc.poll() is None and send_to_running(self.data, "quit", timeout=5.0)
        try:
            self.proc.wait(timeout=15 if clean else 0.5)
        except subprocess.TimeoutExpired:
            clean = False
            self.proc.kill()
            self.proc.wait(timeout=15)
        return clean and self.proc.returncode == 0


def start_app(desk: Any, data: Path, trace: Path, *args: str, timeout: float) -> RunningApp:
    """The tray app on ``desk`` (the xcb platform), traced into ``trace``, until ready."""
    env = {**desk.env, "KEFU_TRACE_PANEL": str(trace), "PYTHONIOENCODING": "utf-8"}
    cmd = [sys.executable, "-m", "assistant.ui.app", "--data-dir", str(data), *args]
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=PROJECT_DIR,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        start_new_session=True,
    )
    app = RunningApp(proc, data, trace)
    threading.Thread(target=app._pump, daemon=True).start()
    app._ready.wait(timeout)
    if any(line.startswith("kefu: ready") for line in app.stderr):
        app.ready_s = time.perf_counter() - start
    return app


# -- the trace -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TraceEvent:
    kind: str  # key, results, show, paint, frame
    ns: int  # CLOCK_MONOTONIC
    cpu_ns: int  # CPU time the app's GUI thread has used
    fields: tuple[str, ...]


def read_trace(path: Path) -> list[TraceEvent]:
    events: list[TraceEvent] = []
    if not path.exists():
        return events
    for line in path.read_text("utf-8", "replace").splitlines():
        parts = line.split(" ")
        if len(parts) >= 3 and parts[1].isdigit() and parts[2].isdigit():
            events.append(TraceEvent(parts[0], int(parts[1]), int(parts[2]), tuple(parts[3:])))
    return events


def wait_trace(path: Path, done: Any, what: str, limit: float = HANG_S) -> list[TraceEvent]:
    """Read the trace until ``done(events)`` holds."""
    end = time.monotonic() + limit
    while True:
        events = read_trace(path)
        if done(events):
            return events
        if time.monotonic() > end:
            raise TimeoutError(f"gave up waiting for {what} after {limit:g} s")
        time.sleep(0.02)  # the poll's pace


# -- an X client of our own ------------------------------------------------------------------


class XWatcher:
    """Key presses with the X server's time (RECORD), and window maps as they arrive.

    Two threads, each with its own connection: RECORD's enable call blocks and hands every
    recorded key press to a callback; the other sleeps in ``select`` on the connection whose
    windows are watched (StructureNotify) and stamps each MapNotify/UnmapNotify with
    ``time.monotonic_ns`` on arrival.
    """

    def __init__(self, display_name: str) -> None:
        from Xlib.display import Display

        self._name = display_name
        self.presses: queue.Queue[tuple[int, int]] = queue.Queue()  # (keycode, X time ms)
        self.maps: queue.Queue[tuple[str, int, int]] = queue.Queue()  # (map|unmap, xid, ns)
        self._events = Display(display_name)
        self._stop = os.pipe()
        self._threads: list[threading.Thread] = []
        self._record: Any = None
        self._record_ctx: Any = None
        self.record_error = ""

    def watch(self, xid: int) -> None:
        """Report maps and unmaps of window ``xid`` (call before ``start``)."""
        from Xlib import X

        window = self._events.create_resource_object("window", xid)
        window.change_attributes(event_mask=X.StructureNotifyMask)
        self._events.sync()

    def start(self) -> None:
        self._threads.append(threading.Thread(target=self._listen, daemon=True))
        try:
            self._start_record()
        except Exception as exc:  # no RECORD: the press time comes from the caller
            self.record_error = f"{type(exc).__name__}: {exc}"
        for thread in self._threads:
            thread.start()

    def _start_record(self) -> None:
        from Xlib import X
        from Xlib.display import Display
        from Xlib.ext import record

        self._record = Display(self._name)
        if not self._record.has_extension("RECORD"):
            raise RuntimeError("the X server has no RECORD extension")
        self._record_ctx = self._record.record_create_context(
            0,
            [record.AllClients],
            [
                {
                    "core_requests": (0, 0),
                    "core_replies": (0, 0),
                    "ext_requests": (0, 0, 0, 0),
                    "ext_replies": (0, 0, 0, 0),
                    "delivered_events": (0, 0),
                    "device_events": (X.KeyPress, X.KeyPress),
                    "errors": (0, 0),
                    "client_started": False,
                    "client_died": False,
                }
            ],
        )
        self._threads.append(threading.Thread(target=self._recording, daemon=True))

    def _recording(self) -> None:
        from Xlib.ext import record
        from Xlib.protocol import rq

        display = self._record.display

        def on_reply(reply: Any) -> None:
            if reply.category != record.FromServer or reply.client_swapped:
                return
            data = reply.data
            while len(data) >= 32:
                event, data = rq.EventField(None).parse_binary_value(data, display, None, None)
                self.presses.put((int(event.detail), int(event.time)))

        with contextlib.suppress(Exception):  # the connection closed at stop()
            self._record.record_enable_context(self._record_ctx, on_reply)

    def _listen(self) -> None:
        from Xlib import X

        conn = self._events
        while True:
            ready, _, _ = select.select([conn.fileno(), self._stop[0]], [], [])
            if self._stop[0] in ready:
                return
            for _ in range(conn.pending_events()):
                event = conn.next_event()
                now = time.monotonic_ns()
                if event.type == X.MapNotify:
                    self.maps.put(("map", int(event.window.id), now))
                elif event.type == X.UnmapNotify:
                    self.maps.put(("unmap", int(event.window.id), now))

    def stop(self) -> None:
        from Xlib.display import Display

        os.write(self._stop[1], b"x")
        if self._record_ctx is not None:
            with contextlib.suppress(Exception):
                control = Display(self._name)
                control.record_disable_context(self._record_ctx)
                control.sync()
                control.close()
        for thread in self._threads:
            thread.join(5)
        for conn in (self._events, self._record):
            if conn is not None:
                with contextlib.suppress(Exception):
                    conn.close()
        for fd in self._stop:
            os.close(fd)


def check_server_clock(display_name: str) -> int:
    """The X server's time minus ours, in ms (0 or 1 when it reads CLOCK_MONOTONIC too)."""
    from Xlib import X, Xatom
    from Xlib.display import Display

    display = Display(display_name)
    try:
        window = display.screen().root.create_window(
            0, 0, 1, 1, 0, X.CopyFromParent, event_mask=X.PropertyChangeMask
        )
        before = time.monotonic_ns() // 1_000_000
        window.change_property(display.intern_atom("KEFU_BENCH_CLOCK"), Xatom.STRING, 8, b"x")
        display.flush()
        event = display.next_event()
        return (int(event.time) - before + WRAP_MS // 2) % WRAP_MS - WRAP_MS // 2
    finally:
        display.close()


class HanKeys:
    """Chinese characters on spare keycodes, so ``xdotool type`` sends each as one key press
    with that character (there is no input method on Xvfb). xdotool's own way, remapping a
    key for each character and undoing it at once, races the app: Qt reads the keyboard map
    again when told that it changed, and by then the character was gone."""

    def __init__(self, display_name: str) -> None:
        from Xlib.display import Display

        self._display = Display(display_name)
        info = self._display.display.info
        first, last = info.min_keycode, info.max_keycode
        rows = self._display.get_keyboard_mapping(first, last - first + 1)
        self.spare = [first + i for i, row in enumerate(rows) if not any(row)]

    def put(self, chars: str) -> None:
        """Map the distinct non-ASCII characters of ``chars`` (at most ``len(spare)``)."""
        wanted = list(dict.fromkeys(ch for ch in chars if ord(ch) > 0x7F))
        if len(wanted) > len(self.spare):
            raise ValueError(f"{len(wanted)} characters, {len(self.spare)} spare keycodes")
        for keycode, ch in zip(self.spare, wanted, strict=False):
            keysym = 0x01000000 + ord(ch)  # X's keysym for a Unicode character
            self._display.change_keyboard_mapping(keycode, [(keysym, keysym)])
        self._display.sync()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._display.close()
