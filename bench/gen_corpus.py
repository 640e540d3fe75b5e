"""Generate a synthetic crawl of N pages that looks like the demo corpus.

Usage::

    .venv/bin/python bench/gen_corpus.py --pages 10000 --seed 1 --format folder --out /tmp/crawl
    .venv/bin/python bench/gen_corpus.py --pages 10000 --revision 1 --out /tmp/crawl2  # 1 % edited

The seven demo site templates (``tools/corpus_sites*.py``) render stories
whose text comes from per-language bigram models learned from the demo
stories and ``../shared/data``; see ``bench/_pages.py`` for the page mix.
``--revision R`` (R > 0) edits about ``--change-rate`` of the stories (all
their language versions get one more sentence) and leaves every other page
byte-identical, which is what the incremental-update benchmark needs.
The output is a function of the arguments only.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import shutil
import sys
import uuid
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._pages import GenPage, PageMaker  # noqa: E402
from bench._wordmodel import learn_models  # noqa: E402

LOGGER = logging.getLogger("gen_corpus")
FORMATS = ("folder", "warc", "jsonl")
MAX_PAGES = 200_000


def generate(n_pages: int, seed: int = 1, revision: int = 0, change_rate: float = 0.01,
             use_shared: bool = True) -> Iterable[GenPage]:
    """The pages of a crawl, in order (a generator: nothing is held in memory).

    Args:
        n_pages: How many files the crawl has (articles, duplicates, listings, broken).
        seed: Everything random derives from it.
        revision: 0 for the base crawl; R > 0 edits a share of the stories.
        change_rate: Share of stories edited in a revision.
        use_shared: Learn words from ``../shared/data`` too (when present).
    """
    if not 0 < n_pages <= MAX_PAGES:
        raise ValueError(f"--pages must be between 1 and {MAX_PAGES}")
    return PageMaker(learn_models(use_shared), seed, revision, change_rate).pages(n_pages)


def write_folder(pages: Iterable[GenPage], out: Path) -> Counter[str]:
    """Write pages as ``wget --mirror`` saves them: ``out/<host>/<path>``."""
    if out.exists():
        shutil.rmtree(out)
    counts: Counter[str] = Counter()
    for page in pages:
        target = out / page.host / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.body)
        counts[page.kind] += 1
    return counts


def write_jsonl(pages: Iterable[GenPage], out: Path) -> Counter[str]:
    """Write Scrapy-style JSON lines ``{"url", "html"}`` (broken files are skipped)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    counts: Counter[str] = Counter()
    with out.open("w", encoding="utf-8") as stream:
        for page in pages:
            if page.kind == "broken":
                counts["skipped"] += 1
                continue
            html = page.body.decode(page.charset)
            stream.write(json.dumps({"url": page.url, "html": html}, ensure_ascii=False) + "\n")
            counts[page.kind] += 1
    return counts


def write_warc(pages: Iterable[GenPage], out: Path, seed: int) -> Counter[str]:
    """Write one gzipped WARC of response records with fixed record ids and dates."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out.parent.mkdir(parents=True, exist_ok=True)
    counts: Counter[str] = Counter()
    with out.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for number, page in enumerate(pages):
            ctype = f"text/html; charset={page.charset}" if page.charset else "text/html"
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{seed}:{number}:{page.url}")
            record = writer.create_warc_record(
                page.url, "response", payload=io.BytesIO(page.body), length=len(page.body),
                http_headers=http,
                warc_headers_dict={"WARC-Record-ID": f"<urn:uuid:{record_id}>",
                                   "WARC-Date": "2026-01-15T06:00:00Z"})
            writer.write_record(record)
            counts[page.kind] += 1
    return counts


def write(pages: Iterable[GenPage], out: Path, fmt: str, seed: int = 1) -> Counter[str]:
    """Write ``pages`` to ``out`` in ``fmt`` ("folder", "warc" or "jsonl"); counts by kind."""
    if fmt == "folder":
        return write_folder(pages, out)
    if fmt == "jsonl":
        return write_jsonl(pages, out)
    if fmt == "warc":
        return write_warc(pages, out, seed)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def default_out(fmt: str, n_pages: int, seed: int, revision: int) -> Path:
    """Where the crawl goes when ``--out`` is not given."""
    stem = f"/tmp/qazsearch-bench/crawl-{n_pages}-s{seed}-r{revision}"
    return Path(stem + {"folder": "", "warc": ".warc.gz", "jsonl": ".jsonl"}[fmt])


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=FORMATS, default="folder")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--revision", type=int, default=0)
    parser.add_argument("--change-rate", type=float, default=0.01)
    parser.add_argument("--no-shared", action="store_true",
                        help="learn words from the demo stories only")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    out = args.out or default_out(args.format, args.pages, args.seed, args.revision)
    try:
        pages = generate(args.pages, args.seed, args.revision, args.change_rate,
                         use_shared=not args.no_shared)
    except ValueError as exc:
        parser.error(str(exc))
    counts = write(pages, out, args.format, args.seed)
    LOGGER.info("wrote %s: %s", out, dict(sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
