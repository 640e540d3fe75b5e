"""The demo corpus, built end to end, against its hand-written truth file."""

from __future__ import annotations

from collections import Counter

import pytest

from indexer.models import SearchRequest
from indexer.search.live import LiveIndex
from indexer.search.searching import search

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def indexed(built_root) -> dict[str, dict]:
    """url -> stored fields of every indexed document."""
    live = LiveIndex(built_root)
    with live.searcher() as searcher:
        return {f["url"]: f for f in searcher.all_stored_fields()}


def _articles(truth: list[dict]) -> list[dict]:
    return [t for t in truth if t["is_article"] and not t["broken"]]


def _key(row: dict) -> str:
    return row.get("canonical") or row["url"]


def test_every_article_indexed_once(truth, indexed) -> None:
    expected = {_key(t) for t in _articles(truth)}
    assert set(indexed) == expected


def test_no_non_article_indexed(truth, indexed) -> None:
    others = {_key(t) for t in truth if not t["is_article"]}
    assert not others & set(indexed)


def test_language_university_year_exact(truth, indexed) -> None:
    wrong = []
    for row in _articles(truth):
        doc = indexed[_key(row)]
        year = row["date"][:4] if row["date"] else None
        got = (doc.get("lang"), doc.get("university"), doc.get("year"))
        if got != (row["lang"], row["university"], year):
            wrong.append((row["url"], got, (row["lang"], row["university"], year)))
    assert wrong == []


def test_facet_counts_equal_truth(truth, built_root) -> None:
    live = LiveIndex(built_root)
    articles = _articles(truth)
    expected = {
        "university": Counter(t["university"] for t in articles),
        "lang": Counter(t["lang"] for t in articles),
        "year": Counter(t["date"][:4] for t in articles if t["date"]),
    }
    with live.searcher() as searcher:
        page = search(searcher, SearchRequest(langs=("kk", "ru", "en")))
    for facet, counts in expected.items():
        assert page.facets[facet] == dict(counts), facet


def test_broken_pages_are_reported_not_indexed(truth, build_report) -> None:
    broken = {t["url"] for t in truth if t["broken"]}
    failed = {f["url"] for f in build_report["failures"]}
    assert broken <= failed
    assert build_report["totals"]["failed"] >= 5


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_known_query_per_language_finds_its_article_first(truth, built_root, lang) -> None:
    """The title of one article in each language finds that article first."""
    row = next(t for t in _articles(truth) if t["lang"] == lang and t["title"])
    live = LiveIndex(built_root)
    with live.searcher() as searcher:
        page = search(searcher, SearchRequest(query=row["title"], sort="relevance"))
    assert page.hits and page.hits[0].url == _key(row)
