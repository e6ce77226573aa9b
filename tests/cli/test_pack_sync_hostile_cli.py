"""`kefu pack` against hostile or broken sources, each a real `kefu` process (issue 12,
items 9, 13 and 15): a clear one-line refusal, never a traceback, and nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.sync.secrets import ENV_PASSWORD
from assistant.core.sync.service import PackSync
from assistant.core.workspace import open_workspace
from tests.core.sync import keyring_backend
from tests.core.sync.hostile import WECHAT, plant, plant_doc, version_doc
from tests.core.sync.team import own_pack
from tests.helpers import kefu_env, run_kefu, snapshot

SECRET = "s3cr3t-pw-9"


def _env(tmp_path: Path) -> dict[str, str]:
    env = kefu_env(
        PYTHON_KEYRING_BACKEND=keyring_backend.NAME,  # never the real keyring
        **{keyring_backend.ENV_FILE: str(tmp_path / "keyring.json")},
    )
    env.pop(ENV_PASSWORD, None)
    return env


def _kefu(tmp_path: Path, data: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_kefu(None, "--data-dir", str(data), *args, env=_env(tmp_path))


@pytest.mark.parametrize(
    "userinfo",
    [f"alice:{SECRET}", f"alice%3A{SECRET}", f"alice%3a{SECRET}", f"%61lice%3A{SECRET}"],
)
def test_a_password_in_the_address_is_refused_also_percent_encoded(
    tmp_path: Path, userinfo: str
) -> None:
    data = tmp_path / "B"
    open_workspace(data)  # as after a first run
    url = f"http://{userinfo}@127.0.0.1:9/team/"
    before = snapshot(data)

    for args in (("pack", "subscribe", url), ("pack", "publish", "我的短语", "--to", url)):
        done = _kefu(tmp_path, data, *args)

        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert "不能包含密码" in done.stderr and "--user" in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
        assert SECRET not in done.stdout + done.stderr
    assert snapshot(data) == before
    assert not any(SECRET.encode() in b for b in snapshot(data).values())


def test_sync_of_a_version_that_is_not_an_integer_says_so_in_one_line(tmp_path: Path) -> None:
    a, b = open_workspace(tmp_path / "A", builtins=False), tmp_path / "B"
    shared = tmp_path / "共享文件夹"
    shared.mkdir()
    pack_id, _ = own_pack(a, "售前标准回复", ("post",))
    PackSync(a.phrases).publish(pack_id, str(shared))
    ws = open_workspace(b)  # as after a first run
    PackSync(ws.phrases).subscribe(str(shared))
    [v1] = PackSync(ws.phrases).status()[pack_id]["heads"]
    name = plant_doc(shared, pack_id, 2, version_doc(pack_id, "2.0-beta", [v1]))
    before = {p.id: p.text for p in ws.phrases.all()}

    done = _kefu(tmp_path, b, "pack", "sync")

    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    [line] = [x for x in done.stderr.splitlines() if name in x]
    assert "version" in line and "2.0-beta" in line
    assert {p.id: p.text for p in open_workspace(b).phrases.all()} == before


def test_subscribing_to_a_folder_that_claims_the_builtin_pack_is_refused(
    tmp_path: Path,
) -> None:
    data = tmp_path / "B"
    ws = open_workspace(data)
    builtin = next(p for p in ws.phrases.packs.list() if p.kind == "builtin")
    shared = tmp_path / "共享文件夹"
    plant(shared, builtin.id)
    before = {p.id: p.text for p in ws.phrases.all()}

    done = _kefu(tmp_path, data, "pack", "subscribe", str(shared))

    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert "内置短语包" in done.stderr and builtin.id in done.stderr
    after = {p.id: p.text for p in open_workspace(data).phrases.all()}
    assert after == before and WECHAT not in after.values()
