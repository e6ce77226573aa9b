"""Lint results for phrases, computed once per phrase version (not on every keystroke)."""

from __future__ import annotations

from assistant.core.phrases.lint import Finding, Linter, has_error, lint_phrase
from assistant.core.phrases.lint_words import linter_for
from assistant.core.phrases.model import Phrase
from assistant.core.workspace import Workspace


class LintCache:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._linter: Linter | None = None
        self._platform = ""
        self._cache: dict[tuple[str, str, str, tuple[str, ...]], list[Finding]] = {}

    def linter(self) -> Linter:
        platform = self.ws.settings.load().platform
        if self._linter is None or platform != self._platform:
            self._linter = linter_for(self.ws.path, platform)
            self._platform = platform
            self._cache.clear()
        return self._linter

    def findings(self, phrase: Phrase) -> list[Finding]:
        linter = self.linter()  # first: a change of platform empties the cache
        # Accepting a rule (`kefu lint --accept`) does not change the phrase's text or time.
        accepted = self.ws.phrases.accepted_rules(phrase.id)
        key = (phrase.id, phrase.updated_at, phrase.text, tuple(accepted))
        if key not in self._cache:
            self._cache[key] = lint_phrase(
                linter, phrase.text, phrase.tags, accepted, self.ws.shop.get()
            )
        return self._cache[key]

    def has_error(self, phrase: Phrase) -> bool:
        return has_error(self.findings(phrase))

    def check_draft(self, text: str, tags: list[str]) -> list[Finding]:
        return self.linter().check(text, tags, self.ws.shop.get())
