"""Reply suggestions for a data folder: the phrases that answer a buyer's question, and the
questions learned from the agent's own choices. The index is made on first use and again only
when the phrases or the learned questions changed (here or in another process)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import orjson

from assistant.core.errors import InvalidInput, StorageError
from assistant.core.memory import release_free_memory
from assistant.core.phrases import suggest_file
from assistant.core.phrases.learned import LearnedQuestions
from assistant.core.phrases.library import PhraseLibrary
from assistant.core.phrases.model import Phrase
from assistant.core.phrases.question_text import MAX_QUESTION
from assistant.core.phrases.shape import listed_late
from assistant.core.phrases.suggest import DEFAULT_LIMIT, ENGINE, Candidate, SuggestionIndex

MAX_LIMIT = 200


def _of_this_engine(made_for: Any) -> bool:
    return isinstance(made_for, list) and made_for[:1] == [ENGINE]


@dataclass(frozen=True, slots=True)
class Suggested:
    phrase: Phrase
    score: float


class Suggestions:
    def __init__(self, library: PhraseLibrary) -> None:
        self.library = library
        self.learned = LearnedQuestions(library.folder)
        self._lock = threading.Lock()  # the app builds in the background, asks on the GUI thread
        self._built: tuple[Any, SuggestionIndex] | None = None  # made for (version()), index
        self._file = library.folder.path / "cache" / "suggestions.bin"

    def signature(self) -> Any:
        """Changes whenever the phrases or the learned questions change (a stat per file)."""
        return (self.library.folder.phrases.shard_signatures(), self.learned.signature())

    def version(self) -> Any:
        """What an index made now is made for (as ``made()`` and the cache file hold it):
        the engine and ``signature()``."""
        return orjson.loads(orjson.dumps([ENGINE, self.signature()]))

    def index(self) -> SuggestionIndex:
        """The index for the phrases as they are now: read from the cache file when it was
        made for them (mapped), else made (and kept there for the next process)."""
        with self._lock:
            made_for = self.version()
            if self._built is None or self._built[0] != made_for:
                index = suggest_file.load(self._file, made_for)
                if index is None:
                    index = self._make()
                    try:
                        suggest_file.save(self._file, made_for, index)
                    except (StorageError, OSError):
                        pass  # a read-only folder: made again by the next process
                    else:  # the mapped copy: the made one's memory goes back
                        index = suggest_file.load(self._file, made_for) or index
                    release_free_memory()  # the build's temporaries: ~150 MB at 20,000
                self._built = (made_for, index)
            return self._built[1]

    def prepared(self) -> SuggestionIndex | None:
        """The index the cache file holds (mapped), whatever phrases it was made for: the app
        takes what its ``kefu suggest --prepare`` process made, even when a phrase changed
        while it ran (``made()`` says for which; a change is made into the next one). Making
        it here instead, to be exact, took the app seconds of work at 20,000 phrases, against
        its GUI thread, after nearly every change that came while another process edited.
        None when there is no whole file of this engine."""
        found = suggest_file.read(self._file, _of_this_engine)
        if found is None:
            return None
        with self._lock:
            self._built = found
        return found[1]

    def _make(self) -> SuggestionIndex:
        # Auto-reply phrases are set up in the platform, not pasted as answers. The
        # documents are read shard by shard and not kept: only these strings stay.
        candidates = [
            Candidate(key, d["title"], d["group"], d["text"], tuple(d.get("questions", ())))
            for key, d in self.library.each_stored()
            if not d.get("hidden") and not listed_late(d)
        ]
        return SuggestionIndex(candidates, self.learned.all())

    def made(self) -> tuple[Any, SuggestionIndex] | None:
        """The index made or read last with what it was made for (``version()``), or None."""
        return self._built

    def suggest(
        self, question: str, limit: int = DEFAULT_LIMIT, index: SuggestionIndex | None = None
    ) -> list[Suggested]:
        """The phrases that answer ``question``, best first; from ``index`` when given, else
        from one made for the phrases as they are now."""
        if not question.strip():
            raise InvalidInput("请给出买家的问题（不能为空）")
        limit = max(1, min(limit, MAX_LIMIT))
        index = index if index is not None else self.index()
        found = index.suggest(question[:MAX_QUESTION], limit)
        # As the search shows its results (no shard parsed: the answers come from all over).
        score = {s.key: s.score for s in found}
        return [Suggested(p, score[p.id]) for p in self.library.shown([s.key for s in found])]

    def learn(self, phrase_id: str, question: str) -> str | None:
        """The agent copied ``phrase_id`` for ``question``: the next like question ranks it
        first. The text kept (scrubbed), or None when nothing was worth keeping."""
        self.library.get(phrase_id)  # an unknown phrase is an error, not a learned question
        return self.learned.learn(phrase_id, question)

    def forget(self) -> int:
        """Forget every learned question; how many there were. The kept index goes too: its
        terms came partly from them."""
        return self._forgotten(self.learned.forget())

    def forget_mentioning(self, name: str) -> int:
        """Forget the learned questions that hold ``name`` (``LearnedQuestions``), and with
        any, the kept index; how many."""
        return self._forgotten(self.learned.forget_mentioning(name))

    def _forgotten(self, gone: int) -> int:
        if gone:
            with self._lock:
                self._built = None
                self._file.unlink(missing_ok=True)
        return gone
