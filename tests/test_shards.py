"""Sharded generations search exactly like one index; publish copies generations."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.cli import cli
from indexer.index import generations, shards
from indexer.index.build import build_index, update_index
from indexer.index.shards import shard_dirs, shard_of
from indexer.models import SearchRequest
from indexer.search.live import LiveIndex
from indexer.search.searching import page_to_dict, search
from webapp import create_app

QUERIES = ["университет", "university", "студенттер", "конференция", '"Рухани жаңғыру"',
           "grant OR грант", "Qazaqstan"]


@pytest.fixture(scope="module")
def sharded_root(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    root = tmp_path_factory.mktemp("sharded")
    build_index([corpus_dir], root, shards=3)
    return root


@pytest.fixture(scope="module")
def multi_segment_shards(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    """Two shards of several segments each (a large crawl's shape: one per 256 MB)."""
    root = tmp_path_factory.mktemp("segmented")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(shards, "WRITER_LIMIT_MB", 1)  # the shard writers are forked
        build_index([corpus_dir], root, shards=2)
    return root


def _page(root: Path, text: str) -> dict:
    live = LiveIndex(root)
    with live.searcher() as searcher:
        data = page_to_dict(search(searcher, SearchRequest(query=text, per_page=20,
                                                           sort="relevance")))
    data.pop("generation")
    return data


@pytest.mark.parametrize("text", QUERIES)
def test_shards_of_several_segments_search_like_one_index(multi_segment_shards: Path,
                                                          built_root: Path, text: str) -> None:
    folders = shard_dirs(generations.current_dir(multi_segment_shards))
    assert all(len(list(folder.glob("*.seg"))) > 1 for folder in folders)
    assert _page(multi_segment_shards, text) == _page(built_root, text)


def test_shard_assignment_is_stable() -> None:
    urls = [f"https://enu.kz/{i}" for i in range(300)]
    assert [shard_of(u, 4) for u in urls] == [shard_of(u, 4) for u in urls]
    assert {shard_of(u, 4) for u in urls} == {0, 1, 2, 3}


def test_sharded_generation_holds_all_shards(sharded_root: Path) -> None:
    folders = shard_dirs(generations.current_dir(sharded_root))
    assert [f.name for f in folders] == ["shard-0", "shard-1", "shard-2"]


@pytest.mark.parametrize("text", QUERIES)
def test_sharded_equals_single(sharded_root: Path, built_root: Path, text: str) -> None:
    single, sharded = _page(built_root, text), _page(sharded_root, text)
    assert sharded["total"] == single["total"] > 0
    assert sharded["facets"] == single["facets"]
    assert [r["url"] for r in sharded["results"]] == [r["url"] for r in single["results"]]


def test_sharded_scores_are_exact(sharded_root: Path, built_root: Path) -> None:
    def scores(root: Path) -> dict[str, float]:
        live = LiveIndex(root)
        with live.searcher() as searcher:
            page = search(searcher, SearchRequest(query="университет", per_page=20,
                                                  sort="relevance"))
        return {h.url: round(h.score, 9) for h in page.hits}

    assert scores(sharded_root) == scores(built_root)


def test_update_keeps_shards(sharded_root: Path, corpus_dir: Path, tmp_path: Path) -> None:
    root = tmp_path / "copy"
    build_index([corpus_dir / "enu.kz"], root, shards=2)
    report = update_index([corpus_dir / "enu.kz", corpus_dir / "kaznu.kz"], root)
    assert report.published and report.totals()["new"] > 0
    assert len(shard_dirs(generations.current_dir(root))) == 2


def test_publish_to_replica_gives_identical_answers(runner, built_root: Path,
                                                    tmp_path: Path) -> None:
    replica = tmp_path / "replica"
    result = runner.invoke(cli, ["publish", "--index", str(built_root), "--to", str(replica)])
    assert result.exit_code == 0, result.output
    assert generations.current_name(replica) == generations.current_name(built_root)
    one = create_app({"INDEX_DIR": str(built_root)}).test_client()
    two = create_app({"INDEX_DIR": str(replica)}).test_client()
    for text in QUERIES:
        assert one.get("/api/search", query_string={"q": text}).get_json() == \
            two.get("/api/search", query_string={"q": text}).get_json()


def test_single_term_top_n_on_shards(sharded_root: Path) -> None:
    """Whoosh's MultiMatcher cannot skip blocks; the sharded searcher must not try."""
    from whoosh.query import Term

    live = LiveIndex(sharded_root)
    with live.searcher() as searcher:
        assert not searcher.search(Term("exact", "университеті"), limit=1).is_empty()
