"""The benchmark crawl generator: deterministic, well-formed, readable by the sources stage."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest

from bench.gen_corpus import generate, write
from bench.queries import make_queries
from indexer.extract.sources import iter_pages

N = 50


def _digest(folder: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        sha.update(path.relative_to(folder).as_posix().encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()


def _crawl(tmp_path: Path, name: str, **kwargs: object) -> Path:
    out = tmp_path / name
    write(generate(N, use_shared=False, **kwargs), out, "folder")  # type: ignore[arg-type]
    return out


def test_same_seed_gives_identical_files(tmp_path: Path) -> None:
    assert _digest(_crawl(tmp_path, "a", seed=3)) == _digest(_crawl(tmp_path, "b", seed=3))


def test_other_seed_gives_other_files(tmp_path: Path) -> None:
    assert _digest(_crawl(tmp_path, "a", seed=3)) != _digest(_crawl(tmp_path, "b", seed=4))


def test_writes_exactly_n_pages_of_several_sites_and_languages(tmp_path: Path) -> None:
    pages = list(generate(N, seed=1, use_shared=False))
    assert len(pages) == N
    assert len({p.host for p in pages}) >= 4
    assert {p.lang for p in pages if p.kind == "article"} == {"kk", "ru", "en"}
    kinds = Counter(p.kind for p in pages)
    assert kinds["article"] >= 0.8 * N and kinds["listing"] >= 1


def test_revision_changes_a_few_articles_only(tmp_path: Path) -> None:
    base = {p.url: p.body for p in generate(N, seed=1, use_shared=False)}
    edited = {p.url: p.body for p in generate(N, seed=1, revision=1, change_rate=0.2,
                                              use_shared=False)}
    assert base.keys() == edited.keys()
    changed = sum(base[url] != edited[url] for url in base)
    assert 0 < changed < N // 2


def test_folder_is_read_by_the_sources_stage(tmp_path: Path) -> None:
    out = _crawl(tmp_path, "crawl", seed=1)
    urls = [p.url for p in iter_pages([out])]
    assert len(urls) == N


@pytest.mark.parametrize("fmt,name", [("jsonl", "crawl.jsonl"), ("warc", "crawl.warc.gz")])
def test_jsonl_and_warc_hold_the_pages(tmp_path: Path, fmt: str, name: str) -> None:
    out = tmp_path / name
    counts = write(generate(N, seed=1, use_shared=False), out, fmt)
    readable = sum(v for k, v in counts.items() if k not in ("broken", "skipped"))
    assert len(list(iter_pages([out]))) >= readable


def test_query_set_is_deterministic_and_covers_all_classes() -> None:
    docs = [{"text": "студенттер университет ғылыми конференция өтті " * 5, "lang": "kk",
             "university": "kaznu", "year": "2020"},
            {"text": "students attended the annual research conference today " * 5,
             "lang": "en", "university": "enu", "year": "2021"}]
    first = make_queries(docs, seed=5)
    assert first == make_queries(docs, seed=5)
    assert {q.cls for q in first} == {"1w", "2w", "3w", "phrase", "filtered"}
    assert len(first) >= 300
    assert json.dumps([q.text for q in first], ensure_ascii=False)
