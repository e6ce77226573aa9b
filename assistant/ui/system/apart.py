"""Work done by a `kefu` process of its own, so that the app never holds what it takes.

Making the search index (first start after an import) or the suggestion index reads every
phrase: ~130 MB for a second or two at 20,000 phrases, which the app would keep as its peak
(and partly as heap) all day. A child process makes the cache file; the app maps it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from assistant.core.system.command import kefu_command, quiet_child_flags


def run_apart(folder: Path, *args: str, timeout: float) -> str | None:
    """Run ``kefu --data-dir folder ARGS``; None when it succeeded, else why not (its last
    line of stderr), for the caller to do the work itself."""
    command = [*kefu_command(), "--data-dir", str(folder), *args]
    try:
        done = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=timeout,
            check=False,
            creationflags=quiet_child_flags(),
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return str(exc)
    if done.returncode != 0:
        last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        return " ".join(last) or f"exit status {done.returncode}"
    return None


def made_apart(folder: Path, *args: str, timeout: float, what: str) -> bool:
    """``run_apart``, saying on stderr when it could not run (the caller then makes
    ``what`` itself, in the app); whether it was made apart."""
    why = run_apart(folder, *args, timeout=timeout)
    if why is not None:
        print(f"kefu: {what} made in the app ({why})", file=sys.stderr, flush=True)
    return why is None
