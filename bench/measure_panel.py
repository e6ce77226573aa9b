"""The quick panel on a real X desktop (Xvfb + openbox), the real app at full size.

``keystroke``: xdotool types the bench's phrase queries (queries.py: Chinese, pinyin, initials,
codes, mixed, multi-word, latin, no match) into the open panel, one key press every
``TYPE_DELAY_MS``. Each keystroke is timed from the X server's time of the key press to the
end of the first frame that shows its results (the app's trace: the result table painted
and the event loop back, so the frame went out to the X server). Chinese is typed as
key presses of the characters themselves (there is no input method on Xvfb). The CPU time
the app's GUI thread spent from each key event to its frame is given too: on a machine that
others share it moves far less than the wall-clock time.

``hotkey``: the app grabs Ctrl+Alt+Space from the X server (no --fake-hotkey); a stand-in chat
window has the focus; xdotool presses the hotkey. Timed from the X server's time of the press
(seen through the RECORD extension) to the MapNotify of the panel's window arriving at an X
client of ours, and to the panel's first frame. Esc hides the panel after each press.

Both need Xvfb, openbox and xdotool (scripts/test installs them): "not available" otherwise.
"""

from __future__ import annotations

import os
import queue
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.context import Context
from bench.figures import Section, at_most, info, unavailable
from bench.measure_suggest import eval_questions
from bench.queries import Query
from bench.stats import median, percentile
from bench.xdesk import (
    HanKeys,
    RunningApp,
    TraceEvent,
    XWatcher,
    chat_window,
    check_server_clock,
    mark_setup_done,
    missing_tools,
    read_trace,
    start_app,
    wait_trace,
    x_desktop,
    x_ms_to_ns,
)

KEYSTROKE_TARGET_MS = 16.0
HOTKEY_TARGET_MS = 50.0
TYPE_DELAY_MS = 150  # between key presses: a quick agent's pace
MIN_KEYSTROKES = 200
HOTKEY_PRESSES = 60
ANSWER_PRESSES = 40  # with a buyer's question on the clipboard
ANSWERS_READY = "kefu: answers ready"  # the suggestion index, made after "ready"
PANEL = "快速查找"
HOTKEY = "ctrl+alt+space"  # the default (assistant/core/settings.py)
SETTLE_S = 0.3  # a pause before each timed step, so the previous one is not in its way


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _xdotool(desk: Any, *args: str) -> None:
    desk.run("xdotool", *args)


def _open_panel(desk: Any, chat: Any) -> str:
    desk.activate(chat.window)
    _xdotool(desk, "key", "--clearmodifiers", HOTKEY)
    panel: str = desk.wait_window(PANEL)
    end = time.monotonic() + 30
    while desk.active_window() != panel:
        if time.monotonic() > end:
            raise TimeoutError("the panel did not take the focus")
        time.sleep(0.02)
    return panel


def _start(ctx: Context, desk: Any, name: str, *args: str) -> tuple[RunningApp, Path]:
    data = ctx.copy(name)
    mark_setup_done(data)
    trace = data.parent / "panel-trace.txt"
    app = start_app(desk, data, trace, *args, timeout=ctx.sizes.app_timeout)
    return app, trace


def _not_ready(app: RunningApp) -> str:
    return "no 'kefu: ready' line; stderr: " + " | ".join(app.stderr[-8:])


# -- keystroke ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Keystroke:
    text: str
    pressed_ns: int  # the X server's time of the key press
    received_ns: int  # the key event reaching the search box
    results_ns: int  # the result list replaced
    frame_ns: int  # the first frame after that went out
    cpu_ns: int  # CPU time of the app's GUI thread from the key event to that frame
    search_cpu_ns: int  # of which until the result list was replaced

    @property
    def shown_ms(self) -> float:
        return (self.frame_ns - self.pressed_ns) / 1e6

    @property
    def in_app_ms(self) -> float:
        return (self.frame_ns - self.received_ns) / 1e6

    @property
    def search_ms(self) -> float:
        return (self.results_ns - self.received_ns) / 1e6

    @property
    def paint_ms(self) -> float:
        return (self.frame_ns - self.results_ns) / 1e6


def keystrokes(events: Sequence[TraceEvent]) -> list[Keystroke]:
    """Pair each typed key (one with a character) with its results and the frame after them.

    A key whose results were replaced before any frame (keys queued behind a slow one) is
    shown by the frame that follows: that is when the agent sees an answer."""
    found: list[Keystroke] = []
    for i, event in enumerate(events):
        if event.kind != "key" or event.fields[-1] == "-":
            continue
        results = frame = None
        for later in events[i + 1 :]:
            if results is None and later.kind == "key":
                break  # no search for this key (it changed nothing)
            if results is None and later.kind == "results":
                results = later
            elif results is not None and later.kind == "frame":
                frame = later
                break
        if results is None or frame is None:
            continue
        pressed = x_ms_to_ns(int(event.fields[0]), event.ns)
        found.append(
            Keystroke(
                event.fields[-1],
                pressed,
                event.ns,
                results.ns,
                frame.ns,
                frame.cpu_ns - event.cpu_ns,
                results.cpu_ns - event.cpu_ns,
            )
        )
    return found


def _typed_queries(queries: list[Query]) -> tuple[list[str], list[str]]:
    """Warm-up (the first query of each kind) and the timed queries, repeated to at least
    MIN_KEYSTROKES characters."""
    phrase = [q for q in queries if q.target == "phrases"]
    warm = list({q.kind: q.text for q in reversed(phrase)}.values())
    timed: list[str] = []
    while sum(len(q) for q in timed) < MIN_KEYSTROKES:
        timed += [q.text for q in phrase]
    return warm, timed


def _type(desk: Any, keys: HanKeys, trace: Path, query: str) -> None:
    """Select what is in the search box, type ``query`` over it, wait for its last frame."""
    keys.put(query)
    time.sleep(SETTLE_S)  # the app reads the changed keyboard map now, not while timed
    before = len(read_trace(trace))
    _xdotool(desk, "key", "ctrl+a")
    _xdotool(desk, "type", "--delay", str(TYPE_DELAY_MS), query)

    def shown(events: list[TraceEvent]) -> bool:
        new = events[before:]
        typed = [e for e in new if e.kind == "key" and e.fields[-1] != "-"]
        if len(typed) < len(query):
            return False
        after_last = new[new.index(typed[-1]) :]
        kinds = [e.kind for e in after_last]
        return "results" in kinds and "frame" in kinds[kinds.index("results") :]

    wait_trace(trace, shown, f"the panel to show the results of {query!r}")


def run_keystroke(ctx: Context) -> Section:
    section = Section("keystroke")
    label = f"keystroke → results shown, real QuickPanel under Xvfb, {ctx.sizes.phrases:,} phrases"
    target = f"≤ {KEYSTROKE_TARGET_MS:g} ms"
    missing = missing_tools()
    if missing:
        why = f"needs {', '.join(missing)} (scripts/test installs them)"
        section.figures.append(unavailable("keystroke.p95_ms", label + ", p95", target, why))
        return section
    warm, timed = _typed_queries(ctx.queries)
    load_start = _load()
    root = ctx.scratch.fresh("keystroke-desktop")
    with x_desktop(root) as desk:
        clock_ms = check_server_clock(desk.display)
        chat = chat_window(desk)
        app, trace = _start(ctx, desk, "keystroke")
        if app.ready_s is None:
            app.quit()
            section.figures.append(
                unavailable(
                    "keystroke.p95_ms",
                    label + ", p95",
                    f"≤ {KEYSTROKE_TARGET_MS:g} ms",
                    _not_ready(app),
                )
            )
            return section
        keys = HanKeys(desk.display)
        try:
            _open_panel(desk, chat)
            for query in warm:  # builds what the first searches build, untimed
                _type(desk, keys, trace, query)
            start = len(read_trace(trace))
            for query in timed:
                _type(desk, keys, trace, query)
            events = read_trace(trace)[start:]
        finally:
            keys.close()
            quit_ok = app.quit()
    strokes = keystrokes(events)
    load_end = _load()
    shown = [k.shown_ms for k in strokes]
    # The timed queries are typed several times over; from the second time on a query's
    # results may be the panel's kept ones (PhraseLibrary.search): the first time apart.
    first_time = shown[: sum(len(q) for q in timed[: len({*timed})])]
    section.figures += [
        info("keystroke.p50_ms", label + ", p50", percentile(shown, 50), "ms"),
        at_most(
            "keystroke.p95_ms", label + ", p95", percentile(shown, 95), "ms", KEYSTROKE_TARGET_MS
        ),
        info(
            "keystroke.first_time_p95_ms",
            label + ", p95, the first time each query is typed (none repeated yet)",
            percentile(first_time, 95) if first_time else None,
            "ms",
        ),
        info(
            "keystroke.in_app_p95_ms",
            "keystroke: key event received → frame shown (in the app), p95",
            percentile([k.in_app_ms for k in strokes], 95),
            "ms",
        ),
        info(
            "keystroke.search_p95_ms",
            "keystroke: key event received → result list replaced (search and table), p95",
            percentile([k.search_ms for k in strokes], 95),
            "ms",
        ),
        info(
            "keystroke.cpu_p50_ms",
            "keystroke: CPU of the app's GUI thread, key event → frame, p50",
            percentile([k.cpu_ns / 1e6 for k in strokes], 50),
            "ms",
        ),
        info(
            "keystroke.cpu_p95_ms",
            "keystroke: CPU of the app's GUI thread, key event → frame, p95",
            percentile([k.cpu_ns / 1e6 for k in strokes], 95),
            "ms",
        ),
        info(
            "keystroke.search_cpu_p50_ms",
            "keystroke: of that CPU, until the result list is replaced (search), p50",
            percentile([k.search_cpu_ns / 1e6 for k in strokes], 50),
            "ms",
        ),
        info(
            "keystroke.paint_p95_ms",
            "keystroke: result list replaced → frame shown (layout and paint), p95",
            percentile([k.paint_ms for k in strokes], 95),
            "ms",
        ),
    ]
    typed_chars = sum(len(q) for q in timed)
    section.details = {
        "keystrokes": len(strokes),
        "typed_characters": typed_chars,
        "type_delay_ms": TYPE_DELAY_MS,
        "shown_ms": [round(v, 2) for v in shown],
        "median_in_app_ms": median([k.in_app_ms for k in strokes]),
        "x_server_clock_minus_ours_ms": clock_ms,
        "app_ready_s": app.ready_s,
        "quit_ok": quit_ok,
        "load_average": {"start": load_start, "end": load_end},
        "slowest": sorted(
            ({"text": k.text, "shown_ms": round(k.shown_ms, 1)} for k in strokes),
            key=lambda row: -float(row["shown_ms"]),
        )[:10],
    }
    section.notes.append(
        f"Keystroke: {len(strokes)} of {typed_chars} typed characters timed ({len(timed)} "
        f"queries after {len(warm)} untimed), one key press per {TYPE_DELAY_MS} ms, from the "
        "X server's time of the press (1 ms steps) to the end of the first frame with its "
        f"results. Load average {load_start} at the start, {load_end} at the end. Chinese "
        "characters are typed as key presses of the characters (no input method on Xvfb)."
    )
    return section


# -- hotkey ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Press:
    pressed_ns: int
    shown_ns: int  # the panel's show event (the app has handled the hotkey)
    mapped_ns: int
    frame_ns: int | None
    press_from_record: bool
    answered_ns: int | None = None  # with a question: its answers became the rows

    @property
    def mapped_ms(self) -> float:
        return (self.mapped_ns - self.pressed_ns) / 1e6

    @property
    def answered_ms(self) -> float | None:
        """Until the panel was visible with the answers in it (both, whichever came last)."""
        if self.answered_ns is None:
            return None
        return (max(self.mapped_ns, self.answered_ns) - self.pressed_ns) / 1e6

    @property
    def frame_ms(self) -> float | None:
        return None if self.frame_ns is None else (self.frame_ns - self.pressed_ns) / 1e6


def _next_map(watcher: XWatcher, kind: str, xid: int, limit: float = 30.0) -> int:
    end = time.monotonic() + limit
    while True:
        try:
            what, window, ns = watcher.maps.get(timeout=max(0.01, end - time.monotonic()))
        except queue.Empty:
            raise TimeoutError(f"no {kind} of the panel's window within {limit:g} s") from None
        if what == kind and window == xid:
            return ns


def _drain(q: queue.Queue[Any]) -> None:
    while True:
        try:
            q.get_nowait()
        except queue.Empty:
            return


def _press_time(watcher: XWatcher, keycode: int, spawned_ns: int) -> tuple[int, bool]:
    """The X server's time of the hotkey's key press (RECORD), else when xdotool started."""
    while True:
        try:
            code, x_ms = watcher.presses.get(timeout=5 if not watcher.record_error else 0)
        except queue.Empty:
            return spawned_ns, False
        if code == keycode:
            return x_ms_to_ns(x_ms, time.monotonic_ns()), True


def _one_press(
    desk: Any,
    chat: Any,
    watcher: XWatcher,
    xid: int,
    keycode: int,
    trace: Path,
    question: str | None = None,
) -> Press:
    """One press of the hotkey; with ``question`` on the clipboard (copied in the chat
    window), timed to the first frame after the panel's rows became its answers."""
    if question is not None:
        desk.set_clipboard(question)
    desk.activate(chat.window)
    time.sleep(SETTLE_S)
    _drain(watcher.presses)
    _drain(watcher.maps)
    before = len(read_trace(trace))
    spawned = time.monotonic_ns()
    subprocess.run(["xdotool", "key", HOTKEY], env=desk.env, check=True, timeout=30)
    mapped = _next_map(watcher, "map", xid)
    pressed, from_record = _press_time(watcher, keycode, spawned)

    def answered(e: TraceEvent) -> bool:
        return e.kind == "results" and e.fields[-1:] == ("answers",)

    def first_frame(events: list[TraceEvent]) -> int | None:
        """The first frame after the show (and, with a question, after its answers)."""
        kinds = [e.kind for e in events]
        if "show" not in kinds:
            return None
        start = kinds.index("show")
        if question is not None:
            start = max(start, next((i for i, e in enumerate(events) if answered(e)), len(events)))
        return next((i for i in range(start, len(events)) if kinds[i] == "frame"), None)

    what = "the panel's first frame" + (" with the answers" if question else "")
    events = wait_trace(trace, lambda ev: first_frame(ev[before:]) is not None, what)[before:]
    shown = next(i for i, e in enumerate(events) if e.kind == "show")
    at = first_frame(events)
    assert at is not None
    frame = events[at].ns
    show_ns = events[shown].ns
    answered_ns = next((e.ns for e in events if answered(e)), None) if question else None
    time.sleep(SETTLE_S)
    subprocess.run(["xdotool", "key", "Escape"], env=desk.env, check=True, timeout=30)
    _next_map(watcher, "unmap", xid)
    return Press(pressed, show_ns, mapped, frame, from_record, answered_ns)


def run_hotkey(ctx: Context) -> Section:
    section = Section("hotkey")
    label = "hotkey pressed → panel visible (X MapNotify), real X11 grab under Xvfb"
    target = f"≤ {HOTKEY_TARGET_MS:g} ms"
    missing = missing_tools()
    if missing:
        why = f"needs {', '.join(missing)} (scripts/test installs them)"
        section.figures.append(unavailable("hotkey.p95_ms", label + ", p95", target, why))
        return section
    load_start = _load()
    root = ctx.scratch.fresh("hotkey-desktop")
    with x_desktop(root) as desk:
        clock_ms = check_server_clock(desk.display)
        chat = chat_window(desk)
        app, trace = _start(ctx, desk, "hotkey")
        if app.ready_s is None or any("快捷键" in line for line in app.stderr):
            app.quit()
            why = _not_ready(app) if app.ready_s is None else " | ".join(app.stderr[-4:])
            section.figures.append(unavailable("hotkey.p95_ms", label + ", p95", target, why))
            return section
        try:
            panel = int(_open_panel(desk, chat))  # untimed: Qt creates the window now
            _xdotool(desk, "key", "Escape")
            desk.wait_gone(PANEL)
            from Xlib import XK
            from Xlib.display import Display

            probe = Display(desk.display)
            keycode = probe.keysym_to_keycode(XK.string_to_keysym("space"))
            probe.close()
            watcher = XWatcher(desk.display)
            watcher.watch(panel)
            watcher.start()
            try:
                presses = [
                    _one_press(desk, chat, watcher, panel, keycode, trace)
                    for _ in range(HOTKEY_PRESSES)
                ]
                answers_ready = app.wait_line(ANSWERS_READY, ctx.sizes.app_timeout)
                # Spread over the set (every group's wordings), of those the panel takes for
                # a buyer's message (the others open it as without one).
                from assistant.ui.quick.answering import looks_like_question

                every = [q for q in eval_questions() if looks_like_question(q)]
                step = max(1, len(every) // ANSWER_PRESSES)
                questions = every[::step][:ANSWER_PRESSES] if answers_ready else []
                asked = [
                    _one_press(desk, chat, watcher, panel, keycode, trace, question=q)
                    for q in questions
                ]
            finally:
                watcher.stop()
        finally:
            quit_ok = app.quit()
    load_end = _load()
    mapped = [p.mapped_ms for p in presses]
    frames = [f for f in (p.frame_ms for p in presses) if f is not None]
    from_record = sum(p.press_from_record for p in presses)
    section.figures += [
        info("hotkey.p50_ms", label + ", p50", percentile(mapped, 50), "ms"),
        at_most("hotkey.p95_ms", label + ", p95", percentile(mapped, 95), "ms", HOTKEY_TARGET_MS),
        info(
            "hotkey.frame_p95_ms",
            "hotkey pressed → panel's first frame painted, p95",
            percentile(frames, 95),
            "ms",
        ),
    ]
    asked_label = (
        "hotkey pressed with a buyer's question on the clipboard → panel visible with the "
        "suggested answers (MapNotify, or the rows set if later), real X11 grab under Xvfb"
    )
    if asked:
        asked_visible = [v for v in (p.answered_ms for p in asked) if v is not None]
        asked_frames = [f for f in (p.frame_ms for p in asked) if f is not None]
        section.figures += [
            info(
                "hotkey.answers_p50_ms", asked_label + ", p50", percentile(asked_visible, 50), "ms"
            ),
            at_most(
                "hotkey.answers_p95_ms",
                asked_label + ", p95",
                percentile(asked_visible, 95),
                "ms",
                HOTKEY_TARGET_MS,
            ),
            info(
                "hotkey.answers_frame_p95_ms",
                "hotkey pressed with a buyer's question → first frame with the answers, p95",
                percentile(asked_frames, 95),
                "ms",
            ),
        ]
    else:
        why = "the app did not say 'kefu: answers ready'"
        section.figures.append(
            unavailable("hotkey.answers_p95_ms", asked_label + ", p95", target, why)
        )
    section.details = {
        "presses": len(presses),
        "answer_presses": len(asked),
        "answers_visible_ms": [round(v, 2) for v in (p.answered_ms or 0.0 for p in asked)],
        "answers_frame_ms": [round(v, 2) for v in (p.frame_ms or 0.0 for p in asked)],
        "answers_mapped_ms": [round(p.mapped_ms, 2) for p in asked],
        "mapped_ms": [round(v, 2) for v in mapped],
        "press_to_show_event_ms": [round((p.shown_ns - p.pressed_ns) / 1e6, 2) for p in presses],
        "frame_ms": [round(v, 2) for v in frames],
        "press_time_from_record": from_record,
        "record_error": watcher.record_error,
        "x_server_clock_minus_ours_ms": clock_ms,
        "app_ready_s": app.ready_s,
        "quit_ok": quit_ok,
        "load_average": {"start": load_start, "end": load_end},
    }
    how = (
        "the X server's time of the key press (RECORD, 1 ms steps)"
        if from_record == len(presses)
        else f"the X server's time of the press for {from_record} presses, else xdotool's start"
    )
    section.notes.append(
        f"Hotkey: {len(presses)} presses of {HOTKEY} by xdotool while the stand-in chat window "
        f"had the focus, each followed by Esc; from {how} to the MapNotify of the panel's "
        f"window at an X client of the bench, and to the panel's first frame (trace). Load "
        f"average {load_start} at the start, {load_end} at the end. Then {len(asked)} presses "
        "with a buyer's question on the clipboard (set by xclip: spread evenly over the evaluation "
        "set's questions that the panel takes for a buyer's message), once the app said its "
        "suggestion index was ready: timed to the panel's MapNotify or to the rows becoming "
        "the answers (the app's trace, the same clock), whichever came last, and to the first "
        "frame after both."
    )
    return section
