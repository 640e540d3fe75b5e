"""Where the words of a text are, as the analyzers' tokenizer sees them, found with arrays.

A snippet needs every word of a hit's text and its offsets. ``re.split`` with
:data:`~indexer.text.analysis.TOKEN_PATTERN` is slow for this, plus the sums that turn
part lengths into offsets (figures: ``docs/whoosh.md``). Here each
character is classified through a table (word character, apostrophe, other),
word edges come from one comparison of neighbours, and the words are cut by
``str.split`` from a copy of the text with every other character made a space,
with exactly the regex's words and offsets (tested on
every character of the Basic Multilingual Plane). A text with characters beyond
it (emoji, rare CJK) goes to the regex.
"""

from __future__ import annotations

import itertools
import re

import numpy as np

from indexer.text.analysis import APOSTROPHES, TOKEN_PATTERN

_WORDS_AND_GAPS = re.compile(f"({TOKEN_PATTERN})")
_SPACE = ord(" ")


def _classes() -> tuple[np.ndarray, np.ndarray]:
    """Per code point of the BMP: is it a word character of TOKEN_PATTERN, an apostrophe.

    ``\\w`` of Python's ``re`` on ``str`` is ``str.isalnum()`` or the underscore; the
    pattern adds the combining diacritics U+0300–U+036F.
    """
    word = np.fromiter((chr(code).isalnum() for code in range(0x10000)), dtype=bool,
                       count=0x10000)
    word[ord("_")] = True
    word[0x300:0x370] = True
    apostrophe = np.zeros(0x10000, dtype=bool)
    apostrophe[[ord(ch) for ch in APOSTROPHES]] = True
    return word, apostrophe


_WORD, _APOSTROPHE = _classes()


def word_spans(text: str) -> tuple[list[str], list[int], list[int]]:
    """The tokenizer's words of ``text``, with the offset where each starts and ends.

    Exactly ``re.findall(TOKEN_PATTERN, text)`` and its match spans.
    """
    codes = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    if len(codes) != len(text):  # surrogate pairs: characters beyond the BMP
        return _regex_spans(text)
    inside = np.zeros(len(codes) + 2, dtype=bool)  # a non-word on either side
    inside[1:-1] = _WORD[codes]
    apostrophe = _APOSTROPHE[codes]
    if apostrophe.any():  # an apostrophe between two word characters is inside the word
        inside[1:-1] |= apostrophe & inside[:-2] & inside[2:]
    edges = np.flatnonzero(inside[1:] != inside[:-1])
    masked = np.where(inside[1:-1], codes, np.uint16(_SPACE))
    words = masked.tobytes().decode("utf-16-le", "surrogatepass").split()
    return words, edges[0::2].tolist(), edges[1::2].tolist()


def _regex_spans(text: str) -> tuple[list[str], list[int], list[int]]:
    parts = _WORDS_AND_GAPS.split(text)  # gap, word, gap, ..., word, gap
    offsets = list(itertools.accumulate(map(len, parts)))
    return parts[1::2], offsets[0:-1:2], offsets[1::2]
