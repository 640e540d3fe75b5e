"""Per-language Whoosh analyzers and the stemming they apply."""

from __future__ import annotations

import functools

import snowballstemmer

from indexer.kazakh import stem_kazakh

_SNOWBALL = {"ru": snowballstemmer.stemmer("russian"), "en": snowballstemmer.stemmer("english")}


@functools.lru_cache(maxsize=200_000)
def stem(word: str, lang: str) -> str:
    """Stem one word the way the ``lang`` analyzer does."""
    word = word.lower().replace("ё", "е")
    if lang == "kk":
        return stem_kazakh(word)
    stemmer = _SNOWBALL.get(lang)
    return stemmer.stemWord(word) if stemmer else word
