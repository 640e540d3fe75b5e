"""Ranking: recency, diversity across universities, near-duplicate collapse, versions."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from indexer.models import SearchRequest
from indexer.search import ranking
from indexer.search.searching import page_to_dict, search
from tests.conftest import make_article

BODY = ("The university held an international conference on water resources and climate in "
        "Central Asia with researchers from twelve countries, students and partners from "
        "industry, and signed agreements on joint laboratories and doctoral programmes.")


def test_one_university_does_not_flood_page_one(ram_index) -> None:
    flood = [make_article(f"https://enu.kz/en/{i}", f"Water conference {i}", BODY + f" Day {i}.",
                          university="enu", when=date(2024, 1, 1 + i)) for i in range(8)]
    others = [make_article(f"https://{u}/en/1", "Water studies", "Water resources research "
                           "in the region.", university=u.split(".")[0], when=date(2023, 5, 1))
              for u in ("kaznu.kz", "vku.edu.kz", "korkyt.kz")]
    ix = ram_index(flood + others)
    with ix.searcher() as s:
        page = search(s, SearchRequest(query="water", per_page=5, sort="relevance"))
    top = [h.university for h in page.hits]
    assert len(set(top)) >= 3, top


def test_near_duplicates_collapse_into_similar(ram_index) -> None:
    release = make_article("https://enu.kz/en/1", "Water conference", BODY, university="enu")
    copy = make_article("https://kaznu.kz/en/9", "Water conference in Astana",
                        BODY.replace("The university", "ENU"), university="kaznu")
    other = make_article("https://vku.edu.kz/en/2", "Robotics", "A robotics laboratory for "
                         "water engineering students opened.", university="vku")
    ix = ram_index([release, copy, other])
    with ix.searcher() as s:
        page = search(s, SearchRequest(query="water", sort="relevance"))
    assert page.total == 3
    assert len(page.hits) == 2
    grouped = next(h for h in page.hits if h.similar)
    assert {grouped.url, grouped.similar[0].url} == {release.url, copy.url}


def test_recency_prefers_newer_of_equal_matches(ram_index) -> None:
    old = make_article("https://enu.kz/en/old", "Grant awarded", "A research grant was awarded.",
                       university="enu", when=date(2019, 1, 1))
    new = make_article("https://kaznu.kz/en/new", "Grant awarded", "A research grant was "
                       "awarded.", university="kaznu", when=date(2025, 1, 1))
    ix = ram_index([old, new])
    with ix.searcher() as s:
        page = search(s, SearchRequest(query="grant"))
    assert page.hits[0].url == new.url


def test_versions_link_other_languages(ram_index) -> None:
    en = make_article("https://enu.kz/en/5", "Grant", "A research grant.", university="enu",
                      alternates={"kk": "https://enu.kz/kz/5", "ru": "https://enu.kz/ru/5"})
    kk = make_article("https://enu.kz/kz/5", "Грант", "Ғылыми грант берілді.", lang="kk",
                      university="enu", alternates={"en": "https://enu.kz/en/5",
                                                    "ru": "https://enu.kz/ru/5"})
    ix = ram_index([en, kk])
    with ix.searcher() as s:
        (hit,) = search(s, SearchRequest(query="grant", langs=("en",))).hits
    assert [(v.lang, v.url, bool(v.id)) for v in hit.versions] == [
        ("kk", "https://enu.kz/kz/5", True), ("ru", "https://enu.kz/ru/5", False)]


def test_date_filter_from_query(ram_index) -> None:
    articles = [make_article(f"https://enu.kz/en/{y}", "Grant", "A research grant.",
                             when=date(y, 10, 1)) for y in (2021, 2023, 2024)]
    ix = ram_index(articles)
    with ix.searcher() as s:
        page = search(s, SearchRequest(query="grant date:2023-09..2024-06"))
        assert [h.url for h in page.hits] == ["https://enu.kz/en/2023"]
        assert page.facets["acyear"] == {"2023-2024": 1}


def test_malformed_query_gives_results_and_notice(ram_index) -> None:
    ix = ram_index([make_article("https://enu.kz/en/1", "Grant", "A research grant.")])
    with ix.searcher() as s:
        page = search(s, SearchRequest(query='"research grant'))
    assert page.total == 1 and "unbalanced quote" in page.notices[0]



@pytest.mark.parametrize("words", ["университет", "университеттің", "университета", "students",
                                   "Qazaqstan", "жаңғыру", "science OR ғылым", "конференция"])
def test_every_match_counted_past_the_ranking_pool(built_root, monkeypatch, words) -> None:
    """The ranking walk records the matches for the facets and the total: with a pool
    far smaller than the match set, matches that cannot reach the top (which Whoosh's
    top-N optimisations skip) must still be counted, filtered or not."""
    from indexer.search import ranking
    from indexer.search.live import LiveIndex
    from indexer.search.querying import make_parser, parse_query

    monkeypatch.setattr(ranking, "POOL", 2)
    live = LiveIndex(built_root)
    with live.searcher() as s:
        matched = set(parse_query(make_parser(s.schema), words).docs(s))
        page = search(s, SearchRequest(query=words, per_page=1, sort="relevance"))
        assert page.total == len(matched) > 2
        assert sum(page.facets["lang"].values()) == len(matched)
        uni = next(iter(page.facets["university"]))
        picked = search(s, SearchRequest(query=words, per_page=1, universities=(uni,)))
        assert picked.total == page.facets["university"][uni]
        assert picked.facets["university"] == page.facets["university"]


def test_cached_field_lengths_equal_whooshs(built_root) -> None:
    """The scorer's cached lengths are exactly what Whoosh's BM25F would read per match."""
    from indexer.search.fast.weighting import CachedLengthBM25F, field_lengths
    from indexer.search.live import LiveIndex

    live = LiveIndex(built_root)
    with live.searcher() as s:
        assert isinstance(s.weighting, CachedLengthBM25F)
        for sub, _ in s.subsearchers or [(s, 0)]:
            total = sub.reader().doc_count_all()
            for name in ("title_kk", "body_kk", "body_ru", "body_en", "exact", "fold"):
                lengths = field_lengths(sub, name)
                assert lengths is not None
                assert lengths == [sub.doc_field_length(d, name, 1) for d in range(total)]


def test_cached_lengths_give_whooshs_scores(built_root) -> None:
    from whoosh import scoring

    from indexer.index import generations
    from indexer.index.shards import open_shards
    from indexer.search.live import LiveIndex
    from indexer.search.querying import make_parser, parse_query

    live = LiveIndex(built_root)
    (ix,) = open_shards(generations.current_dir(built_root))
    with live.searcher() as s, ix.searcher(weighting=scoring.BM25F()) as plain:  # Whoosh's own
        for words in ("университет", "университеттің OR students", "конференция", "Qazaqstan"):
            q = parse_query(make_parser(s.schema), words)
            ours = [(h.docnum, h.score) for h in s.search(q, limit=50)]
            theirs = [(h.docnum, h.score) for h in plain.search(q, limit=50)]
            assert ours == theirs and ours


class _Columns(dict):
    def get(self, name, default=None):  # noqa: ANN001, ANN201 - the columns() mapping
        return super().get(name, default)


@settings(max_examples=300, deadline=None)
@given(scores=st.lists(st.one_of(st.floats(0, 40), st.floats(0, 1e-8),
                                 st.sampled_from([1.0, 2.5, 0.75, 1e-9, 3e-9])),
                       min_size=0, max_size=60),
       sites=st.lists(st.sampled_from("abcde"), min_size=60, max_size=60))
@example(scores=[1e-9, 0.6e-9, 1.4e-9], sites=["a"] * 60)  # values rise along the queue
def test_diversity_sort_is_the_greedy_pick(scores, sites) -> None:
    """The one-sort diversity order equals the step-by-step greedy pick, ties and
    scores below the rounding included (those take the greedy path)."""
    scored = sorted(enumerate(scores), key=lambda pair: -round(pair[1], 9))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ranking, "columns", lambda _searcher: _Columns(university=sites))
        assert ranking._diversified(None, scored) == ranking._greedy(scored, sites)


def test_kept_versions_follow_deletions(tmp_path) -> None:
    """Versions kept per process are told apart by the segments' live documents: once
    the Kazakh version is deleted, the English article links it as not indexed."""
    from whoosh import index

    from indexer.index.documents import to_document
    from indexer.index.schema import build_schema
    from indexer.search.stories import versions

    en = make_article("https://enu.kz/en/5", "Grant", "A research grant.",
                      alternates={"kk": "https://enu.kz/kz/5"})
    kk = make_article("https://enu.kz/kz/5", "Грант", "Ғылыми грант.", lang="kk",
                      alternates={"en": "https://enu.kz/en/5"})
    ix = index.create_in(tmp_path, build_schema())
    with ix.writer() as writer:
        for article in (en, kk):
            writer.add_document(**to_document(article))

    def english_versions():  # noqa: ANN202
        with ix.searcher() as s:
            docnum = s.document_number(url=en.url)
            return [(v.lang, bool(v.id)) for v in versions(s, s.stored_fields(docnum), docnum)]

    assert english_versions() == english_versions() == [("kk", True)]
    with ix.writer() as writer:
        writer.delete_by_term("url", kk.url)
    assert english_versions() == [("kk", False)]


def test_undated_articles_are_found_and_sorted_last_by_newest(ram_index) -> None:
    # An article with no date (extraction found none) has the date column's filler.
    undated = make_article("https://enu.kz/a", "University news", "The university opened a lab.",
                           when=None)
    older = make_article("https://enu.kz/b", "University day", "The university day was held.",
                         when=date(2021, 5, 1))
    newer = make_article("https://enu.kz/c", "University fair", "The university fair opened.",
                         when=date(2024, 5, 1))
    ix = ram_index([undated, older, newer])
    with ix.searcher() as searcher:
        for sort in ("newest", "recency", "relevance"):
            page = page_to_dict(search(searcher, SearchRequest(query="university", sort=sort)))
            assert page["total"] == 3
            dates = {hit["url"]: hit.get("date") for hit in page["results"]}
            assert dates == {"https://enu.kz/a": None, "https://enu.kz/b": "2021-05-01",
                             "https://enu.kz/c": "2024-05-01"}
            if sort == "newest":
                assert [hit["url"] for hit in page["results"]] == [
                    "https://enu.kz/c", "https://enu.kz/b", "https://enu.kz/a"]
        assert page["facets"]["year"] == {"2024": 1, "2021": 1}


def _collapsed_one_by_one(codes: list[int], end: int) -> list[tuple[int, list[int]]]:
    """The collapse rule as stated: each candidate in turn joins the first group within
    MAX_DISTANCE bits, else starts a group while fewer than ``end`` exist."""
    groups: list[tuple[int, list[int]]] = []
    for docnum, code in enumerate(codes):
        for leader, similar in groups:
            other = codes[leader]
            if code and other and (code ^ other).bit_count() <= ranking.MAX_DISTANCE:
                similar.append(docnum)
                break
        else:
            if len(groups) < end:
                groups.append((docnum, []))
    return groups


_NEAR = 0b1011 << 40


@settings(max_examples=300, deadline=None)
@given(codes=st.lists(st.one_of(st.just(0), st.integers(1, 2**64 - 1),
                                st.sampled_from([_NEAR, _NEAR ^ 0b111, _NEAR ^ (2**11 - 1),
                                                 _NEAR ^ (2**63), 1, 3])),
                      max_size=60),
       end=st.integers(1, 12))
def test_collapse_equals_the_rule_one_candidate_at_a_time(codes, end) -> None:
    scored = [(docnum, 1.0 / (docnum + 1)) for docnum in range(len(codes))]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ranking, "columns", lambda _searcher: {"simhash": codes})
        got = [(r.docnum, r.similar) for r in ranking._collapsed(None, scored, end)]
    assert got == _collapsed_one_by_one(codes, end)


def _bits(values: list[float]) -> list[str]:
    return [value.hex() for value in values]


@settings(max_examples=500, deadline=None)
@given(values=st.lists(st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(min_value=-1e3, max_value=1e3),
    # a decimal halfway point at the 10th place, and its neighbouring doubles
    st.builds(lambda n, step: float.fromhex(
        (n / 10**9 + 5e-10).hex()) + step * 2**-52 * max(1.0, abs(n / 10**9)),
        st.integers(-10**12, 10**12), st.integers(-4, 4))),
    max_size=50))
@example(values=[0.0, -0.0, 1e-12, -1e-12, 2.5e-9, 3.5e-9, 1e300, 5e15, 0.1234567895])
def test_rounded_is_round_bit_for_bit(values: list[float]) -> None:
    assert _bits(ranking.rounded(values)) == _bits([round(v, 9) for v in values])
