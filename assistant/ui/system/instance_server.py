"""Listens for a second start (`kefu`, `kefu show`) and asks the app to show the panel.

The server answers from the GUI thread's event loop, so nothing long may run there
(ui/tasks.py); a start that finds the app busy or still starting says so and exits, and
never starts a second app (core/system/instance.py).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from assistant.core.system.instance import (
    Start,
    instance_address,
    start_or_hand_over,
    take_show_request,
)

STARTING = "kefu: 客服快捷助手正在启动，启动后会打开快速查找"
BUSY = "kefu: 客服快捷助手正忙，空下来就会打开快速查找"


class InstanceServer(QObject):
    command = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._address = instance_address(data_dir)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        listening = self._server.listen(self._address)
        if not listening:
            # A socket file left by a crashed app blocks listen(); nobody answers on it.
            QLocalServer.removeServer(self._address)
            if sys.platform != "win32":
                with contextlib.suppress(OSError):
                    os.unlink(self._address)
            listening = self._server.listen(self._address)
        # Read after listening: a `kefu show` made while this app was starting left it.
        if listening and take_show_request(self._data_dir):
            QTimer.singleShot(0, lambda: self.command.emit("show"))
        return listening

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            line = bytes(socket.readLine().data()).decode("utf-8", "replace").strip()
            socket.write(b"ok\n")
            socket.flush()
            if line:
                self.command.emit(line)
        socket.disconnectFromServer()


def hand_over(data_dir: Path, command: str = "show") -> bool:
    """True when another app for this data folder took the command, is busy, or is still
    starting: this process must not start a second one. False: this process is the app
    (it holds the data folder's app lock until it exits)."""
    start = start_or_hand_over(data_dir, command)
    if start is Start.GO:
        print(f"kefu: starting ({data_dir})", file=sys.stderr, flush=True)
        return False
    if start is Start.STARTING:
        print(STARTING, file=sys.stderr, flush=True)
    elif start is Start.BUSY:
        print(BUSY, file=sys.stderr, flush=True)
    return True
