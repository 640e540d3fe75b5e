"""The page sets the extraction speed and identity scripts run over (``bench/extract_cpu.py``,
``bench/extract_identity.py``): a generated crawl, the real-news sets, WCXB and the demo
corpus, each as a list of :class:`~indexer.models.RawPage` held in memory."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from indexer.extract.sources import iter_pages
from indexer.models import RawPage

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path("/work/shared/data")
#: name -> where its pages are; sets whose path is missing are left out.
PAGE_SETS = {
    "c3k": Path("/tmp/c3k"),
    "realnews-dev": SHARED / "realnews-dev" / "crawl.jsonl",
    "extra-data": Path("/work/extra-data/crawl.jsonl"),
    "extra-data-2": Path("/work/extra-data-2/crawl.jsonl"),
    "wcxb": SHARED / "wcxb-sample",
    "corpus": ROOT / "corpus",
}


def load_pages(name: str) -> list[RawPage]:
    """The pages of one set (the crawl's failure records are dropped)."""
    path = PAGE_SETS[name]
    if name == "wcxb":
        return _wcxb(path)
    return [p for p in iter_pages([path]) if isinstance(p, RawPage)]


def _wcxb(folder: Path) -> list[RawPage]:
    truth = json.loads((folder / "ground-truth.json").read_text("utf-8"))
    pages = []
    for key in sorted(truth):
        path = folder / "html" / f"{key}.html.gz"
        if path.exists():
            pages.append(RawPage(url=truth[key].get("url", ""),
                                 body=gzip.decompress(path.read_bytes()), origin=key))
    return pages


def available(names: list[str] | None = None) -> list[str]:
    """The sets (of ``names``, default all) whose data are present."""
    return [n for n in (names or list(PAGE_SETS)) if PAGE_SETS[n].exists()]
