"""One running app per data folder, and how a second start hands over to it.

The app listens on a local socket (a Unix socket file, or a named pipe on Windows) whose
name comes from the data folder. `kefu show` or a second `kefu` sends one line ("show")
and exits; the command line does this without Qt.

Before it does anything slow (loading Qt, opening the library) a starting app takes the
data folder's app lock (``.kefu-app.lock``), held until the process ends — the OS lets go
of it even after a crash. A second start that finds nobody answering but the lock taken
knows an app is still starting: it leaves a show request (``.kefu-show``) that the app
reads once it listens, and exits at once instead of starting a second app.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import os
import socket
import sys
import tempfile
import time
from pathlib import Path

APP_LOCK = ".kefu-app.lock"
SHOW_REQUEST = ".kefu-show"
ANSWER_S = 1.0  # how long a second start waits for the running app's answer, in all


class Answer(enum.Enum):
    TAKEN = "taken"  # a running app answered
    BUSY = "busy"  # an app took the connection but did not answer in time: it is busy
    NOBODY = "nobody"  # nobody listens (no app, or one still starting)


class Start(enum.Enum):
    HANDED_OVER = "handed over"  # the running app took the command
    BUSY = "busy"  # the running app is busy; the command waits in its socket
    STARTING = "starting"  # another app is starting; it opens the panel once ready
    GO = "go"  # nobody else: this process is the app (it holds the app lock)


def instance_name(data_dir: Path) -> str:
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"kefu-{digest}"


def instance_address(data_dir: Path) -> str:
    """What QLocalServer.listen() takes: a socket path on Unix, a pipe name on Windows."""
    name = instance_name(data_dir)
    if sys.platform == "win32":
        return name
    return os.path.join(tempfile.gettempdir(), f"{name}.sock")


def ask_running(data_dir: Path, command: str = "show", timeout: float = ANSWER_S) -> Answer:
    """Send one command to the running app; ``timeout`` bounds the whole exchange."""
    address = instance_address(data_dir)
    payload = (command + "\n").encode("utf-8")
    if sys.platform == "win32":
        try:
            with open(rf"\\.\pipe\{address}", "r+b", buffering=0) as pipe:
                pipe.write(payload)
            return Answer.TAKEN
        except OSError:
            return Answer.NOBODY  # no pipe, or every instance of it busy: see the app lock
    if not os.path.exists(address):
        return Answer.NOBODY
    deadline = time.monotonic() + timeout
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        try:
            sock.settimeout(timeout)
            sock.connect(address)
            sock.sendall(payload)
            sock.settimeout(max(0.05, deadline - time.monotonic()))
            answer = sock.recv(16)
        except TimeoutError:
            # Connected (or queued) but no answer: the app's event loop is busy. The line
            # waits in the socket and the app reads it when it is free again.
            return Answer.BUSY
        except OSError:
            return Answer.NOBODY  # a stale socket left by a crash: nobody is listening
    return Answer.TAKEN if answer.startswith(b"ok") else Answer.NOBODY


def send_to_running(data_dir: Path, command: str = "show", timeout: float = ANSWER_S) -> bool:
    """True when a running app took the command."""
    return ask_running(data_dir, command, timeout) is Answer.TAKEN


# -- the app lock ------------------------------------------------------------------------
_claims: dict[str, int] = {}  # data folder -> descriptor of the app lock this process holds


def _key(data_dir: Path) -> str:
    return str(data_dir.resolve())


def claim_instance(data_dir: Path) -> bool:
    """Take the data folder's app lock for the life of this process (again: True). False
    when another process holds it: an app runs or is starting for this folder."""
    key = _key(data_dir)
    if key in _claims:
        return True
    os.makedirs(data_dir, mode=0o700, exist_ok=True)
    fd = os.open(data_dir / APP_LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        _lock(fd)
    except OSError:
        os.close(fd)
        return False
    _claims[key] = fd
    return True


def release_instance(data_dir: Path) -> None:
    """Let go of the app lock before the process ends (the OS does it at exit anyway)."""
    fd = _claims.pop(_key(data_dir), None)
    if fd is not None:
        os.close(fd)  # closing the descriptor releases the lock


def _lock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


# -- starting, or handing over -------------------------------------------------------------
def request_show(data_dir: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(data_dir / SHOW_REQUEST, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)


def take_show_request(data_dir: Path) -> bool:
    """True (once) when a second start asked for the panel while this app was starting.
    Read after the app listens: a request left before that is seen here, one left after
    it went through the socket (see ``start_or_hand_over``)."""
    try:
        os.unlink(data_dir / SHOW_REQUEST)
    except OSError:
        return False
    return True


def start_or_hand_over(data_dir: Path, command: str = "show") -> Start:
    """Whether this process should start the app, or the one running (or starting) takes
    the command. Answers within about ``ANSWER_S``; GO means the app lock is now held."""
    answer = ask_running(data_dir, command)
    if answer is Answer.TAKEN:
        return Start.HANDED_OVER
    if answer is Answer.BUSY:
        return Start.BUSY
    if claim_instance(data_dir):
        # A show request already here was left for this start, or by a start that crashed
        # before it listened (then the panel opens once more than asked: harmless).
        return Start.GO
    if command != "show":
        return Start.STARTING
    request_show(data_dir)
    # The starting app may have begun listening meanwhile, after reading requests: ask
    # again, so the request is either read by it or sent through the socket.
    again = ask_running(data_dir, command)
    if again is Answer.NOBODY:
        return Start.STARTING
    take_show_request(data_dir)  # the socket carries it
    return Start.HANDED_OVER if again is Answer.TAKEN else Start.BUSY
