"""Whoosh analyzers per language, the cross-script fold analyzer, and stemming.

The schema imports ``language_analyzer``, ``fold_analyzer``, ``exact_analyzer``,
``query_variants`` and ``stem`` from here. Whoosh pickles the schema, analyzers
included, into the index, so every filter is a module-level class with plain
attributes (no lambdas, no closures) and its import path must stay stable.

Pipelines (tokenizer keeps digits, splits on hyphens, keeps in-word apostrophes):

* kk: tokenize | normalize (lower, NFC, ё->е, no apostrophes or stress marks) |
  Latin -> Cyrillic Kazakh | Kazakh stemmer | и->і
* ru: tokenize | normalize | dictionary lemma, surnames to one base (``russian.py``)
* en: tokenize | normalize (also drops a possessive 's) | Snowball english
* fold: tokenize | normalize | Kazakh stemmer in Cyrillic | ``translit.fold_key``; the
  index also gets the key stripped leniently (``loose_fold_term``), which Latin query
  words are searched by
* exact: tokenize | normalize
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Iterator

import snowballstemmer
from whoosh.analysis import Analyzer, Filter, RegexTokenizer, Token

from indexer.text.kazakh import stem_kazakh
from indexer.text.kazakh_key import stem_key
from indexer.text.russian import stem_russian
from indexer.text.translit import (
    finish_key,
    fold_key,
    is_cyrillic,
    is_latin,
    latin_alphabet,
    latin_to_kazakh,
    letter_key,
    lower_latin,
    reads_as_kazakh,
    script_variants,
)

LANGUAGES = ("kk", "ru", "en")
# Words: letters, digits and combining marks, with apostrophes inside (O'Brien,
# university's); hyphens and other punctuation separate words.
TOKEN_PATTERN = r"[\w\u0300-\u036f]+(?:['’ʼ][\w\u0300-\u036f]+)*"
APOSTROPHES = "'’ʼ"
_SNOWBALL_NAMES = {"en": "english"}
#: Shorter alphabetic fold keys are not indexed: men/мен, bar/бар, on/он collide.
MIN_FOLD_KEY = 4
#: Shorter keys of Cyrillic words are indexed apart (``short_fold_term``) for Latin
#: query words that may be Kazakh (UBT, nur, ata).
MIN_SHORT_KEY = 2
#: A stem left by stripping a longer word may be this short (өз-і-нің -> "oz"), as
#: ``fold_term`` allows.
MIN_FOLD_STEM = 2

_I_NOT_BEFORE_VOWEL = re.compile("и(?![аәеёиіоөуұүыэюя])")

_THREAD_STEMMERS = threading.local()


def _snowball(lang: str) -> snowballstemmer.stemmer:
    """This thread's Snowball stemmer for ``lang`` (a stemmer keeps state per call)."""
    stemmers = getattr(_THREAD_STEMMERS, "by_lang", None)
    if stemmers is None:
        stemmers = _THREAD_STEMMERS.by_lang = {}
    if lang not in stemmers:
        stemmers[lang] = snowballstemmer.stemmer(_SNOWBALL_NAMES[lang])
    return stemmers[lang]


@functools.lru_cache(maxsize=300_000)
def normalize_word(word: str) -> str:
    """Lower-case, compose, ё->е, drop stress marks and apostrophes (keeps 's off).

    Kazakh Latin keeps its meaning: 2021 capital I is ı, 2017 a' is á (``lower_latin``).
    """
    word = unicodedata.normalize("NFC", lower_latin(word))
    if any(unicodedata.combining(ch) for ch in word):
        word = "".join(ch for ch in word if not unicodedata.combining(ch))
    if len(word) > 2 and word[-2] in APOSTROPHES and word[-1] == "s":
        word = word[:-2]
    for mark in APOSTROPHES:
        word = word.replace(mark, "")
    return word.replace("ё", "е")


@functools.lru_cache(maxsize=300_000)
def stem(word: str, lang: str) -> str:
    """Stem one word the way the ``lang`` analyzer does.

    Args:
        word: One word, any case. For "kk" a Latin-script word that may be Kazakh
            (``latin.reads_as_kazakh``) is first spelled in Cyrillic.
        lang: "kk", "ru" or "en"; other values only normalize.

    Returns:
        The index term, e.g. stem("Университеттерінде", "kk") == "універсітет".
    """
    word = normalize_word(word)
    if lang == "kk":
        if is_latin(word) and reads_as_kazakh(word):
            word = _latin_for_stemmer(word)
        # и/і are one letter in Latin spellings (i), so they are one in kk terms.
        return stem_kazakh(word).replace("и", "і")
    if lang == "ru":
        return stem_russian(word)
    if lang in _SNOWBALL_NAMES:
        return _snowball(lang).stemWord(word)
    return word


def _latin_for_stemmer(word: str) -> str:
    """``latin_to_kazakh`` with и read as і before a consonant or at the end.

    Writers of the 2021 alphabet often type i for і (köşti for köştı): the stemmer
    must see -ті there, not -ти, to take the suffix off. kk terms join и and і after
    stemming anyway; и before a vowel (иіссу, технология) is kept for the stemmer.
    """
    return _I_NOT_BEFORE_VOWEL.sub("і", latin_to_kazakh(word))


@functools.lru_cache(maxsize=300_000)
def fold_term(word: str) -> str:
    """The ``fold`` field's term for one word: its Kazakh stem's cross-script key.

    A Cyrillic word, or a Latin one spelled in Cyrillic by ``latin_to_kazakh``, loses
    its Kazakh suffixes; when one came off, the key is that of the Cyrillic stem,
    otherwise of the word as written (keeping the Latin rules: Rouhani, Gumilyov). So
    Zhangyru, Zhanyru, zagyru and жаңғыруы, or Qazaqstandagy and Қазақстандағы, meet.

    Args:
        word: One word, any case and script.

    Returns:
        The key, or "" for a word whose own key is shorter than ``MIN_FOLD_KEY``.
    """
    word = normalize_word(word)
    cyrillic = word if is_cyrillic(word) else _latin_for_stemmer(word) if is_latin(word) else ""
    stemmed = stem_kazakh(cyrillic) if cyrillic else ""
    if len(fold_key(word)) < MIN_FOLD_KEY and word.isalpha():
        return ""
    return fold_key(stemmed if stemmed and stemmed != cyrillic else word)


@functools.lru_cache(maxsize=300_000)
def loose_fold_term(word: str) -> str:
    """The ``fold`` field's term for an informal spelling: stripped in the key alphabet.

    Informal Latin drops the letters the Kazakh stemmer's harmony check reads (koshti
    for көшті, tarihynyng for тарихының), so this term strips suffixes from the
    word's letter key with ``kazakh_key.stem_key`` instead. It depends on the key only,
    so every spelling with the same key - Cyrillic, 2021 Latin, informal ASCII - gets
    the same term. Latin query words are searched by it; every indexed word gets it
    besides its ``fold_term``.

    Args:
        word: One word, any case and script.

    Returns:
        "kox" for көшті, koshti and köşti; the word's ``fold_key`` when no suffix
        comes off; "" for a word whose key is shorter than ``MIN_FOLD_KEY`` or a stem
        shorter than ``MIN_FOLD_STEM``.
    """
    word = normalize_word(word)
    key = fold_key(word)
    if len(key) < MIN_FOLD_KEY and word.isalpha():
        return ""
    letters = letter_key(word)
    stemmed = stem_key(letters)
    if stemmed == letters:
        return key
    term = finish_key(stemmed)
    return term if len(term) >= MIN_FOLD_STEM else ""


@functools.lru_cache(maxsize=300_000)
def short_fold_term(word: str) -> str:
    """The ``fold`` field's term for a short word: its key of 2 or 3 letters.

    Informal Latin cannot tell ұ/ү/у, ө/о, ә/а apart, so a short Latin query word (nur,
    UBT, kun) that may be Kazakh (``latin.reads_as_kazakh``) is searched by its key;
    Cyrillic words of that length are indexed by it. Latin words are not (men, bar,
    the stay out of the fold field), and neither are Cyrillic query words.

    Args:
        word: One word, any case and script.

    Returns:
        The key, e.g. "nur" for нұр and Nur; "" for longer or non-alphabetic words.
    """
    word = normalize_word(word)
    key = fold_key(word)
    return key if word.isalpha() and MIN_SHORT_KEY <= len(key) < MIN_FOLD_KEY else ""


class NormalizeFilter(Filter):
    """Lower-case and normalize each token (see ``normalize_word``); drop empties."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = normalize_word(token.text)
            if token.text:
                yield token


class StemFilter(Filter):
    """Replace each token by ``stem(token, lang)``.

    Args:
        lang: "kk", "ru" or "en".
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        lang = self.lang
        for token in tokens:
            token.text = stem(token.text, lang)
            yield token


class FoldFilter(Filter):
    """Replace each token by its cross-script terms; drop short keys.

    Indexing emits ``fold_term`` and, when it differs, ``loose_fold_term`` at the same
    position; a short Cyrillic word gets its ``short_fold_term``. A query word is
    searched by one term: ``loose_fold_term`` for a plain ASCII word (informal
    spellings), ``fold_term`` for any other (Cyrillic, and the official Latin
    alphabets, whose Cyrillic reading is exact), ``short_fold_term`` for a short
    Latin word that may be Kazakh.
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            word = token.text
            strict = fold_term(word)
            if token.mode != "index":
                token.text = _query_fold_term(word, strict)
                if token.text:
                    yield token
                continue
            strict, loose = _fold_index_pair(word, strict)
            if strict:
                token.text = strict
                yield token
            if loose and loose != strict:
                extra = token.copy()
                extra.text = loose
                yield extra


def _fold_index_pair(word: str, strict: str) -> tuple[str, str]:
    """The strict and loose fold terms of an indexed word (``strict`` is its ``fold_term``)."""
    loose = loose_fold_term(word)
    if not strict and is_cyrillic(word):
        strict = short_fold_term(word)
    return strict, loose


def fold_index_terms(word: str) -> tuple[str, ...]:
    """The terms ``FoldFilter`` gives a normalized word at index time, in its order.

    For ``indexer.index.fast``, which analyses each distinct word once without
    Whoosh tokens.
    """
    strict, loose = _fold_index_pair(word, fold_term(word))
    return tuple(t for t in (strict, loose if loose != strict else "") if t)


def _query_fold_term(word: str, strict: str) -> str:
    """The one fold term a query word is searched by (see ``FoldFilter``)."""
    if not is_latin(word):
        return strict
    term = loose_fold_term(word) if latin_alphabet(word) == "ascii" else strict
    return term or (short_fold_term(word) if reads_as_kazakh(word) else "")


def _tokenizer() -> RegexTokenizer:
    return RegexTokenizer(TOKEN_PATTERN)


def language_analyzer(lang: str) -> Analyzer:
    """The analyzer of a ``body_<lang>``/``title_<lang>`` field.

    Args:
        lang: "kk", "ru" or "en".

    Returns:
        tokenizer | normalize | stem (kk also reads Latin-script Kazakh).

    Raises:
        ValueError: For another language code.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"no analyzer for language {lang!r}; use one of {LANGUAGES}")
    return _tokenizer() | NormalizeFilter() | StemFilter(lang)


def fold_analyzer() -> Analyzer:
    """The analyzer of the cross-script ``fold`` field: one phonetic key per word."""
    return _tokenizer() | NormalizeFilter() | FoldFilter()


def exact_analyzer() -> Analyzer:
    """The analyzer of unstemmed fields, for quoted phrases: tokenize + normalize."""
    return _tokenizer() | NormalizeFilter()


def query_variants(word: str) -> list[str]:
    """Other-script spellings of a query word, for the UI's "also searched: ...".

    Args:
        word: One word of the user's query.

    Returns:
        E.g. ["қазақстан"] for "Qazaqstan", ["jañğyru", "zhangghyru"] for "жаңғыру";
        empty for digits or a word with no other spelling.
    """
    return script_variants(normalize_word(word))
