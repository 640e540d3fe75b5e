"""No page leaves a build silently: the report, ``build``, ``update`` and ``stats`` name every
page that was not indexed, with its reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.cli import SHOWN_PAGES, cli
from indexer.index import generations
from indexer.index.build import build_index
from indexer.search.live import LiveIndex
from tests.conftest import SHARED
from tests.pages import article_page, contacts_page, teaser_listing

ARTICLES = [
    "https://example.edu.kz/?p=4926",
    "https://example.edu.kz/index.php?option=com_content&view=article&id=3013",
    "https://example.edu.kz/en/5292/news",
    "https://example.edu.kz/kz/news/studentter-olimpiadada",
]
SKIPPED = {  # url -> kind of reason
    "https://example.edu.kz/kz/news/": "listing",
    "https://example.edu.kz/kz/contacts/": "service page",
    ARTICLES[0]: "duplicate",  # the same URL a second time
}
EMPTY = "https://example.edu.kz/kz/news/bos-bet"


def _write_crawl(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("".join(json.dumps({"url": u, "html": h}, ensure_ascii=False) + "\n"
                            for u, h in rows), encoding="utf-8")
    return path


def _crawl(tmp_path: Path, extra: list[tuple[str, str]] = ()) -> Path:
    rows = [(url, article_page(f"Олимпиада жаңалығы {n}", n + 1))
            for n, url in enumerate(ARTICLES)]
    rows += [("https://example.edu.kz/kz/news/", teaser_listing()),
             ("https://example.edu.kz/kz/contacts/", contacts_page()),
             (ARTICLES[0], article_page("Олимпиада жаңалығы 0", 1)),
             (EMPTY, ""), *extra]
    return _write_crawl(tmp_path / "crawl.jsonl", rows)


def _kinds(entries: list[dict]) -> dict[str, str]:
    return {e["url"]: e["reason"].split(":")[0] for e in entries}


def test_report_lists_every_page_not_indexed(tmp_path: Path) -> None:
    crawl = _crawl(tmp_path)
    report = build_index([crawl], tmp_path / "ix")
    assert _kinds(report.skipped) == SKIPPED
    assert all(e["origin"].startswith(f"{crawl}:") for e in report.skipped)
    assert [f["url"] for f in report.failures] == [EMPTY]
    lines = len(crawl.read_text(encoding="utf-8").splitlines())
    assert report.documents + len(report.skipped) + len(report.failures) == lines
    saved = json.loads((generations.current_dir(tmp_path / "ix") / "report.json").read_text())
    assert saved["skipped"] == report.skipped
    assert saved["skip_reasons"] == {"listing": 1, "service page": 1, "duplicate": 1}
    assert saved["totals"]["skipped"] == 3


@pytest.mark.parametrize("command", ["build", "update"])
def test_build_and_update_name_the_skipped_pages(runner, tmp_path: Path, command: str) -> None:
    result = runner.invoke(cli, [command, str(_crawl(tmp_path)), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 0, result.output
    assert "skipped 3 page(s) (listing 1, service page 1, duplicate 1):" in result.stdout
    for url, kind in SKIPPED.items():
        assert f"  {url}: {kind}" in result.stdout
    assert "failed" in result.stderr and EMPTY in result.stderr


def test_update_reports_the_skips_of_its_own_crawl(runner, tmp_path: Path) -> None:
    root = tmp_path / "ix"
    assert runner.invoke(cli, ["build", str(_crawl(tmp_path)), "--index", str(root)]).exit_code == 0
    again = runner.invoke(cli, ["update", str(_crawl(tmp_path)), "--index", str(root)])
    assert "nothing changed" in again.stdout and "skipped 3 page(s)" in again.stdout
    newer = [("https://example.edu.kz/kz/news/page/2/", teaser_listing(5)),
             ("https://example.edu.kz/node/77", article_page("Жаңа жатақхана ашылды", 9))]
    changed = runner.invoke(cli, ["update", str(_crawl(tmp_path, newer)), "--index", str(root)])
    assert changed.exit_code == 0, changed.output
    assert "skipped 4 page(s) (listing 2, service page 1, duplicate 1):" in changed.stdout
    assert "https://example.edu.kz/kz/news/page/2/: listing: 5 teasers" in changed.stdout
    saved = json.loads((generations.current_dir(root) / "report.json").read_text())
    assert saved["mode"] == "update" and len(saved["skipped"]) == 4


def test_stats_shows_the_last_reports_skips_and_failures(runner, tmp_path: Path) -> None:
    root = tmp_path / "ix"
    build_index([_crawl(tmp_path)], root)
    result = runner.invoke(cli, ["stats", "--index", str(root)])
    assert result.exit_code == 0, result.output
    assert "last build: new 4, changed 0, unchanged 0, removed 0, skipped 3, failed 1" in (
        result.output)
    assert "skipped 3 page(s) (listing 1, service page 1, duplicate 1):" in result.output
    for url, kind in SKIPPED.items():
        assert f"  {url}: {kind}" in result.output
    assert f"failed 1 page(s):\n  {EMPTY}: " in result.output
    as_json = json.loads(runner.invoke(cli, ["stats", "--json", "--index", str(root)]).output)
    assert _kinds(as_json["last_update"]["skipped"]) == SKIPPED


@pytest.mark.parametrize("extra", [1, 7])
def test_stats_names_the_first_pages_then_says_where_the_rest_are(
        runner, tmp_path: Path, extra: int) -> None:
    listings = [(f"https://example.edu.kz/kz/news/page/{n}/", teaser_listing())
                for n in range(2, 2 + SHOWN_PAGES + extra)]
    root = tmp_path / "ix"
    build_index([_crawl(tmp_path, listings)], root)
    output = runner.invoke(cli, ["stats", "--index", str(root)]).output
    total = len(SKIPPED) + len(listings)
    assert f"skipped {total} page(s) (listing {len(listings) + 1}," in output
    named = [line for line in output.splitlines() if line.startswith("  https://")]
    assert len(named) == SHOWN_PAGES + 1  # the skipped ones, then the failed page
    report = generations.current_dir(root) / "report.json"
    assert f"  ... and {total - SHOWN_PAGES} more, see {report}" in output


DEV = SHARED / "data" / "realnews-dev"


@pytest.mark.slow
@pytest.mark.skipif(not (DEV / "crawl.jsonl").is_file(), reason="needs ../shared/data")
def test_dev_crawl_every_page_indexed_or_reported(tmp_path: Path) -> None:
    """On the real pages: each is indexed or named in the report, and every page a query
    targets (all real articles, whatever their URL) is indexed."""
    report = build_index([DEV / "crawl.jsonl"], tmp_path / "ix")
    urls = [json.loads(line)["url"]
            for line in (DEV / "crawl.jsonl").read_text(encoding="utf-8").splitlines()]
    with LiveIndex(tmp_path / "ix").searcher() as searcher:
        indexed = {fields["url"] for fields in searcher.all_stored_fields()}
    reported = {e["url"] for e in report.skipped + report.failures}
    assert set(urls) == indexed | reported and not indexed & reported
    targets = {json.loads(line)["target_url"]
               for line in (DEV / "queries.jsonl").read_text(encoding="utf-8").splitlines()}
    assert targets <= indexed
    assert len(report.skipped) <= 5 and all(
        e["reason"].startswith("listing: ") for e in report.skipped)
