"""CPU time per page of a build's extraction work, without a profiler.

For each page set (``bench/_extract_pages.py``) the pages are read into memory first, then
timed with ``time.process_time`` (the machine is shared: wall time says little):

- ``templates``: the template pass, ``templates.site_hashes`` of every page;
- ``extract``: ``pipeline.extract_one`` with the learnt model, then ``to_document`` of each
  article (what a build's workers do per page, apart from the index analysis).

Each figure is the best of ``--reps`` runs, in milliseconds per page.

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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._extract_pages import available, load_pages  # noqa: E402
from indexer.extract.pipeline import extract_one  # noqa: E402
from indexer.extract.templates import model_from_hashes, site_hashes  # noqa: E402
from indexer.index.documents import to_document  # noqa: E402
from indexer.models import Article, RawPage  # noqa: E402


def best_cpu(work: Callable[[], object], reps: int) -> float:
    """The least CPU seconds of ``reps`` runs of ``work``."""
    times = []
    for _ in range(reps):
        gc.collect()
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def measure(pages: list[RawPage], reps: int) -> tuple[float, float]:
    """(template pass, extraction + to_document) CPU seconds for ``pages``."""
    model = model_from_hashes(site_hashes(p) for p in pages)

    def extract_all() -> None:
        for page in pages:
            item = extract_one(page, model)
            if isinstance(item, Article):
                to_document(item)

    extract_all()  # warm-up: language profiles, caches
    templates = best_cpu(lambda: [site_hashes(p) for p in pages], reps)
    return templates, best_cpu(extract_all, reps)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("sets", nargs="*", default=["c3k", "realnews-dev"])
    args = parser.parse_args()
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
