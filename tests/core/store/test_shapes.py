"""A document's shape, checked in one pass over its own fields, says what checking every
field the shape names says."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.core.store.shapes import BUYER_SHAPE, PHRASE_SHAPE, Shape

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=3),
    st.lists(st.one_of(st.text(max_size=2), st.integers()), max_size=3),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
)


def _plain(shape: Shape, doc: dict[str, Any]) -> bool:
    if any(not isinstance(doc.get(k), t) for k, t in shape.required.items()):
        return False
    if any(doc.get(k) is not None and not isinstance(doc[k], t) for k, t in shape.optional.items()):
        return False
    return all(
        isinstance(doc[k], list) and all(isinstance(i, str) for i in doc[k])
        for k in shape.lists_of_str
        if k in doc
    )


@st.composite
def docs(draw: st.DrawFn, shape: Shape) -> dict[str, Any]:
    """A document of the shape with a few fields changed, added or left out."""
    fine = {key: types[0]() for key, types in shape.required.items()}
    fine.update({key: types[0]() for key, types in shape.optional.items()})
    fine.update({key: ["a"] for key in shape.lists_of_str})
    names = [*fine, "extra"]
    for key in draw(st.lists(st.sampled_from(names), unique=True, max_size=3)):
        if draw(st.booleans()):
            fine.pop(key, None)
        else:
            fine[key] = draw(VALUES)
    return fine


@settings(max_examples=600)
@given(
    st.sampled_from([PHRASE_SHAPE, BUYER_SHAPE]).flatmap(lambda s: st.tuples(st.just(s), docs(s)))
)
def test_fits_is_every_named_field_checked(case: tuple[Shape, dict[str, Any]]) -> None:
    shape, doc = case
    assert shape.fits(doc) == _plain(shape, doc)


def test_a_well_formed_phrase_fits_and_a_required_none_does_not() -> None:
    doc = {"id": "p1", "title": "t", "text": "x", "group": "g", "code": None, "tags": ["a"]}
    assert PHRASE_SHAPE.fits(doc)
    assert not PHRASE_SHAPE.fits({**doc, "title": None})
    assert not PHRASE_SHAPE.fits({**doc, "tags": ["a", 1]})
