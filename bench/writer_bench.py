"""CPU cost of the writer's stages on an existing index's documents (issue 20).

The build's writer process takes analysed documents from the workers, unpickles
them, adds them and commits. This replays those stages in one process on the
documents stored in an index (no extraction), so each can be timed in CPU
seconds on a shared machine:

* ``analyse`` - ``analyse_document`` (what a worker does per article);
* ``pickle`` / ``unpickle`` - the transport of the analysed documents;
* ``add`` / ``commit`` - ``FastWriter.add_document`` and ``commit`` (jobs > 1);
* ``raw_add`` - ``add_document`` of unanalysed documents (jobs 1), with ``--raw``.

Usage:
    .venv/bin/python -m bench.writer_bench FROM_ROOT OUT_DIR [--raw] [--profile FILE]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pickle
import shutil
import time
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from bench._jobs import articles_from_index
from indexer.index.documents import to_document
from indexer.index.fast import FastWriter, analyse_document
from indexer.index.schema import build_schema

LIMIT_MB = 256


def _timed(stages: dict[str, float], name: str, started: float) -> float:
    now = time.process_time()
    stages[name] = round(now - started, 3)
    return now


def run(from_root: Path, out: Path, raw: bool, profile: Path | None) -> dict[str, Any]:
    """Time each stage; return CPU seconds per stage and the document count."""
    docs = [to_document(a) for a in articles_from_index(from_root)]
    schema = build_schema()
    stages: dict[str, float] = {}
    prof = cProfile.Profile() if profile else None
    started = time.process_time()
    if not raw:
        docs = [analyse_document(schema, doc) for doc in docs]
        started = _timed(stages, "analyse", started)
        blobs = [pickle.dumps(doc, pickle.HIGHEST_PROTOCOL) for doc in docs]
        stages["pickled_mb"] = round(sum(map(len, blobs)) / 2**20, 1)
        started = _timed(stages, "pickle", started)
        docs = [pickle.loads(blob) for blob in blobs]
        started = _timed(stages, "unpickle", started)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    ix = whoosh_index.create_in(str(out), schema)
    started = time.process_time()
    if prof:
        prof.enable()
    writer = FastWriter(ix, limitmb=LIMIT_MB)
    for doc in docs:
        writer.add_document(**doc)
    started = _timed(stages, "raw_add" if raw else "add", started)
    writer.commit(merge=False)
    started = _timed(stages, "commit", started)
    if prof and profile:
        prof.disable()
        prof.dump_stats(str(profile))
    stages["documents"] = len(docs)
    return stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("from_root", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--raw", action="store_true", help="time add_document of unanalysed text")
    parser.add_argument("--profile", type=Path, help="cProfile the add and commit stages")
    args = parser.parse_args()
    print(json.dumps(run(args.from_root, args.out, args.raw, args.profile)))


if __name__ == "__main__":
    main()
