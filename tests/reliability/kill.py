"""Kill a forked writer exactly before its k-th file operation (no sleeps).

The child runs the real command code (``assistant.cli.main.main``) with the audit hook of
tests/reliability/io_probe.py: it announces every operation that can change a file under
the data folder and waits for one byte before doing it. The parent counts the lines of one
kind (renames by default) and sends SIGKILL while the child waits before the k-th.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import traceback
from pathlib import Path

from assistant.cli.main import main
from tests.reliability import io_probe

RENAME = io_probe.MARK + b"os.rename"


def run_child(
    data: Path, argv: list[str], kill_before: int | None, event: bytes = RENAME
) -> tuple[int, int]:
    """Run `kefu --data-dir DATA ARGV` in a forked child; kill it before its k-th ``event``.

    Returns (such events announced, exit status: -SIGKILL when killed)."""
    err_r, err_w = os.pipe()
    gate_r, gate_w = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 70
        try:
            os.dup2(err_w, 2)
            devnull = os.open(os.devnull, os.O_RDWR)
            os.dup2(devnull, 0)
            os.dup2(devnull, 1)
            io_probe.install(str(data), gate=gate_r)
            code = main(["--data-dir", str(data), *argv])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 70
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    os.close(err_w)
    os.close(gate_r)
    seen, buf, killed = 0, b"", False
    with os.fdopen(err_r, "rb", buffering=0) as err:
        while chunk := err.read(65536):
            buf += chunk
            *lines, buf = buf.split(b"\n")
            for line in lines:
                if not line.startswith(io_probe.MARK) or killed:
                    continue
                if line.startswith(event):
                    seen += 1
                    if seen == kill_before:
                        os.kill(pid, signal.SIGKILL)  # it waits before this very operation
                        killed = True
                        continue
                with contextlib.suppress(OSError):
                    os.write(gate_w, b"g")
    os.close(gate_w)
    _, status = os.waitpid(pid, 0)
    return seen, os.waitstatus_to_exitcode(status)
