"""One running app per data folder, and how a second start hands over to it.

The app listens on a local socket (a Unix socket file, or a named pipe on Windows) whose
name comes from the data folder. `kefu show` or a second `kefu` sends one line ("show")
and exits; the command line does this without Qt.
"""

from __future__ import annotations

import hashlib
import os
import socket
import sys
import tempfile
from pathlib import Path


def instance_name(data_dir: Path) -> str:
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"kefu-{digest}"


def instance_address(data_dir: Path) -> str:
    """What QLocalServer.listen() takes: a socket path on Unix, a pipe name on Windows."""
    name = instance_name(data_dir)
    if sys.platform == "win32":
        return name
    return os.path.join(tempfile.gettempdir(), f"{name}.sock")


def send_to_running(data_dir: Path, command: str = "show", timeout: float = 1.0) -> bool:
    """True when a running app took the command."""
    address = instance_address(data_dir)
    payload = (command + "\n").encode("utf-8")
    if sys.platform == "win32":
        try:
            with open(rf"\\.\pipe\{address}", "r+b", buffering=0) as pipe:
                pipe.write(payload)
            return True
        except OSError:
            return False
    if not os.path.exists(address):
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        try:
            sock.connect(address)
            sock.sendall(payload)
            return sock.recv(16).startswith(b"ok")
        except OSError:
            return False  # a stale socket left by a crash: nobody is listening
