"""Security (issue 8, item 9): a private data folder, no password on disk, no personal data
in logs.

Every command here is a real `kefu` process run with HOME and the XDG folders inside the
test's temporary folder, so whatever the app might write to the user's config, cache,
state or log folders (platformdirs) is found by the searches below.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import subprocess
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.core.search.index import wait_for_cache_writes
from assistant.core.sync.secrets import ENV_PASSWORD
from assistant.core.workspace import open_workspace
from tests.helpers import PYTHON, kefu_env

ACCOUNT = "隐私买家zq7731"  # a buyer account that appears nowhere else
PASSWORD = "s3cret-webdav-pw-8841"
USER = "teamlead"
ASSISTANT = Path(__file__).resolve().parents[2] / "assistant"


@dataclass
class Home:
    root: Path
    data: Path
    env: dict[str, str]

    def kefu(
        self, *args: str, data: Path | None = None, **extra: str
    ) -> subprocess.CompletedProcess[str]:
        env = dict(self.env)
        env["KEFU_DATA_DIR"] = str(data or self.data)
        env.update(extra)
        result = subprocess.run(
            [PYTHON, "-m", "assistant", *args],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            encoding="utf-8",
            timeout=120,
            preexec_fn=lambda: os.umask(0),  # the laxest umask: privacy must not depend on it
            check=False,
        )
        assert result.returncode == 0, (args, result.stdout, result.stderr)
        return result


@pytest.fixture
def home(tmp_path: Path) -> Home:
    root = tmp_path / "home"
    root.mkdir()
    env = kefu_env()
    env.pop(ENV_PASSWORD, None)
    env.update(
        HOME=str(root),
        XDG_DATA_HOME=str(root / ".local/share"),
        XDG_CONFIG_HOME=str(root / ".config"),
        XDG_CACHE_HOME=str(root / ".cache"),
        XDG_STATE_HOME=str(root / ".local/state"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",  # never the real keyring
    )
    return Home(root, root / "kefu-data", env)


def _session(home: Home, tmp_path: Path) -> None:
    """A realistic day: phrases, uses, buyers, an order report, searches, backups, a restore."""
    home.kefu("add", "亲，今天下单明天发货哦", "--code", "fh")
    home.kefu("edit", "fh", "--text", "亲，今天16点前下单当天发货")
    home.kefu("buyer", "add", ACCOUNT, "--note", "要 38 码，答应送袜子", "--group", "8")
    home.kefu("buyer", "promise", ACCOUNT, "赠送袜子一双", "--due", "2026-12-01")
    orders = tmp_path / "orders.csv"
    orders.write_text(
        "订单编号,买家会员名,买家实际支付金额,订单付款时间\n"
        f"880001,{ACCOUNT},59.00,2026-11-01 10:00:00\n"
        f"880002,{ACCOUNT},89.00,2026-11-08 10:00:00\n",
        encoding="utf-8",
    )
    home.kefu("buyer", "import-orders", str(orders))
    home.kefu("search", "fahuo")
    home.kefu("buyer", "search", "yinsi")
    home.kefu("shop", "--set", "店铺=小店")
    home.kefu("backup")
    home.kefu("restore")
    # A use with the buyer, as the app records it when a reply is pasted for them.
    with _umask(0):
        ws = open_workspace(home.data)
        ws.phrases.record_use(ws.phrases.resolve("fh").id, buyer=ACCOUNT)
    home.kefu("stats")


@contextlib.contextmanager
def _umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_after_a_realistic_session_every_folder_is_0700_and_every_file_0600(
    home: Home, tmp_path: Path
) -> None:
    _session(home, tmp_path)
    paths = [home.data, *home.data.rglob("*")]
    folders = [p for p in paths if p.is_dir()]
    files = [p for p in paths if p.is_file()]
    names = {p.relative_to(home.data).as_posix() for p in paths}
    # The session touched every kind of file the app keeps.
    assert any(n.startswith("backups/") and n.endswith(".zip") for n in names)
    assert any(n.startswith("cache/") for n in names)
    assert any(n.startswith("usage-log/") for n in names)
    assert any(n.endswith(".bak") for n in names)
    assert any(n.endswith(".lock") for n in names)
    wrong = {str(p): oct(_mode(p)) for p in folders if _mode(p) != 0o700}
    wrong |= {str(p): oct(_mode(p)) for p in files if _mode(p) != 0o600}
    assert wrong == {}
    print(f"\nsecurity: {len(folders)} folders and {len(files)} files checked, all 0700/0600")


def _files_containing(folder: Path, needle: bytes) -> list[Path]:
    # A search in this process writes the index cache in a thread whose temporary folder
    # vanishes when it is swapped in: wait for it, or a file found may be gone when read.
    wait_for_cache_writes()
    if not folder.exists():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes())


def test_buyer_data_stays_inside_the_private_data_folder_and_no_log_is_written(
    home: Home, tmp_path: Path
) -> None:
    _session(home, tmp_path)
    needle = ACCOUNT.encode()
    outside = [p for p in _files_containing(home.root, needle) if home.data not in p.parents]
    assert outside == []
    assert [p for p in home.root.rglob("*") if p.suffix == ".log"] == []
    inside = {p.relative_to(home.data).as_posix() for p in _files_containing(home.data, needle)}
    # Where the account is, by design: the buyer files (and their .bak), the buyers' log of
    # recent changes (keys, for the other processes' indexes; an erase removes it), the
    # monthly use log, and the buyer search index cache. All inside the 0700 data folder.
    allowed = re.compile(
        r"^(buyers/.+\.json(\.bak)?|buyers/\.recent-changes|usage-log/.+\.jsonl"
        r"|cache/buyers-index[./].*)$"
    )
    assert {n for n in inside if not allowed.match(n)} == set()
    assert any(n.startswith("buyers/") for n in inside)


def test_no_module_of_the_app_writes_log_files() -> None:
    """The app and the command have no logging to files at all (so nothing personal can end
    up in one): no logging module, no log handlers, no files named *.log."""
    offenders = []
    for path in sorted(ASSISTANT.rglob("*.py")):
        source = path.read_text("utf-8")
        if re.search(
            r"^\s*(import logging|from logging)|FileHandler|basicConfig|\.log[\"']", source, re.M
        ):
            offenders.append(str(path.relative_to(ASSISTANT.parent)))
    assert offenders == []


# -- WebDAV passwords ------------------------------------------------------------------------
@contextlib.contextmanager
def webdav(root: Path) -> Iterator[str]:
    from cheroot import wsgi
    from wsgidav.wsgidav_app import WsgiDAVApp

    (root / "team").mkdir(parents=True)
    config = {
        "provider_mapping": {"/": str(root)},
        "http_authenticator": {
            "domain_controller": None,
            "accept_basic": True,
            "accept_digest": False,
            "default_to_digest": False,
        },
        "simple_dc": {"user_mapping": {"*": {USER: {"password": PASSWORD}}}},
        "verbose": 0,
        "logging": {"enable": False},
        "lock_storage": True,
    }
    server = wsgi.Server(("127.0.0.1", 0), WsgiDAVApp(config), numthreads=4)
    server.prepare()
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.bind_addr[1]}/team/"
    finally:
        server.stop()
        thread.join(10)


def test_a_webdav_password_from_the_environment_is_never_written_or_printed(
    home: Home, tmp_path: Path
) -> None:
    pytest.importorskip("wsgidav")
    lead, agent = home.root / "lead-data", home.root / "agent-data"
    with webdav(tmp_path / "dav") as url:
        env = {ENV_PASSWORD: PASSWORD}
        runs = [
            home.kefu("pack", "new", "团队话术", data=lead),
            home.kefu("add", "亲，团队统一的包邮说明", "--pack", "团队话术", data=lead),
            home.kefu("pack", "publish", "团队话术", "--to", url, "--user", USER, data=lead, **env),
            home.kefu("pack", "subscribe", url, "--user", USER, data=agent, **env),
            home.kefu("pack", "sync", data=agent, **env),
            home.kefu("pack", "sources", "--json", data=agent),
            home.kefu("backup", data=agent),
        ]
    assert [p.text for p in open_workspace(agent).phrases.search("baoyou shuoming")] == [
        "亲，团队统一的包邮说明"
    ]
    for run in runs:
        assert PASSWORD not in run.stdout and PASSWORD not in run.stderr
    assert _files_containing(home.root, PASSWORD.encode()) == []
    # The server's folder only holds what was published, not the password either.
    assert _files_containing(tmp_path / "dav", PASSWORD.encode()) == []


def test_removing_a_buyer_leaves_them_only_in_older_backups(home: Home, tmp_path: Path) -> None:
    """The right to be forgotten: after `kefu buyer rm` (and the next buyer search, which
    rebuilds the search cache) the account is in no file but the backups made before."""
    _session(home, tmp_path)
    home.kefu("buyer", "rm", ACCOUNT)
    home.kefu("buyer", "search", "yinsi")
    left = {
        p.relative_to(home.data).as_posix() for p in _files_containing(home.data, ACCOUNT.encode())
    }
    assert left == set()  # backups are compressed: checked member by member below
    holding = []
    for backup in sorted((home.data / "backups").glob("*.zip")):
        with zipfile.ZipFile(backup) as zf:
            if any(ACCOUNT.encode() in zf.read(n) for n in zf.namelist()):
                holding.append(backup.name)
    assert holding  # made before the removal: they keep the buyer until rotated away
