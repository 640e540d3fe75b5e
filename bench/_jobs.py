"""Benchmark jobs, each run in a fresh process so its peak RSS can be measured.

``python -m bench._jobs KIND ARGS...`` prints one JSON object: the timed
``seconds`` plus job-specific counts. Kinds:

* ``build SOURCE ROOT JOBS`` - the product's full build (``build_index``);
* ``update SOURCE ROOT JOBS`` - the product's incremental update;
* ``whoosh FROM_ROOT OUT_DIR`` - raw Whoosh write of the already-extracted
  documents of FROM_ROOT's live generation (same schema, same writer
  settings, ``add_document``): the engine floor;
* ``plain FROM_ROOT OUT_DIR`` - the same articles' title and text into a plain
  Whoosh index (one ``TEXT`` field, ``StandardAnalyzer``, one process, stock
  writer): the plain-Whoosh floor a build is compared with;
* ``tantivy FROM_ROOT OUT_DIR THREADS`` - the same documents into tantivy.

Loading the documents for the last two is not timed.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import shutil
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import TEXT, Schema

from indexer.index.build import build_index, update_index
from indexer.index.documents import to_document
from indexer.index.generations import current_dir
from indexer.index.schema import build_schema
from indexer.models import Article

#: Same writer memory as indexer.index.build._write.
LIMIT_MB = 256


def cpu_seconds() -> float:
    """User + system CPU time of this process and its waited-for children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _self_cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def _clock() -> tuple[float, float, float]:
    return time.perf_counter(), cpu_seconds(), _self_cpu()


def _since(start: tuple[float, float, float], documents: int) -> dict[str, Any]:
    """Wall seconds, CPU seconds (all processes; only this one) and the load average."""
    return {"seconds": time.perf_counter() - start[0], "cpu": cpu_seconds() - start[1],
            "cpu_self": _self_cpu() - start[2], "documents": documents,
            "load": os.getloadavg()[0]}


def stored_documents(root: Path) -> list[dict[str, Any]]:
    """Stored fields of every document of ``root``'s live generation, in docnum order."""
    ix = whoosh_index.open_dir(str(current_dir(root)))
    with ix.searcher() as searcher:
        return [dict(fields) for fields in searcher.all_stored_fields()]


def articles_from_index(root: Path) -> list[Article]:
    """Rebuild the extracted articles from the stored fields (no re-extraction)."""
    out = []
    for f in stored_documents(root):
        when = f.get("date")
        out.append(Article(
            url=f["url"], title=f.get("title", ""), text=f.get("text", ""),
            date=when.date() if isinstance(when, datetime) else None, lang=f.get("lang", ""),
            university=f.get("university", ""), site=f.get("site", ""),
            alternates=json.loads(f.get("alternates") or "{}"),
            fingerprint=f.get("fingerprint", "")))
    return out


def whoosh_floor(from_root: Path, out: Path) -> dict[str, Any]:
    """Raw Whoosh write of the extracted documents: the engine floor."""
    docs = [to_document(a) for a in articles_from_index(from_root)]
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    started = _clock()
    ix = whoosh_index.create_in(str(out), build_schema())
    with ix.writer(limitmb=LIMIT_MB) as writer:
        for doc in docs:
            writer.add_document(**doc)
    return _since(started, len(docs))


def plain_floor(from_root: Path, out: Path) -> dict[str, Any]:
    """The extracted text into one StandardAnalyzer field: the plain-Whoosh floor."""
    texts = [f"{a.title}\n{a.text}" for a in articles_from_index(from_root)]
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    started = _clock()
    ix = whoosh_index.create_in(str(out), Schema(text=TEXT(analyzer=StandardAnalyzer())))
    with ix.writer(limitmb=LIMIT_MB) as writer:
        for text in texts:
            writer.add_document(text=text)
    return _since(started, len(texts))


def tantivy_write(from_root: Path, out: Path, threads: int) -> dict[str, Any]:
    """The same documents into tantivy."""
    from bench import _tantivy

    docs = [to_document(a) for a in articles_from_index(from_root)]
    shutil.rmtree(out, ignore_errors=True)
    started = _clock()
    index = _tantivy.open_index(out, create=True)
    count = _tantivy.write(index, docs, threads=threads)
    return _since(started, count)


def product_run(kind: str, source: Path, root: Path, jobs: int) -> dict[str, Any]:
    """A full build (into a wiped root) or an update of ``root``, timed."""
    if kind == "build":
        shutil.rmtree(root, ignore_errors=True)
    started = _clock()
    run = build_index if kind == "build" else update_index
    report = run([source], root, jobs=jobs)
    return {**_since(started, report.documents), "totals": report.totals(),
            "generation": report.generation}


def main(argv: list[str]) -> int:
    """Dispatch one job and print its JSON result."""
    logging.basicConfig(level=logging.WARNING)
    kind = argv[0]
    if kind in ("build", "update"):
        result = product_run(kind, Path(argv[1]), Path(argv[2]), int(argv[3]))
    elif kind == "whoosh":
        result = whoosh_floor(Path(argv[1]), Path(argv[2]))
    elif kind == "plain":
        result = plain_floor(Path(argv[1]), Path(argv[2]))
    elif kind == "tantivy":
        result = tantivy_write(Path(argv[1]), Path(argv[2]), int(argv[3]))
    else:
        raise SystemExit(f"unknown job {kind!r}")
    sys.stdout.write(json.dumps(result, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
