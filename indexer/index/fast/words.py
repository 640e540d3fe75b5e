"""Word-at-a-time analysis of a field value into its terms and frequencies.

Whoosh analyses a field value token by token: a ``Token`` object goes through
the tokenizer and every filter for each of the ~2,000 words of an article, in
each of its analysed fields. Our analyzers (``indexer.text.analysis``) are a
``RegexTokenizer`` followed by filters that look at one token at a time, so a
word's terms depend on the word alone: a ``_FieldIndexer`` keeps a map from the
raw word to its terms, counts the words of a value with one ``re.findall``, and
gives the same terms, frequencies, weights and values as Whoosh's ``Frequency``
and ``Positions`` formats (``field_postings`` checks this in the tests).

The result is an ``Analysed``: the terms as a list, the frequencies as an
array, and (``Positions`` only) the encoded positions. Build workers send these
to the writer process, so the pickle is one joined blob per list instead of a
tuple per posting: cheaper to pickle, to unpickle and to add.
"""

from __future__ import annotations

import logging
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import partial
from itertools import accumulate, islice
from typing import Any

from whoosh import formats
from whoosh.analysis import CompositeAnalyzer, RegexTokenizer
from whoosh.system import pack_uint

from indexer.text.analysis import (
    FoldFilter,
    NormalizeFilter,
    StemFilter,
    fold_index_terms,
    normalize_word,
    stem,
)

#: Filters whose output for a token depends on that token's text only.
PER_WORD_FILTERS = (NormalizeFilter, StemFilter, FoldFilter)
#: Distinct words remembered per analyzer before the map is cleared (memory bound).
MAX_WORDS = 400_000
#: Joins the terms of a pickled ``Analysed``: never part of UTF-8 text.
_SEP = b"\xff"
#: New words per field whose direct terms are checked against the analyzer's.
CHECKED_WORDS = 200

LOGGER = logging.getLogger(__name__)

Posting = tuple[bytes, int, float, bytes]


class Analysed:
    """A field value turned into its postings: terms, frequencies and values.

    ``values`` is None for ``Frequency`` fields (the value is the packed
    frequency) and the encoded positions, one per term, for ``Positions``.
    The weight of a term is its frequency times the format's field boost.
    """

    __slots__ = ("terms", "freqs", "values")

    def __init__(self, terms: list[bytes], freqs: array, values: list[bytes] | None) -> None:
        self.terms = terms
        self.freqs = freqs
        self.values = values

    def postings(self, boost: float) -> list[Posting]:
        """The ``(term, freq, weight, value)`` tuples ``field.index`` would give."""
        values = self.values or [pack_uint(n) for n in self.freqs]
        return [(term, n, n * boost, value)
                for term, n, value in zip(self.terms, self.freqs, values, strict=True)]

    def __getstate__(self) -> tuple[bytes, bytes, bytes | None, bytes | None]:
        values = self.values
        sizes = None if values is None else array("I", map(len, values)).tobytes()
        joined = None if values is None else b"".join(values)
        return _SEP.join(self.terms), self.freqs.tobytes(), sizes, joined

    def __setstate__(self, state: tuple[bytes, bytes, bytes | None, bytes | None]) -> None:
        terms, freqs, sizes, joined = state
        self.freqs = array("I")
        self.freqs.frombytes(freqs)
        # one frequency per term: b"" is no term, or the one empty term
        self.terms = terms.split(_SEP) if self.freqs else []
        self.values = None
        if sizes is not None and joined is not None:
            lengths = array("I")
            lengths.frombytes(sizes)
            self.values = [joined[stop - size:stop]
                           for stop, size in zip(accumulate(lengths), lengths, strict=True)]


def _normalized(text: str) -> tuple[str, ...]:
    text = normalize_word(text)
    return (text,) if text else ()


def _stemmed(lang: str, text: str) -> tuple[str, ...]:
    return (stem(text, lang),)


def _direct(filters: list[Any]) -> Callable[[str], tuple[str, ...]]:
    """word -> its terms through the filters' own word functions, without Whoosh tokens.

    The tokenizer gives a word found by ``findall`` back whole, and each of our
    filters maps one text to zero or more texts (``NormalizeFilter`` drops
    empties, ``FoldFilter`` gives ``fold_index_terms``), so chaining those
    functions gives the analyzer's terms at a fraction of its cost.
    """
    steps: list[Callable[[str], tuple[str, ...]]] = []
    for item in filters:
        if type(item) is NormalizeFilter:
            steps.append(_normalized)
        elif type(item) is StemFilter:
            steps.append(partial(_stemmed, item.lang))
        else:
            steps.append(fold_index_terms)

    def terms(word: str) -> tuple[str, ...]:
        texts: tuple[str, ...] = (word,)
        for step in steps:
            texts = tuple(out for text in texts for out in step(text))
        return texts

    return terms


class _LastValue:
    """The words of the last value tokenized with one pattern, and their counts.

    A document gives the same text to several fields (``exact`` and ``fold``;
    the three ``body_*`` fields when its language is unknown): they tokenize
    and count it once.
    """

    def __init__(self, findall: Callable[[str], list[str]]) -> None:
        self.findall = findall
        # (value, its words, [their counts or None]), replaced whole: safe across threads
        self.last: tuple[str | None, list[str], list[Counter[str] | None]] = (None, [], [None])

    def _entry(self, value: str) -> tuple[str | None, list[str], list[Counter[str] | None]]:
        last = self.last
        if last[0] is not value and last[0] != value:
            last = self.last = (value, self.findall(value), [None])
        return last

    def words_of(self, value: str) -> list[str]:
        return self._entry(value)[1]

    def counts_of(self, value: str) -> Counter[str]:
        _, words, counts = self._entry(value)
        counted = counts[0]
        if counted is None:
            counted = counts[0] = Counter(words)
        return counted


_LAST_VALUES: dict[Any, _LastValue] = {}  # by compiled pattern


class _FieldIndexer:
    """Terms of one field's values, with a word -> terms map."""

    def __init__(self, field: Any, terms: dict[str, tuple[bytes, ...]]) -> None:
        self.analyzer = field.analyzer
        expression = self.analyzer.items[0].expression
        self.findall = expression.findall
        self.last = _LAST_VALUES.setdefault(expression, _LastValue(expression.findall))
        self.direct: Callable[[str], tuple[str, ...]] | None = _direct(self.analyzer.items[1:])
        self.checks = CHECKED_WORDS
        self.positions = type(field.format) is formats.Positions
        self.one_position: dict[int, bytes] = {}  # pos -> the encoding of [pos]
        self.format = field.format
        self.boost = field.format.field_boost
        self.terms = terms

    def _analysed(self, word: str) -> tuple[bytes, ...]:
        return tuple(t.text.encode("utf-8") for t in self.analyzer(word, mode="index")
                     if not t.stopped)

    def _terms(self, word: str) -> tuple[bytes, ...]:
        terms = self.terms.get(word)
        if terms is None and _LOADERS:  # the first word missed: seed the maps first
            seed_word_maps(_LOADERS.pop()())
            terms = self.terms.get(word)
        if terms is None:
            if len(self.terms) >= MAX_WORDS:
                self.terms.clear()
                _SEEDED.clear()  # which words are new is no longer known: all are
            if self.direct is None:
                terms = self._analysed(word)
            else:
                terms = tuple(t.encode("utf-8") for t in self.direct(word))
                if self.checks:  # the filters' word functions still match their __call__
                    self.checks -= 1
                    analysed = self._analysed(word)
                    if analysed != terms:
                        LOGGER.warning("direct terms of %r differ from the analyzer's: %r, %r;"
                                       " using the analyzer", word, terms, analysed)
                        self.direct, terms = None, analysed
            self.terms[word] = terms
        return terms

    def _encode(self, positions: list[int]) -> bytes:
        """``Positions.encode``; most terms of a value occur once, and the encoding of
        one position depends on it alone, so those are looked up.

        A looked-up value is copied: a W3 block pickles its values together, and
        pickle writes an object met twice as a reference, not as the bytes Whoosh
        writes for values made apart.
        """
        if len(positions) > 1:
            return self.format.encode(positions)
        pos = positions[0]
        value = self.one_position.get(pos)
        if value is None:
            value = self.one_position[pos] = self.format.encode(positions)
        return bytes(memoryview(value))

    def analyse(self, value: str) -> Analysed:
        """The terms of ``value`` with their frequencies (and positions)."""
        known, new = self.terms.get, self._terms  # a known word costs no call to _terms
        if self.positions:
            poses: dict[bytes, list[int]] = defaultdict(list)
            for pos, word in enumerate(self.last.words_of(value)):
                for term in known(word) or new(word):
                    poses[term].append(pos)
            return Analysed(list(poses), array("I", map(len, poses.values())),
                            [self._encode(p) for p in poses.values()])
        freqs: dict[bytes, int] = defaultdict(int)
        for word, count in self.last.counts_of(value).items():
            for term in known(word) or new(word):
                freqs[term] += count
        return Analysed(list(freqs), array("I", freqs.values()), None)


def fast_indexer(field: Any, shared: list[tuple[Any, dict]] | None = None
                 ) -> _FieldIndexer | None:
    """A word-at-a-time indexer for ``field``, or None when its analysis needs context.

    Fields with equal analyzers (``title_kk`` and ``body_kk``) share one word map
    through ``shared``.
    """
    analyzer = getattr(field, "analyzer", None)
    if not field.indexed or field.vector or field.separate_spelling():
        return None
    if type(field.format) not in (formats.Frequency, formats.Positions):
        return None
    if not isinstance(analyzer, CompositeAnalyzer) or not analyzer.items:
        return None
    tokenizer, *filters = analyzer.items
    if type(tokenizer) is not RegexTokenizer or tokenizer.gaps:
        return None
    if not all(type(f) in PER_WORD_FILTERS for f in filters):
        return None
    shared = [] if shared is None else shared
    terms = next((t for other, t in shared if other == analyzer), None)
    if terms is None:
        key = repr(analyzer)
        terms = _WORD_MAPS.setdefault(key, {})
        if any(type(f) in (StemFilter, FoldFilter) for f in filters):
            _WORTH_SAVING.add(key)
        shared.append((analyzer, terms))
    return _FieldIndexer(field, terms)


#: This process's word -> terms maps, one per analyzer (keyed by its repr, which
#: spells out the tokenizer and filters): every indexer of the process shares them,
#: and a saved table (``wordtable``) seeds them.
_WORD_MAPS: dict[str, dict[str, tuple[bytes, ...]]] = {}
#: The maps whose words cost a stemmer or the fold keys (not those that only
#: normalise, which are as cheap to make again as to load).
_WORTH_SAVING: set[str] = set()
#: How many words of each map came from a table, not from this process's analysis.
_SEEDED: dict[str, int] = {}
#: A pending :func:`seed_word_maps_lazily` loader.
_LOADERS: list[Callable[[], dict[str, dict[str, tuple[bytes, ...]]]]] = []


def word_maps() -> dict[str, dict[str, tuple[bytes, ...]]]:
    """This process's word maps worth saving, by analyzer key (shared, not copied)."""
    return {key: words for key, words in _WORD_MAPS.items() if key in _WORTH_SAVING}


def seed_word_maps(maps: dict[str, dict[str, tuple[bytes, ...]]]) -> None:
    """Start this process's maps from saved ones; :func:`new_words` leaves those out."""
    for key, words in maps.items():
        mine = _WORD_MAPS.setdefault(key, {})
        mine.clear()  # in place: indexers made earlier hold this dict
        mine.update(words)
        _SEEDED[key] = len(mine)


def new_words() -> dict[str, dict[str, tuple[bytes, ...]]]:
    """The words analysed since :func:`seed_word_maps`, by analyzer key.

    Maps keep insertion order, so a map's new words follow its seeded ones; a map
    cleared for its size (``MAX_WORDS``) since then is given whole.
    """
    out = {}
    for key, words in word_maps().items():
        seeded = _SEEDED.get(key, 0)
        if not seeded:
            if words:
                out[key] = words
        elif len(words) > seeded:
            out[key] = dict(islice(words.items(), seeded, None))
        elif len(words) < seeded:
            out[key] = dict(words)
    return out


def seed_word_maps_lazily(load: Callable[[], dict[str, dict[str, tuple[bytes, ...]]]]) -> None:
    """Seed the maps with ``load()`` when a word is first missed (not at all if none is)."""
    _LOADERS[:] = [load]


def seed_now() -> None:
    """Seed the maps now if :func:`seed_word_maps_lazily` is pending (before forking
    workers, which then inherit them)."""
    if _LOADERS:
        seed_word_maps(_LOADERS.pop()())


def forget_words() -> None:
    """Drop this process's word maps (the memory of a finished build or update)."""
    for words in _WORD_MAPS.values():
        words.clear()
    _SEEDED.clear()
    _LOADERS.clear()


_PROCESS_INDEXERS: dict[str, _FieldIndexer | None] = {}


def analyse_document(schema: Any, document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with each analysed text value replaced by its ``Analysed``.

    Meant for worker processes, so the writer process only adds postings;
    each process keeps its own word maps (``_PROCESS_INDEXERS``).
    """
    if not _PROCESS_INDEXERS:
        shared: list[tuple[Any, dict]] = []
        _PROCESS_INDEXERS.update((name, fast_indexer(field, shared))
                                 for name, field in schema.items())
    out = dict(document)
    for name, value in document.items():
        indexer = _PROCESS_INDEXERS.get(name)
        if indexer is None or name not in schema or not isinstance(value, str):
            continue
        field = schema[name]
        if not field.stored and not field.column_type:
            out[name] = indexer.analyse(value)
    return out


def field_postings(field: Any, value: Any) -> list[Posting]:
    """``field.index(value)`` computed word by word (for tests and benchmarks)."""
    indexer = fast_indexer(field)
    if indexer is None or not isinstance(value, str):
        return list(field.index(value))
    return indexer.analyse(value).postings(indexer.boost)
