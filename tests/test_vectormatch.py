"""The numpy evaluation of a query gives Whoosh's matches and scores, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest
from whoosh.filedb.filestore import RamStorage

from indexer.cache import LRUCache
from indexer.index.schema import build_schema
from indexer.search.fast.vectormatch import _walk, all_matches, evaluate
from indexer.search.fast.weighting import CachedLengthBM25F
from indexer.search.querying import make_parser, parse_query
from tests.conftest import make_article

QUERIES = [
    "университет", "университеттің", "университета", "students", "Qazaqstan",
    "білім алу", "жоғары оқу орны", "science OR ғылым", "университет -конференция",
    "университет ANDMAYBE конференция", "\"жоғары оқу\"", "универ*", "univrsity~",
    "title_kk:университет", "(студент OR студенттер) AND (жыл OR year)", "NOT студент",
    "\"жоғары оқу орны\"", "\"университет\" студент", "\"the university\"",
]


def _whoosh_walk(searcher, q, **context):
    """Whoosh's own answer: walk the matcher tree one match at a time."""
    ctx = searcher.context(weighting=searcher.weighting, **context)
    ids, scores = [], []
    for sub, offset in searcher.leaf_searchers():
        sub_ids, sub_scores = _walk(q.matcher(sub, ctx).replace(0))
        ids.append(sub_ids + offset)
        scores.append(sub_scores)
    return np.concatenate(ids), np.concatenate(scores)


@pytest.fixture(scope="module")
def live_searcher(built_root):
    from indexer.search.live import LiveIndex

    live = LiveIndex(built_root)
    with live.searcher() as s:
        yield s


@pytest.mark.parametrize("text", QUERIES)
def test_equals_whoosh_bit_for_bit(live_searcher, text) -> None:
    q = parse_query(make_parser(live_searcher.schema), text)
    ids, scores = all_matches(live_searcher, q)
    expected_ids, expected_scores = _whoosh_walk(live_searcher, q, needs_current=True)
    assert ids.tolist() == expected_ids.tolist()
    assert scores.tolist() == expected_scores.tolist()  # exact float equality
    if text != "NOT студент":
        assert len(ids) > 0, "the query set should exercise real matches"


@pytest.mark.parametrize("text", QUERIES[:10])
def test_equals_whooshs_search(live_searcher, text) -> None:
    """Against Whoosh's own search() (its collector, its default matchers)."""
    q = parse_query(make_parser(live_searcher.schema), text)
    ids, scores = all_matches(live_searcher, q)
    hits = live_searcher.search(q, limit=None)
    theirs = dict((hit.docnum, hit.score) for hit in hits)
    assert sorted(theirs) == ids.tolist()
    assert np.allclose([theirs[d] for d in ids.tolist()], scores, rtol=1e-12, atol=0)


def test_array_union_of_a_small_segment(live_searcher) -> None:
    """Without needs_current Whoosh builds an ORs over a small segment as an array
    union, which reads its children ahead: evaluated, it still equals its walk."""
    from whoosh.matching.combo import ArrayUnionMatcher

    q = parse_query(make_parser(live_searcher.schema), "университет")
    ctx = live_searcher.context(weighting=live_searcher.weighting)
    for sub, _offset in live_searcher.leaf_searchers():
        tree = q.matcher(sub, ctx)
        assert isinstance(tree, ArrayUnionMatcher)
        matched, dense = evaluate(tree, sub, sub.doc_count_all())
        ids, scores = _walk(q.matcher(sub, ctx))
        assert np.flatnonzero(matched).tolist() == ids.tolist()
        assert dense[ids].tolist() == scores.tolist()


def _ram_index(commits: list[list], delete: tuple[str, ...] = ()):
    from indexer.index.documents import to_document

    ix = RamStorage().create_index(build_schema())
    for batch in commits:
        writer = ix.writer()
        for article in batch:
            writer.add_document(**to_document(article))
        writer.commit(merge=False)
    if delete:
        writer = ix.writer()
        for url in delete:
            writer.delete_by_term("url", url)
        writer.commit(merge=False)
    return ix


def _articles(prefix: str, count: int) -> list:
    return [make_article(url=f"https://example.kz/{prefix}{i}", lang="kk",
                         title=f"Университет жаңалығы {i}",
                         text=f"Университеттің студенттері {i} конференцияға қатысты. "
                              + ("білім ғылым " if i % 2 else "білім техника ") * (i % 5 + 1))
            for i in range(count)]


def test_segments_and_deleted_documents() -> None:
    """Several segments (offsets) and deletions (Whoosh's filter matcher)."""
    ix = _ram_index([_articles("a", 30), _articles("b", 20)],
                    delete=("https://example.kz/a3", "https://example.kz/b7"))
    with ix.searcher(weighting=CachedLengthBM25F()) as s:
        assert len(s.leaf_searchers()) == 2
        for text in ("университет", "конференция ғылым", "студент -ғылым", '"білім ғылым"'):
            q = parse_query(make_parser(s.schema), text)
            ids, scores = all_matches(s, q)
            expected_ids, expected_scores = _whoosh_walk(s, q, needs_current=True)
            assert ids.tolist() == expected_ids.tolist()
            assert len(ids) > 0, text
            assert scores.tolist() == expected_scores.tolist()
            urls = {s.stored_fields(int(d))["url"] for d in ids}
            assert "https://example.kz/a3" not in urls and "https://example.kz/b7" not in urls


def test_postings_cache_keeps_within_budget() -> None:
    cache = LRUCache(budget=1000)
    lists = {n: (np.arange(n, dtype=np.int64), np.ones(n)) for n in (10, 20, 5, 15)}
    for n, value in lists.items():
        cache.put(n, value)  # 160, 320, 80, 240 bytes
    assert cache.size <= 1000
    cache.put(99, (np.arange(100, dtype=np.int64), np.ones(100)))  # 1,600 bytes: too big
    assert cache.get(99) is None
    cache.get(10)  # recently used: survives the next eviction
    cache.put(30, (np.arange(30, dtype=np.int64), np.ones(30)))  # 480 bytes
    assert cache.size <= 1000
    assert cache.get(10) is not None and cache.get(20) is None


def test_phrases_are_evaluated_on_arrays(live_searcher, monkeypatch) -> None:
    """Phrases take the array path (positions checked only in the documents holding
    every word) and still equal Whoosh's span matcher."""
    from indexer.search.fast import vectormatch

    used = []
    original = vectormatch._Segment._phrase

    def spy(self, q):
        found = original(self, q)
        used.append(found is not None)
        return found

    monkeypatch.setattr(vectormatch._Segment, "_phrase", spy)
    for text in ('"жоғары оқу"', '"жоғары оқу орны"', '"university"', '"оқу жоғары"'):
        q = parse_query(make_parser(live_searcher.schema), text)
        ids, scores = all_matches(live_searcher, q)
        expected_ids, expected_scores = _whoosh_walk(live_searcher, q, needs_current=True)
        assert ids.tolist() == expected_ids.tolist()
        assert scores.tolist() == expected_scores.tolist()
    assert used and all(used)


PHRASE_TEXTS = [
    "water resources of the region",        # the phrase at position 0
    "resources water and more water resources",
    "water water resources",                # a repeated word
    "the resources water",                  # reversed only
    "climate water climate resources",      # both words, never adjacent
]


@pytest.mark.parametrize("text", ['"water resources"', '"resources water"', '"water water"',
                                  '"water water resources"', '"climate water climate"'])
def test_phrase_positions_across_blocks(ram_index, text) -> None:
    """Consecutive positions found over posting lists of several blocks (300
    documents, Whoosh writes 128 postings a block), with a repeated word, a phrase
    at position 0 and reversed words; equal to Whoosh's span matcher."""
    articles = [make_article(f"https://example.kz/p{n}", f"Note {n}",
                             PHRASE_TEXTS[n % len(PHRASE_TEXTS)] + f" item{n}")
                for n in range(300)]
    ix = ram_index(articles)
    with ix.searcher() as s:
        q = parse_query(make_parser(s.schema), text)
        ids, scores = all_matches(s, q)
        expected_ids, expected_scores = _whoosh_walk(s, q, needs_current=True)
    assert len(ids) > 0
    assert ids.tolist() == expected_ids.tolist()
    assert scores.tolist() == expected_scores.tolist()


def test_words_a_segment_does_not_have() -> None:
    """A word missing from a segment is NOTHING there: unions keep the other side's
    scores bit for bit, intersections match nothing."""
    only_b = [make_article(url=f"https://example.kz/c{i}", lang="kk", title="Жаңалық",
                           text=f"Обсерватория {i} ғылым") for i in range(5)]
    ix = _ram_index([_articles("a", 12), only_b])
    with ix.searcher(weighting=CachedLengthBM25F()) as s:
        assert len(s.leaf_searchers()) == 2
        for text in ("обсерватория", "обсерватория OR техника", "техника OR обсерватория",
                     "обсерватория ғылым", "(обсерватория OR білім) AND ғылым",
                     "жоқсөзбар OR ғылым", "жоқсөзбар ғылым", '"обсерватория ғылым"',
                     "ғылым -обсерватория", "ғылым ANDMAYBE обсерватория"):
            q = parse_query(make_parser(s.schema), text)
            ids, scores = all_matches(s, q)
            expected_ids, expected_scores = _whoosh_walk(s, q, needs_current=True)
            assert ids.tolist() == expected_ids.tolist(), text
            assert scores.tolist() == expected_scores.tolist(), text


def test_shared_matching_reuses_words_and_changes_nothing() -> None:
    """Inside shared_matching a word's OR is matched once per segment; an AND that
    writes into its children's arrays does not spoil what is kept."""
    from indexer.search.fast import shared_matching

    ix = _ram_index([_articles("a", 30), _articles("b", 20)], delete=("https://example.kz/a3",))
    with ix.searcher(weighting=CachedLengthBM25F()) as s:
        parser = make_parser(s.schema)
        texts = ("конференция ғылым", "университет техника", "ғылым", "конференция", "техника")
        alone = [all_matches(s, parse_query(parser, t)) for t in texts]
        with shared_matching():
            shared = [all_matches(s, parse_query(parser, t)) for t in texts]
            again = [all_matches(s, parse_query(parser, t)) for t in texts]
    for (ids, scores), (ids2, scores2), (ids3, scores3) in zip(alone, shared, again,
                                                               strict=True):
        assert ids.tolist() == ids2.tolist() == ids3.tolist()
        assert scores.tolist() == scores2.tolist() == scores3.tolist()
