"""Write the result pages of the benchmark queries, to compare two versions of the code.

The 320 queries of ``bench/queries.py`` (drawn from the index's own documents, by
seed) run in each of the three sorts; every answer is written as one JSON line (the
API's object without the generation name). Two runs on the same index give
byte-identical files when a change did not alter behaviour; ``cmp`` tells.

Usage:
    .venv/bin/python bench/result_pages.py INDEX_ROOT OUT.jsonl
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._jobs import stored_documents  # noqa: E402
from bench.queries import make_queries  # noqa: E402
from indexer.search.live import LiveIndex  # noqa: E402
from indexer.search.searching import page_to_dict  # noqa: E402

SORTS = ("relevance", "recency", "newest")


def write_pages(root: Path, out: Path) -> int:
    """Run every query in every sort on ``root``; write one JSON line per answer.

    Returns:
        The number of pages written.
    """
    queries = make_queries(stored_documents(root))
    live = LiveIndex(root, cache_size=0)
    written = 0
    try:
        with out.open("w", encoding="utf-8") as fh:
            for sort in SORTS:
                for q in queries:
                    page = live.search(dataclasses.replace(q.request(), sort=sort))
                    data = page_to_dict(page)
                    data.pop("generation", None)
                    fh.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
                    written += 1
    finally:
        live.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="index root (as given to --index)")
    parser.add_argument("out", type=Path, help="JSON-lines file to write")
    args = parser.parse_args(argv)
    print(f"{write_pages(args.root, args.out)} pages -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
