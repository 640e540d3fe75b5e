"""Shared fixtures: the demo corpus built once per session, app, client, runner."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from whoosh.filedb.filestore import RamStorage

from indexer.index.build import build_index
from indexer.index.documents import to_document
from indexer.index.schema import build_schema
from indexer.models import Article
from webapp import create_app

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The demo crawl that ships with the project."""
    return REPO / "corpus"


@pytest.fixture(scope="session")
def truth(corpus_dir: Path) -> list[dict]:
    """The hand-checked truth file of the demo crawl."""
    lines = (corpus_dir / "TRUTH.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="session")
def built_root(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    """The demo corpus built once into a temporary index root."""
    root = tmp_path_factory.mktemp("index")
    build_index([corpus_dir], root)
    return root


@pytest.fixture(scope="session")
def build_report(built_root: Path) -> dict:
    """The report saved with the demo build."""
    from indexer.index import generations

    return json.loads((generations.current_dir(built_root) / "report.json").read_text())


@pytest.fixture()
def app(built_root: Path):
    return create_app({"TESTING": True, "INDEX_DIR": str(built_root)})


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def make_article(url: str, title: str, text: str, *, lang: str = "en", university: str = "enu",
                 when: date | None = date(2023, 10, 12), alternates: dict | None = None) -> Article:
    """A hand-made article for unit tests that skip extraction."""
    return Article(url=url, title=title, text=text, date=when, lang=lang, university=university,
                   site=url.split("/")[2], alternates=alternates or {}, fingerprint=url)


@pytest.fixture()
def ram_index():
    """Factory: an in-memory index holding the given articles."""

    def factory(articles: list[Article]):
        ix = RamStorage().create_index(build_schema())
        with ix.writer() as writer:
            for article in articles:
                writer.add_document(**to_document(article))
        return ix

    return factory


@pytest.fixture()
def crawl1(tmp_path: Path, corpus_dir: Path) -> Path:
    """A crawl of two demo sites, for update tests to edit."""
    from tests.crawls import UPDATE_SITES, copy_sites

    return copy_sites(corpus_dir, tmp_path / "crawl1", UPDATE_SITES)


@pytest.fixture()
def root(tmp_path: Path, crawl1: Path) -> Path:
    """An index root built from ``crawl1``."""
    root = tmp_path / "index"
    build_index([crawl1], root)
    return root
