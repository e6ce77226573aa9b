"""Lint findings as the windows word them, in the UI's language.

Core words each finding in Chinese for the CLI (``Finding.message``, ``Finding.suggestion``)
and says the same in parts (``code``, ``args``). Here the parts are put together again from
literal texts that pyside6-lupdate reads, so English gets English. The Chinese sources are
core's wording exactly: without a translation a window shows what the CLI prints
(tests/ui/test_english_everywhere.py holds them equal).

What stays as found: the word quoted from the phrase (「最好」), a suggestion that is Chinese
reply text to use instead (一般 / 基本, from the rule words), and a placeholder error, which is
core's error text.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from assistant.core.phrases.lint import ABSOLUTE_FALLBACK, Finding

CONTEXT = "LintTexts"

SEVERITIES = {
    "error": QT_TRANSLATE_NOOP("LintTexts", "错误"),
    "warning": QT_TRANSLATE_NOOP("LintTexts", "警告"),
    "hint": QT_TRANSLATE_NOOP("LintTexts", "提示"),
}
CONTACTS = {
    "off-platform.wechat": QT_TRANSLATE_NOOP("LintTexts", "微信号"),
    "off-platform.qq": QT_TRANSLATE_NOOP("LintTexts", "QQ 号"),
    "off-platform.email": QT_TRANSLATE_NOOP("LintTexts", "邮箱"),
    "off-platform.phone": QT_TRANSLATE_NOOP("LintTexts", "手机号"),
    "off-platform.link": QT_TRANSLATE_NOOP("LintTexts", "站外链接"),
}
# The suggestions that say what to do (not a Chinese wording to use instead), by code.
INSTRUCTIONS = {
    "off-platform.other-platform": QT_TRANSLATE_NOOP("LintTexts", "改为“其他店铺”或直接删去"),
    "flat-refusal": QT_TRANSLATE_NOOP(
        "LintTexts", "给出当前活动或有条件的办法，如“拍两件就包邮哦”"
    ),
    "too-short": QT_TRANSLATE_NOOP("LintTexts", "回答问题后再补一句推荐或说明"),
}
CONTACT_ADVICE = QT_TRANSLATE_NOOP("LintTexts", "删除联系方式，请买家在平台内联系")
ABSOLUTE_ADVICE = QT_TRANSLATE_NOOP("LintTexts", "改为客观、具体的说法（如材质、数据），或删去")


def _t(text: object) -> str:
    """``text``: a literal, or one marked by QT_TRANSLATE_NOOP (typed ``object``)."""
    return QCoreApplication.translate(CONTEXT, str(text))


def severity_name(severity: str) -> str:
    name = SEVERITIES.get(severity)
    return _t(name) if name is not None else severity


def message(f: Finding) -> str:
    """What is wrong; a finding of a code this module does not know keeps core's message."""
    args = f.args
    if f.code in CONTACTS:
        return QCoreApplication.translate("LintTexts", "{0}会把买家引到平台外，平台会处罚").format(
            _t(CONTACTS[f.code])
        )
    if f.code == "off-platform.other-platform":
        return QCoreApplication.translate(
            "LintTexts", "京东会屏蔽提到其他平台（{0}）的消息"
        ).format(args["word"])
    if f.code == "absolute":
        return QCoreApplication.translate(
            "LintTexts", "「{0}」是绝对化用语：广告法禁止，也容易引起纠纷"
        ).format(args["word"])
    if f.code == "flat-refusal":
        return QCoreApplication.translate("LintTexts", "直接拒绝容易流失买家：先说能做到的")
    if f.code == "too-short":
        return QCoreApplication.translate("LintTexts", "回复太短，买家得不到有用的信息")
    if f.code == "auto-reply-length":
        return QCoreApplication.translate(
            "LintTexts", "自动回复最多 {0} 个字（每个字符算一个），现在 {1} 个"
        ).format(args["limit"], args["count"])
    if f.code == "template":
        return str(args["error"])  # core's error text, as the editor shows it
    return f.message


def suggestion(f: Finding) -> str | None:
    """What to do instead, if core has a suggestion: an instruction is translated, a Chinese
    wording to use (the rule words' suggestions) is shown as it is."""
    if f.suggestion is None:
        return None
    if f.code in CONTACTS:
        return _t(CONTACT_ADVICE)
    if f.code in INSTRUCTIONS:
        return _t(INSTRUCTIONS[f.code])
    if f.code == "auto-reply-length":
        return QCoreApplication.translate("LintTexts", "删减 {0} 个字").format(
            int(f.args["count"]) - int(f.args["limit"])
        )
    if f.code == "absolute" and f.suggestion == ABSOLUTE_FALLBACK:
        return _t(ABSOLUTE_ADVICE)
    return f.suggestion  # a wording to use instead (一般 / 基本): Chinese reply text


def with_suggestion(text: str, f: Finding) -> str:
    """``text（建议：…）`` / ``text (Suggestion: …)``; the text alone without a suggestion."""
    advice = suggestion(f)
    return (
        QCoreApplication.translate("LintTexts", "{0}（建议：{1}）").format(text, advice)
        if advice
        else text
    )


def finding_text(f: Finding) -> str:
    """``警告：message（建议：…）``: a finding with its severity, as the phrase editor lists it."""
    return with_suggestion(
        QCoreApplication.translate("LintTexts", "{0}：{1}").format(
            severity_name(f.severity), message(f)
        ),
        f,
    )


def warning_text(f: Finding) -> str:
    """``⚠ message（建议：…）``: the finding the quick panel's status line shows."""
    return with_suggestion("⚠ " + message(f), f)
