"""Re-indexing after new crawls: incremental update, prune, formats, generations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.index import generations
from indexer.index.build import ValidationError, build_index, update_index
from indexer.search.live import LiveIndex
from tests.crawls import (
    EDIT_MARKER,
    UPDATE_SITES,
    article_files,
    change_template,
    copy_sites,
    edit_article,
    folder_to_jsonl,
    folder_to_warc,
)

SITES = UPDATE_SITES


def _docs(root: Path) -> dict[str, dict]:
    live = LiveIndex(root)
    with live.searcher() as searcher:
        return {f["url"]: f for f in searcher.all_stored_fields()}


def _totals(report) -> dict[str, int]:
    return dict(report.totals())


def test_update_twice_changes_nothing(root: Path, crawl1: Path) -> None:
    live_before = generations.current_name(root)
    report = update_index([crawl1], root)
    totals = _totals(report)
    assert totals.get("new", 0) == totals.get("changed", 0) == totals.get("removed", 0) == 0
    assert totals["unchanged"] > 0
    assert not report.published and generations.current_name(root) == live_before


def test_template_change_is_not_a_change(root: Path, crawl1: Path, truth) -> None:
    for path in article_files(crawl1, truth, "enu.kz"):
        change_template(path)
    assert _totals(update_index([crawl1], root)).get("changed", 0) == 0


def test_edit_add_remove_with_prune(root: Path, crawl1: Path, tmp_path: Path, truth,
                                    corpus_dir: Path) -> None:
    before = _docs(root)
    enu = article_files(crawl1, truth, "enu.kz")
    edit_article(enu[0])
    enu[1].unlink()
    copy_sites(corpus_dir, crawl1, ["vku.edu.kz"])
    report = update_index([crawl1], root, prune=True)
    totals = _totals(report)
    assert totals["changed"] == 1 and totals["removed"] == 1 and totals["new"] > 0
    after = _docs(root)
    assert len(after) == len(before) - 1 + totals["new"]
    changed = [d for d in after.values() if EDIT_MARKER in d["text"]]
    assert len(changed) == 1
    assert report.counts["vku"]["new"] == totals["new"]


def test_prune_leaves_sites_missing_from_the_crawl(root: Path, tmp_path: Path,
                                                   corpus_dir: Path) -> None:
    before = _docs(root)
    only_enu = copy_sites(corpus_dir, tmp_path / "crawl2", ["enu.kz"])
    report = update_index([only_enu], root, prune=True)
    assert _totals(report).get("removed", 0) == 0
    assert _docs(root).keys() == before.keys()


@pytest.mark.parametrize("fmt", ["warc", "warc.gz", "jsonl"])
def test_other_formats_match_the_folder(root: Path, crawl1: Path, tmp_path: Path,
                                        fmt: str) -> None:
    convert = folder_to_jsonl if fmt == "jsonl" else folder_to_warc
    source = convert(crawl1, tmp_path / f"crawl.{fmt}")
    fresh = tmp_path / f"index-{fmt}"
    build_index([source], fresh)
    folder_docs, other_docs = _docs(root), _docs(fresh)
    assert other_docs.keys() == folder_docs.keys()
    for url, doc in folder_docs.items():
        assert (other_docs[url]["title"], other_docs[url]["date"], other_docs[url]["lang"]) == (
            doc["title"], doc["date"], doc["lang"]), url
    report = update_index([source], root)
    assert _totals(report).get("changed", 0) == 0


def test_shrinking_update_is_refused_and_old_generation_serves(root: Path, tmp_path: Path,
                                                               corpus_dir: Path) -> None:
    live = generations.current_name(root)
    small = copy_sites(corpus_dir, tmp_path / "small", ["shakarim.kz"])
    with pytest.raises(ValidationError, match="not published"):
        build_index([small], root)
    assert generations.current_name(root) == live
    assert len(generations.list_generations(root)) == 1


def test_report_saved_with_generation(root: Path) -> None:
    saved = json.loads((generations.current_dir(root) / "report.json").read_text())
    assert saved["generation"] == generations.current_name(root)
    assert saved["published"] is True and saved["documents"] > 0
    assert set(saved["totals"]) >= {"new"}


def test_live_index_switches_generation_without_restart(root: Path, crawl1: Path,
                                                        truth) -> None:
    live = LiveIndex(root)
    with live.searcher() as searcher:
        old = searcher.doc_count()
    article_files(crawl1, truth, "enu.kz")[0].unlink()
    update_index([crawl1], root, prune=True)
    with live.searcher() as searcher:
        assert searcher.doc_count() == old - 1


def test_three_successive_crawls_in_three_formats(root: Path, crawl1: Path, tmp_path: Path,
                                                  truth, corpus_dir: Path) -> None:
    """Folder build, then a WARC crawl with edits and a new site, then a JSON-lines crawl
    with one site gone and pages removed (pruned only where the site was crawled)."""
    crawl2 = copy_sites(crawl1, tmp_path / "crawl2", SITES)
    copy_sites(corpus_dir, crawl2, ["korkyt.kz"])
    edited = article_files(crawl2, truth, "kaznu.kz")[:2]
    for path in edited:
        edit_article(path)
    second = update_index([folder_to_warc(crawl2, tmp_path / "crawl2.warc.gz")], root,
                          prune=True)
    totals = _totals(second)
    assert totals["changed"] == 2 and totals.get("removed", 0) == 0
    assert second.counts["korkyt"]["new"] > 0
    after_two = _docs(root)

    crawl3 = copy_sites(crawl2, tmp_path / "crawl3", ["kaznu.kz", "korkyt.kz"])  # enu.kz gone
    gone = article_files(crawl3, truth, "korkyt.kz")[:3]
    for path in gone:
        path.unlink()
    third = update_index([folder_to_jsonl(crawl3, tmp_path / "crawl3.jsonl")], root, prune=True)
    totals = _totals(third)
    assert totals["removed"] == 3 and totals.get("changed", 0) == 0
    after_three = _docs(root)
    assert len(after_three) == len(after_two) - 3
    assert any(url.startswith("https://enu.kz/") for url in after_three)  # not crawled, kept


def test_new_text_banner_on_every_page_is_not_a_change(root: Path, crawl1: Path) -> None:
    """A notice with real text put into every page's main text is learnt as template."""
    banner = b"<p>Admissions 2026: the university now accepts documents online every day.</p>"
    for path in (crawl1 / "enu.kz").rglob("*.html"):
        html = path.read_bytes()
        if b"</p>" in html:
            path.write_bytes(html.replace(b"</p>", b"</p>" + banner, 1))
    totals = _totals(update_index([crawl1], root))
    assert totals.get("changed", 0) == 0 and totals["unchanged"] > 0


def test_update_parses_only_changed_pages(root: Path, crawl1: Path, truth, monkeypatch) -> None:
    import indexer.extract.pipeline

    calls: list[str] = []
    real = indexer.extract.pipeline.extract
    def counting(page, templates=None):  # noqa: ANN001, ANN202
        calls.append(page.url)
        return real(page, templates)

    monkeypatch.setattr(indexer.extract.pipeline, "extract", counting)
    edit_article(article_files(crawl1, truth, "kaznu.kz")[0])
    report = update_index([crawl1], root)
    assert _totals(report)["changed"] == 1
    articles = sum(1 for _ in _docs(root))
    assert len(calls) < articles / 2, len(calls)  # unchanged articles were not parsed again
