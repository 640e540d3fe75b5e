"""Known-item search on real pages: does a reader find the article they remember?

Builds the real development crawl (``../shared/data/realnews-dev/crawl.jsonl``: real
news excerpts inside plain site chrome) with ``indexer.index.build.build_index`` and runs
its known-item queries (kinds kk, ru, en, kk-latin, natural) through
``indexer.search.searching.search``. A query is a hit at rank r when its target URL is result r
or is folded under it (a language version or a similar page). URLs are compared
normalised, as the data's README says.

Beside it, the same queries on plain Whoosh: the pages' visible text (title and body,
BeautifulSoup's ``get_text``) in one ``StandardAnalyzer`` field, words AND-ed.

Reported per kind and overall: Success@1, Success@10, MRR@10; then every page of the
crawl that was not indexed, with the report's reason; then every miss with its cause:

* ``not indexed`` - the target is not in the index;
* ``zero results`` - nothing matched; the words the target lacks (as the index
  analyses them) are named;
* ``rank N`` / ``below 10`` - found, ranked too low.

Usage:
    .venv/bin/python bench/known_item.py [--data DIR] [--sort relevance|recency|newest]
        [--markdown] [--no-baseline]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bs4 import BeautifulSoup  # noqa: E402
from whoosh import fields as wf  # noqa: E402
from whoosh import qparser  # noqa: E402
from whoosh.analysis import StandardAnalyzer  # noqa: E402
from whoosh.filedb.filestore import RamStorage  # noqa: E402

from indexer.errors import QazsearchError  # noqa: E402
from indexer.index.build import build_index  # noqa: E402
from indexer.models import SearchHit, SearchRequest  # noqa: E402
from indexer.search.live import LiveIndex  # noqa: E402
from indexer.search.searching import search  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "realnews-dev"
KINDS = ("kk", "kk-latin", "ru", "en", "natural")
TOP = 10


def normalise_url(url: str) -> str:
    """The README's URL comparison key: host without www. and a trailing dot, path
    percent-decoded without a trailing slash, the query string percent-decoded."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().rstrip(".")
    host = host[4:] if host.startswith("www.") else host
    path = unquote(parts.path).rstrip("/")
    query = unquote(parts.query)
    return f"{host}{path}" + (f"?{query}" if query else "")


@dataclass
class Outcome:
    """One query's result: the rank of its target (0 = not in the top 10) and why."""

    query: dict
    rank: int = 0
    total: int = 0
    cause: str = ""


@dataclass
class Scores:
    """Success@1, Success@10 and MRR@10 over a set of outcomes."""

    ranks: list[int] = field(default_factory=list)

    def line(self) -> tuple[float, float, float]:
        n = len(self.ranks) or 1
        return (sum(r == 1 for r in self.ranks) / n, sum(0 < r <= TOP for r in self.ranks) / n,
                sum(1 / r for r in self.ranks if 0 < r <= TOP) / n)


def load(data: Path) -> tuple[list[dict], list[dict]]:
    """The crawl's pages ({url, html}) and the queries."""
    def rows(name: str) -> list[dict]:
        with (data / name).open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    return rows("crawl.jsonl"), rows("queries.jsonl")


def _targets(q: dict) -> set[str]:
    return {normalise_url(u) for u in [q["target_url"], *q.get("alt_urls", [])]}


def _hit_urls(hit: SearchHit) -> set[str]:
    urls = {hit.url, *(v.url for v in hit.versions), *(s.url for s in hit.similar)}
    return {normalise_url(u) for u in urls if u}


def run_qazsearch(searcher, queries: list[dict], indexed: set[str], sort: str) -> list[Outcome]:
    """Each query through ``indexer.search.searching.search``; misses get a cause."""
    out = []
    for q in queries:
        outcome = Outcome(q)
        try:
            page = search(searcher, SearchRequest(query=q["q"], per_page=TOP, sort=sort))
        except QazsearchError as exc:
            outcome.cause = f"error: {exc}"
            out.append(outcome)
            continue
        outcome.total = page.total
        targets = _targets(q)
        for rank, hit in enumerate(page.hits, 1):
            if _hit_urls(hit) & targets:
                outcome.rank = rank
                break
        if not outcome.rank:
            outcome.cause = _cause(searcher, q, targets, indexed, page.total, sort)
        out.append(outcome)
    return out


def _cause(searcher, q: dict, targets: set[str], indexed: set[str], total: int,
           sort: str) -> str:
    if not targets & indexed:
        return "not indexed"
    lacking = [w for w in q["q"].replace('"', " ").split()
               if not _finds(searcher, w, targets, sort)]
    words = ", ".join(lacking) if lacking else "-"
    if total == 0:
        return f"zero results; target lacks: {words}"
    return f"below {TOP} of {total}; target lacks: {words}"


def _finds(searcher, word: str, targets: set[str], sort: str) -> bool:
    """Whether the one-word query ``word`` matches the target (any rank)."""
    try:
        page = search(searcher, SearchRequest(query=word, per_page=100, sort=sort))
    except QazsearchError:
        return False
    if page.total > 100:
        return True  # too common to tell in one page; not the cause of a miss
    return any(_hit_urls(h) & targets for h in page.hits)


def run_plain_whoosh(pages: list[dict], queries: list[dict]) -> list[Outcome]:
    """The baseline: visible text, StandardAnalyzer, words AND-ed, BM25F."""
    schema = wf.Schema(url=wf.ID(stored=True), text=wf.TEXT(analyzer=StandardAnalyzer()))
    ix = RamStorage().create_index(schema)
    with ix.writer() as writer:
        for page in pages:
            text = BeautifulSoup(page["html"], "lxml").get_text(" ")
            writer.add_document(url=page["url"], text=text)
    parser = qparser.QueryParser("text", schema, group=qparser.AndGroup)
    out = []
    with ix.searcher() as searcher:
        for q in queries:
            outcome = Outcome(q)
            results = searcher.search(parser.parse(q["q"]), limit=TOP)
            targets = _targets(q)
            for rank, hit in enumerate(results, 1):
                if normalise_url(hit["url"]) in targets:
                    outcome.rank = rank
                    break
            out.append(outcome)
    return out


def scores_by_kind(outcomes: list[Outcome]) -> dict[str, Scores]:
    by_kind: dict[str, Scores] = defaultdict(Scores)
    for o in outcomes:
        by_kind[o.query["kind"]].ranks.append(o.rank)
        by_kind["all"].ranks.append(o.rank)
    return by_kind


def table(ours: dict[str, Scores], plain: dict[str, Scores] | None) -> str:
    head = "| queries | n | S@1 | S@10 | MRR@10 |"
    head += " plain Whoosh S@10 | MRR@10 |" if plain else ""
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for kind in [*KINDS, "all"]:
        if kind not in ours:
            continue
        s1, s10, mrr = ours[kind].line()
        row = f"| {kind} | {len(ours[kind].ranks)} | {s1:.2f} | {s10:.2f} | {mrr:.2f} |"
        if plain:
            _, p10, pmrr = plain[kind].line()
            row += f" {p10:.2f} | {pmrr:.2f} |"
        lines.append(row)
    return "\n".join(lines)


def evaluate(data: Path, sort: str, baseline: bool) -> tuple[str, list[Outcome]]:
    """Build the dev crawl, run the queries; the report text and the outcomes."""
    pages, queries = load(data)
    with tempfile.TemporaryDirectory() as tmp:
        report = build_index([data / "crawl.jsonl"], Path(tmp), force=True)
        live = LiveIndex(Path(tmp))
        try:
            with live.searcher() as searcher:
                indexed = {normalise_url(f["url"]) for f in searcher.all_stored_fields()}
                ours = run_qazsearch(searcher, queries, indexed, sort)
        finally:
            live.close()
    plain = scores_by_kind(run_plain_whoosh(pages, queries)) if baseline else None
    lines = [f"## Known-item search on {data.name} ({len(pages)} pages, {len(queries)} "
             f"queries, sort={sort})", "", table(scores_by_kind(ours), plain), ""]
    crawl_urls = {normalise_url(p["url"]) for p in pages}
    left_out = _left_out(report.to_dict(), crawl_urls - indexed)
    lines += [f"Pages: {len(pages)} ({len(crawl_urls)} distinct URLs once normalised); "
              f"indexed: {len(crawl_urls & indexed)} URLs; not indexed: {len(left_out)}, "
              "each with the report's reason:", ""]
    lines += [f"- {url}: {reason}" for url, reason in sorted(left_out.items())]
    misses = [o for o in ours if not 0 < o.rank <= TOP]
    lines += ["", f"Misses ({len(misses)}):", ""]
    lines += [f"- {o.query['id']} [{o.query['kind']}] {o.query['q']!r}: {o.cause}"
              for o in misses]
    return "\n".join(lines), ours


def _left_out(report: dict, missing: set[str]) -> dict[str, str]:
    """URL -> the report's reason, for every crawl page that is not in the index."""
    reasons: dict[str, str] = {}
    for entry in report.get("failures", []) + report.get("skipped", []):
        url = entry.get("url") or entry.get("origin", "")
        reasons[normalise_url(url)] = entry.get("reason", "")
    return {url: reasons.get(url, "NOT IN THE REPORT") for url in missing}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--sort", default="recency", choices=("relevance", "recency", "newest"))
    ap.add_argument("--no-baseline", action="store_true", help="skip plain Whoosh")
    ap.add_argument("--markdown", type=Path, help="also write the report to this file")
    args = ap.parse_args(argv)
    if not (args.data / "queries.jsonl").exists():
        print(f"no known-item data in {args.data}", file=sys.stderr)
        return 2
    text, _ = evaluate(args.data, args.sort, not args.no_baseline)
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
