"""Crawl one site served on 127.0.0.1 twice and index it: coverage, rate, 304 share.

Usage::

    .venv/bin/python bench/crawl.py                      # the demo site ektu.kz
    .venv/bin/python bench/crawl.py --pages 3000 --site kaznu.kz   # a generated site

The site is served by ``bench/_site.py`` (a threaded ``http.server``) with a
``sitemap.xml`` of all its pages and a ``robots.txt`` disallowing one of them;
the crawl starts at the site root with ``--delay 0``. Printed: the share of
allowed sitemap pages fetched, whether the disallowed page was requested, the
first crawl's rate (URLs and pages per second), the documents ``build`` indexes
from the WARC, and the share of 304 answers in a second crawl with the same state.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._site import corpus_site, serve  # noqa: E402
from indexer.crawl import CrawlOptions, FetchOptions, crawl  # noqa: E402
from indexer.crawl.report import OUTCOMES  # noqa: E402
from indexer.index.build import build_index  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def measure(corpus: Path, folder: str, work: Path) -> dict[str, object]:
    """Crawl ``corpus/folder`` twice, build from the first WARC; the figures."""
    site = corpus_site(corpus, folder)
    articles = sorted(p for p in site.pages if p.count("/") >= 3)
    disallowed = articles[len(articles) // 2]
    site.robots = f"User-agent: *\nDisallow: {disallowed}\n"
    allowed = set(site.pages) - {disallowed}
    with serve([site]) as served:
        def run(name: str) -> tuple[object, float, list[tuple[str, str, int]]]:
            options = CrawlOptions(fetch=FetchOptions(delay=0, timeout=5, proxy=served.proxy),
                                   progress=False)
            before = len(served.log)
            started = time.perf_counter()
            report = crawl([f"http://{folder}/"], work / f"{name}.warc.gz", work / "state",
                           options)
            return report, time.perf_counter() - started, served.log[before:]

        first, seconds, log1 = run("first")
        second, _, log2 = run("second")
    fetched = {p for h, p, s in log1 if s == 200}
    built = build_index([work / "first.warc.gz"], work / "index")
    asked = [s for _, p, s in log2 if p != "/robots.txt"]
    return {
        "site": folder, "sitemap_pages": len(site.pages),
        "allowed_fetched": f"{len(allowed & fetched)}/{len(allowed)}",
        "allowed_fetched_share": round(len(allowed & fetched) / len(allowed), 3),
        "disallowed_requested": any(p == disallowed for _, p, _ in log1),
        "first_crawl_urls": first.requests, "first_crawl_seconds": round(seconds, 2),
        "urls_per_second": round(first.requests / seconds, 1),
        "pages_per_second": round(first.totals()["fetched"] / seconds, 1),
        "errors": dict((k, v) for k, v in first.totals().items()
                       if k not in OUTCOMES),
        "documents_built": built.documents,
        "second_crawl_304_share": round(asked.count(304) / len(asked), 3),
        "second_crawl_requests": len(asked),
        "second_crawl_known_gone": second.totals()["known gone"],
    }


def main() -> None:
    """Parse the arguments, run the measurement, print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", default="ektu.kz", help="Site folder to serve.")
    parser.add_argument("--pages", type=int, default=0,
                        help="Generate a corpus of this many pages (0: the demo corpus).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qazsearch-crawl-") as tmp:
        work = Path(tmp)
        corpus = REPO / "corpus"
        if args.pages:
            corpus = work / "corpus"
            subprocess.run([sys.executable, str(REPO / "bench" / "gen_corpus.py"), "--pages",
                            str(args.pages), "--seed", "1", "--format", "folder", "--out",
                            str(corpus)], check=True, capture_output=True)
        print(json.dumps(measure(corpus, args.site, work), indent=2))


if __name__ == "__main__":
    main()
