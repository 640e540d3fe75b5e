"""How well page one spreads across universities, with and without the diversity pass.

Builds the demo corpus (or ``--corpus DIR``) into a temporary index, takes
every word that occurs in 10–80 documents of the ``exact`` field as a query,
and reports for the top 10: the mean number of distinct universities and the
mean share of the slots held by the most frequent university.

    .venv/bin/python bench/ranking.py [--corpus corpus/]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from indexer.index.build import build_index  # noqa: E402
from indexer.models import SearchRequest  # noqa: E402
from indexer.search import ranking  # noqa: E402
from indexer.search.live import LiveIndex  # noqa: E402
from indexer.search.searching import search  # noqa: E402


def _queries(searcher, low: int = 10, high: int = 80) -> list[str]:  # type: ignore[no-untyped-def]
    reader = searcher.reader()
    words = [term.decode("utf-8") for term, info in reader.iter_field("exact")
             if low <= info.doc_frequency() <= high]
    return [w for w in words if w.isalpha() and len(w) >= 5]


def _measure(searcher, queries: list[str], sort: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    distinct, top_share = [], []
    for text in queries:
        page = search(searcher, SearchRequest(query=f'"{text}"', sort=sort, per_page=10))
        universities = [h.university for h in page.hits]
        if len(universities) < 10:
            continue
        distinct.append(len(set(universities)))
        top_share.append(Counter(universities).most_common(1)[0][1] / len(universities))
    return statistics.mean(distinct), statistics.mean(top_share)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        build_index([args.corpus], Path(tmp))
        live = LiveIndex(Path(tmp))
        with live.searcher() as searcher:
            queries = _queries(searcher)
            print(f"{len(queries)} queries (words in 10–80 documents), top 10 results\n")
            print("| sort | diversity pass | distinct universities | share of the top university |")
            print("|---|---|---|---|")
            for sort in ("relevance", "recency"):
                for factor, label in ((1.0, "off"), (ranking.DIVERSITY, "on")):
                    saved, ranking.DIVERSITY = ranking.DIVERSITY, factor
                    try:
                        distinct, share = _measure(searcher, queries, sort)
                    finally:
                        ranking.DIVERSITY = saved
                    print(f"| {sort} | {label} | {distinct:.2f} | {share:.0%} |")


if __name__ == "__main__":
    main()
