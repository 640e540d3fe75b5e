"""The one search function behind the web page, the JSON API and the CLI."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, datetime, time
from typing import Any

import numpy as np
from whoosh import query
from whoosh.searching import Hit, Searcher

from indexer.errors import N_, Message, QueryError
from indexer.index.schema import LANGUAGES
from indexer.models import (
    MAX_PER_PAGE,
    MAX_RESULTS,
    SORTS,
    VERSIONS,
    SearchHit,
    SearchPage,
    SearchRequest,
)
from indexer.search.facets import facet_counts, facet_mask
from indexer.search.fast import shared_matching, stored_fields
from indexer.search.filtervalues import checked, named_universities, university_ids
from indexer.search.partial import drop_function_words, partial_tier
from indexer.search.querying import make_parser, parse_query
from indexer.search.querylang import split_filters
from indexer.search.ranking import Ranked, rank
from indexer.search.records import to_hit
from indexer.search.serialize import hit_to_dict, page_to_dict
from indexer.search.snippets import configure, snippet
from indexer.search.stories import by_story, count_stories, versions
from indexer.search.suggest import suggest
from indexer.search.titlemarks import marked_title
from indexer.search.typos import close_spellings
from indexer.text.analysis import query_variants

__all__ = ["MAX_PER_PAGE", "MAX_RESULTS", "SORTS", "VERSIONS", "export", "hit_to_dict",
           "page_to_dict", "search", "validate"]  # the JSON shape lives in indexer.search.serialize



def validate(request: SearchRequest, max_per_page: int = MAX_PER_PAGE) -> None:
    """Reject parameters no page could show: the one check of sort, versions, page and
    per_page, for the library, the web app and the CLI.

    Args:
        max_per_page: A lower ``per_page`` limit (the web app's ``MAX_PER_PAGE`` setting).

    Raises:
        QueryError: With a message saying which parameter is wrong.
    """
    if request.sort not in SORTS:
        raise QueryError(N_("unknown sort %(value)r; use one of %(valid)s"),
                         value=request.sort, valid=", ".join(SORTS))
    if request.versions not in VERSIONS:
        raise QueryError(N_("unknown versions %(value)r; use one of %(valid)s"),
                         value=request.versions, valid=", ".join(VERSIONS))
    most = min(max_per_page, MAX_PER_PAGE)
    if not 1 <= request.per_page <= most:
        raise QueryError(N_("'%(name)s' must be between %(low)d and %(high)d"),
                         name="per_page", low=1, high=most)
    if request.page < 1 or request.page * request.per_page > MAX_RESULTS:
        raise QueryError(N_("'%(name)s' must be between %(low)d and %(high)d"),
                         name="page", low=1, high=MAX_RESULTS // request.per_page)


def search(searcher: Searcher, request: SearchRequest, generation: str = "") -> SearchPage:
    """Run ``request`` on ``searcher``.

    Field syntax in the query (``university:``, ``year:``, ``date:``...) is
    merged with the request's filters. A query that is partly malformed
    still runs on what can be understood, with notices saying what was
    ignored.

    Returns:
        The requested page of hits, the total, disjunctive facet counts,
        notices, a spelling suggestion and the script variants searched.

    Raises:
        QueryError: Bad parameters, or nothing to search for and no filter.
    """
    validate(request)
    start, end = (request.page - 1) * request.per_page, request.page * request.per_page
    grouped = request.versions == "grouped"
    # A story has at most one version per language: 3 * end groups hold end stories.
    found = _ranked(searcher, request, end * len(LANGUAGES) if grouped else end)
    groups, stories = found.groups, 0
    if grouped:
        groups = by_story(searcher, groups, request.prefer_lang)
        stories = count_stories(searcher, _admitted(searcher, found))
    hits = [_to_hit(searcher, found.results_for(g.docnum), g.docnum, g.score, g.similar)
            for g in groups[start:end]]
    text = found.text
    return SearchPage(
        request=found.request, total=found.total, hits=tuple(hits), facets=found.facets,
        generation=generation, notices=tuple(found.notices),
        suggestion=(suggest(searcher, text)
                    if found.total < 3 and text and not found.respelled else ""),
        variants=tuple(_variants(text)), stories=stories,
    )


def _admitted(searcher: Searcher, found: _Found) -> np.ndarray:
    """Every document number counted in ``found.total``."""
    docs = (found.everything if found.everything is not None
            else np.fromiter(found.matched.docs(searcher), dtype=np.int64))
    mask = facet_mask(searcher, found.selected, docs)
    return docs if mask is None else docs[mask]


def export(searcher: Searcher, request: SearchRequest,
           limit: int = MAX_RESULTS) -> tuple[int, Iterator[SearchHit]]:
    """Every match of ``request`` (at most ``limit``), best first, for CSV and JSON exports.

    The page and per_page of ``request`` are ignored. Articles that a page
    folds under another as "similar" come right after it.

    Returns:
        The total and an iterator of hits (read while the searcher is open).
    """
    request = dataclasses.replace(request, page=1)
    validate(request)
    found = _ranked(searcher, request, limit)

    def hits() -> Iterator[SearchHit]:
        count = 0
        for group in found.groups:
            for docnum in (group.docnum, *group.similar):
                if count == limit:
                    return
                count += 1
                yield _to_hit(searcher, found.results_for(group.docnum), docnum, group.score,
                              [])

    return found.total, hits()


@dataclasses.dataclass
class _Found:
    request: SearchRequest
    text: str  # the words searched (function words left out)
    notices: list[Message]
    groups: list[Ranked]
    results: Any
    facets: dict[str, dict[str, int]]
    total: int
    matched: query.Query
    everything: np.ndarray | None
    selected: dict[str, set[str]]
    respelled: bool
    #: Whoosh's results by document, when the groups come from more than one tier.
    results_of: dict[int, Any] = dataclasses.field(default_factory=dict)

    def results_for(self, docnum: int) -> Any:
        """The results object to highlight ``docnum``'s hit with."""
        return self.results_of.get(docnum, self.results)


def _ranked(searcher: Searcher, request: SearchRequest, end: int) -> _Found:
    """The first ``end`` result groups of ``request``, with the counts and notices."""
    with shared_matching():  # the partial-match tier reuses the words' matches
        return _ranked_words(searcher, request, end)


def _ranked_words(searcher: Searcher, request: SearchRequest, end: int) -> _Found:
    known = university_ids(searcher)
    request = checked(request, known)
    parsed = split_filters(_balance_quotes(request.query))
    notices = list(parsed.notices)
    if request.query.count('"') % 2:
        notices.append(Message(N_("an unbalanced quote was ignored")))
    parsed.universities = named_universities(parsed.universities, known, notices)
    request = _merged(request, parsed)
    selected = request.selected()
    has_filter = any(selected.values()) or request.date_from or request.date_to
    words, _dropped = drop_function_words(parsed.text)
    typed = _match(searcher, words, bool(has_filter), notices)
    matched = _within_dates(typed, request.date_from, request.date_to)
    sort = "newest" if isinstance(matched, query.Every) else request.sort
    groups, results, everything = rank(searcher, matched, selected, sort, end)
    facets, total = facet_counts(searcher, matched if everything is None else everything,
                                 selected)
    respelled: dict[str, list[str]] = {}
    if total == 0 and words.strip():
        text, respelled = close_spellings(searcher, words)
        if respelled:
            for word, spellings in respelled.items():
                notices.append(Message(N_("%(word)s matches nothing; its close spellings "
                                          "were searched: %(spellings)s"),
                                       word=word, spellings=", ".join(spellings)))
            typed = _match(searcher, text, bool(has_filter), notices)
            matched = _within_dates(typed, request.date_from, request.date_to)
            groups, results, everything = rank(searcher, matched, selected, sort, end)
            facets, total = facet_counts(
                searcher, matched if everything is None else everything, selected)
    tiers = [(groups, results)]
    if total < request.per_page:
        tier = partial_tier(searcher, typed, selected, lambda q: _within_dates(
            q, request.date_from, request.date_to), groups, total, sort, end)
        if tier is not None:
            tiers.append((tier.groups, tier.results))
            matched, everything = tier.query, tier.everything
            facets, total = facet_counts(searcher, everything, selected)
            notices.append(tier.notice)
    groups = [group for tier_groups, _results in tiers for group in tier_groups]
    results_of = {g.docnum: found for tier_groups, found in tiers for g in tier_groups}
    for _groups, found in tiers:
        configure(found)
    return _Found(request, words, notices, groups, results, facets, total, matched,
                  everything, selected, bool(respelled), results_of)


def _balance_quotes(text: str) -> str:
    if text.count('"') % 2:
        index = text.rfind('"')
        return text[:index] + text[index + 1:]
    return text


def _merged(request: SearchRequest, parsed: Any) -> SearchRequest:
    def union(a: tuple[str, ...], b: list[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys([*a, *b]))

    low = max(filter(None, [request.date_from, parsed.date_from]), default=None)
    high = min(filter(None, [request.date_to, parsed.date_to]), default=None)
    return dataclasses.replace(
        request, universities=union(request.universities, parsed.universities),
        langs=union(request.langs, parsed.langs), years=union(request.years, parsed.years),
        date_from=low, date_to=high)


def _match(searcher: Searcher, text: str, has_filter: bool,
           notices: list[Message]) -> query.Query:
    if text.strip():
        try:
            return parse_query(make_parser(searcher.schema), text)
        except QueryError as exc:
            if not has_filter:
                raise
            notices.append(exc.message)
            return query.Every()
    if has_filter:
        return query.Every()
    raise QueryError(N_("the query is empty: type a word, a \"phrase\" or pick a filter"))


def _within_dates(matched: query.Query, low: date | None, high: date | None) -> query.Query:
    if low is None and high is None:
        return matched
    span = query.DateRange("date", datetime.combine(low, time()) if low else None,
                           datetime.combine(high, time.max) if high else None)
    return span if isinstance(matched, query.Every) else query.And([matched, span])


def _to_hit(searcher: Searcher, results: Any, docnum: int, score: float,
            similar: list[int]) -> SearchHit:
    fields = stored_fields(searcher, docnum)
    hit = Hit(results, docnum, score=score)
    title = fields.get("title") or fields["url"]
    return to_hit(
        fields, title=title, score=score,
        snippet=snippet(hit, fields.get("text") or "", fields.get("lang", "")),
        versions=versions(searcher, fields, docnum),
        similar=tuple(to_hit(stored_fields(searcher, n)) for n in similar),
        title_html=marked_title(hit, title, fields.get("lang", "")),
    )


_KAZAKH_ONLY = frozenset("әғқңөұүһ")


def _variants(text: str) -> list[str]:
    """Script variants of the plain words that were searched too (for the UI).

    A Latin word's Cyrillic reading is shown only when it is recognisably
    Kazakh (it has a Kazakh-only letter), so "university" does not announce
    a made-up Kazakh spelling; a Cyrillic word shows its Latin spelling.
    """
    out: list[str] = []
    for word in text.split():
        if any(c in word for c in '":*~()') or word.isupper():
            continue
        latin = word.isascii()
        for variant in query_variants(word):
            if latin and not _KAZAKH_ONLY & set(variant.lower()):
                continue
            if variant.lower() != word.lower() and variant not in out:
                out.append(variant)
    return out[:8]
