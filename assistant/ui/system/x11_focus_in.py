"""The X server's FocusIn for one window of the app, seen as it arrives (xcb only).

Qt does not always pass it on: after a FocusOut, xcb waits 100 ms for a FocusIn before it
lets the focus window go, and a window shown again within that wait (the quick panel, its
hotkey pressed just after a copy hid it) gets a FocusIn that changes nothing in Qt's eyes.
Hiding had already taken the window's activation, so none came back, and later losing the
focus brought no ActivationChange either. ``FocusInWatch`` tells the window so that it can
take its activation back.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray, QCoreApplication, QObject
from PySide6.QtGui import QGuiApplication

XCB_EVENT = b"xcb_generic_event_t"
FOCUS_IN = 9  # the X protocol's event code
DETAIL_POINTER = 5  # NotifyPointer: only because the pointer is over the window (Qt skips it)


class FocusEvent(ctypes.Structure):
    """xcb_focus_in_event_t, the first 9 bytes of the 32 that every X event has."""

    _fields_ = (
        ("response_type", ctypes.c_uint8),
        ("detail", ctypes.c_uint8),
        ("sequence", ctypes.c_uint16),
        ("event", ctypes.c_uint32),
        ("mode", ctypes.c_uint8),
    )


def focus_in_window(event_type: bytes, message: int) -> int | None:
    """The window a native event gives the focus to, or None when it is not a FocusIn."""
    if event_type != XCB_EVENT or not message:
        return None
    event = FocusEvent.from_address(message)
    if event.response_type & 0x7F != FOCUS_IN or event.detail == DETAIL_POINTER:
        return None
    return int(event.event)


class FocusInWatch(QAbstractNativeEventFilter):
    """Calls ``then()`` at each FocusIn of the X window ``window_id()`` names, before Qt
    handles it, between ``start()`` and ``stop()``: every X event of the app goes through
    it meanwhile (a Python call each, and the GIL), so only while the window shows."""

    def __init__(self, window_id: Callable[[], int], then: Callable[[], None]) -> None:
        super().__init__()
        self._window_id, self._then = window_id, then
        self._on = False

    def start(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and not self._on:
            app.installNativeEventFilter(self)
            self._on = True

    def stop(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and self._on:
            app.removeNativeEventFilter(self)
            self._on = False

    def nativeEventFilter(
        self, eventType: QByteArray | bytes | bytearray | memoryview, message: int
    ) -> object:
        kind = bytes(eventType.data() if isinstance(eventType, QByteArray) else eventType)
        window = focus_in_window(kind, int(message))
        if window is not None and window == self._window_id():
            self._then()
        return False, 0  # never kept from Qt


def watch_focus_in(
    owner: QObject, window_id: Callable[[], int], then: Callable[[], None]
) -> FocusInWatch | None:
    """A ``FocusInWatch`` where X11 runs it, stopped when ``owner`` is destroyed (else
    None: nothing to watch)."""
    if QCoreApplication.instance() is None or QGuiApplication.platformName() != "xcb":
        return None
    watch = FocusInWatch(window_id, then)
    owner.destroyed.connect(watch.stop)
    return watch
