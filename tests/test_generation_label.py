"""A response names the generation its results come from, even when the live pointer
switches in the middle of the request (what ``bench/loadtest.py`` checks under load).

The switch is made to land at the worst moment, deterministically: right after the
request's searcher was opened on the old generation.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import indexer.search.live as live_module
from indexer.index import generations
from indexer.index.build import build_index
from webapp import create_app


@pytest.fixture(scope="module")
def two_generations(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path):
    """An index root with generation A (one site, live) and B (two sites, not live)."""
    base = tmp_path_factory.mktemp("switch")
    crawl = base / "crawl"
    shutil.copytree(corpus_dir / "korkyt.kz", crawl / "korkyt.kz")
    root = base / "index"
    first = build_index([crawl], root)
    shutil.copytree(corpus_dir / "vku.edu.kz", crawl / "vku.edu.kz")
    second = build_index([crawl], root)
    assert second.documents > first.documents
    return root, first, second


def _switch_after_open(monkeypatch: pytest.MonkeyPatch, root: Path, target: str) -> None:
    original = live_module.open_searcher

    def open_then_switch(*args, **kwargs):
        searcher = original(*args, **kwargs)
        generations.publish(root, generations.generations_dir(root) / target)
        return searcher

    monkeypatch.setattr(live_module, "open_searcher", open_then_switch)


@pytest.mark.parametrize("path", ["/api/search?lang=kk&lang=ru&lang=en",
                                  "/en/search?lang=kk&lang=ru&lang=en&format=json"])
def test_switch_mid_request_is_labelled_right(two_generations, monkeypatch: pytest.MonkeyPatch,
                                              path: str) -> None:
    root, first, second = two_generations
    generations.publish(root, generations.generations_dir(root) / first.generation)
    _switch_after_open(monkeypatch, root, second.generation)
    client = create_app({"TESTING": True, "INDEX_DIR": str(root)}).test_client()
    data = client.get(path).get_json()
    expected = {first.generation: first.documents, second.generation: second.documents}
    assert data["total"] == expected[data["generation"]], data["generation"]
