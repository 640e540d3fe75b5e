"""Score titles and main text on the real-news development set (``realnews-dev``).

Input: ``crawl.jsonl`` (``url``, ``html``) and ``pages.jsonl`` (``url``, ``title``, ``text``)
of ``../shared/data/realnews-dev``. Templates are learnt from the whole crawl first, as
``qazsearch build`` does. The title is right when it equals the true title after squashing
white space (``exact``) or also ignoring case and punctuation (``loose``). The text is scored
like :mod:`bench.extraction`: 4-token shingles, mean precision and recall over pages, F1 their
harmonic mean. Measuring only: the data never enter the repository.

Usage::

    .venv/bin/python bench/realnews_extract.py [--data DIR] [--show-titles] [--show-text N]
        [--trafilatura]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.extraction import _shingles  # noqa: E402
from indexer.errors import ExtractionError  # noqa: E402
from indexer.models import RawPage  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "realnews-dev"
_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text or "").strip()


def _loose(text: str) -> str:
    return _NON_WORD.sub(" ", (text or "").lower()).strip()


def _prf(got: str, want: str) -> tuple[float, float]:
    a, b = _shingles(got), _shingles(want)
    shared = len(a & b)
    p = shared / len(a) if a else (1.0 if not b else 0.0)
    r = shared / len(b) if b else 1.0
    return p, r


def load(data: Path) -> list[tuple[dict, dict]]:
    """(crawl entry, truth entry) pairs in ``pages.jsonl`` order."""
    crawl = {}
    for line in (data / "crawl.jsonl").read_text("utf-8").splitlines():
        entry = json.loads(line)
        crawl[entry["url"]] = entry
    truth = [json.loads(line) for line in (data / "pages.jsonl").read_text("utf-8").splitlines()]
    return [(crawl[t["url"]], t) for t in truth if t["url"] in crawl]


def _ours(pairs: list[tuple[dict, dict]]) -> list[tuple[str, str]]:
    from indexer.extract.article import extract
    from indexer.extract.templates import learn_templates

    pages = [RawPage(url=c["url"], body=c["html"].encode("utf-8")) for c, _ in pairs]
    model = learn_templates(pages)
    out = []
    for page in pages:
        try:
            article = extract(page, model)
            out.append((article.title, article.text))
        except ExtractionError:
            out.append(("", ""))
    return out


def _trafilatura(pairs: list[tuple[dict, dict]]) -> list[tuple[str, str]]:
    import trafilatura

    out = []
    for crawl, _ in pairs:
        doc = trafilatura.bare_extraction(crawl["html"], url=crawl["url"], with_metadata=True)
        out.append(((doc.title or "") if doc else "", (doc.text or "") if doc else ""))
    return out


def report(pairs: list[tuple[dict, dict]], results: list[tuple[str, str]]) -> list[str]:
    """Lines: per language and overall, n, title exact/loose, text P/R/F1."""
    groups: dict[str, list[tuple[int, int, float, float]]] = defaultdict(list)
    for (_, truth), (title, text) in zip(pairs, results, strict=True):
        row = (
            int(_squash(title) == _squash(truth["title"])),
            int(_loose(title) == _loose(truth["title"])),
            *_prf(text, truth["text"]),
        )
        groups[truth["lang"]].append(row)
        groups["all"].append(row)
    lines = ["| lang | n | title exact | title loose | P | R | F1 |",
             "|---|---|---|---|---|---|---|"]
    for lang in ("all", "kk", "ru", "en"):
        rows = groups.get(lang, [])
        if not rows:
            continue
        n = len(rows)
        exact, loose = sum(r[0] for r in rows), sum(r[1] for r in rows)
        p, r = sum(x[2] for x in rows) / n, sum(x[3] for x in rows) / n
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        lines.append(f"| {lang} | {n} | {exact / n:.1%} ({exact}) | {loose / n:.1%} ({loose}) "
                     f"| {p:.3f} | {r:.3f} | {f1:.3f} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show-titles", action="store_true", help="print every wrong title")
    parser.add_argument("--show-text", type=int, default=0, metavar="N",
                        help="print the N pages with the lowest text F1")
    parser.add_argument("--trafilatura", action="store_true", help="also score trafilatura")
    args = parser.parse_args(argv)
    if not (args.data / "pages.jsonl").exists():
        sys.stderr.write(f"skipped: no data at {args.data}\n")
        return 0
    pairs = load(args.data)
    results = _ours(pairs)
    sys.stdout.write("qazsearch\n" + "\n".join(report(pairs, results)) + "\n")
    if args.trafilatura:
        sys.stdout.write("trafilatura\n" + "\n".join(report(pairs, _trafilatura(pairs))) + "\n")
    if args.show_titles:
        for (_, truth), (title, _) in zip(pairs, results, strict=True):
            if _squash(title) != _squash(truth["title"]):
                sys.stdout.write(f"{truth['url']}\n  got:  {title}\n  want: {truth['title']}\n")
    if args.show_text:
        scored = []
        for (_, truth), (_, text) in zip(pairs, results, strict=True):
            p, r = _prf(text, truth["text"])
            scored.append((2 * p * r / (p + r) if p + r else 0.0, p, r, truth["url"]))
        for f, p, r, url in sorted(scored)[: args.show_text]:
            sys.stdout.write(f"{f:.3f} P {p:.3f} R {r:.3f} {url}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
