"""When not every word matches: optional function words and the "most words" fallback.

Words are AND-ed, and a reader who types a natural phrase ("стипендии для
отличников", "Abai poems in Chinese") or misremembers one word would otherwise
get nothing. Two rules, as Meilisearch's matching strategy "last" and
Elasticsearch's ``minimum_should_match`` do it:

* Function words (prepositions, conjunctions, postpositions, articles) are
  dropped from an unquoted query that has other words: ``студенты и гранты``
  finds what ``студенты гранты`` finds. Quoted phrases keep every word.
* When no article, or less than a page of articles, has all the words, the
  articles with the most of them come next, each tier ranked on its own, and the
  page says so ("No article has all 4 words; these have 3"; "2 articles have all
  4 words; the others have 3"). After full matches, a tier of one word is not
  shown: one word of several says too little.
  Excluded words (``-word``, NOT) and quoted phrases stay required.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass
from typing import Any

import numpy as np
from whoosh import query
from whoosh.searching import Searcher

from indexer.errors import N_, Message
from indexer.search.facets import facet_mask
from indexer.search.fast import all_matches
from indexer.search.ranking import Ranked, rank

#: Words that carry no topic of their own, per language (lower case).
FUNCTION_WORDS = frozenset("""
    и в во на о об обо для по с со к ко у из от до за при про под над без а но или что
    как то же ли бы также это его её их
    мен бен пен және үшін туралы бойынша арқылы дейін кейін немесе әрі ал бірақ сияқты
    да де та те ма ме ба бе па пе
    the a an of for and or in on at to from by with about as into onto is are was were
    be been its it this that these those
""".split())

_QUOTED = re.compile(r'"[^"]*"')
#: Candidates of a tier re-ranked for recency and diversity (a full match gets 300).
TIER_POOL = 60


def drop_function_words(text: str) -> tuple[str, tuple[str, ...]]:
    """Remove unquoted function words when other words remain.

    Operators are upper case (И, AND, ЖӘНЕ) and are left alone; a word with a
    field, a sign or a wildcard is not a plain word and stays too.

    Returns:
        The query without them, and the words removed (in query order).
    """
    pieces = _QUOTED.split(text)
    quoted = _QUOTED.findall(text)
    words = [w for piece in pieces for w in piece.split()]
    content = [w for w in words if not _is_function_word(w)]
    if not content and not quoted:
        return text, ()
    dropped: list[str] = []
    kept_pieces = []
    for piece in pieces:
        kept = []
        for word in piece.split():
            if _is_function_word(word):
                dropped.append(word)
            else:
                kept.append(word)
        kept_pieces.append(" ".join(kept))
    out = kept_pieces[0]
    for phrase, piece in zip(quoted, kept_pieces[1:], strict=True):
        out = " ".join(filter(None, [out, phrase, piece]))
    return out, tuple(dropped)


def _is_function_word(word: str) -> bool:
    return word.lower() == word and word in FUNCTION_WORDS


def optional_parts(matched: query.Query) -> tuple[list[query.Query], list[query.Query]]:
    """Split a top-level AND into the parts that may be dropped and those that may not.

    Returns:
        (droppable, required): word groups; exclusions and phrases. Both empty
        when the query is not an AND of two or more droppable words.
    """
    excluded: list[query.Query] = []
    if isinstance(matched, query.AndNot):  # "a b -c" parses as AndNot(And(a, b), c)
        matched, excluded = matched.a, [query.Not(matched.b)]
    if not isinstance(matched, query.And):
        return [], []
    droppable, required = [], list(excluded)
    for part in matched.subqueries:
        if isinstance(part, query.Not) or _has_phrase(part):
            required.append(part)
        else:
            droppable.append(part)
    if len(droppable) < 2:
        return [], []
    return droppable, required


def _has_phrase(q: query.Query) -> bool:
    return isinstance(q, query.Phrase) or any(_has_phrase(c) for c in q.children())


@dataclass(frozen=True)
class WordCounts:
    """How many of the typed words each document has, and its score for them.

    Attributes:
        have: The most words a document admitted by the filters has, short of all.
        ids: Every document with at least ``have`` words (full matches included),
            ascending; the set the page counts.
        scores: Each of ``ids``' summed BM25F scores of the words it has (the score
            Whoosh gives an AND of those words).
        partial: Which of ``ids`` have fewer than all the words.
    """

    have: int
    ids: np.ndarray
    scores: np.ndarray
    partial: np.ndarray


def most_words(found: list[tuple[np.ndarray, np.ndarray]],
               admitted: Callable[[np.ndarray], np.ndarray]) -> WordCounts | None:
    """Count, per document, the words of ``found`` it has.

    Args:
        found: Per typed word, the matching document numbers (ascending) and scores.
        admitted: Which of some document numbers pass the filters (a boolean mask).

    Returns:
        The counts, or None when no admitted document has some but not all of the words.
    """
    ids = np.unique(np.concatenate([f[0] for f in found]))
    counts = np.zeros(len(ids), dtype=np.int64)
    scores = np.zeros(len(ids))
    for word_ids, word_scores in found:
        at = np.searchsorted(ids, word_ids)
        counts[at] += 1
        scores[at] += word_scores
    n = len(found)
    candidates = admitted(ids) & (counts < n)
    if not candidates.any():
        return None
    have = int(counts[candidates].max())
    keep = counts >= have
    return WordCounts(have, ids[keep], scores[keep], counts[keep] < n)


@dataclass
class Tier:
    """The next tier of results: the documents with the most, but not all, words.

    Attributes:
        query: Any of the words (with the required parts and dates): what the tier's hits
            highlight.
        everything: The tier's and the full matches' document numbers (what is counted).
        notice: What the page says about it.
        groups: Its result groups, ranked on their own, without those already shown.
        results: Whoosh's results object of the tier (for highlighting).
    """

    query: query.Query
    everything: np.ndarray
    notice: Message
    groups: list[Ranked]
    results: Any


def partial_tier(searcher: Searcher, typed: query.Query, selected: Mapping[str, Set[str]],
                 dated: Callable[[query.Query], query.Query], full: list[Ranked], total: int,
                 sort: str, end: int) -> Tier | None:
    """The tier that follows ``total`` full matches (all of them in ``full``).

    Each typed word is matched once, as an array; the tier's documents and scores
    come from those arrays (a tier document's score is the AND of its words'),
    and the tier is ranked on its own after the full matches.

    Args:
        searcher: The searcher.
        typed: The parsed query, before the date filter.
        selected: The facet filters.
        dated: Applies the request's date range to a query.
        full: The full matches' groups (every one of them).
        total: How many documents the full matches count.
        sort: The sort order.
        end: How many groups the page needs.

    Returns:
        The tier, or None when there is none (or, after full matches, only one word of
        several would be left: one word says too little).
    """
    droppable, required = optional_parts(typed)
    if not droppable:
        return None
    found = [all_matches(searcher, dated(query.And([part, *required]) if required else part))
             for part in droppable]

    def admitted(ids: np.ndarray) -> np.ndarray:
        mask = facet_mask(searcher, selected, ids)
        return np.ones(len(ids), dtype=bool) if mask is None else mask

    counts = most_words(found, admitted)
    if counts is None or (total and counts.have < 2):
        return None
    n = len(droppable)
    notice = (Message(N_("No article has all %(of)d words; these have %(have)d"),
                      of=n, have=counts.have) if not total else
              Message(N_("Articles with all %(of)d words: %(full)d; the others have %(have)d"),
                      of=n, full=total, have=counts.have))
    shown = {g.docnum for g in full} | {d for g in full for d in g.similar}
    # What the tier's hits highlight: any of the words (the documents come from the arrays).
    partial = dated(query.And([query.Or(droppable), *required]) if required
                    else query.Or(droppable))
    tier = (counts.ids[counts.partial], counts.scores[counts.partial])
    wanted = end + len(shown)
    groups, results, _everything = rank(searcher, partial, selected, sort, wanted,
                                        matches=tier, pool=TIER_POOL)
    return Tier(partial, counts.ids, notice, [g for g in groups if g.docnum not in shown],
                results)
