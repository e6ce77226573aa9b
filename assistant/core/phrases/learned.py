"""The buyer questions each phrase was copied for: what reply suggestions learn from use.

A question is kept only once it is scrubbed (``question_text.scrubbed``: no phone, order or
account numbers, no account names), as the agent's own mapping from a wording to an answer.
Each phrase keeps its most recent questions; asking the same again counts it up instead.
"""

from __future__ import annotations

from assistant.core.clock import now_iso
from assistant.core.phrases.question_text import canonical, scrubbed
from assistant.core.store import DataFolder
from assistant.core.text import normalize

PER_PHRASE = 20  # questions kept per phrase: the most recently asked
MIN_TERMS = 2  # characters left after scrubbing: "?" or "在吗" alone teach nothing


class LearnedQuestions:
    def __init__(self, folder: DataFolder) -> None:
        self._docs = folder.learned

    def signature(self) -> list[object]:
        """Changes whenever a question is learned or forgotten, here or in another process."""
        return self._docs.shard_signatures()

    def learn(self, phrase_id: str, question: str) -> str | None:
        """Keep ``question`` for ``phrase_id``; the text kept, or None if nothing was worth it."""
        kept = scrubbed(question)
        if len(canonical(kept).replace(" ", "")) < MIN_TERMS:
            return None
        with self._docs.transaction():
            doc = self._docs.get(phrase_id) or {"asked": []}
            asked = [a for a in doc["asked"] if a["q"] != kept]
            count = 1 + sum(a["n"] for a in doc["asked"] if a["q"] == kept)
            asked.append({"q": kept, "n": count, "at": now_iso()})
            self._docs.put(phrase_id, {"asked": asked[-PER_PHRASE:]})
        return kept

    def all(self) -> dict[str, list[str]]:
        return {key: [a["q"] for a in doc["asked"]] for key, doc in self._docs.items()}

    def of(self, phrase_id: str) -> list[str]:
        doc = self._docs.get(phrase_id)
        return [a["q"] for a in doc["asked"]] if doc else []

    def forget_mentioning(self, name: str) -> int:
        """Forget every question that holds ``name`` (a buyer's account, at its erase: the
        scrubbing on learning knows account-like handles, not a Chinese nickname), as it is
        or as scrubbing left it ("小王ab12cd" is kept as "小王"); how many were forgotten.
        Compared as search compares (NFKC, casefolded); a single character names nobody."""
        needles = {normalize(text) for text in (name.strip(), scrubbed(name))}
        needles = {n for n in needles if len(n) >= MIN_TERMS}
        if not needles:
            return 0
        gone = 0
        with self._docs.transaction():
            for key, doc in list(self._docs.items()):
                kept = [a for a in doc["asked"] if not any(n in normalize(a["q"]) for n in needles)]
                if len(kept) < len(doc["asked"]):
                    gone += len(doc["asked"]) - len(kept)
                    if kept:
                        self._docs.put(key, {**doc, "asked": kept})
                    else:
                        self._docs.delete(key)
        self._docs.scrub_backups()  # each file's copy held the older version (and again
        # when this runs after an erase cut short: the questions are gone, the copy may not be)
        return gone

    def forget(self, phrase_id: str | None = None) -> int:
        """Forget one phrase's questions, or all of them; how many were forgotten."""
        with self._docs.transaction():
            keys = [phrase_id] if phrase_id is not None else [k for k, _ in self._docs.items()]
            gone = 0
            for key in keys:
                doc = self._docs.get(key)
                if doc is not None:
                    gone += len(doc["asked"])
                    self._docs.delete(key)
        return gone
