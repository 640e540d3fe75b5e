"""Words found with arrays are exactly the tokenizer pattern's matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.search.wordspans import word_spans
from indexer.text.analysis import APOSTROPHES, TOKEN_PATTERN

_PATTERN = re.compile(TOKEN_PATTERN)


def _regex(text: str) -> tuple[list[str], list[int], list[int]]:
    found = list(_PATTERN.finditer(text))
    return [m.group() for m in found], [m.start() for m in found], [m.end() for m in found]


def test_every_character_of_the_bmp_is_classified_as_the_regex_does() -> None:
    """Each code point alone, and between two letters (where an apostrophe joins)."""
    singles = "".join(chr(code) + " " for code in range(0x10000))
    assert word_spans(singles) == _regex(singles)
    joined = "".join("a" + chr(code) + "b " for code in range(0x10000))
    assert word_spans(joined) == _regex(joined)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from("аәбғқңөұүһіё abc_-.,\n\t\u00a0\u0301"
                                                  + APOSTROPHES), st.characters()),
               max_size=200))
def test_any_text_gives_the_regex_words_and_offsets(text: str) -> None:
    assert word_spans(text) == _regex(text)


def test_characters_beyond_the_bmp_take_the_regex() -> None:
    text = "университет 😀 студент's 𝔘𝔫𝔦 ok"
    assert word_spans(text) == _regex(text)
    assert word_spans("") == ([], [], [])
