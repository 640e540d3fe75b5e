"""The one search function behind the web page, the JSON API and the CLI."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time
from typing import Any

from whoosh import query
from whoosh.searching import Hit, Searcher

from indexer.errors import QueryError
from indexer.models import SearchHit, SearchPage, SearchRequest
from indexer.search.facets import facet_counts, facet_mask
from indexer.search.fast.stored import stored_fields
from indexer.search.fast.vectormatch import all_matches
from indexer.search.partial import drop_function_words, most_words, optional_parts
from indexer.search.querying import make_parser, parse_query
from indexer.search.querylang import split_filters
from indexer.search.ranking import rank
from indexer.search.snippets import configure, snippet
from indexer.search.stories import versions
from indexer.search.suggest import suggest
from indexer.text.analysis import query_variants

SORTS = ("recency", "relevance", "newest")
MAX_PER_PAGE = 100
MAX_RESULTS = 10_000


def validate(request: SearchRequest) -> None:
    """Reject parameters no page could show.

    Raises:
        QueryError: With a message saying which parameter is wrong.
    """
    if request.sort not in SORTS:
        raise QueryError(f"unknown sort {request.sort!r}; use one of {', '.join(SORTS)}")
    if not 1 <= request.per_page <= MAX_PER_PAGE:
        raise QueryError(f"per_page must be between 1 and {MAX_PER_PAGE}")
    if request.page < 1 or request.page * request.per_page > MAX_RESULTS:
        raise QueryError(f"page must be between 1 and {MAX_RESULTS // request.per_page}")


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
    parsed = split_filters(_balance_quotes(request.query))
    notices = list(parsed.notices)
    if request.query.count('"') % 2:
        notices.append("an unbalanced quote was ignored")
    request = _merged(request, parsed)
    selected = {"university": set(request.universities), "year": set(request.years),
                "acyear": set(request.acyears), "lang": set(request.langs)}
    has_filter = any(selected.values()) or request.date_from or request.date_to
    words, _dropped = drop_function_words(parsed.text)
    typed = _match(searcher, words, bool(has_filter), notices)
    matched = _within_dates(typed, request.date_from, request.date_to)
    start, end = (request.page - 1) * request.per_page, request.page * request.per_page
    sort = "newest" if isinstance(matched, query.Every) else request.sort
    groups, results, everything = rank(searcher, matched, selected, sort, end)
    facets, total = facet_counts(searcher, matched if everything is None else everything,
                                 selected)
    tiers = [(groups, results)]
    if total < request.per_page:
        partial = _most_words(searcher, typed, selected, request, total)
        if partial is not None:
            more, notice = partial
            tiers.append(_next_tier(searcher, more, selected, sort, end, groups))
            facets, total = facet_counts(searcher, more, selected)
            notices.append(notice)
    ranked = [(group, found) for groups, found in tiers for group in groups]
    for _groups, found in tiers:
        configure(found)
    hits = [_to_hit(searcher, found, g.docnum, g.score, g.similar)
            for g, found in ranked[start:end]]
    return SearchPage(
        request=request, total=total, hits=tuple(hits), facets=facets, generation=generation,
        notices=tuple(notices),
        suggestion=suggest(searcher, parsed.text) if total < 3 and parsed.text else "",
        variants=tuple(_variants(parsed.text)),
    )


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


def _match(searcher: Searcher, text: str, has_filter: bool, notices: list[str]) -> query.Query:
    if text.strip():
        try:
            return parse_query(make_parser(searcher.schema), text)
        except QueryError as exc:
            if not has_filter:
                raise
            notices.append(str(exc))
            return query.Every()
    if has_filter:
        return query.Every()
    raise QueryError("the query is empty: type a word, a \"phrase\" or pick a filter")


def _most_words(searcher: Searcher, typed: query.Query, selected: dict[str, set[str]],
                request: SearchRequest, full: int) -> tuple[query.Query, str] | None:
    """The query for the next tier of partial matches (see indexer.search.partial) and the
    notice that says what it holds; None when there is no such tier."""
    droppable, required = optional_parts(typed)
    if not droppable:
        return None

    def admitted(q: query.Query) -> Any:
        ids, _scores = all_matches(
            searcher, _within_dates(q, request.date_from, request.date_to))
        mask = facet_mask(searcher, selected, ids)
        return ids if mask is None else ids[mask]

    best = most_words(droppable, required, admitted)
    if best is None or (full and best[1] < 2):
        return None  # after full matches, one word of several says too little
    partial, have = best
    n = len(droppable)
    notice = (f"No article has all {n} words; these have {have}" if not full else
              f"{full} {'article has' if full == 1 else 'articles have'} all {n} words; "
              f"the others have {have}")
    return _within_dates(partial, request.date_from, request.date_to), notice


def _next_tier(searcher: Searcher, partial: query.Query, selected: dict[str, set[str]],
               sort: str, end: int, before: list[Any]) -> tuple[list[Any], Any]:
    """The partial matches' groups, ranked on their own, without the documents that
    the tier ``before`` already shows (it holds all of its groups)."""
    shown = {g.docnum for g in before} | {d for g in before for d in g.similar}
    groups, results, _everything = rank(searcher, partial, selected, sort, end + len(shown))
    return [g for g in groups if g.docnum not in shown], results


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
    when = fields.get("date")
    return SearchHit(
        id=fields["id"], url=fields["url"], title=fields.get("title") or fields["url"],
        snippet=snippet(hit, fields.get("text") or "", fields.get("lang", "")),
        date=when.date() if isinstance(when, datetime) else None,
        university=fields.get("university", ""), lang=fields.get("lang", ""), score=score,
        versions=versions(searcher, fields, docnum),
        similar=tuple(_brief(searcher, n) for n in similar),
    )


def _brief(searcher: Searcher, docnum: int) -> SearchHit:
    fields = stored_fields(searcher, docnum)
    when = fields.get("date")
    return SearchHit(id=fields["id"], url=fields["url"], title=fields.get("title", ""),
                     snippet="", date=when.date() if isinstance(when, datetime) else None,
                     university=fields.get("university", ""), lang=fields.get("lang", ""))


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


def page_to_dict(page: SearchPage) -> dict[str, Any]:
    """The JSON object of the API (and ``qazsearch search --json``)."""
    req = page.request
    return {
        "ok": True, "query": req.query, "total": page.total, "page": req.page,
        "per_page": req.per_page, "sort": req.sort, "generation": page.generation,
        "results": [_hit_dict(h) for h in page.hits],
        "facets": {name: dict(counts) for name, counts in page.facets.items()},
        "notices": list(page.notices), "suggestion": page.suggestion or None,
        "variants": list(page.variants),
    }


def _hit_dict(hit: SearchHit) -> dict[str, Any]:
    return {
        "id": hit.id, "url": hit.url, "title": hit.title, "snippet": hit.snippet,
        "date": _iso(hit.date), "university": hit.university, "lang": hit.lang,
        "versions": [{"lang": v.lang, "url": v.url, "id": v.id or None} for v in hit.versions],
        "similar": [{"id": s.id, "url": s.url, "title": s.title, "university": s.university,
                     "date": _iso(s.date)} for s in hit.similar],
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
