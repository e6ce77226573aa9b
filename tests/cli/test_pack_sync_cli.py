"""`kefu pack publish|subscribe|sync|sources|conflicts|resolve|login` end to end, each a
real `kefu` process, between two agents' data folders through a shared folder or a real
WebDAV server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assistant.core.sync.secrets import ENV_PASSWORD, SERVICE
from assistant.core.workspace import open_workspace
from tests.core.sync import keyring_backend
from tests.core.sync.servers import PASSWORD, USER, DavServer, webdav_server
from tests.core.sync.team import own_pack

REPO = Path(__file__).resolve().parents[2]
PACK = "售前标准回复"
NEW_POST = "亲，满99元包邮哦，再看看别的宝贝凑一凑吧"


@dataclass
class Run:
    code: int
    out: str
    err: str
    raw: bytes  # stdout as bytes, to check the encoding

    def json(self) -> Any:
        return json.loads(self.raw.decode("utf-8"))  # strict: GBK bytes would fail here

    def utf8_json(self) -> Any:
        """The JSON, checked to be UTF-8 with the Chinese as is (not \\u escapes)."""
        text = self.raw.decode("utf-8")
        assert not text.isascii(), text
        return json.loads(text)


@dataclass
class Team:
    a: Path
    b: Path
    shared: Path
    keyring: Path
    pack_id: str
    ids: dict[str, str]

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("KEFU_DATA_DIR", ENV_PASSWORD)}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
        env["PYTHON_KEYRING_BACKEND"] = keyring_backend.NAME  # never the real keyring
        env[keyring_backend.ENV_FILE] = str(self.keyring)
        env.update(extra)
        return env

    def kefu(self, data: Path, *args: str, stdin: str | None = None, **env: str) -> Run:
        done = subprocess.run(
            [sys.executable, "-m", "assistant", "--data-dir", str(data), *args],
            input=None if stdin is None else stdin.encode(),
            stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True,
            env=self.env(**env),
            cwd=REPO,
            timeout=120,
            check=False,
        )
        return Run(
            done.returncode,
            done.stdout.decode("utf-8", "replace"),
            done.stderr.decode("utf-8", "replace"),
            done.stdout,
        )

    def ok(self, data: Path, *args: str, **kwargs: Any) -> Run:
        run = self.kefu(data, *args, **kwargs)
        assert run.code == 0, (args, run.out, run.err)
        return run

    def texts(self, data: Path) -> dict[str, str]:
        """The agent's phrases (read in-process: what is tested here is `kefu pack`)."""
        return {p.id: p.text for p in open_workspace(data).phrases.all(include_hidden=True)}

    def edit(self, data: Path, phrase_id: str, text: str) -> None:
        """An agent edits a phrase (in the library directly, as the app would)."""
        open_workspace(data).phrases.edit(phrase_id, text=text)


@pytest.fixture
def team(_seeded_template: Path, tmp_path: Path) -> Team:
    """A owns the pack 售前标准回复 (made in-process); B is a second agent; both start
    from a data folder with the built-in packs, as after a first run."""
    a, b = tmp_path / "A", tmp_path / "B"
    shutil.copytree(_seeded_template, a)
    shutil.copytree(_seeded_template, b)
    pack_id, ids = own_pack(open_workspace(a), PACK)
    shared = tmp_path / "共享文件夹"
    shared.mkdir()
    return Team(a, b, shared, tmp_path / "keyring.json", pack_id, ids)


def _files_containing(folder: Path, secret: bytes) -> list[str]:
    return [str(p) for p in folder.rglob("*") if p.is_file() and secret in p.read_bytes()]


# -- the shared folder -----------------------------------------------------------------


def test_publish_subscribe_sync_and_find_by_pinyin(team: Team) -> None:
    run = team.ok(team.a, "pack", "publish", PACK, "--to", str(team.shared))
    assert "已发布" in run.out and "v1" in run.out

    run = team.ok(team.b, "pack", "subscribe", str(team.shared))
    assert f"✓ {PACK}" in run.out and "新增 5" in run.out

    found = team.ok(team.b, "search", "baoyou", "--json").json()
    assert team.ids["post"] in [p["id"] for p in found]
    found = team.ok(team.b, "search", "fh", "--json").json()
    assert team.ids["ship"] in [p["id"] for p in found]

    sources = team.ok(team.b, "pack", "sources", "--json").json()
    assert sources["subscriptions"] == [{"source": str(team.shared), "user": None, "packs": None}]
    state = sources["packs"][team.pack_id]
    assert state["source"] == str(team.shared) and len(state["heads"]) == 1
    assert state["last_error"] is None
    run = team.ok(team.b, "pack", "sources")
    assert f"源 {team.shared}：全部短语包" in run.out and "正常" in run.out

    team.edit(team.a, team.ids["post"], NEW_POST)
    team.ok(team.a, "rm", team.ids["colour"])
    team.ok(team.a, "pack", "publish", PACK, "--to", str(team.shared))
    run = team.ok(team.b, "pack", "sync")
    assert "已同步到 v2" in run.out and "更新 1" in run.out and "删除 1" in run.out

    texts = team.texts(team.b)
    assert texts[team.ids["post"]] == NEW_POST
    assert team.ids["colour"] not in texts

    run = team.ok(team.b, "pack", "unsubscribe", str(team.shared))
    assert "已取消订阅" in run.out
    run = team.ok(team.b, "pack", "sync")
    assert "还没有订阅" in run.out
    assert team.texts(team.b)[team.ids["post"]] == NEW_POST  # the phrases stay


def test_override_conflicts_and_resolve(team: Team) -> None:
    post, size = team.ids["post"], team.ids["size"]
    team.ok(team.a, "pack", "publish", PACK, "--to", str(team.shared))
    team.ok(team.b, "pack", "subscribe", str(team.shared), "--pack", team.pack_id)
    mine = "亲，我们店拍两件就包邮，还送运费险哦"
    team.edit(team.b, post, mine)
    team.edit(team.b, size, "亲，这款偏小，建议拍大一码")

    team.edit(team.a, post, NEW_POST)
    team.edit(team.a, size, "亲，尺码标准，按平时的码数拍")
    team.ok(team.a, "pack", "publish", PACK, "--to", str(team.shared))
    run = team.ok(team.b, "pack", "sync")
    assert "2 条需要您选择" in run.out and "kefu pack conflicts" in run.out

    # A Chinese Windows console is GBK: the JSON for scripts is UTF-8 all the same.
    run = team.ok(team.b, "pack", "conflicts", "--json", PYTHONIOENCODING="gbk")
    items = {i["id"]: i for i in run.utf8_json()}
    assert set(items) == {post, size}
    assert (items[post]["text"], items[post]["upstream"]["text"]) == (mine, NEW_POST)
    assert items[post]["alternatives"] == []
    run = team.ok(team.b, "pack", "conflicts")
    assert f"我的：{mine}" in run.out and f"上游：{NEW_POST}" in run.out
    assert "--upstream" in run.out

    run = team.ok(team.b, "pack", "resolve", post, "--upstream")
    team.ok(team.b, "pack", "resolve", size, "--mine")
    assert team.ok(team.b, "pack", "conflicts", "--json").json() == []
    texts = team.texts(team.b)
    assert texts[post] == NEW_POST
    assert texts[size] == "亲，这款偏小，建议拍大一码"

    # Choices that do not exist are bad input.
    run = team.kefu(team.b, "pack", "resolve", size, "--alt", "3")
    assert run.code == 2 and "没有可选的" in run.err
    run = team.kefu(team.b, "pack", "resolve", "no-such-phrase", "--mine")
    assert run.code == 2 and "找不到短语" in run.err


def test_failed_sync_exits_1_keeps_the_library_and_retries(team: Team) -> None:
    team.ok(team.a, "pack", "publish", PACK, "--to", str(team.shared))
    team.ok(team.b, "pack", "subscribe", str(team.shared), "--pack", team.pack_id)
    team.edit(team.a, team.ids["post"], NEW_POST)
    team.ok(team.a, "pack", "publish", PACK, "--to", str(team.shared))
    before = team.texts(team.b)
    offline = team.shared.with_name("offline")
    team.shared.rename(offline)  # the network drive is gone

    run = team.kefu(team.b, "pack", "sync")
    assert run.code == 1
    assert "共享文件夹不存在或无法访问" in run.err and "下次同步会自动重试" in run.err
    run = team.kefu(team.b, "pack", "sync", "--json", PYTHONIOENCODING="gbk")
    assert run.code == 1
    [result] = run.utf8_json()
    assert result["ok"] is False and "共享文件夹" in result["message"]
    assert team.texts(team.b) == before
    run = team.ok(team.b, "pack", "sources", "--json", PYTHONIOENCODING="gbk")
    assert "共享文件夹" in run.utf8_json()["packs"][team.pack_id]["last_error"]

    offline.rename(team.shared)
    run = team.ok(team.b, "pack", "sync")
    assert "已同步到 v2" in run.out
    assert team.texts(team.b)[team.ids["post"]] == NEW_POST


def test_sync_with_nothing_subscribed_says_so_or_prints_an_empty_json_list(team: Team) -> None:
    said = team.ok(team.b, "pack", "sync")
    assert "还没有订阅任何源" in said.out
    assert team.ok(team.b, "pack", "sync", "--json").json() == []


def test_bad_input_exits_2(team: Team) -> None:
    shared = str(team.shared)
    team.ok(team.a, "pack", "publish", PACK, "--to", shared)
    cases = [
        (team.a, ["pack", "publish", "没有这个包", "--to", shared], "找不到短语包"),
        (team.a, ["pack", "publish", PACK], "--to"),  # argparse: a required option
        (team.a, ["pack", "resolve", team.ids["post"]], "--mine"),  # no choice given
        (team.b, ["pack", "subscribe", shared, "--pack", "../" + team.pack_id], "没有这些短语包"),
        (team.b, ["pack", "subscribe", str(team.shared / "不存在")], "共享文件夹不存在"),
        (team.b, ["pack", "unsubscribe", shared], "没有订阅"),
        (
            team.b,
            ["pack", "login", "ftp://example.com/", "--user", USER, "--password-stdin"],
            "login",
        ),
    ]
    for data, args, message in cases:
        run = team.kefu(data, *args, stdin="")
        assert run.code == 2, (args, run.out, run.err)
        assert message in run.err, (args, run.err)
    builtin = next(p for p in open_workspace(team.b).phrases.packs.list() if p.kind == "builtin")
    run = team.kefu(team.b, "pack", "publish", builtin.id, "--to", shared)
    assert run.code == 2 and "内置短语包不能发布" in run.err
    assert not (team.shared / builtin.id).exists()


# -- WebDAV and the keyring ------------------------------------------------------------


@pytest.fixture(scope="module")
def dav_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DavServer]:
    with webdav_server(tmp_path_factory.mktemp("dav-cli")) as server:
        yield server


@pytest.fixture
def dav_url(dav_server: DavServer) -> str:
    name = uuid.uuid4().hex[:12]
    (dav_server.folder / name).mkdir()
    return dav_server.url + name + "/"


def test_login_then_subscribe_without_the_environment_variable(team: Team, dav_url: str) -> None:
    secret = PASSWORD.encode()
    # The lead publishes from a script, with the password in the environment.
    run = team.ok(
        team.a, "pack", "publish", PACK, "--to", dav_url, "--user", USER, **{ENV_PASSWORD: PASSWORD}
    )
    assert "v1" in run.out
    # The agent stores the password once, then works without it.
    login = team.ok(
        team.b, "pack", "login", dav_url, "--user", USER, "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert "钥匙串" in login.out
    stored = json.loads(team.keyring.read_text("utf-8"))
    assert stored == {SERVICE: {f"{USER}@{dav_url.rstrip('/')}": PASSWORD}}

    runs = [login]
    runs.append(team.ok(team.b, "pack", "subscribe", dav_url, "--user", USER))
    assert "新增 5" in runs[-1].out
    found = open_workspace(team.b).phrases.search("baoyou")
    assert team.ids["post"] in [p.id for p in found]

    runs.append(team.ok(team.b, "pack", "sync"))
    assert "已同步到 v1" in runs[-1].out
    runs.append(team.ok(team.b, "pack", "sources", "--json"))
    assert runs[-1].json()["subscriptions"] == [{"source": dav_url, "user": USER, "packs": None}]
    runs.append(team.ok(team.b, "pack", "sources"))
    assert f"（用户 {USER}）" in runs[-1].out

    for run in runs:
        assert PASSWORD not in run.out and PASSWORD not in run.err
    assert _files_containing(team.b, secret) == []
    assert _files_containing(team.a, secret) == []


def test_wrong_stored_password_fails_sync_with_1_then_login_fixes_it(
    team: Team, dav_url: str
) -> None:
    wrong = "wrong-password-123"
    team.ok(
        team.a, "pack", "publish", PACK, "--to", dav_url, "--user", USER, **{ENV_PASSWORD: PASSWORD}
    )
    team.ok(
        team.b, "pack", "login", dav_url, "--user", USER, "--password-stdin", stdin=PASSWORD + "\n"
    )
    team.ok(team.b, "pack", "subscribe", dav_url, "--user", USER)
    team.ok(
        team.b, "pack", "login", dav_url, "--user", USER, "--password-stdin", stdin=wrong + "\n"
    )
    before = team.texts(team.b)

    run = team.kefu(team.b, "pack", "sync")
    assert run.code == 1
    assert "401" in run.err and "密码" in run.err
    assert wrong not in run.err + run.out
    assert team.texts(team.b) == before

    team.ok(
        team.b, "pack", "login", dav_url, "--user", USER, "--password-stdin", stdin=PASSWORD + "\n"
    )
    team.ok(team.b, "pack", "sync")
    assert _files_containing(team.b, wrong.encode()) == []


def test_no_password_is_bad_input_with_a_hint(team: Team, dav_url: str) -> None:
    run = team.kefu(team.b, "pack", "subscribe", dav_url, "--user", USER)
    assert run.code == 2
    assert "kefu pack login" in run.err and ENV_PASSWORD in run.err
    run = team.kefu(
        team.b, "pack", "login", dav_url, "--user", USER, "--password-stdin", stdin="\n"
    )
    assert run.code == 2 and "密码为空" in run.err
    assert not team.keyring.exists()
