"""Errors a user can act on. Their message is shown as is (Chinese, one line)."""

from __future__ import annotations


class KefuError(Exception):
    """A refused operation: nothing was changed, the message says why."""


class NotFound(KefuError):
    pass


class InvalidInput(KefuError):
    pass


class TemplateError(InvalidInput):
    pass


class MissingFillIn(TemplateError):
    def __init__(self, names: list[str], message: str | None = None) -> None:
        self.names = names  # all of them, in full: a form asks for each
        super().__init__(
            message or "缺少填空内容：" + "、".join(names) + "（命令行用 --set 名称=值 提供）"
        )


class StorageError(KefuError):
    pass
