"""``qazsearch crawl`` and ``refresh`` against the demo corpus served over HTTP on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from bench._site import Site, corpus_site, serve
from indexer.cli import cli
from indexer.crawl import CrawlOptions, FetchOptions, crawl
from indexer.extract.sources import iter_pages
from indexer.index.build import build_index, update_index
from indexer.models import PageFailure, RawPage

REPO = Path(__file__).resolve().parents[1]
DISALLOWED = "/en/news/ektu-team-wins-smart-mining-hackathon/"
ARTICLE = "/en/news/ektu-launches-double-degree-with-czech-partner/"
CHAIN_TARGET = "/en/news/ektu-summer-it-school-coding-robotics/"
SPECIAL = {
    "/en/news/moved/": "redirect:/en/news/moved-again/",
    "/en/news/moved-again/": f"redirect:{CHAIN_TARGET}",
    "/en/news/loop-a/": "redirect:/en/news/loop-b/",
    "/en/news/loop-b/": "redirect:/en/news/loop-a/",
    "/en/news/broken/": "status:500",
    "/en/news/slow/": "slow:1.5",
    "/en/news/busy/": "retry-after:1",
    "/en/news/photo.html": "binary",
}


def _ektu(corpus_dir: Path) -> Site:
    site = corpus_site(corpus_dir, "ektu.kz")
    site.robots = f"User-agent: *\nDisallow: {DISALLOWED}\n"
    site.special = dict(SPECIAL)
    site.pages["/en/news/busy/"] = site.pages[ARTICLE].replace(ARTICLE.encode(), b"/en/news/busy/")
    return site


def _options(proxy: str) -> CrawlOptions:
    return CrawlOptions(fetch=FetchOptions(delay=0, timeout=0.5, proxy=proxy), progress=False)


def _seeds(extra: bool = True) -> list[str]:
    paths = ["/en/news/", *(SPECIAL if extra else ()), "/en/news/missing/"]
    return [f"http://ektu.kz{p}" for p in paths]


def _warc_urls(warc: Path) -> Counter[str]:
    items = list(iter_pages([warc]))
    assert not [i for i in items if isinstance(i, PageFailure) and "500" not in i.reason]
    return Counter(i.url for i in items if isinstance(i, RawPage))


def test_crawl_fetches_every_allowed_page_once(corpus_dir: Path, tmp_path: Path) -> None:
    ektu, korkyt = _ektu(corpus_dir), corpus_site(corpus_dir, "korkyt.kz")
    with serve([ektu, korkyt]) as served:
        seeds = [*_seeds(), "http://korkyt.kz/en/news/"]
        report = crawl(seeds, tmp_path / "c.warc.gz", tmp_path / "state", _options(served.proxy))
    answered = Counter((h, p) for h, p, s in served.log if s == 200 and p != "/robots.txt")
    assert max(answered.values()) == 1  # nothing fetched twice
    assert ("ektu.kz", DISALLOWED) not in {(h, p) for h, p, _ in served.log}
    for site in (ektu, korkyt):
        listed = {p for p in site.pages if "/news/" in p} - {DISALLOWED}  # the seeds' sections
        fetched = {p for h, p in answered if h == site.host}
        assert listed <= fetched, listed - fetched
    counts = report.totals()
    assert counts["disallowed"] == 1
    assert counts["redirect loop"] == 1 and counts["http 500"] == 1 and counts["timeout"] == 1
    assert counts["http 404"] >= 1 and counts["non-html"] >= 2  # photo.html + a corpus file
    assert ("ektu.kz", "/en/news/busy/", 429) in served.log  # then fetched after Retry-After
    urls = _warc_urls(tmp_path / "c.warc.gz")
    assert "http://ektu.kz/en/news/busy/" in urls and f"http://ektu.kz{CHAIN_TARGET}" in urls
    assert max(urls.values()) == 1


def test_second_crawl_is_conditional_and_changes_reach_the_index(
        corpus_dir: Path, tmp_path: Path) -> None:
    site, root, state = _ektu(corpus_dir), tmp_path / "index", tmp_path / "state"
    with serve([site]) as served:
        crawl(_seeds(extra=False), tmp_path / "1.warc.gz", state, _options(served.proxy))
        first = build_index([tmp_path / "1.warc.gz"], root)
        site.pages[ARTICLE] = site.pages[ARTICLE].replace(
            b"has signed an agreement", b"has signed, in Prague, an agreement")
        site.special[CHAIN_TARGET] = "slow:1.5"  # a timeout today is not a removal
        before = len(served.log)
        report = crawl(_seeds(extra=False), tmp_path / "2.warc.gz", state,
                       _options(served.proxy))
        second = served.log[before:]
    statuses = Counter(s for _, p, s in second if p != "/robots.txt")
    assert statuses[304] >= sum(statuses.values()) / 2
    assert [p for _, p, s in second if s == 200 and p.startswith("/en/news/")] == [ARTICLE]
    assert report.totals()["not modified"] == statuses[304]
    updated = update_index([tmp_path / "2.warc.gz"], root, prune=True)
    totals = updated.totals()
    assert totals["changed"] == 1 and totals["removed"] == 0 and totals["failed"] == 1
    assert totals["unchanged"] == first.documents - 2
    assert updated.failures[0]["reason"] == "not fetched: timeout"
    assert updated.documents == first.documents


def test_refresh_twice_on_an_unchanged_site_removes_nothing(
        corpus_dir: Path, tmp_path: Path, runner) -> None:
    site = corpus_site(corpus_dir, "korkyt.kz")
    with serve([site]) as served:
        args = ["refresh", "http://korkyt.kz/kz/news/", "--state", str(tmp_path / "state"),
                "--index", str(tmp_path / "index"), "--delay", "0", "--proxy", served.proxy]
        first = runner.invoke(cli, args)
        assert first.exit_code == 0, first.output
        second = runner.invoke(cli, args)
    assert second.exit_code == 0, second.output
    assert "nothing changed" in second.output
    total = next(line for line in second.output.splitlines() if line.startswith("TOTAL"))
    assert total.split()[4] == "0"  # the removed column
    assert len(list((tmp_path / "state" / "warc").glob("*.warc.gz"))) == 2


@pytest.mark.slow
def test_kill_9_mid_crawl_resumes_without_refetching(corpus_dir: Path, tmp_path: Path) -> None:
    site = corpus_site(corpus_dir, "kaznu.kz")
    out, state = tmp_path / "k.warc.gz", tmp_path / "state"
    with serve([site], delay=0.03) as served:
        command = [sys.executable, "-m", "indexer", "crawl", "http://kaznu.kz/kz/news/",
                   "--out", str(out), "--state", str(state), "--delay", "0",
                   "--proxy", served.proxy]
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while len(served.fetched()) < 12 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        killed_at = len(served.fetched())
        report = crawl(["http://kaznu.kz/kz/news/"], out, state, _options(served.proxy))
    assert report.resumed and report.finished
    pages = Counter(served.fetched())
    assert 12 <= killed_at < len(served.fetched())
    assert sum(pages.values()) - len(pages) <= 1  # at most the page in flight, twice
    urls = _warc_urls(out)
    assert max(urls.values()) == 1
    assert {f"http://kaznu.kz{p}" for p in site.pages if p.startswith("/kz/")} <= set(urls)


def test_dns_failure_is_reported_not_fatal(tmp_path: Path) -> None:
    options = CrawlOptions(fetch=FetchOptions(delay=0, timeout=2), progress=False)
    report = crawl(["http://qazsearch-test.invalid/news/"], tmp_path / "d.warc.gz",
                   tmp_path / "state", options)
    assert report.error_count() >= 1
    assert set(report.totals()) <= {"dns", "connect"}


def test_crawl_refuses_to_overwrite_a_finished_warc(tmp_path: Path, runner) -> None:
    out = tmp_path / "x.warc.gz"
    out.write_bytes(b"")
    result = runner.invoke(cli, ["crawl", "http://qazsearch-test.invalid/", "--out", str(out),
                                 "--state", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "already exists and is not an interrupted crawl" in result.output


def test_unknown_university_is_a_clear_error(tmp_path: Path, runner) -> None:
    result = runner.invoke(cli, ["crawl", "--university", "nope", "--out",
                                 str(tmp_path / "x.warc.gz"), "--state", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "unknown university id(s): nope" in result.output


