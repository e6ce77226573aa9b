"""`kefu buyer ...`: buyer notes, promises, clean-up and order-report import."""

from __future__ import annotations

import argparse
from typing import Any

from assistant.cli import buyer_imports, buyer_promises
from assistant.cli.buyer_output import emit_buyer, emit_buyers, print_buyer, print_rows
from assistant.cli.commands import Handler, Subcommands
from assistant.cli.output import emit_json, report_prepared, say
from assistant.core.buyers.model import INACTIVE_DAYS, READY_TAGS
from assistant.core.buyers.remark import compose_remark
from assistant.core.errors import InvalidInput
from assistant.core.platforms import platform_choices
from assistant.core.text import parse_pairs
from assistant.core.workspace import Workspace


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    top = sub.add_parser("buyer", parents=[common], help="买家备注、承诺、十大分组、订单导入")
    bsub = top.add_subparsers(dest="buyer_command", metavar="子命令", required=True)

    def cmd(
        name: str, helptext: str, func: Handler, account: bool = True
    ) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = bsub.add_parser(name, parents=[common], help=helptext)
        if account:
            p.add_argument("account", metavar="ACCOUNT", help="买家账号（如旺旺名）")
            p.add_argument("--platform", help=f"平台（代码或中文名）：{platform_choices()}")
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
    p.add_argument("query", nargs="*")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument(
        "--prepare",
        action="store_true",
        help="只准备买家索引（存入缓存；程序第一次打开“买家”窗口时自动运行）",
    )

    p = cmd("tag", "添加标签", cmd_tag)
    p.add_argument("tags", nargs="+", metavar="TAG")
    p = cmd("untag", "移除标签", cmd_untag)
    p.add_argument("tags", nargs="+", metavar="TAG")
    cmd("tags", "列出可用的买家类型标签", cmd_ready_tags, account=False)

    buyer_promises.register(cmd)
    cmd("touch", "记录一次联系（现在）", cmd_touch)

    p = cmd("inactive", "长期无订单、无联系的买家", cmd_inactive, account=False)
    p.add_argument("--days", type=int, default=INACTIVE_DAYS)
    p = cmd("prune", "归档长期不活跃的买家（不加 --yes 只预览）", cmd_prune, account=False)
    p.add_argument("--days", type=int, required=True)
    p.add_argument("--yes", action="store_true", help="确认归档")
    cmd("restore", "恢复已归档的买家", cmd_restore)
    p = cmd("remark", "生成适合聊天软件备注栏的简短备注", cmd_remark)
    p.add_argument("--max", type=int, default=20, dest="max_len", help="最多字符数（默认 20）")

    buyer_imports.register(cmd)


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
    return emit_buyer(args, ws, b, f"已添加买家：{b.account}（{b.platform}）")


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
    return emit_buyer(args, ws, b, f"已修改买家：{b.account}")


def cmd_show(args: argparse.Namespace, ws: Workspace) -> int:
    b = ws.buyers.get(args.account, args.platform)
    if args.json:
        emit_json(b.to_json())
    else:
        print_buyer(ws, b)
    return 0


def cmd_rm(args: argparse.Namespace, ws: Workspace) -> int:
    done = ws.erase_buyer(args.account, args.platform)
    held = {"still_in": done.still_in, "questions_forgotten": done.questions_forgotten}
    if args.json:
        who = done.buyer.to_json() if done.buyer else {"account": done.account}
        emit_json({**who, "platform": done.platform, "scrubbed": done.scrubbed} | held)
        return 0
    how = "的全部数据" if done.buyer else "的全部数据（完成了上次中断的删除）"
    say(f"已删除买家 {done.account}{how}")
    if done.scrubbed:
        say(f"另外清除了 {len(done.scrubbed)} 个含有该账号的文件：" + "、".join(done.scrubbed))
    if done.questions_forgotten:
        say(f"另外忘掉了 {done.questions_forgotten} 条提到该账号的已学问法（回复建议）")
    if done.still_in:
        say(
            f"删除之前的 {len(done.still_in)} 个备份仍含有该账号，"
            "轮换后（保留最近 14 个）自然消失：" + "、".join(done.still_in)
        )
    return 0


def cmd_list(args: argparse.Namespace, ws: Workspace) -> int:
    return emit_buyers(args, ws, ws.buyers.filtered(args.group, args.tag, archived=args.archived))


def cmd_search(args: argparse.Namespace, ws: Workspace) -> int:
    if args.prepare:
        if args.query:
            raise InvalidInput("--prepare 不和搜索内容一起使用")
        report_prepared(args.json, ws.buyers.prepare_index(), "买家索引", "位买家")
        return 0
    if not " ".join(args.query).strip():
        raise InvalidInput("请给出要搜索的内容，如：kefu buyer search 小花")
    buyers = ws.buyers.search(" ".join(args.query), limit=max(args.limit, 0) or None)
    if args.json:
        emit_json([b.to_json() for b in buyers])
    elif buyers:
        print_rows(ws, buyers)
    else:
        say("没有找到匹配的买家")
    return 0


def cmd_tag(args: argparse.Namespace, ws: Workspace) -> int:
    b = ws.buyers.tag(args.account, args.tags, args.platform)
    return emit_buyer(args, ws, b, f"{b.account} 的标签：{'、'.join(b.tags)}")


def cmd_untag(args: argparse.Namespace, ws: Workspace) -> int:
    b = ws.buyers.untag(args.account, args.tags, args.platform)
    return emit_buyer(args, ws, b, f"{b.account} 的标签：{'、'.join(b.tags) or '（无）'}")


def cmd_ready_tags(args: argparse.Namespace, ws: Workspace) -> int:
    if args.json:
        emit_json(list(READY_TAGS))
    else:
        say("、".join(READY_TAGS))
    return 0


def cmd_touch(args: argparse.Namespace, ws: Workspace) -> int:
    b = ws.buyers.touch(args.account, args.platform)
    return emit_buyer(args, ws, b, f"已记录联系：{b.account}")


def cmd_inactive(args: argparse.Namespace, ws: Workspace) -> int:
    return emit_buyers(args, ws, ws.buyers.inactive(args.days))


def cmd_prune(args: argparse.Namespace, ws: Workspace) -> int:
    if not args.yes:
        buyers = ws.buyers.inactive(args.days)
        if args.json:
            emit_json({"would_archive": [b.to_json() for b in buyers], "archived": 0})
            return 0
        print_rows(ws, buyers)
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
    return emit_buyer(args, ws, b, f"已恢复买家：{b.account}")


def cmd_remark(args: argparse.Namespace, ws: Workspace) -> int:
    b = ws.buyers.get(args.account, args.platform)
    text = compose_remark(b, args.max_len)
    if args.json:
        emit_json({"account": b.account, "remark": text})
    else:
        say(text)
    return 0
