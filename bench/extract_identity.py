"""Dump everything extraction produces for a set of pages, and compare two dumps.

Run ``dump`` with one source tree on ``PYTHONPATH`` (e.g. main) and again with another (a
branch), then ``compare``: every page's template hashes (``templates.site_hashes``), the
template model, ``extract_one``'s Article or failure, ``to_document``'s fields and
``extract_text`` must be equal, or the differences are listed.

Usage::

    PYTHONPATH=/work/main python bench/extract_identity.py dump /tmp/main.pickle [SET ...]
    PYTHONPATH=$PWD python bench/extract_identity.py dump /tmp/branch.pickle [SET ...]
    python bench/extract_identity.py compare /tmp/main.pickle /tmp/branch.pickle
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path
from typing import Any

# appended, not inserted: the indexer measured is the one on PYTHONPATH (main or a branch)
sys.path.append(str(Path(__file__).resolve().parents[1]))

from bench._extract_pages import available, load_pages  # noqa: E402


def dump_set(name: str) -> dict[str, Any]:
    """Everything extraction makes of one page set (the code imported from ``PYTHONPATH``)."""
    from indexer.errors import ExtractionError
    from indexer.extract.article import extract_text
    from indexer.extract.pipeline import extract_one
    from indexer.extract.templates import model_from_hashes, site_hashes
    from indexer.index.documents import to_document
    from indexer.models import Article

    pages = load_pages(name)
    hashes = [site_hashes(p) for p in pages]
    model = model_from_hashes(hashes)
    rows = []
    for page in pages:
        item = extract_one(page, model)
        doc = to_document(item) if isinstance(item, Article) else None
        try:
            text: str | None = extract_text(page)
        except ExtractionError as exc:
            text = f"error: {exc}"
        rows.append((page.origin or page.url, item, doc, text))
    return {"hashes": hashes, "model": model, "rows": rows}


def compare(a: dict[str, Any], b: dict[str, Any]) -> int:
    """Print the differences of two dumps; the number of differing items."""
    bad = 0
    for name in sorted(a.keys() | b.keys()):
        if name not in a or name not in b:
            print(f"{name}: only in one dump")
            bad += 1
            continue
        x, y = a[name], b[name]
        diffs = sum(h != g for h, g in zip(x["hashes"], y["hashes"], strict=True))
        diffs += x["model"] != y["model"]
        for row, other in zip(x["rows"], y["rows"], strict=True):
            if row != other:
                diffs += 1
                if diffs <= 5:
                    print(f"{name}: {row[0]} differs:\n  {row[1:]!r:.600}\n  {other[1:]!r:.600}")
        pages = len(x["rows"])
        articles = sum(r[2] is not None for r in x["rows"])
        print(f"{name}: {pages} pages, {articles} documents, {diffs} differences")
        bad += diffs
    return bad


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    dump = sub.add_parser("dump")
    dump.add_argument("out", type=Path)
    dump.add_argument("sets", nargs="*")
    cmp = sub.add_parser("compare")
    cmp.add_argument("a", type=Path)
    cmp.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        import indexer

        print(f"indexer from {Path(indexer.__file__).parent}")
        result = {name: dump_set(name) for name in available(args.sets)}
        args.out.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        print(f"{args.out}: {', '.join(result)}")
        return 0
    bad = compare(pickle.loads(args.a.read_bytes()), pickle.loads(args.b.read_bytes()))
    print("identical" if not bad else f"{bad} differences")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
