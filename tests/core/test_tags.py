"""One rule for a list of tags (core/text.py clean_tags), each owner with its own caps."""

from __future__ import annotations

import pytest

from assistant.core.buyers import model as buyers
from assistant.core.errors import InvalidInput
from assistant.core.phrases import model as phrases
from assistant.core.text import clean_tags


def test_tags_are_stripped_emptied_and_kept_once_in_order() -> None:
    assert clean_tags([" 老顾客 ", "", "尺码", "老顾客", "  "], 5, 3) == ["老顾客", "尺码"]
    assert clean_tags(None, 5, 3) == []


def test_a_tag_too_long_or_too_many_tags_are_refused() -> None:
    with pytest.raises(InvalidInput, match="标签太长：abcdef…（最多 5 个字符）"):
        clean_tags(["abcdef"], 5, 3)
    with pytest.raises(InvalidInput, match="标签太多：4 个，最多 3 个"):
        clean_tags(["a", "b", "c", "d"], 5, 3)
    with pytest.raises(InvalidInput, match="标签必须是文字"):
        clean_tags([3], 5, 3)  # type: ignore[list-item]


@pytest.mark.parametrize("owner", [phrases, buyers])
def test_phrases_and_buyers_apply_their_own_caps(owner: object) -> None:
    max_tag, max_tags = owner.MAX_TAG, owner.MAX_TAGS  # type: ignore[attr-defined]
    assert owner.clean_tags(["x" * max_tag]) == ["x" * max_tag]  # type: ignore[attr-defined]
    with pytest.raises(InvalidInput, match=f"最多 {max_tag} 个字符"):
        owner.clean_tags(["x" * (max_tag + 1)])  # type: ignore[attr-defined]
    with pytest.raises(InvalidInput, match=f"最多 {max_tags} 个"):
        owner.clean_tags([f"t{i}" for i in range(max_tags + 1)])  # type: ignore[attr-defined]
