"""Best-passage snippets with the matches highlighted, HTML-escaped.

Whoosh's highlighter re-analyses a hit's whole text through the field's
analyzer chain, token by token, for every hit. Our analyzers work word by
word (tokenize, normalize, stem or fold), so the terms of each distinct word
are computed once and cached, and the words are found with arrays
(:mod:`indexer.search.wordspans`); the passages are cut from those offsets by a port
of Whoosh's fragmenter (:mod:`indexer.search.passages`). Same passages, cheaper.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable
from typing import Any

from whoosh import highlight
from whoosh.searching import Hit

from indexer.index.schema import body_field, build_schema
from indexer.search import passages
from indexer.search.wordspans import word_spans

SNIPPET_CHARS = 240
#: Passages per snippet.
PASSAGES = 2

_SCHEMA = build_schema()


class PassageScorer(highlight.BasicFragmentScorer):
    """Whoosh's passage score (matched boosts × distinct terms), made unique.

    Whoosh ranks passages with ``heapq.nlargest`` over ``(score, fragment)``
    pairs; on a tie it compares fragments, which cannot be ordered, and the
    highlight fails. A tiny bonus for earlier passages breaks every tie.
    """

    def __call__(self, fragment: highlight.Fragment) -> float:
        return float(super().__call__(fragment)) + 1.0 / (2 + fragment.startchar)


def configure(results) -> None:  # type: ignore[no-untyped-def]
    """Set the fragmenter and formatter on a Whoosh results object.

    The context fragmenter cuts fragments at token boundaries of the field's
    own tokenizer, so a Cyrillic word is never split.
    """
    results.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=70)
    results.formatter = highlight.HtmlFormatter(tagname="mark", classname="hl", between=" … ")
    results.scorer = PassageScorer()


def snippet(hit: Hit, text: str, lang: str) -> str:
    """The best passages of ``text`` for the hit's query, as safe HTML.

    Tries the article's own language field (stemmed matches), then the
    exact (phrase) field, then the cross-script field; falls back to the
    article's opening.
    """
    schema = hit.searcher.schema
    for name in (body_field(lang), "exact", "fold"):
        if name not in schema:
            continue
        try:
            found = highlights(hit, name, text)
        except Exception:  # noqa: BLE001 - a highlighting failure must not lose the hit
            found = ""
        if found:
            return found
    return highlight.htmlescape(opening(text))


def highlights(hit: Hit, fieldname: str, text: str, top: int = PASSAGES) -> str:
    """What ``hit.highlights(fieldname, text=text, top=top)`` returns, made faster.

    Same query terms, same tokens, same fragments, scorer and formatter; the
    tokens come from the per-word cache and are cut into passages by
    :mod:`indexer.search.passages`, and a field the query has no terms in costs nothing.
    """
    results = hit.results
    words = query_words(results, fieldname)
    if not words:
        return ""
    highlighter = results.highlighter
    fragmenter = highlighter.fragmenter
    if fieldname not in _SCHEMA or not isinstance(fragmenter, highlight.ContextFragmenter):
        return str(hit.highlights(fieldname, text=text, top=top))  # Whoosh's own way
    best = highlight.top_fragments(_fragments(text, fieldname, words, fragmenter), top,
                                   highlighter.scorer, highlighter.order, minscore=1)
    return str(highlighter.formatter.format(best))


def query_words(results: Any, fieldname: str) -> frozenset[str]:
    """The query's terms in ``fieldname`` (prefixes and fuzzy terms expanded), once
    per results object."""
    cache = results.__dict__.setdefault("_qazsearch_words", {})
    if fieldname not in cache:
        field = results.searcher.schema[fieldname]
        cache[fieldname] = frozenset(
            field.from_bytes(term[1])
            for term in results.query_terms(expand=True, fieldname=fieldname))
    return cache[fieldname]


def _fragments(text: str, fieldname: str, words: frozenset[str],
               fragmenter: highlight.ContextFragmenter) -> list[highlight.Fragment]:
    """The fragments Whoosh's context fragmenter makes of the field analyzer's
    tokens over ``text``, ``matched`` set for the tokens in ``words``.

    The words are analysed through the field's vocabulary (each distinct word
    once per process); a text with no word analysed to a query term costs a
    set intersection. Only the tokens the fragmenter can use are looked at
    (see :func:`_needed`).
    """
    found, distinct, starts, ends = _split(text)
    vocabulary = _vocabulary(fieldname, distinct)
    hits = vocabulary.producing(words) & distinct
    if not hits:
        return []  # no match, no fragment
    if distinct.isdisjoint(vocabulary.irregular):  # one term per word: token i is word i
        match_at = [i for i, word in enumerate(found) if word in hits]
        texts: Any = _LazyTerms(found, vocabulary.terms)
    else:
        texts, word_starts, word_ends, starts, ends = [], starts, ends, [], []
        for word, start, end in zip(found, word_starts, word_ends, strict=True):
            for term in vocabulary.terms[word]:
                texts.append(term)
                starts.append(start)
                ends.append(end)
        match_at = [i for i, term in enumerate(texts) if term in words]
    matched = bytearray(len(starts))  # 1 for a matched token
    for i in match_at:
        matched[i] = 1
    if len(text) <= fragmenter.charlimit:
        keep: Iterable[int] = _needed(starts, ends, match_at, fragmenter.surround)
    else:
        keep = range(len(starts))
    tokens = passages.merged(keep, starts, ends, matched, texts)
    return passages.fragments(text, tokens, fragmenter.maxchars, fragmenter.surround,
                              fragmenter.charlimit)


def matched_spans(text: str, fieldname: str,
                  words: frozenset[str]) -> list[tuple[int, int]]:
    """Where the words of ``text`` are that the field analyses to one of ``words``
    (through the same per-word vocabulary as the snippets)."""
    if fieldname not in _SCHEMA:
        return []
    found, distinct, starts, ends = _split(text)
    hits = _vocabulary(fieldname, distinct).producing(words) & distinct
    return [(starts[i], ends[i]) for i, word in enumerate(found) if word in hits]


class _LazyTerms:
    """Token texts of a one-term-per-word text, looked up only for the matches."""

    def __init__(self, found: list[str], terms: dict[str, tuple[str, ...]]) -> None:
        self.found, self.terms = found, terms

    def __getitem__(self, i: int) -> str:
        return self.terms[self.found[i]][0]


@functools.lru_cache(maxsize=64)
def _split(text: str) -> tuple[list[str], frozenset[str], list[int], list[int]]:
    """The words of ``text``, their set, and where each starts and ends; a hit's text
    is split once for all the fields its snippet may try."""
    found, starts, ends = word_spans(text)
    return found, frozenset(found), starts, ends


class _Vocabulary:
    """One field's analysed words: word → terms, and term → the words that make it."""

    def __init__(self, fieldname: str) -> None:
        self.analyzer = _SCHEMA[fieldname].analyzer
        self.terms: dict[str, tuple[str, ...]] = {}
        #: The words of ``terms`` again: a set answers "which are new" a third faster.
        self.known: set[str] = set()
        self.makers: dict[str, set[str]] = {}
        #: Words with no term or several (the cross-script field spells some twice).
        self.irregular: set[str] = set()

    def add(self, words: Iterable[str]) -> None:
        """Analyse ``words`` (each one token of the field's tokenizer) in one call.

        The words are joined by spaces and each term is given back to the word its
        token starts at. Every filter works token by token, so this gives each word
        the terms it has alone, without an analyzer pipeline per word.
        """
        words = list(words)
        at: dict[int, int] = {}
        start = 0
        for i, word in enumerate(words):
            at[start] = i
            start += len(word) + 1
        made: list[list[str]] = [[] for _ in words]
        for token in self.analyzer(" ".join(words), mode="index", removestops=False,
                                   chars=True):
            made[at[token.startchar]].append(token.text)
        for word, found in zip(words, made, strict=True):
            for term in found:
                self.makers.setdefault(term, set()).add(word)
            if len(found) != 1:
                self.irregular.add(word)
            self.terms[word] = tuple(found)
        self.known.update(words)

    def producing(self, terms: frozenset[str]) -> set[str]:
        """The known words analysed to any of ``terms``."""
        out: set[str] = set()
        for term in terms:
            out.update(self.makers.get(term, ()))
        return out


#: Words a field's vocabulary keeps before it starts afresh. A word costs about 260 bytes
#: (measured at 100k articles: 82,700 words in five fields after 300 queries, 21 MB), so a
#: process holds at most about 80 MB of vocabularies.
VOCABULARY_LIMIT = 60_000
_VOCABULARIES: dict[str, _Vocabulary] = {}
_VOCABULARY_LOCK = threading.Lock()


def _vocabulary(fieldname: str, words: frozenset[str]) -> _Vocabulary:
    """The field's vocabulary, with ``words`` analysed.

    A full vocabulary is replaced, not cleared: a thread still holding the old
    one keeps a consistent view.
    """
    vocabulary = _VOCABULARIES.get(fieldname)
    if vocabulary is None or len(vocabulary.terms) > VOCABULARY_LIMIT:
        with _VOCABULARY_LOCK:
            vocabulary = _VOCABULARIES.get(fieldname)
            if vocabulary is None or len(vocabulary.terms) > VOCABULARY_LIMIT:
                vocabulary = _VOCABULARIES[fieldname] = _Vocabulary(fieldname)
    missing = words.difference(vocabulary.known)
    if missing:
        with _VOCABULARY_LOCK:
            vocabulary.add(missing)
    return vocabulary


def _needed(starts: list[int], ends: list[int], match_at: list[int],
            surround: int) -> list[int]:
    """Indexes of the tokens whose absence would change ContextFragmenter's output.

    Outside a fragment the fragmenter only remembers the start of the
    unmatched tokens within ``surround`` characters before the next match (it
    drops the others as it goes), and a fragment ends once the tokens after
    its last match add up to ``2 * surround`` characters at most. So for each
    match it needs: the token just before it and those starting within
    ``surround`` characters of that token's end, and the tokens after it up to
    ``2 * surround`` characters of token length (plus one). Every other token
    is unmatched and outside any fragment; leaving it out changes nothing.
    ``match_at``: the indexes of the matched tokens, in order.
    """
    needed: list[int] = []
    last = len(starts) - 1
    for m in match_at:
        lo = m
        if m > 0:
            lo = m - 1
            while lo > 0 and starts[lo - 1] >= ends[m - 1] - surround:
                lo -= 1
        hi, length = m, 0
        while hi < last and length < 2 * surround:
            length += ends[hi] - starts[hi]
            hi += 1
        hi = min(hi + 1, last)
        lo = max(lo, needed[-1] + 1) if needed else lo
        needed.extend(range(lo, hi + 1))
    return needed


def opening(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The first ``limit`` characters of ``text``, cut at a space."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit] + " …"
