"""`kefu buyer ...`: buyer notes, promises, clean-up and order-report import."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from assistant.cli.output import emit_json, one_line, say, warn
from assistant.core.buyers.export import to_json, write_export
from assistant.core.buyers.model import READY_TAGS, Buyer
from assistant.core.buyers.orders import import_orders, parse_mapping
from assistant.core.buyers.remark import compose_remark
from assistant.core.errors import InvalidInput
from assistant.core.platforms import platform_name
from assistant.core.text import parse_pairs
from assistant.core.workspace import Workspace


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    top = sub.add_parser("buyer", parents=[common], help="买家备注、承诺、十大分组、订单导入")
    bsub = top.add_subparsers(dest="buyer_command", metavar="子命令", required=True)

    def cmd(name: str, helptext: str, func: Any, account: bool = True) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = bsub.add_parser(name, parents=[common], help=helptext)
        if account:
            p.add_argument("account", metavar="ACCOUNT", help="买家账号（如旺旺名）")
            p.add_argument("--platform", help="平台：taobao、tmall、jd、pdd、wechat、other")
        p.set_defaults(func=func)
        return p

    p = cmd("add", "新增买家", cmd_add)
    _buyer_options(p)
    p = cmd("edit", "修改买家", cmd_edit)
    _buyer_options(p)
    p.add_argument("--append-note", metavar="TEXT", help="在备注末尾追加一行（带日期）")
    p.add_argument("--ungroup", action="store_true", help="移出分组")
    p.add_argument("--rm-attr", dest="rm_attrs", action="append", metavar="KEY", help="删除属性")
    cmd("show", "查看买家", cmd_show)
    cmd("rm", "删除买家的全部数据", cmd_rm)

    p = cmd("list", "列出买家", cmd_list, account=False)
    p.add_argument("--group", type=int, help="分组号 1–10")
    p.add_argument("--tag", help="标签")
    p.add_argument("--archived", action="store_true", help="列出已归档的买家")
    p = cmd("search", "搜索买家（账号、备注名、备注、标签；支持拼音）", cmd_search, account=False)
    p.add_argument("query", nargs="+")
    p.add_argument("--limit", type=int, default=20)

    p = cmd("tag", "添加标签", cmd_tag)
    p.add_argument("tags", nargs="+", metavar="TAG")
    p = cmd("untag", "移除标签", cmd_untag)
    p.add_argument("tags", nargs="+", metavar="TAG")
    cmd("tags", "列出可用的买家类型标签", cmd_ready_tags, account=False)

    p = cmd("promise", "记录对买家的承诺（赠品、退运费、到货通知…）", cmd_promise)
    p.add_argument("text")
    p.add_argument("--due", metavar="DATE", help="到期日 YYYY-MM-DD")
    p = cmd("promises", "所有承诺（默认只列未完成），到期早的在前", cmd_promises, account=False)
    p.add_argument("--open", action="store_true", help="只列未完成的（默认）")
    p.add_argument("--all", dest="all_promises", action="store_true", help="包括已完成的")
    p = cmd("done", "把第 N 条承诺标为已完成", cmd_done)
    p.add_argument("number", type=int, metavar="N")
    cmd("touch", "记录一次联系（现在）", cmd_touch)

    p = cmd("inactive", "长期无订单、无联系的买家", cmd_inactive, account=False)
    p.add_argument("--days", type=int, default=180)
    p = cmd("prune", "归档长期不活跃的买家（不加 --yes 只预览）", cmd_prune, account=False)
    p.add_argument("--days", type=int, required=True)
    p.add_argument("--yes", action="store_true", help="确认归档")
    cmd("restore", "恢复已归档的买家", cmd_restore)
    p = cmd("remark", "生成适合聊天软件备注栏的简短备注", cmd_remark)
    p.add_argument("--max", type=int, default=20, dest="max_len", help="最多字符数（默认 20）")

    p = cmd("export", "导出买家数据（JSON 或 CSV）", cmd_export, account=False)
    p.add_argument("account", nargs="?", metavar="ACCOUNT", help="只导出这位买家")
    p.add_argument("--platform")
    p.add_argument("--out", metavar="FILE", help="输出文件 .json 或 .csv（默认输出 JSON 到屏幕）")

    p = cmd("import-orders", "从店铺订单报表（CSV/XLSX）识别回头客", cmd_import, account=False)
    p.add_argument("file", type=Path)
    p.add_argument("--platform", help="报表所属平台（默认 taobao）")
    p.add_argument(
        "--map",
        dest="mapping",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="指定列：如 --map 旺旺名=account（字段：order_no account amount status "
        "created_at paid_at）",
    )
    p.add_argument("--dry-run", action="store_true", help="只报告，不修改")


def _buyer_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--remark", help="备注名（用于 {昵称}）")
    p.add_argument("--group", help="十大分组号 1–10")
    p.add_argument("--subgroup", help="子分组，如 1A")
    p.add_argument("--tag", dest="tags", action="append", help="标签（可重复）")
    p.add_argument("--note", help="备注")
    p.add_argument(
        "--attr", dest="attrs", action="append", metavar="KEY=VALUE", help="属性，如 --attr 尺码=38"
    )


def _attrs(pairs: list[str] | None) -> dict[str, str]:
    return parse_pairs(pairs or [], "--attr", strip_values=True)


def _group_name(ws: Workspace, buyer: Buyer) -> str:
    if buyer.subgroup:
        number = int(buyer.subgroup[:-1])
        group = ws.buyers.scheme.group(number)
        sub = group.subgroups.get(buyer.subgroup[-1], "")
        return f"{buyer.subgroup} {group.name}/{sub}"
    if buyer.group:
        return f"{buyer.group} {ws.buyers.scheme.group(buyer.group).name}"
    return "未分组"


def print_buyer(ws: Workspace, b: Buyer) -> None:
    say(
        f"{b.account}（{platform_name(b.platform)}）"
        + (f"  备注名：{b.remark}" if b.remark else "")
        + ("  【回头客】" if b.is_repeat else "")
        + ("  （已归档）" if b.archived else "")
    )
    say(f"分组：{_group_name(ws, b)}")
    if b.tags:
        say("标签：" + "、".join(b.tags))
    if b.attributes:
        say("属性：" + "，".join(f"{k}={v}" for k, v in b.attributes.items()))
    say(
        f"订单：{b.order_count} 笔，累计 {b.total_spent:.2f} 元"
        + (f"，首次 {b.first_order_at[:10]}" if b.first_order_at else "")
        + (f"，最近 {b.last_order_at[:10]}" if b.last_order_at else "")
    )
    if b.last_contact_at:
        say(f"最近联系：{b.last_contact_at[:16].replace('T', ' ')}")
    if b.notes:
        say("备注：")
        for line in b.notes.splitlines():
            say("  " + line)
    if b.promises:
        say("承诺：")
        for n, p in enumerate(b.promises, start=1):
            state = "✓ 已完成" if p.done else ("到期 " + p.due if p.due else "未完成")
            say(f"  {n}. {p.text}（{p.created} 记录，{state}）")


def _rows(ws: Workspace, buyers: list[Buyer]) -> None:
    for b in buyers:
        tags = " ".join(b.tags)
        say(
            f"{b.account:<16} {b.platform:<7} {(b.subgroup or str(b.group or '-')):<4} "
            f"{b.remark:<8} {b.order_count}单 {tags}  {one_line(b.notes, 24)}"
        )
    say(f"共 {len(buyers)} 位")


def _emit(args: argparse.Namespace, ws: Workspace, buyer: Buyer, message: str) -> int:
    if args.json:
        emit_json(buyer.to_json())
    else:
        say(message)
    return 0


def cmd_add(args: argparse.Namespace, ws: Workspace) -> int:
    b = ws.buyers.add(
        args.account,
        platform=args.platform,
        remark=args.remark,
        group=args.group,
        subgroup=args.subgroup,
        tags=args.tags,
        notes=args.note,
        attributes=_attrs(args.attrs),
    )
    return _emit(args, ws, b, f"已添加买家：{b.account}（{b.platform}）")


def cmd_edit(args: argparse.Namespace, ws: Workspace) -> int:
    changes: dict[str, Any] = {
        "remark": args.remark,
        "tags": args.tags,
        "notes": args.note,
        "append_note": args.append_note,
        "attributes": _attrs(args.attrs) or None,
        "remove_attributes": args.rm_attrs,
    }
    if args.ungroup:
        changes["group"] = None
    elif args.group is not None:
        changes["group"] = args.group
    if args.subgroup is not None:
        changes["subgroup"] = args.subgroup
    if all(v is None for v in changes.values()) and not args.ungroup:
        raise InvalidInput("没有要修改的内容")
    b = ws.buyers.edit(args.account, args.platform, **changes)
    return _emit(args, ws, b, f"已修改买家：{b.account}")


def cmd_show(args: argparse.Namespace, ws: Workspace) -> int:
    b = ws.buyers.get(args.account, args.platform)
    if args.json:
        emit_json(b.to_json())
    else:
        print_buyer(ws, b)
    return 0


def cmd_rm(args: argparse.Namespace, ws: Workspace) -> int:
    b = ws.buyers.remove(args.account, args.platform)
    return _emit(args, ws, b, f"已删除买家 {b.account} 的全部数据")


def cmd_list(args: argparse.Namespace, ws: Workspace) -> int:
    buyers = ws.buyers.filtered(args.group, args.tag, archived=args.archived)
    if args.json:
        emit_json([b.to_json() for b in buyers])
    else:
        _rows(ws, buyers)
    return 0


def cmd_search(args: argparse.Namespace, ws: Workspace) -> int:
    buyers = ws.buyers.search(" ".join(args.query), limit=max(args.limit, 0) or None)
    if args.json:
        emit_json([b.to_json() for b in buyers])
    elif buyers:
        _rows(ws, buyers)
    else:
        say("没有找到匹配的买家")
    return 0


def cmd_tag(args: argparse.Namespace, ws: Workspace) -> int:
    b = ws.buyers.tag(args.account, args.tags, args.platform)
    return _emit(args, ws, b, f"{b.account} 的标签：{'、'.join(b.tags)}")


def cmd_untag(args: argparse.Namespace, ws: Workspace) -> int:
    b = ws.buyers.untag(args.account, args.tags, args.platform)
    return _emit(args, ws, b, f"{b.account} 的标签：{'、'.join(b.tags) or '（无）'}")


def cmd_ready_tags(args: argparse.Namespace, ws: Workspace) -> int:
    if args.json:
        emit_json(list(READY_TAGS))
    else:
        say("、".join(READY_TAGS))
    return 0


def cmd_promise(args: argparse.Namespace, ws: Workspace) -> int:
    b = ws.buyers.promise(args.account, args.text, args.due, args.platform)
    return _emit(args, ws, b, f"已记录对 {b.account} 的第 {len(b.promises)} 条承诺")


def cmd_promises(args: argparse.Namespace, ws: Workspace) -> int:
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
                }
                for o in items
            ]
        )
        return 0
    for o in items:
        due = f"到期 {o.promise.due}" if o.promise.due else "无到期日"
        state = "  ✓" if o.promise.done else ""
        say(f"{due}  {o.buyer.account} #{o.number}  {o.promise.text}{state}")
    if not items:
        say("没有未完成的承诺")
    return 0


def cmd_done(args: argparse.Namespace, ws: Workspace) -> int:
    b = ws.buyers.done(args.account, args.number, args.platform)
    return _emit(args, ws, b, f"已完成：{b.promises[args.number - 1].text}")


def cmd_touch(args: argparse.Namespace, ws: Workspace) -> int:
    b = ws.buyers.touch(args.account, args.platform)
    return _emit(args, ws, b, f"已记录联系：{b.account}")


def cmd_inactive(args: argparse.Namespace, ws: Workspace) -> int:
    buyers = ws.buyers.inactive(args.days)
    if args.json:
        emit_json([b.to_json() for b in buyers])
    else:
        _rows(ws, buyers)
    return 0


def cmd_prune(args: argparse.Namespace, ws: Workspace) -> int:
    if not args.yes:
        buyers = ws.buyers.inactive(args.days)
        if args.json:
            emit_json({"would_archive": [b.to_json() for b in buyers], "archived": 0})
            return 0
        _rows(ws, buyers)
        say(f"以上 {len(buyers)} 位买家将被归档（可用 kefu buyer restore 恢复）；加 --yes 执行")
        return 0
    archived = ws.buyers.prune(args.days)
    if args.json:
        emit_json({"archived": len(archived), "accounts": [b.account for b in archived]})
    else:
        say(f"已归档 {len(archived)} 位买家（可用 kefu buyer restore ACCOUNT 恢复）")
    return 0


def cmd_restore(args: argparse.Namespace, ws: Workspace) -> int:
    b = ws.buyers.restore(args.account, args.platform)
    return _emit(args, ws, b, f"已恢复买家：{b.account}")


def cmd_remark(args: argparse.Namespace, ws: Workspace) -> int:
    b = ws.buyers.get(args.account, args.platform)
    text = compose_remark(b, args.max_len)
    if args.json:
        emit_json({"account": b.account, "remark": text})
    else:
        say(text)
    return 0


def cmd_export(args: argparse.Namespace, ws: Workspace) -> int:
    if args.account:
        buyers = [ws.buyers.get(args.account, args.platform)]
    else:
        buyers = ws.buyers.all(archived=None)
    if args.out:
        write_export(buyers, Path(args.out), ws.buyers.orders_of(buyers))
        say(f"已导出 {len(buyers)} 位买家到 {args.out}")
    else:
        sys.stdout.buffer.write(to_json(buyers, ws.buyers.orders_of(buyers)) + b"\n")
    return 0


def cmd_import(args: argparse.Namespace, ws: Workspace) -> int:
    show_progress = sys.stderr.isatty() and not args.json

    def progress(done: int, total: int) -> None:
        if show_progress:
            print(f"\r已处理 {done}/{total} 笔订单", end="", file=sys.stderr, flush=True)

    report = import_orders(
        ws.buyers,
        args.file,
        platform=args.platform,
        mapping=parse_mapping(args.mapping),
        dry_run=args.dry_run,
        progress=progress,
    )
    if show_progress:
        print(file=sys.stderr)
    if args.json:
        emit_json(report.to_json())
        return 0
    cols = "、".join(f"{k}←{v}" for k, v in report.columns.items())
    say(("【预览，未做任何修改】" if report.dry_run else "") + f"识别的列：{cols}")
    say(
        f"读取 {report.rows} 行；计入已付款订单 {report.orders_counted} 笔，"
        f"未付款 {report.unpaid} 笔，已导入过 {report.duplicates} 笔"
    )
    say(
        f"新建买家 {report.buyers_created} 位，更新 {report.buyers_updated} 位，"
        f"新标记回头客 {report.tagged} 位，移入「成交买家」{report.moved} 位"
    )
    if report.skipped:
        say(f"跳过 {len(report.skipped)} 行：")
        for line, reason in report.skipped[:50]:
            say(f"  第 {line} 行：{reason}")
        if len(report.skipped) > 50:
            warn(f"  …另有 {len(report.skipped) - 50} 行（用 --json 查看全部）")
    return 0
