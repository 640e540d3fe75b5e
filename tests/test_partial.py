"""Function words are optional; when no article has every word, the most words win."""

from __future__ import annotations

from datetime import date

import pytest

from indexer.models import SearchRequest
from indexer.search.partial import drop_function_words
from indexer.search.searching import search
from tests.conftest import make_article

ARTICLES = [
    make_article("https://kaznu.kz/ru/1", "Студенты получили гранты",
                 "Студенты университета получили гранты на исследования.",
                 lang="ru", university="kaznu", when=date(2024, 3, 1)),
    make_article("https://enu.kz/ru/2", "Олимпиада для выпускников",
                 "Университет провёл олимпиаду для выпускников школ области.",
                 lang="ru", university="enu", when=date(2023, 5, 2)),
    make_article("https://enu.kz/en/3", "Abai poems read in Chinese",
                 "Students of the Confucius Institute read Abai poems in Chinese.",
                 university="enu", when=date(2022, 4, 1)),
    make_article("https://vku.edu.kz/kk/4", "Полипропилен қаптама туралы зерттеу",
                 "Ғалымдар полипропилен қаптаманы зерттеді.",
                 lang="kk", university="vku", when=date(2021, 1, 1)),
    make_article("https://vku.edu.kz/en/5", "Robotics laboratory opens",
                 "A robotics laboratory opened for engineering students.",
                 university="vku", when=date(2020, 2, 2)),
    make_article("https://kaznu.kz/en/6", "Robotics olympiad in Almaty",
                 "Students won the robotics olympiad held in Almaty.",
                 university="kaznu", when=date(2025, 2, 2)),
]


@pytest.fixture()
def searcher(ram_index):
    ix = ram_index(ARTICLES)
    with ix.searcher() as s:
        yield s


def run(searcher, query: str, **kwargs):
    return search(searcher, SearchRequest(query=query, sort="relevance", **kwargs))


def urls(page) -> set[str]:
    return {h.url for h in page.hits}


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        ("студенты и гранты", "студенты гранты", ("и",)),
        ("олимпиада для выпускников школ", "олимпиада выпускников школ", ("для",)),
        ("Abai poems in Chinese", "Abai poems Chinese", ("in",)),
        ("полипропилен қаптама туралы зерттеу", "полипропилен қаптама зерттеу", ("туралы",)),
        ("университет мен министрлік", "университет министрлік", ("мен",)),
        ('"poems in Chinese" of Abai', '"poems in Chinese" Abai', ("of",)),
        ("the of", "the of", ()),            # nothing else to search: keep them
        ("студенты И гранты", "студенты И гранты", ()),  # upper case: the operator
        ("robotics", "robotics", ()),
    ],
)
def test_drop_function_words(text: str, kept: str, dropped: tuple[str, ...]) -> None:
    assert drop_function_words(text) == (kept, dropped)


@pytest.mark.parametrize(
    ("natural", "plain"),
    [
        ("студенты и гранты", "студенты гранты"),
        ("олимпиада для выпускников", "олимпиада выпускников"),
        ("Abai poems in Chinese", "Abai poems Chinese"),
        ("полипропилен қаптама туралы зерттеу", "полипропилен қаптама зерттеу"),
    ],
)
def test_function_words_find_at_least_the_plain_query(searcher, natural: str,
                                                        plain: str) -> None:
    found = urls(run(searcher, natural))
    assert found and found >= urls(run(searcher, plain))


def test_quoted_function_word_is_required(searcher) -> None:
    assert urls(run(searcher, '"poems in Chinese"')) == {"https://enu.kz/en/3"}
    assert run(searcher, '"poems for Chinese"').total == 0


def test_all_words_match_without_a_notice(searcher) -> None:
    page = run(searcher, "robotics olympiad")
    assert urls(page) == {"https://kaznu.kz/en/6"}
    assert not any("words" in n for n in page.notices)


def test_most_words_when_none_has_all(searcher) -> None:
    page = run(searcher, "robotics olympiad Astana")
    assert urls(page) == {"https://kaznu.kz/en/6"}
    assert "No article has all 3 words; these have 2" in page.notices


def test_fallback_keeps_exclusions(searcher) -> None:
    page = run(searcher, "robotics olympiad Astana -Almaty")
    assert "https://kaznu.kz/en/6" not in urls(page)
    # "olympiad" also finds the Russian олимпиада (cross-script fold)
    assert urls(page) == {"https://vku.edu.kz/en/5", "https://enu.kz/ru/2"}
    assert "No article has all 3 words; these have 1" in page.notices


def test_fallback_respects_filters(searcher) -> None:
    page = run(searcher, "robotics olympiad Astana", universities=("vku",))
    assert urls(page) == {"https://vku.edu.kz/en/5"}
    assert page.facets["university"].get("kaznu") == 1  # disjunctive counts still right


def test_no_word_matches_gives_nothing(searcher) -> None:
    page = run(searcher, "zzzqx yyyqw")
    assert page.total == 0 and not page.hits


def test_partial_tier_follows_full_matches(searcher) -> None:
    page = run(searcher, "robotics students laboratory")
    assert [h.url for h in page.hits] == ["https://vku.edu.kz/en/5", "https://kaznu.kz/en/6"]
    assert page.total == 2
    assert "Articles with all 3 words: 1; the others have 2" in page.notices


def test_partial_tier_keeps_its_order_under_newest_first(searcher) -> None:
    page = search(searcher, SearchRequest(query="robotics students laboratory", sort="newest"))
    # the full match is older, yet it comes first
    assert [h.url for h in page.hits] == ["https://vku.edu.kz/en/5", "https://kaznu.kz/en/6"]


def test_no_one_word_tier_after_full_matches(searcher) -> None:
    page = run(searcher, "robotics olympiad")
    assert [h.url for h in page.hits] == ["https://kaznu.kz/en/6"]
    assert page.total == 1


def test_dropped_function_words_are_not_shown_as_variants(searcher) -> None:
    page = run(searcher, "студенты и гранты")
    assert "i" not in page.variants and "и" not in page.variants
    assert "studenty" in page.variants
