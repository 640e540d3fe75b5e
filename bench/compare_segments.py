"""Compare two Whoosh indexes file by file: the same bytes, whatever the segment names.

Segment names are random and a compound ``.seg`` file records each part's
modification time, so the ``.seg`` files of two equal builds differ. This opens
each segment's compound file, names every part by its extension (``.trm``,
``.pst``, ``.fold.col``...) and compares the parts' bytes, segment by segment
in TOC order. The TOC is compared with the segment ids of the first index
replaced by the second's.

Usage:
    .venv/bin/python -m bench.compare_segments INDEX_A INDEX_B
(an index root with generations, or a Whoosh index directory). Exit status 1
when anything differs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage


def _index_dir(path: Path) -> Path:
    if (path / "generations").is_dir():
        from indexer.index.generations import current_dir

        return Path(current_dir(path))
    return path


def segment_parts(storage: Any, segment: Any) -> dict[str, bytes]:
    """Each file of ``segment`` by its name without the segment prefix."""
    prefix = f"{segment.indexname}_{segment.segid}"
    if segment.is_compound():
        cstore = segment.open_compound_file(storage)
        names = list(cstore.list())
        parts = {}
        for name in names:
            with cstore.open_file(name) as fh:
                parts[name[len(prefix):]] = fh.read()
        cstore.close()
        return parts
    return {name[len(prefix):]: storage.open_file(name).read()
            for name in storage.list() if name.startswith(prefix)}


def compare(a: Path, b: Path) -> list[str]:
    """Differences between the indexes at ``a`` and ``b`` (empty when byte-identical)."""
    stores = [FileStorage(str(_index_dir(p))) for p in (a, b)]
    ixs = [whoosh_index.FileIndex(s) for s in stores]
    segs = [ix._segments() for ix in ixs]
    out = []
    if len(segs[0]) != len(segs[1]):
        return [f"segments: {len(segs[0])} != {len(segs[1])}"]
    checked = 0
    for n, (sa, sb) in enumerate(zip(*segs, strict=True)):
        pa, pb = segment_parts(stores[0], sa), segment_parts(stores[1], sb)
        if sorted(pa) != sorted(pb):
            out.append(f"segment {n}: files {sorted(set(pa) ^ set(pb))} in one only")
        for ext in sorted(set(pa) & set(pb)):
            checked += 1
            if pa[ext] != pb[ext]:
                pairs = enumerate(zip(pa[ext], pb[ext], strict=False))
                first = next((i for i, (x, y) in pairs if x != y), min(len(pa[ext]), len(pb[ext])))
                out.append(f"segment {n} {ext}: {len(pa[ext])} vs {len(pb[ext])} bytes, "
                           f"first difference at {first}")
    tocs = []
    for store, ix in zip(stores, ixs, strict=True):
        name = f"_{ix.indexname}_{ix.latest_generation()}.toc"
        tocs.append(store.open_file(name).read())
    toc_a = tocs[0]
    for sa, sb in zip(*segs, strict=True):
        toc_a = toc_a.replace(sa.segid.encode(), sb.segid.encode())
    if toc_a != tocs[1]:
        out.append("TOC differs (beyond segment ids)")
    print(f"{len(segs[0])} segments, {checked} files compared", file=sys.stderr)
    return out


def main(argv: list[str]) -> int:
    diffs = compare(Path(argv[0]), Path(argv[1]))
    print("\n".join(diffs) or "identical")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
