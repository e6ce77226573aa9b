"""The first start after an import makes the search index in a process of its own (issue 15:
merged in the app it was the app's peak, 324 MB at 20,000 phrases, against a target of 250).

Real processes: `kefu search --prepare` as the app runs it, and the app itself (offscreen,
--fake-hotkey) on a data folder without a search cache.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from assistant.core.system.instance import send_to_running
from assistant.core.workspace import open_workspace
from assistant.ui.system.apart import run_apart
from tests.helpers import kefu_json, run_kefu
from tests.ui.system.test_single_instance import START_TIMEOUT, AppProcess

CACHE = Path("cache") / "phrases-index"


def _imported(data: Path) -> Path:
    ws = open_workspace(data)  # the built-in packs, then phrases of our own
    for i in range(30):
        ws.phrases.add(f"亲，第{i}款今天下单明天发货", title=f"发货{i}", code=f"fh{i}")
    shutil.rmtree(data / "cache", ignore_errors=True)  # as after an import: no search cache
    return data


def test_kefu_search_prepare_writes_the_cache_a_search_then_maps(tmp_path: Path) -> None:
    data = _imported(tmp_path / "data")
    assert not open_workspace(data, builtins=False).phrases.index_cached()
    assert kefu_json(data, "search", "--prepare")["prepared"] > 30
    assert (data / CACHE / "meta.json").exists()
    ws = open_workspace(data, builtins=False)
    assert ws.phrases.index_cached()
    assert [p.code for p in ws.phrases.search("fh12", limit=1)] == ["fh12"]


def test_kefu_search_prepare_is_refused_with_a_query_and_a_search_needs_one(
    tmp_path: Path,
) -> None:
    data = _imported(tmp_path / "data")
    both = run_kefu(data, "search", "--prepare", "包邮")
    assert both.returncode == 2 and "--prepare" in both.stderr
    none = run_kefu(data, "search")
    assert none.returncode == 2 and "请给出要搜索的内容" in none.stderr


def test_run_apart_says_why_a_child_failed(tmp_path: Path) -> None:
    data = _imported(tmp_path / "data")
    assert run_apart(data, "search", "--prepare", timeout=120) is None
    why = run_apart(data, "search", "--prepare", "x", timeout=120)
    assert why is not None and "--prepare" in why


def test_the_first_start_after_an_import_makes_the_index_apart(tmp_path: Path) -> None:
    """(Its peak memory is the benchmark's: app.first_start_peak_rss_mb.)"""
    data = _imported(tmp_path / "data")
    app = AppProcess(data)
    try:
        app.wait_ready()
        assert (data / CACHE / "meta.json").exists()  # made before the app was ready
        assert any(line.startswith("kefu: search index made apart") for line in app.seen)
        assert send_to_running(data, "quit", timeout=10)
        assert app.proc.wait(timeout=START_TIMEOUT) == 0
    finally:
        app.kill()


def test_a_start_with_the_cache_there_makes_nothing_apart(tmp_path: Path) -> None:
    data = _imported(tmp_path / "data")
    assert kefu_json(data, "search", "--prepare")["prepared"] > 30
    app = AppProcess(data)
    try:
        app.wait_ready()
        assert not any("kefu: search index" in line for line in app.seen), app.seen
        assert send_to_running(data, "quit", timeout=10)
        assert app.proc.wait(timeout=START_TIMEOUT) == 0
    finally:
        app.kill()
