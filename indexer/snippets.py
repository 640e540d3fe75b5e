"""Best-passage snippets with the matches highlighted, HTML-escaped.

Whoosh's highlighter re-analyses a hit's whole text through the field's
analyzer chain, token by token, for every hit. Our analyzers work word by
word (tokenize, normalize, stem or fold), so the terms of each distinct word
are computed once and cached; the token stream Whoosh's fragmenter sees is
the same, only cheaper to make.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any

from whoosh import highlight
from whoosh.analysis import Token
from whoosh.searching import Hit

from indexer.analysis import TOKEN_PATTERN
from indexer.schema import body_field, build_schema

SNIPPET_CHARS = 240
#: Passages per snippet.
PASSAGES = 2

_TOKEN = re.compile(TOKEN_PATTERN)
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

    Same query terms, same token stream, same fragmenter, scorer and
    formatter; the tokens come from the per-word cache, and a field the query
    has no terms in costs nothing.
    """
    results = hit.results
    words = _query_words(results, fieldname)
    if not words:
        return ""
    if fieldname not in _SCHEMA:  # a field this version does not know: Whoosh's own way
        return str(hit.highlights(fieldname, text=text, top=top))
    highlighter = results.highlighter
    tokens = highlight.Highlighter._merge_matched_tokens(
        _tokens(text, fieldname, words, highlighter.fragmenter))
    fragments = highlighter.fragmenter.fragment_tokens(text, tokens)
    best = highlight.top_fragments(fragments, top, highlighter.scorer, highlighter.order,
                                   minscore=1)
    return str(highlighter.formatter.format(best))


def _query_words(results: Any, fieldname: str) -> frozenset[str]:
    """The query's terms in ``fieldname`` (prefixes and fuzzy terms expanded), once
    per results object."""
    cache = results.__dict__.setdefault("_qazsearch_words", {})
    if fieldname not in cache:
        field = results.searcher.schema[fieldname]
        cache[fieldname] = frozenset(
            field.from_bytes(term[1])
            for term in results.query_terms(expand=True, fieldname=fieldname))
    return cache[fieldname]


def _tokens(text: str, fieldname: str, words: frozenset[str],
            fragmenter: highlight.Fragmenter) -> Iterator[Token]:
    """The field analyzer's token stream over ``text`` with ``matched`` set, cut
    down to the tokens the context fragmenter can use (see :func:`_needed`).

    One Token object is reused, as Whoosh's tokenizers do: the fragmenter
    copies the tokens it keeps.
    """
    found = _TOKEN.findall(text)
    analysed = {word: _word_terms(fieldname, word) for word in set(found)}
    if not any(term in words for terms_ in analysed.values() for term in terms_):
        return  # no match, no fragment
    spans = [match.span() for match in _TOKEN.finditer(text)]
    if all(len(terms_) == 1 for terms_ in analysed.values()):  # one term per word
        terms = [analysed[word][0] for word in found]
        starts = [start for start, _ in spans]
        ends = [end for _, end in spans]
    else:
        terms, starts, ends = [], [], []
        for word, (start, end) in zip(found, spans, strict=True):
            for term in analysed[word]:
                terms.append(term)
                starts.append(start)
                ends.append(end)
    matched = [term in words for term in terms]
    if isinstance(fragmenter, highlight.ContextFragmenter) and len(text) <= fragmenter.charlimit:
        keep: Iterable[int] = _needed(starts, ends, matched, fragmenter.surround)
    else:
        keep = range(len(terms))
    token = Token(positions=False, chars=True, removestops=False, mode="index")
    for i in keep:
        token.text = terms[i]
        token.matched = matched[i]
        token.startchar, token.endchar = starts[i], ends[i]
        token.boost = 1.0
        yield token


def _needed(starts: list[int], ends: list[int], matched: list[bool],
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
    """
    needed: list[int] = []
    last = len(starts) - 1
    for m, is_match in enumerate(matched):
        if not is_match:
            continue
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


@functools.lru_cache(maxsize=300_000)
def _word_terms(fieldname: str, word: str) -> tuple[str, ...]:
    """The terms the field's analyzer makes of one word (none, one, or two for fold)."""
    analyzer = _SCHEMA[fieldname].analyzer
    return tuple(t.text for t in analyzer(word, mode="index", removestops=False))


def opening(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The first ``limit`` characters of ``text``, cut at a space."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit] + " …"
