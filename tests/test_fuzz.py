"""Property-based fuzzing of search(), /api/search and the HTML results page.

Whatever the query and parameters, the answer is results or a clear 400 — never
a 5xx, never an unexpected exception. The number of examples per test comes from
``QAZSEARCH_FUZZ_EXAMPLES`` (small by default so ``make test`` stays fast;
``make fuzz`` runs 10 000 per test).
"""

from __future__ import annotations

import os
from datetime import date
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.errors import QueryError
from indexer.models import SearchPage, SearchRequest
from indexer.search.live import LiveIndex
from indexer.search.searching import search
from webapp import create_app

EXAMPLES = int(os.environ.get("QAZSEARCH_FUZZ_EXAMPLES", "40"))

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces a hostile or clumsy user types: operators, syntax, odd characters, real words.
ATOMS = [
    '"', "'", "(", ")", "[", "]", "{", "}", "*", "?", "~", "~2", "^", "^3", "-", "+", ":", "\\",
    "/", "AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "И", "ИЛИ", "НЕ", "ЖӘНЕ", "НЕМЕСЕ", "ЕМЕС",
    "title:", "text:", "date:", "unknown:", "university:enu", "lang:kk", "*:*", "date:[2020 TO]",
    "[a TO z]", "{x TO}", "\x00", "\x01", "\x1b", "\x7f", "\u200e", "\u200f", "\u202e", "\u2066",
    "\ufeff", "\ud7ff", "🎓", "👩‍🎓", "🇰🇿", "\u0301", "ǅ", "ﬁ", "𝔘", "университет", "Қазақстан",
    "ғылым", "university", "Qazaqstan", "конференция", "студент*", "2023", "12.10.2023", " ",
    "\t", "\n", "%", "%00", "&", "<script>", "'\"><", ".", ",", ";",
]

query_text = st.one_of(
    st.lists(st.sampled_from(ATOMS), max_size=12).map("".join),
    st.lists(st.sampled_from(ATOMS), max_size=8).map(" ".join),
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=990, max_size=1010),
    st.builds(lambda atom, n: atom * n, st.sampled_from(ATOMS), st.integers(1, 10_000)),
)

NUMBERS = ["-1", "0", "1", "2", "3", "99", "100", "101", "10000", "1000000", "1000000000",
           "99999999999999999999999", "abc", "", " 2", "1.5", "1e3", "0x10", "٣", "２", "-0",
           "+5", "NaN", "inf", "1_000", "\x00", "1\x00"]
number_text = st.one_of(st.sampled_from(NUMBERS), st.integers(-10**12, 10**12).map(str),
                        st.text(max_size=8))

FILTER_VALUES = ["enu", "kaznu", "kk", "ru", "en", "xx", "2023", "2024", "1899", "9999",
                 "2023-13-45", "31.02.2023", "yesterday", "0000", "-1", "", ",", ",,,", "*",
                 "<script>", "../..", "\x00", "🇰🇿", "a" * 300]
filter_value = st.one_of(st.sampled_from(FILTER_VALUES), st.text(max_size=20))
filter_list = st.lists(filter_value, max_size=4)
DATES = ["2023-01-01", "2023-02-30", "2023-13-01", "0001-01-01", "9999-12-31", "10000-01-01",
         "2023-1-1", "20230101", "2023-W01", "2023-01-01T10:00", "12.10.2023", "tomorrow", "-1",
         "2023", "1899", "3000", "0", "", " ", "\x00", "٢٠٢٣", "1" * 40]
date_text = st.one_of(st.sampled_from(DATES), st.text(max_size=12),
                      st.dates().map(date.isoformat))
sort_value = st.one_of(st.sampled_from(["recency", "relevance", "newest", "", "RELEVANCE",
                                        "date", "-newest"]), st.text(max_size=10))

params = st.fixed_dictionaries(
    {},
    optional={
        "q": query_text,
        "page": number_text,
        "per_page": number_text,
        "sort": sort_value,
        "university": filter_list,
        "year": filter_list,
        "lang": filter_list,
        "acyear": filter_list,
        "date": filter_list,
        "date_from": date_text,
        "date_to": date_text,
        "year_from": date_text,
        "year_to": date_text,
        "format": st.sampled_from(["json", "html", "", "xml", "csv", "rss", "atom", "JSON"]),
    },
)


@pytest.fixture(scope="module")
def fuzz_client(built_root):
    """A module-scoped client (hypothesis re-runs the test body, not the fixtures)."""
    return create_app({"TESTING": True, "INDEX_DIR": str(built_root)}).test_client()


@pytest.fixture(scope="module")
def live(built_root):
    return LiveIndex(built_root)


def _query_string(values: dict) -> str:
    pairs = []
    for key, value in values.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append(f"{quote(key)}={quote(item, safe='')}")
    return "&".join(pairs)


def _check_api(response) -> None:
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    if response.status_code == 200 and response.mimetype != "application/json":
        assert response.mimetype in ("text/csv", "application/rss+xml", "application/atom+xml")
        return
    data = response.get_json()
    assert isinstance(data, dict), response.data[:200]
    if response.status_code == 200 and "limit" in data:  # format=json: every match
        assert data["ok"] is True and len(data["results"]) <= data["limit"]
    elif response.status_code == 200:
        assert data["ok"] is True
        assert len(data["results"]) <= data["per_page"] <= 100
        assert data["generation"]
    else:
        assert response.status_code in (400, 404)
        assert data["ok"] is False and data["error"].strip()


@FUZZ
@given(
    query=query_text,
    page=st.integers(-5, 10**9) | st.sampled_from([-(10**9), 0, 1, 2, 10**9]),
    per_page=st.integers(-5, 10**6) | st.sampled_from([0, 1, 10, 100, 101, 10**6]),
    sort=sort_value,
    universities=st.lists(filter_value, max_size=3).map(tuple),
    years=st.lists(filter_value, max_size=3).map(tuple),
    langs=st.lists(filter_value, max_size=3).map(tuple),
    acyears=st.lists(filter_value, max_size=2).map(tuple),
    dates=st.tuples(st.none() | st.dates(), st.none() | st.dates()),
)
def test_search_function_never_crashes(live, query, page, per_page, sort, universities, years,
                                       langs, acyears, dates) -> None:
    request = SearchRequest(query=query, page=page, per_page=per_page, sort=sort,
                            universities=universities, years=years, langs=langs,
                            acyears=acyears, date_from=dates[0], date_to=dates[1])
    with live.searcher() as searcher:
        try:
            result = search(searcher, request, generation=live.generation())
        except QueryError as exc:
            assert str(exc).strip()
            return
    assert isinstance(result, SearchPage)
    assert len(result.hits) <= per_page
    assert result.total >= len(result.hits)


@FUZZ
@given(values=params)
def test_api_search_never_5xx(fuzz_client, values) -> None:
    _check_api(fuzz_client.get("/api/search?" + _query_string(values)))


@FUZZ
@given(raw=st.binary(max_size=200))
def test_api_search_raw_query_string(fuzz_client, raw: bytes) -> None:
    """Undecodable percent-escapes and raw bytes in the query string."""
    escaped = "".join(f"%{b:02X}" if b > 0x7e or b < 0x21 or b in b"#%" else chr(b) for b in raw)
    _check_api(fuzz_client.get("/api/search?q=x&" + escaped))
    _check_api(fuzz_client.get("/api/search?q=" + escaped))


@FUZZ
@given(values=params, lang=st.sampled_from(["kk", "ru", "en"]))
def test_html_search_page_never_5xx(fuzz_client, values, lang) -> None:
    response = fuzz_client.get(f"/{lang}/search?" + _query_string(values))
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    fmt = values.get("format") or "html"
    if response.status_code >= 400:
        assert response.status_code in (400, 404)
        assert b'role="alert"' in response.data or b"error" in response.data
    elif 300 <= response.status_code < 400:
        # the From/To year form is rewritten as a year range: same page, one redirect
        assert response.status_code in (302, 303)
        assert {"year_from", "year_to"} & set(values)
        location = response.headers["Location"]
        assert location.startswith(f"/{lang}/search?") and "year_" not in location
    elif fmt == "html":
        assert response.mimetype == "text/html"
        assert b"</html>" in response.data


def test_each_property_runs_the_configured_number_of_examples(live) -> None:
    """``make fuzz`` sets QAZSEARCH_FUZZ_EXAMPLES; a property then sees that many different
    queries (several strategies may draw the same one), and each gives a page or a
    QueryError with a message."""
    seen: list[str] = []

    @FUZZ
    @given(query=query_text)
    def prop(query: str) -> None:
        seen.append(query)
        with live.searcher() as searcher:
            try:
                page = search(searcher, SearchRequest(query=query, per_page=1))
            except QueryError as exc:
                assert str(exc).strip()
                return
        assert len(page.hits) <= page.total

    prop()
    assert len(seen) == EXAMPLES >= 1
    assert len(set(seen)) > len(seen) // 2  # different queries, not one repeated


@pytest.mark.parametrize("query", ["*\t\u06df"])
def test_lone_combining_mark_query(fuzz_client, query: str) -> None:
    """Found by test_api_search_raw_query_string: ``q=*%09%DB%9F`` gave a 500."""
    _check_api(fuzz_client.get("/api/search?q=" + quote(query, safe="")))
