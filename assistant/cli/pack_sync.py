"""`kefu pack publish|subscribe|unsubscribe|sync|sources|login|conflicts|resolve`."""

from __future__ import annotations

import argparse
import getpass
import sys

from assistant.cli.commands import Subcommands, add_command
from assistant.cli.output import emit_json, one_line, say, warn
from assistant.core.errors import InvalidInput
from assistant.core.sync.conflicts import flagged, resolve
from assistant.core.sync.secrets import ENV_PASSWORD, get_password, store_password
from assistant.core.sync.service import PackSync, SyncResult
from assistant.core.sync.sources import SyncError, is_url
from assistant.core.workspace import Workspace

EXIT_SYNC_FAILED = 1


def register(psub: Subcommands, common: argparse.ArgumentParser) -> None:
    p = add_command(psub, common, "publish", "把短语包发布到共享文件夹或 WebDAV", cmd_publish)
    p.add_argument("pack", metavar="PACK")
    p.add_argument("--to", required=True, metavar="SOURCE", help="共享文件夹路径或 WebDAV 地址")
    p.add_argument("--user", help="WebDAV 用户名")

    p = add_command(psub, common, "subscribe", "订阅源上的短语包并立即同步", cmd_subscribe)
    p.add_argument("source", metavar="SOURCE")
    p.add_argument("--pack", dest="packs", action="append", metavar="ID", help="只订阅这些包")
    p.add_argument("--user", help="WebDAV 用户名")

    p = add_command(psub, common, "unsubscribe", "取消订阅（已同步的短语保留）", cmd_unsubscribe)
    p.add_argument("source", metavar="SOURCE")

    add_command(psub, common, "sync", "同步所有订阅", cmd_sync)
    add_command(psub, common, "sources", "订阅与同步状态", cmd_sources)

    p = add_command(psub, common, "login", "把 WebDAV 密码保存到系统钥匙串", cmd_login)
    p.add_argument("url", metavar="URL")
    p.add_argument("--user", required=True)
    p.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码")

    helptext = "需要您选择的短语（上游有改动或两边改得不同）"
    add_command(psub, common, "conflicts", helptext, cmd_conflicts)

    p = add_command(psub, common, "resolve", "为有冲突的短语选择保留哪种文本", cmd_resolve)
    p.add_argument("phrase", metavar="ID")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument(
        "--mine", action="store_const", dest="choice", const="mine", help="保留我的文本"
    )
    group.add_argument(
        "--upstream", action="store_const", dest="choice", const="upstream", help="采用上游文本"
    )
    group.add_argument("--alt", dest="choice", metavar="N", help="采用第 N 种其他文本")


def _offer_password(url: str, user: str | None) -> None:
    """Ask once for a missing WebDAV password when a person is at the terminal."""
    if not (user and is_url(url)) or get_password(url, user) is not None:
        return
    if not sys.stdin.isatty():
        return
    password = getpass.getpass(f"{user} 在 {url} 的密码（将保存到系统钥匙串）：")
    if password:
        store_password(url, user, password)


def _print_results(args: argparse.Namespace, results: list[SyncResult]) -> int:
    failed = [r for r in results if not r.ok]
    if args.json:
        emit_json(
            [
                {
                    "source": r.source,
                    "pack": r.pack_id,
                    "name": r.pack_name,
                    "ok": r.ok,
                    "message": r.message,
                    "report": None
                    if r.report is None
                    else {
                        "added": r.report.added,
                        "updated": r.report.updated,
                        "removed": r.report.removed,
                        "unchanged": r.report.unchanged,
                        "overrides_flagged": r.report.overrides_flagged,
                        "conflicts": r.report.conflicts,
                        "skipped": r.report.skipped,
                    },
                }
                for r in results
            ]
        )
    else:
        for r in results:
            line = f"{'✓' if r.ok else '✗'} {r.pack_name or r.pack_id}：{r.message}"
            if r.report is not None:
                rep = r.report
                line += (
                    f"（新增 {rep.added}，更新 {rep.updated}，删除 {rep.removed}"
                    f"，未变 {rep.unchanged}）"
                )
                if rep.overrides_flagged or rep.conflicts:
                    line += (
                        f"；{rep.overrides_flagged + rep.conflicts} 条需要您选择，"
                        "见 kefu pack conflicts"
                    )
            (warn if not r.ok else say)(line)
        if failed:
            warn("同步失败的短语包保持原样，下次同步会自动重试。")
    return EXIT_SYNC_FAILED if failed else 0


def cmd_publish(args: argparse.Namespace, ws: Workspace) -> int:
    _offer_password(args.to, args.user)
    try:
        result = PackSync(ws.phrases).publish(args.pack, args.to, args.user)
    except SyncError as exc:  # the server or the network: try again later (exit 1, as sync)
        result = SyncResult(args.to, args.pack, False, str(exc))
    return _print_results(args, [result])


def cmd_subscribe(args: argparse.Namespace, ws: Workspace) -> int:
    _offer_password(args.source, args.user)
    results = PackSync(ws.phrases).subscribe(args.source, args.user, args.packs)
    return _print_results(args, results)


def cmd_unsubscribe(args: argparse.Namespace, ws: Workspace) -> int:
    PackSync(ws.phrases).unsubscribe(args.source)
    say(f"已取消订阅 {args.source}（已同步的短语仍保留）")
    return 0


def cmd_sync(args: argparse.Namespace, ws: Workspace) -> int:
    sync = PackSync(ws.phrases)
    if not sync.subscriptions():
        if args.json:  # still JSON: a caller parses what it prints
            emit_json([])
        else:
            say("还没有订阅任何源：kefu pack subscribe 共享文件夹或WebDAV地址")
        return 0
    return _print_results(args, sync.sync_all())


def cmd_sources(args: argparse.Namespace, ws: Workspace) -> int:
    sync = PackSync(ws.phrases)
    subs = sync.subscriptions()
    status = sync.status()
    if args.json:
        emit_json(
            {
                "subscriptions": [
                    {"source": s.source, "user": s.user, "packs": s.packs} for s in subs
                ],
                "packs": {
                    k: {key: v.get(key) for key in ("source", "heads", "last_sync", "last_error")}
                    for k, v in status.items()
                },
            }
        )
        return 0
    for s in subs:
        say(
            f"源 {s.source}"
            + (f"（用户 {s.user}）" if s.user else "")
            + (f"：{'、'.join(s.packs)}" if s.packs else "：全部短语包")
        )
    for pack_id, st in sorted(status.items()):
        state = f"出错：{st['last_error']}" if st.get("last_error") else "正常"
        say(f"  {pack_id}  上次同步 {st.get('last_sync') or '从未'}  {state}")
    if not subs and not status:
        say("还没有订阅或发布任何短语包")
    return 0


def cmd_login(args: argparse.Namespace, ws: Workspace) -> int:
    if not is_url(args.url):
        raise InvalidInput("login 只用于 WebDAV 地址（http:// 或 https://）")
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"{args.user} 在 {args.url} 的密码：")
    if not password:
        raise InvalidInput("密码为空，未保存")
    store_password(args.url, args.user, password)
    say(f"已保存到系统钥匙串（也可以用环境变量 {ENV_PASSWORD} 提供密码）")
    return 0


def cmd_conflicts(args: argparse.Namespace, ws: Workspace) -> int:
    items = flagged(ws.phrases)
    if args.json:
        emit_json(
            [
                {
                    "id": f.phrase_id,
                    "title": f.title,
                    "text": f.text,
                    "upstream": f.upstream,
                    "alternatives": f.alternatives,
                }
                for f in items
            ]
        )
        return 0
    for f in items:
        say(f"{f.title}（{f.phrase_id}）")
        say(f"  我的：{one_line(f.text, 60)}")
        if f.upstream:
            say(f"  上游：{one_line(f.upstream['text'], 60)}    → --upstream")
        for n, alt in enumerate(f.alternatives, start=1):
            say(f"  其他 {n}：{one_line(alt['text'], 60)}    → --alt {n}")
    if not items:
        say("没有需要选择的短语")
    else:
        say("用 kefu pack resolve ID --mine|--upstream|--alt N 选择")
    return 0


def cmd_resolve(args: argparse.Namespace, ws: Workspace) -> int:
    resolve(ws.phrases, args.phrase, args.choice)
    say("已处理")
    return 0
