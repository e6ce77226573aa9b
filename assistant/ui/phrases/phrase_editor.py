"""Edit one phrase: live preview, placeholders to insert, problems shown before saving."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.core.changes import Changed
from assistant.core.errors import KefuError
from assistant.core.phrases.messages import messages_of
from assistant.core.phrases.model import Phrase
from assistant.core.phrases.template import MESSAGE_BREAK, PLACEHOLDERS, fill_ins
from assistant.ui.context import UiContext
from assistant.ui.lint_texts import finding_text
from assistant.ui.names import fill_in_sample, joined
from assistant.ui.phrases.image_list import ImageList
from assistant.ui.quick.image_line import image_line

# What each placeholder of the menu stands for; the name in braces is what goes into the text.
PLACEHOLDER_HELP = {
    "买家": QT_TRANSLATE_NOOP("PhraseEditor", "买家账号"),
    "昵称": QT_TRANSLATE_NOOP("PhraseEditor", "买家备注名（没有时为“亲”）"),
    "店铺": QT_TRANSLATE_NOOP("PhraseEditor", "店铺名"),
    "客服": QT_TRANSLATE_NOOP("PhraseEditor", "客服名/工号"),
    "活动": QT_TRANSLATE_NOOP("PhraseEditor", "当前活动"),
    "发货时间": QT_TRANSLATE_NOOP("PhraseEditor", "每日发货截止时间"),
    "日期": QT_TRANSLATE_NOOP("PhraseEditor", "今天的日期"),
    "时间": QT_TRANSLATE_NOOP("PhraseEditor", "现在的时间"),
    "星期": QT_TRANSLATE_NOOP("PhraseEditor", "今天星期几"),
    "剪贴板": QT_TRANSLATE_NOOP("PhraseEditor", "剪贴板里的文字"),
}


def split_questions(text: str) -> list[str]:
    return [q.strip() for q in text.splitlines() if q.strip()]


def split_tags(text: str) -> list[str]:
    for sep in "，、;；":
        text = text.replace(sep, ",")
    return [t.strip() for t in text.split(",") if t.strip()]


class PhraseEditor(QDialog):
    def __init__(
        self,
        ctx: UiContext,
        phrase: Phrase | None = None,
        parent: QWidget | None = None,
        initial_text: str = "",
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.phrase = phrase
        self.saved: Phrase | None = None
        self.setWindowTitle(self.tr("编辑短语") if phrase else self.tr("新建短语"))
        # A new phrase starts empty: "内容不能为空" before anything was typed reads as a
        # scolding. It is said once the content was edited, or on a try to save.
        self._empty_is_fine = phrase is None and not initial_text.strip()
        self.title = QLineEdit(phrase.title if phrase else "")
        self.title.setPlaceholderText(self.tr("留空则取内容的第一句"))
        self.group = QComboBox()
        self.group.setEditable(True)
        self.group.addItems([g for g, _ in ctx.ws.phrases.groups()])
        self.group.setCurrentText(phrase.group if phrase else "")
        self.code = QLineEdit(phrase.code or "" if phrase else "")
        self.code.setPlaceholderText(self.tr("如 cf1"))
        self.tags = QLineEdit(joined(phrase.tags) if phrase else "")
        self.tags.setPlaceholderText(self.tr("用逗号分隔"))
        self.text = QPlainTextEdit(phrase.text if phrase else initial_text)
        self.text.setTabChangesFocus(True)
        self.questions = QPlainTextEdit("\n".join(phrase.questions) if phrase else "")
        self.questions.setTabChangesFocus(True)
        self.questions.setPlaceholderText(
            self.tr("每行一个，如：能便宜点吗（买家这样问时推荐这条短语）")
        )
        self.questions.setFixedHeight(self.fontMetrics().height() * 4 + 12)
        self.image_list = ImageList(
            ctx,
            list(phrase.images) if phrase else [],
            self.text.toPlainText,
            self._say_problem,
        )
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b42318;")

        insert = QPushButton(self.tr("插入占位符"))
        menu = QMenu(insert)
        for name in PLACEHOLDERS:
            help_text = PLACEHOLDER_HELP.get(name)
            action = menu.addAction(f"{{{name}}}  {self.tr(str(help_text)) if help_text else ''}")
            action.triggered.connect(lambda _c=False, n=name: self._insert("{" + n + "}"))
        menu.addSeparator()
        menu.addAction(self.tr("填空 {?名称:默认值}")).triggered.connect(
            lambda: self._insert("{?尺码:38}")
        )
        insert.setMenu(menu)

        form = QFormLayout()
        form.addRow(self.tr("标题："), self.title)
        form.addRow(self.tr("分组："), self.group)
        form.addRow(self.tr("快捷编码："), self.code)
        form.addRow(self.tr("标签："), self.tags)
        form.addRow(self.tr("内容："), self.text)
        form.addRow("", insert)
        form.addRow(self.tr("预览："), self.preview)
        form.addRow(self.tr("图片："), self.image_list)
        form.addRow(self.tr("买家问法："), self.questions)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for widget in (self.title, self.code, self.tags):
            widget.textChanged.connect(self.check)
        self.group.currentTextChanged.connect(self.check)
        self.questions.textChanged.connect(self.check)
        self.text.textChanged.connect(self._text_edited)
        self.text.textChanged.connect(self.image_list.refresh)  # their message numbers
        self.image_list.changed.connect(self.check)  # the preview lists them
        self.resize(self.fontMetrics().height() * 36, self.fontMetrics().height() * 32)
        self.check()

    def _say_problem(self, text: str) -> None:
        self.problem.setText(text)

    def _insert(self, token: str) -> None:
        self.text.insertPlainText(token)
        self.text.setFocus()

    def _text_edited(self) -> None:
        self._empty_is_fine = False
        self.check()

    def check(self) -> str | None:
        """The problem that keeps the phrase from being saved, shown with the lint's notes."""
        if self._empty_is_fine and not self.text.toPlainText().strip():
            self.problem.clear()
            self.preview.clear()
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
            return None
        problem = self.ctx.ws.phrases.check_draft(
            self.text.toPlainText(),
            title=self.title.text(),
            group=self.group.currentText(),
            code=self.code.text(),
            tags=split_tags(self.tags.text()),
            own_id=self.phrase.id if self.phrase else None,
            questions=split_questions(self.questions.toPlainText()),
        )
        lint = self.ctx.lint
        findings = (
            lint.check_draft(self.text.toPlainText(), split_tags(self.tags.text())) if lint else []
        )
        notes = [finding_text(f) for f in findings if f.rule != "template"]
        self.problem.setText("\n".join([problem or "", *notes]).strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(problem is None)
        if problem is None:
            draft = Phrase(id="", title="", text=self.text.toPlainText())
            sample = {f.name: f.default or fill_in_sample(f.name) for f in fill_ins(draft.text)}
            try:
                rendered = self.ctx.ws.render(draft, fills=sample)
                self.preview.setPlainText(self._with_images(rendered))
            except KefuError as exc:
                self.preview.setPlainText(str(exc))
        return problem

    def _with_images(self, rendered: str) -> str:
        """The preview lists the images among the messages, as the quick panel's does."""
        images = self.image_list.images()
        if not images:
            return rendered
        return f"\n{MESSAGE_BREAK}\n".join(
            m if isinstance(m, str) else image_line(m) for m in messages_of(rendered, images)
        )

    def save(self) -> None:
        self._empty_is_fine = False
        if self.check() is not None:
            if not self.text.toPlainText().strip():
                self.text.setFocus()
            return
        text = self.text.toPlainText()
        title = self.title.text()
        group = self.group.currentText()
        code = self.code.text()
        tags = split_tags(self.tags.text())
        questions = split_questions(self.questions.toPlainText())
        images = self.image_list.images()
        phrases = self.ctx.ws.phrases
        if self.phrase is None:
            result = self.ctx.run(
                self,
                lambda: phrases.add(
                    text,
                    title=title,
                    group=group,
                    code=code,
                    tags=tags,
                    questions=questions,
                    placed_images=images,
                ),
                changes=Changed.PHRASES,
            )
        else:
            pid = self.phrase.id
            result = self.ctx.run(
                self,
                lambda: phrases.edit(
                    pid,
                    text=text,
                    title=title,
                    group=group,
                    code=code,
                    tags=tags,
                    questions=questions,
                    placed_images=images,
                ),
                changes=Changed.PHRASES,
            )
        if result is not None:
            self.saved = result
            self.accept()
