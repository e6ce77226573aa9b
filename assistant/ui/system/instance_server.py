"""Listens for a second start (`kefu`, `kefu show`) and asks the app to show the panel."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from assistant.core.system.instance import instance_address, send_to_running


class InstanceServer(QObject):
    command = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._address = instance_address(data_dir)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        if self._server.listen(self._address):
            return True
        # A socket file left by a crashed app blocks listen(); nobody answers on it.
        QLocalServer.removeServer(self._address)
        if sys.platform != "win32":
            with contextlib.suppress(OSError):
                os.unlink(self._address)
        return self._server.listen(self._address)

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
    """True when another app instance for this data folder took over."""
    return send_to_running(data_dir, command)
