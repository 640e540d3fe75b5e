"""SimHash fingerprints: the numpy computation gives the ``simhash`` library's value for
every text, since the indexes already written keep the library's values."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from simhash import Simhash

from indexer.text.similarity import (
    MIN_WORDS,
    features_simhash,
    hamming,
    near_duplicates,
    text_simhash,
)

REPO = Path(__file__).resolve().parents[1]
# Latin, Cyrillic and the punctuation between them
LETTER = st.characters(min_codepoint=0x20, max_codepoint=0x52F, exclude_categories=["Cs"])
WORD = st.text(alphabet=LETTER, min_size=1, max_size=12)


def library_simhash(text: str) -> int:
    """The fingerprint as computed before: the words' 3-shingles given to the library."""
    words = re.findall(r"\w+", text.lower())
    if len(words) < MIN_WORDS:
        return 0
    return int(Simhash([" ".join(words[i:i + 3]) for i in range(len(words) - 2)]).value)


def corpus_texts() -> list[str]:
    """Real page texts of three languages (the demo corpus's truth file)."""
    lines = (REPO / "corpus" / "TRUTH.jsonl").read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines if line.strip()]
    return [str(value) for e in entries for value in e.values() if isinstance(value, str)]


@pytest.mark.parametrize("text", [
    "", " ", "слово", "one two three", " ".join(["word"] * (MIN_WORDS - 1)),
    " ".join(["word"] * MIN_WORDS), " ".join(f"w{i}" for i in range(MIN_WORDS)),
    "Қазақ тілі — мемлекеттік тіл. " * 12, "Университет объявил набор. " * 9,
    "a " * 5000, "\u00a0".join(["Ұлттық", "ғылым"] * 30), "A, b; C? d! " * 10,
])
def test_text_simhash_equals_the_library_on_edge_texts(text: str) -> None:
    assert text_simhash(text) == library_simhash(text)


def test_text_simhash_equals_the_library_on_corpus_texts() -> None:
    texts = corpus_texts()
    assert len(texts) > 100
    words = " ".join(texts).split()
    # the texts themselves, and windows of every length over their words
    samples = texts + [" ".join(words[i:i + n]) for n in (19, 20, 21, 25, 60, 300)
                       for i in range(0, len(words) - n, 97)]
    for text in samples:
        assert text_simhash(text) == library_simhash(text), text[:80]


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(WORD, min_size=0, max_size=400))
def test_text_simhash_equals_the_library_on_any_words(words: list[str]) -> None:
    text = " ".join(words)
    assert text_simhash(text) == library_simhash(text)


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.text(max_size=30), min_size=0, max_size=300))
def test_features_simhash_equals_the_library(features: list[str]) -> None:
    assert features_simhash(features) == Simhash(features).value


def test_near_duplicates() -> None:
    text = " ".join(f"слово{i}" for i in range(200))
    edited = text.replace("слово100", "другое")
    a, b = text_simhash(text), text_simhash(edited)
    assert near_duplicates(a, b)
    assert hamming(a, a) == 0
    assert not near_duplicates(0, b)
