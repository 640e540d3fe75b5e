"""CPU time per page of a build's extraction work, without a profiler.

For each page set (``bench/_extract_pages.py``) the pages are read into memory first, then
timed with ``time.process_time`` (the machine is shared: wall time says little):

- ``templates``: the template pass, ``templates.site_hashes`` of every page;
- ``extract``: ``pipeline.extract_one`` with the learnt model, then ``to_document`` of each
  article (what a build's workers do per page, apart from the index analysis).

Each figure is the sum over the pages of each page's best of ``--reps`` runs, in
milliseconds per page.

Usage::

    PYTHONPATH=$PWD python bench/extract_cpu.py [--reps 3] [SET ...]
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

# appended, not inserted: the indexer measured is the one on PYTHONPATH (main or a branch)
sys.path.append(str(Path(__file__).resolve().parents[1]))

from bench._extract_pages import available, load_pages  # noqa: E402
from indexer.extract.pipeline import extract_one  # noqa: E402
from indexer.extract.templates import model_from_hashes, site_hashes  # noqa: E402
from indexer.index.documents import to_document  # noqa: E402
from indexer.models import Article, RawPage  # noqa: E402


def per_page_cpu(pages: list[RawPage], work: Callable[[RawPage], object], reps: int) -> float:
    """CPU seconds of ``work`` over ``pages``: for each page the least of ``reps`` runs.

    The least time per page, not per run: on a machine shared with other jobs, a
    run's total soaks up every interruption, while each page's best run holds few.
    """
    best = [float("inf")] * len(pages)
    clock = time.process_time
    for _ in range(reps):
        gc.collect()
        for i, page in enumerate(pages):
            start = clock()
            work(page)
            best[i] = min(best[i], clock() - start)
    return sum(best)


def measure(pages: list[RawPage], reps: int) -> tuple[float, float]:
    """(template pass, extraction + to_document) CPU seconds for ``pages``."""
    model = model_from_hashes(site_hashes(p) for p in pages)

    def extract_page(page: RawPage) -> None:
        item = extract_one(page, model)
        if isinstance(item, Article):
            to_document(item)

    for page in pages:  # warm-up: language profiles, caches
        extract_page(page)
    return per_page_cpu(pages, site_hashes, reps), per_page_cpu(pages, extract_page, reps)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("sets", nargs="*", default=["c3k", "realnews-dev"])
    args = parser.parse_args()
    import indexer

    print(f"indexer from {Path(indexer.__file__).parent}")
    print("| pages | n | templates ms/page | extract+to_document ms/page | total ms/page |")
    print("|---|---|---|---|---|")
    for name in available(args.sets):
        pages = load_pages(name)
        templates, extraction = measure(pages, args.reps)
        n = len(pages)
        print(f"| {name} | {n} | {1000 * templates / n:.2f} | {1000 * extraction / n:.2f} "
              f"| {1000 * (templates + extraction) / n:.2f} |", flush=True)


if __name__ == "__main__":
    main()
