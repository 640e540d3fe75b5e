"""Measure a proposed faster update (not the product's code path): raw-hash skip + saved templates.

The product's update re-learns the templates from every page and re-extracts
every page to compare article fingerprints, so a 1 % update costs most of a
rebuild. The proposal: the build saves (a) the template model and (b) a map
page URL -> SHA-1 of the raw bytes in the generation; an update hashes each
page, extracts only pages whose bytes changed (or are new) with the saved
templates, and compares *their* fingerprints as today.

``python -m bench._update_sketch OLD_CRAWL NEW_CRAWL LIVE_ROOT`` prints the
timed phases of that update on a hard-linked clone of LIVE_ROOT's live
generation (the clone is deleted afterwards); the setup (what the build
would have saved) is not timed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.query import Every

from indexer import generations
from indexer.documents import to_document
from indexer.models import Article, RawPage
from indexer.pipeline import extract_one
from indexer.sources import iter_pages
from indexer.templates import learn_templates


def _hashes(crawl: Path) -> dict[str, str]:
    return {p.url: hashlib.sha1(p.body).hexdigest() for p in iter_pages([crawl])
            if isinstance(p, RawPage)}


def main(argv: list[str]) -> int:
    """Run the sketch and print a JSON object of phase times in seconds."""
    old_crawl, new_crawl, root = Path(argv[0]), Path(argv[1]), Path(argv[2])
    saved_hashes = _hashes(old_crawl)  # the build would store these
    templates = learn_templates(p for p in iter_pages([old_crawl]) if isinstance(p, RawPage))
    work = Path(tempfile.mkdtemp(prefix="qz-sketch-"))
    phases: dict[str, float] = {}
    try:
        c0 = time.process_time()
        t0 = time.perf_counter()
        gen = work / "gen"
        gen.mkdir()
        generations.clone_generation(generations.current_dir(root), gen)
        ix = whoosh_index.open_dir(str(gen))
        with ix.searcher() as searcher:
            known = {f["url"]: f.get("fingerprint", "") for f in searcher.all_stored_fields()}
        t1 = time.perf_counter()
        changed_pages = [p for p in iter_pages([new_crawl]) if isinstance(p, RawPage)
                         and saved_hashes.get(p.url) != hashlib.sha1(p.body).hexdigest()]
        t2 = time.perf_counter()
        written = 0
        with ix.writer(limitmb=256) as writer:
            for page in changed_pages:
                item = extract_one(page, templates)
                if isinstance(item, Article) and item.is_article \
                        and known.get(item.url) != item.fingerprint:
                    writer.update_document(**to_document(item))
                    written += 1
        t3 = time.perf_counter()
        with ix.searcher() as searcher:
            assert searcher.search(Every(), limit=1).scored_length() > 0
            documents = searcher.doc_count()
        t4 = time.perf_counter()
        phases = {"clone_and_known": t1 - t0, "hash_pages": t2 - t1,
                  "extract_and_write": t3 - t2, "validate": t4 - t3, "total": t4 - t0,
                  "cpu": time.process_time() - c0,
                  "changed_pages": len(changed_pages), "written": written,
                  "documents": documents}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sys.stdout.write(json.dumps(phases) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
