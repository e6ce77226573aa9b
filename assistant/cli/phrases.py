"""Phrase commands: add, edit, rm, show, list, groups, search, render, copy."""

from __future__ import annotations

import argparse
from typing import Any

from assistant.cli.clipboard import copy_text, read_text
from assistant.cli.commands import Subcommands, add_command, add_pairs_option
from assistant.cli.image_clipboard import copy_image
from assistant.cli.output import emit_json, one_line, report_prepared, say, warn
from assistant.cli.phrase_images import image_lines, images_json, read_images
from assistant.core.errors import InvalidInput
from assistant.core.images.store import ImageStore
from assistant.core.phrases.messages import Message, message_at, messages_of
from assistant.core.phrases.model import Phrase
from assistant.core.phrases.template import unset_shop_values
from assistant.core.text import parse_pairs
from assistant.core.workspace import Workspace


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    p = add_command(sub, common, "add", "新增短语", cmd_add)
    p.add_argument("text", help="短语内容（可含占位符，如 {昵称}、{?尺码:38}）")
    _content_options(p)
    p.add_argument("--favourite", action="store_true", help="加入收藏")
    p.add_argument("--pack", help="放入哪个短语包（默认 我的短语）")
    _image_option(p, "图片（如尺码表），作为文字之后的消息依次发送（可重复）")

    p = add_command(sub, common, "edit", "修改短语", cmd_edit)
    p.add_argument("ref", metavar="ID", help="短语编号或快捷编码")
    p.add_argument("--text", help="新内容")
    _content_options(p)
    p.add_argument("--favourite", dest="favourite", action="store_true", default=None)
    p.add_argument("--no-favourite", dest="favourite", action="store_false")
    p.add_argument("--hide", dest="hidden", action="store_true", default=None, help="隐藏")
    p.add_argument("--unhide", dest="hidden", action="store_false", help="取消隐藏")
    p.add_argument("--pack", help="移到另一个短语包")
    _image_option(p, "在最后加一张图片消息（可重复）")
    p.add_argument(
        "--remove-image",
        dest="remove_images",
        action="append",
        type=int,
        metavar="N",
        help="去掉第 N 张图片（按发送顺序，从 1 数；可重复）",
    )

    add_command(sub, common, "rm", "删除短语", cmd_rm).add_argument("ref", metavar="ID")
    p = add_command(sub, common, "show", "查看短语；不带 ID 则打开快速查找", cmd_show)
    p.add_argument("ref", metavar="ID", nargs="?", help="短语编号或快捷编码")

    p = add_command(sub, common, "list", "列出短语", cmd_list)
    p.add_argument("--group", help="只列出此分组")
    p.add_argument("--pack", help="只列出此短语包")
    p.add_argument("--all", dest="include_hidden", action="store_true", help="包括隐藏的短语")

    p = add_command(sub, common, "search", "搜索短语（中文、拼音、首字母、编码）", cmd_search)
    p.add_argument("query", nargs="*")
    p.add_argument("--limit", type=int, default=20, help="最多显示几条（默认 20，0 为不限）")
    p.add_argument(
        "--prepare",
        action="store_true",
        help="只准备搜索索引（存入缓存；程序在没有缓存时启动会自动运行）",
    )

    for name, helptext, func in (
        ("render", "填充占位符并输出短语（不计使用次数）", cmd_render),
        ("copy", "填充占位符并复制到剪贴板（计一次使用）", cmd_copy),
    ):
        p = add_command(sub, common, name, helptext, func)
        p.add_argument("ref", metavar="ID|CODE")
        p.add_argument("--buyer", metavar="ACCOUNT", help="买家账号（填充 {买家}、{昵称}）")
        p.add_argument("--platform", help="买家所在平台（账号在多个平台重名时）")
        add_pairs_option(p, "--set", "fills", "NAME=VALUE", "填空内容，如 --set 尺码=39")
        p.add_argument(
            "--message",
            type=int,
            metavar="N",
            help="只取第 N 条消息（文字或图片，从 1 数）；带图片的短语默认取第 1 条",
        )
        if name == "copy":
            p.add_argument(
                "--question",
                metavar="TEXT",
                help="买家的问题：记下这条短语回答了它，以后相似的问题优先推荐它",
            )


def _image_option(p: argparse.ArgumentParser, helptext: str) -> None:
    p.add_argument("--image", dest="images", action="append", metavar="FILE", help=helptext)


def _content_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--title", help="标题（默认取内容的第一句，最多 16 个字）")
    p.add_argument("--group", help="分组，如 催付")
    p.add_argument("--code", help="快捷编码，如 cf1（为空字符串则清除）")
    p.add_argument("--tag", dest="tags", action="append", help="标签（可重复）")
    p.add_argument(
        "--question",
        dest="questions",
        action="append",
        metavar="Q",
        help="买家的相似问法，用于推荐回复（可重复；修改时替换原有的，--question '' 清除）",
    )


def print_phrase(phrase: Phrase, store: ImageStore | None = None) -> None:
    say(f"{phrase.title}  [{phrase.group}]" + (f"  编码 {phrase.code}" if phrase.code else ""))
    marks = ("  ★收藏" if phrase.favourite else "") + ("  (已隐藏)" if phrase.hidden else "")
    say(f"编号 {phrase.id}  短语包 {phrase.pack}  使用 {phrase.use_count} 次{marks}")
    if phrase.tags:
        say("标签 " + "、".join(phrase.tags))
    if phrase.questions:
        say("相似问法 " + " | ".join(phrase.questions))
    if phrase.images and store is not None:
        for line in image_lines(phrase, store):
            say(line)
    say("")
    say(phrase.text)


def print_rows(phrases: list[Phrase]) -> None:
    for p in phrases:
        mark = "★" if p.favourite else " "
        code = p.code or "-"
        say(f"{mark} {code:<8} {p.title}  [{p.group}]  {one_line(p.text, 36)}  ({p.id})")


def phrase_json(phrase: Phrase, ws: Workspace) -> dict[str, Any]:
    out = phrase.to_json()
    if phrase.images:
        out["images"] = images_json(phrase, ws.phrases.images)
    return out


def _emit_phrase(args: argparse.Namespace, ws: Workspace, phrase: Phrase, message: str) -> int:
    """The phrase as JSON with --json, else one line saying what was done."""
    if args.json:
        emit_json(phrase_json(phrase, ws))
    else:
        say(message)
    return 0


def cmd_add(args: argparse.Namespace, ws: Workspace) -> int:
    phrase = ws.phrases.add(
        args.text,
        title=args.title,
        group=args.group,
        code=args.code,
        tags=args.tags,
        favourite=args.favourite,
        pack=args.pack,
        questions=args.questions,
        images=read_images(args.images),
    )
    return _emit_phrase(args, ws, phrase, phrase.id)


def cmd_edit(args: argparse.Namespace, ws: Workspace) -> int:
    changes: dict[str, Any] = {
        "text": args.text,
        "title": args.title,
        "group": args.group,
        "tags": args.tags,
        "favourite": args.favourite,
        "hidden": args.hidden,
        "pack": args.pack,
        "questions": args.questions,
    }
    if args.code is not None:
        changes["code"] = args.code
    if all(v is None for v in changes.values()) and not (args.images or args.remove_images):
        raise InvalidInput(
            "没有要修改的内容（用 --text、--title、--group、--code、--tag、--question、--image 等）"
        )
    phrase = ws.phrases.edit(
        args.ref,
        **changes,
        add_images=read_images(args.images),
        remove_images=args.remove_images or (),
    )
    return _emit_phrase(args, ws, phrase, f"已修改：{phrase.title}（{phrase.id}）")


def cmd_rm(args: argparse.Namespace, ws: Workspace) -> int:
    phrase = ws.phrases.remove(args.ref)
    return _emit_phrase(args, ws, phrase, f"已删除：{phrase.title}（{phrase.id}）")


def cmd_show(args: argparse.Namespace, ws: Workspace) -> int:
    if args.ref is None:
        from assistant.cli.launch import start_app

        return start_app(str(ws.path), show=True)
    phrase = ws.phrases.resolve(args.ref)
    if args.json:
        emit_json(phrase_json(phrase, ws))
    else:
        print_phrase(phrase, ws.phrases.images)
    return 0


def cmd_list(args: argparse.Namespace, ws: Workspace) -> int:
    phrases = ws.phrases.filtered(args.group, args.pack, include_hidden=args.include_hidden)
    if args.json:
        emit_json([p.to_json() for p in phrases])
    else:
        print_rows(phrases)
        say(f"共 {len(phrases)} 条")
    return 0


def cmd_search(args: argparse.Namespace, ws: Workspace) -> int:
    if args.prepare:
        if args.query:
            raise InvalidInput("--prepare 不和搜索内容一起使用")
        report_prepared(args.json, ws.phrases.prepare_index(), "搜索索引")
        return 0
    if not " ".join(args.query).strip():
        raise InvalidInput("请给出要搜索的内容，如：kefu search 包邮")
    if args.limit < 0:
        raise InvalidInput("--limit 不能是负数")
    phrases = ws.phrases.search(" ".join(args.query), limit=args.limit or None)
    if args.json:
        emit_json([p.to_json() for p in phrases])
    elif phrases:
        print_rows(phrases)
    else:
        say("没有找到匹配的短语")
    return 0


def _render(args: argparse.Namespace, ws: Workspace) -> tuple[Phrase, Message]:
    """The rendered phrase, or one message of it: all of a text-only phrase's text unless
    ``--message`` is given, message 1 of a phrase with images."""
    phrase = ws.phrases.resolve(args.ref)
    fills = parse_pairs(args.fills, "--set")
    buyer = ws.buyer_context(args.buyer, args.platform)
    text = ws.render(phrase, buyer=buyer, fills=fills, clipboard=read_text)
    for name in unset_shop_values(phrase.text, ws.shop.get()):
        warn(f"提示：店铺信息「{name}」还没有设置，这里留空了（kefu shop --set {name}=...）")
    if args.message is None and not phrase.images:
        return phrase, text
    messages = messages_of(text, phrase.images)
    return phrase, message_at(messages, 1 if args.message is None else args.message)


def _message_json(ws: Workspace, message: Message) -> dict[str, Any]:
    if isinstance(message, str):
        return {"text": message}
    stored = ws.phrases.images.describe(message.sha256)
    return {
        "image": {
            "name": message.name,
            "sha256": message.sha256,
            "path": str(stored.path) if stored else None,
        }
    }


def cmd_render(args: argparse.Namespace, ws: Workspace) -> int:
    _, message = _render(args, ws)
    if args.json:
        emit_json(_message_json(ws, message))
    elif isinstance(message, str):
        say(message)
    else:
        stored = ws.phrases.images.describe(message.sha256)
        say(f"[图片 {message.name}] {stored.path if stored else '（文件缺失）'}")
    return 0


def cmd_copy(args: argparse.Namespace, ws: Workspace) -> int:
    phrase, message = _render(args, ws)
    if isinstance(message, str):
        text = message
        copy_text(text)
    else:
        copy_image(ws.phrases.images.read(message.sha256))
        text = f"[图片 {message.name}]"
    ws.phrases.record_use(phrase.id, buyer=args.buyer)
    out: dict[str, Any] = {**_message_json(ws, message), "phrase": phrase.id}
    if args.question:
        out["learned"] = ws.suggestions.learn(phrase.id, args.question)
    if args.json:
        emit_json(out)
    else:
        say(f"已复制到剪贴板：{one_line(text, 50)}")
    return 0
