"""The ledger an update reads instead of the index, and the page records it replays."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

import indexer.extract.pipeline as pipeline
from indexer.extract.pipeline import ExtractionRun, run_extraction
from indexer.extract.records import PageRecord, page_key
from indexer.extract.sources import iter_pages, url_from_path
from indexer.extract.templates import AskedModel, TemplateModel, block_hash, site_of
from indexer.index import generations
from indexer.index.build import _known_documents, update_index
from indexer.index.ledger import LEDGER_FILE, load_ledger
from indexer.index.shards import doc_count, open_shards
from indexer.models import Article, RawPage
from tests.crawls import UPDATE_SITES, article_files, copy_sites, edit_article

SITES = UPDATE_SITES


def _ledger_matches_index(root: Path) -> None:
    live = generations.current_dir(root)
    ledger = load_ledger(live, doc_count(open_shards(live)))
    assert ledger is not None
    assert ledger.documents == _known_documents(open_shards(live))


def _comparable(report) -> dict:  # noqa: ANN001
    data = report.to_dict()
    for key in ("generation", "previous", "seconds"):
        data.pop(key)
    return data


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the URL of every page extracted or hashed for templates (in this process)."""
    parsed: list[str] = []
    real_extract, real_hashes = pipeline.extract, pipeline.site_hashes

    def extract(page, templates=None):  # noqa: ANN001, ANN202
        parsed.append(page.url)
        return real_extract(page, templates)

    def hashes(page):  # noqa: ANN001, ANN202
        parsed.append(page.url)
        return real_hashes(page)

    monkeypatch.setattr(pipeline, "extract", extract)
    monkeypatch.setattr(pipeline, "site_hashes", hashes)
    return parsed


def test_ledger_holds_what_the_index_stores(root: Path, crawl1: Path, truth,
                                            corpus_dir: Path) -> None:
    _ledger_matches_index(root)
    enu = article_files(crawl1, truth, "enu.kz")
    edit_article(enu[0])
    enu[1].unlink()
    copy_sites(corpus_dir, crawl1, ["vku.edu.kz"])
    report = update_index([crawl1], root, prune=True)
    assert report.published and report.totals()["removed"] == 1
    _ledger_matches_index(root)


def test_update_with_the_ledger_equals_one_without(root: Path, crawl1: Path, truth,
                                                   tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(root, other)
    (generations.current_dir(other) / LEDGER_FILE).unlink()
    edit_article(article_files(crawl1, truth, "kaznu.kz")[0])
    with_ledger = update_index([crawl1], root, jobs=2)
    without = update_index([crawl1], other, jobs=1)
    assert _comparable(with_ledger) == _comparable(without)
    assert (_known_documents(open_shards(generations.current_dir(root)))
            == _known_documents(open_shards(generations.current_dir(other))))


def test_second_update_parses_only_the_edited_page(root: Path, crawl1: Path, truth,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    kaznu = article_files(crawl1, truth, "kaznu.kz")
    edit_article(kaznu[0])
    update_index([crawl1], root)  # records every page it extracts
    edit_article(kaznu[1])
    parsed = _count_parses(monkeypatch)
    report = update_index([crawl1], root)
    assert report.totals()["changed"] == 1
    assert report.totals()["skipped"] > 0  # listings are still reported, from their records
    assert parsed and set(parsed) == {url_from_path(kaznu[1], crawl1)}, parsed


def _page(crawl: Path) -> tuple[Path, RawPage]:
    """One saved page of the crawl, read as a source of its own."""
    path = next(p for p in sorted(crawl.rglob("*.html")))
    page = next(iter_pages([path]))
    assert isinstance(page, RawPage)
    return path, page


def _replaying(path: Path, page: RawPage, asked: dict[int, bool],
               templates: TemplateModel) -> list:
    """What an incremental run over ``path`` yields given a record of it with ``asked``."""
    fake = Article(url=page.url, title="from the record", text="", date=None, lang="en",
                   university="x", site=site_of(page.url), is_article=False,
                   skip_reason="listing: recorded")
    record = PageRecord(page_key(page), (site_of(page.url), set()), fake, asked)
    run = ExtractionRun(known={"https://elsewhere/": "0"}, records={page.url: record},
                        saved=templates)
    return list(run_extraction([path], run))


def test_record_is_replayed_only_while_the_model_answers_alike(crawl1: Path) -> None:
    path, page = _page(crawl1)
    site, block = site_of(page.url), block_hash("a recorded block of text")
    model = TemplateModel({site: {block: 10}}, {site: 10})
    [same] = _replaying(path, page, {block: True}, model)
    assert isinstance(same, Article) and same.title == "from the record"
    assert same.origin == page.origin
    [other] = _replaying(path, page, {block: False}, model)  # the model now says "template"
    assert not (isinstance(other, Article) and other.title == "from the record")


def test_asked_model_answers_as_the_model_and_notes_the_questions() -> None:
    site = "enu.kz"
    template, other = "Services available to students", "A story's own paragraph"
    model = TemplateModel({site: {block_hash(template): 9}}, {site: 10})
    asking = AskedModel.of(model)
    for text in (template, other, "  ..  "):
        assert asking.is_template(site, text) == model.is_template(site, text)
    assert asking.is_title_end(site, "ENU") == model.is_title_end(site, "ENU")
    asked = asking.take()
    assert asked[block_hash(template)] is True and asked[block_hash(other)] is False
    assert len(asked) == 3 and asking.take() == {}
    assert model.agrees(site, asked)
    grown = dataclasses.replace(model, blocks={site: {block_hash(template): 9,
                                                      block_hash(other): 9}})
    assert not grown.agrees(site, asked)


def test_build_keeps_its_canary_words_for_the_first_update(root: Path) -> None:
    from indexer.index.build import canary_words

    live = generations.current_dir(root)
    ledger = load_ledger(live, doc_count(open_shards(live)))
    assert ledger is not None and ledger.canaries
    assert ledger.canaries == canary_words(open_shards(live))


def test_update_readers_report_unreadable_pages_as_one_process_does(
        root: Path, crawl1: Path, truth, tmp_path: Path) -> None:
    """With workers, the crawl's folder pages are read and hashed in them: a page
    they cannot read is still reported, with the same reason, in crawl order."""
    other = tmp_path / "other"
    shutil.copytree(root, other)
    broken = crawl1 / "kaznu.kz" / "kz" / "broken-page.html.gz"
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_bytes(b"\x1f\x8b\x08\x00 not gzip at all")
    edit_article(article_files(crawl1, truth, "kaznu.kz")[0])
    in_workers = update_index([crawl1], root, jobs=2)
    here = update_index([crawl1], other, jobs=1)
    assert _comparable(in_workers) == _comparable(here)
    failures = [f for f in in_workers.failures if f["origin"] == str(broken)]
    assert len(failures) == 1 and failures[0]["reason"].startswith("unreadable file")
    assert in_workers.totals()["changed"] == 1
