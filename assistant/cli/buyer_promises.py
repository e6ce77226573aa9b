"""`kefu buyer promise / promises / done`: what was promised to a buyer, and when it is due."""

from __future__ import annotations

import argparse
from datetime import date

from assistant.cli.buyer_output import emit_buyer
from assistant.cli.commands import AddCommand
from assistant.cli.output import emit_json, say
from assistant.core.buyers.promises import OpenPromise, overdue_days
from assistant.core.workspace import Workspace


def register(cmd: AddCommand) -> None:
    p = cmd("promise", "记录对买家的承诺（赠品、退运费、到货通知…）", cmd_promise)
    p.add_argument("text")
    p.add_argument("--due", metavar="DATE", help="到期日 YYYY-MM-DD")
    p = cmd("promises", "所有承诺（默认只列未完成），到期早的在前", cmd_promises, account=False)
    p.add_argument("--open", action="store_true", help="只列未完成的（默认）")
    p.add_argument("--all", dest="all_promises", action="store_true", help="包括已完成的")
    p.add_argument("--due", action="store_true", help="只列今天到期和已逾期的（待兑现）")
    p = cmd("done", "把第 N 条承诺标为已完成", cmd_done)
    p.add_argument("number", type=int, metavar="N")


def cmd_promise(args: argparse.Namespace, ws: Workspace) -> int:
    b = ws.buyers.promise(args.account, args.text, args.due, args.platform)
    return emit_buyer(args, ws, b, f"已记录对 {b.account} 的第 {len(b.promises)} 条承诺")


def cmd_promises(args: argparse.Namespace, ws: Workspace) -> int:
    today = date.today()
    if args.due:
        items = ws.buyers.due_promises(today)
    else:
        items = ws.buyers.promises(open_only=not args.all_promises)
    if args.json:
        emit_json(
            [
                {
                    "account": o.buyer.account,
                    "platform": o.buyer.platform,
                    "number": o.number,
                    "text": o.promise.text,
                    "created": o.promise.created,
                    "due": o.promise.due,
                    "done": o.promise.done,
                    "overdue_days": _late(o, today),
                }
                for o in items
            ]
        )
        return 0
    for o in items:
        due = f"到期 {o.promise.due}" if o.promise.due else "无到期日"
        late = _late(o, today)
        if late is not None and late >= 0:
            due += f"（逾期 {late} 天）" if late else "（今天到期）"
        state = "  ✓" if o.promise.done else ""
        say(f"{due}  {o.buyer.account} #{o.number}  {o.promise.text}{state}")
    if not items:
        say("没有今天到期或逾期的承诺" if args.due else "没有未完成的承诺")
    return 0


def _late(o: OpenPromise, today: date) -> int | None:
    """Days past due for an open promise with a due date (negative: not yet due)."""
    return overdue_days(o.promise, today) if o.promise.due and not o.promise.done else None


def cmd_done(args: argparse.Namespace, ws: Workspace) -> int:
    b = ws.buyers.done(args.account, args.number, args.platform)
    return emit_buyer(args, ws, b, f"已完成：{b.promises[args.number - 1].text}")
