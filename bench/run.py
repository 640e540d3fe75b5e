"""Performance benchmark: the product vs the Whoosh floor vs tantivy on one generated crawl.

Usage::

    .venv/bin/python bench/run.py --pages 10000            # full run, 3 repetitions
    .venv/bin/python bench/run.py --quick                  # smoke run (300 pages, 1 rep)

Parts: (a) full build pages/s and peak RSS with 1 and 2 workers; (b) raw
Whoosh write of the extracted documents with our schema (engine floor), and the
plain-Whoosh floor: the same title and text into one StandardAnalyzer field,
one process, which a build should reach half of; (c) tantivy on the
same documents; (d) query latency p50/p95/p99 per query class, ours vs
tantivy; (e) a 1 % incremental update vs the full rebuild; (f) ``/api/search``
through ``qazsearch serve`` (gunicorn) on 127.0.0.1 with 1 and 8 clients. Times are medians of
``--reps`` runs; results go to ``WORKDIR/results-N.json`` and a Markdown
report to stdout (or ``--markdown FILE``).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import _report, _serve  # noqa: E402
from bench._measure import median, percentile, run_job  # noqa: E402
from bench.queries import CLASSES, make_queries  # noqa: E402

LOGGER = logging.getLogger("bench")
REPO = Path(__file__).resolve().parents[1]


def ensure_crawl(workdir: Path, pages: int, seed: int, revision: int) -> Path:
    """Generate the crawl once per (pages, seed, revision); reuse it afterwards."""
    out = workdir / f"crawl-{pages}-s{seed}-r{revision}"
    marker = out / ".complete"
    if not marker.exists():
        LOGGER.info("generating %s", out)
        subprocess.run([sys.executable, str(REPO / "bench" / "gen_corpus.py"), "--pages",
                        str(pages), "--seed", str(seed), "--revision", str(revision),
                        "--out", str(out)], check=True)
        marker.write_text("ok\n")
    return out


def _reps(label: str, reps: int, args: list[str]) -> list[dict[str, Any]]:
    runs = []
    for rep in range(reps):
        result = run_job([arg.replace("{rep}", str(rep)) for arg in args])
        LOGGER.info("%s rep %d: %.1f s (CPU %.1f s, load %.1f), %d docs, peak RSS %.0f MB",
                    label, rep, result["seconds"], result["cpu"], result["load"],
                    result["documents"], result["peak_rss"] / 2**20)
        runs.append(result)
    return runs


def summary(runs: list[dict[str, Any]], pages: int) -> dict[str, Any]:
    """Median seconds, pages/s, docs/s and peak RSS of repeated runs."""
    secs = median([r["seconds"] for r in runs])
    docs = runs[0]["documents"]
    cpu = median([r["cpu"] for r in runs])
    return {"seconds": secs, "runs": [round(r["seconds"], 2) for r in runs], "cpu": cpu,
            "cpu_self": median([r["cpu_self"] for r in runs]), "cpu_docs_per_s": docs / cpu,
            "load": median([r["load"] for r in runs]),
            "pages_per_s": pages / secs, "docs_per_s": docs / secs, "documents": docs,
            "peak_rss_mb": median([r["peak_rss"] for r in runs]) / 2**20,
            "peak_pss_mb": median([r.get("peak_pss", r["peak_rss"]) for r in runs]) / 2**20,
            "totals": runs[-1].get("totals")}


def query_latency(root: Path, tantivy_dir: Path, reps: int, scale: float) -> dict[str, Any]:
    """(d): per-class p50/p95/p99 in ms, ours (indexer.search.searching) vs tantivy."""
    from bench import _tantivy
    from bench._jobs import stored_documents
    from indexer.search.live import LiveIndex
    from indexer.search.searching import search

    classes = {k: max(2, int(v * scale)) for k, v in CLASSES.items()}
    queries = make_queries(stored_documents(root), classes=classes)
    live = LiveIndex(root)
    started = time.perf_counter()
    with live.searcher():
        open_ms = (time.perf_counter() - started) * 1000
    t_index = _tantivy.open_index(tantivy_dir, create=False)
    t_search = _tantivy.TantivySearch(t_index)
    ours: dict[int, list[float]] = {i: [] for i in range(len(queries))}
    theirs: dict[int, list[float]] = {i: [] for i in range(len(queries))}
    ours_cpu: dict[int, list[float]] = {i: [] for i in range(len(queries))}
    theirs_cpu: dict[int, list[float]] = {i: [] for i in range(len(queries))}
    counts: dict[int, tuple[int, int]] = {}
    with live.searcher() as searcher:
        for rep in range(reps + 1):  # the first pass warms caches and is not counted
            for i, bq in enumerate(queries):
                t0, c0 = time.perf_counter(), time.process_time()
                page = search(searcher, bq.request())
                t1, c1 = time.perf_counter(), time.process_time()
                count = t_search.run(bq)
                t2, c2 = time.perf_counter(), time.process_time()
                if rep:
                    ours[i].append(t1 - t0)
                    theirs[i].append(t2 - t1)
                    ours_cpu[i].append(c1 - c0)
                    theirs_cpu[i].append(c2 - c1)
                counts[i] = (page.total, count)
    out: dict[str, Any] = {"queries": len(queries), "searcher_open_ms": open_ms, "classes": {},
                           "load": os.getloadavg()[0]}
    for cls in [*classes, "all"]:
        idx = [i for i, q in enumerate(queries) if cls in ("all", q.cls)]
        mine = [median(ours[i]) * 1000 for i in idx]
        ref = [median(theirs[i]) * 1000 for i in idx]
        out["classes"][cls] = {
            "n": len(idx), "ours": {p: percentile(mine, p) for p in (50, 95, 99)},
            "tantivy": {p: percentile(ref, p) for p in (50, 95, 99)},
            "ours_cpu": _pcts([median(ours_cpu[i]) * 1000 for i in idx]),
            "tantivy_cpu": _pcts([median(theirs_cpu[i]) * 1000 for i in idx]),
            "mean_hits_ours": sum(counts[i][0] for i in idx) / max(1, len(idx)),
            "mean_hits_tantivy": sum(counts[i][1] for i in idx) / max(1, len(idx))}
    slow = sorted(range(len(queries)), key=lambda i: -median(ours[i]))[:5]
    out["slowest"] = [(queries[i].cls, queries[i].text, round(median(ours[i]) * 1000, 1))
                      for i in slow]
    return out, queries


def _pcts(values: list[float]) -> dict[int, float]:
    return {p: percentile(values, p) for p in (50, 95, 99)}


#: Part (f)'s row for the first pass over the queries on a fresh server.
FIRST_PASS = "8 clients, first pass on a fresh server"
#: Part (f): wall seconds of each pass before the timed runs, the first pass included.
WARM_PASSES = "warm_passes_s"
#: Warm-up passes after the first stop once one takes more than this share of the time
#: of the pass before (it got less than 10 % faster), or after ``MAX_WARM_PASSES``.
WARM_GAIN = 0.9
MAX_WARM_PASSES = 8


def _latencies(lat: list[float], errors: list[str], wall: float, requests: int) -> dict[str, Any]:
    ms = [x * 1000 for x in lat]
    return {"p50": percentile(ms, 50), "p95": percentile(ms, 95), "p99": percentile(ms, 99),
            "req_per_s": len(lat) / wall, "requests": requests, "errors": len(errors),
            "load": os.getloadavg()[0]}


def api_latency(root: Path, queries: list, reps: int, per_client: int,
                workers: int | None = None) -> dict[str, Any]:
    """(f): /api/search through ``qazsearch serve`` with 1 and 8 clients."""
    out: dict[str, Any] = {"workers": workers or "default"}
    with _serve.server(root, workers=workers) as port:
        # A fresh server: each query once, 8 clients, every cache cold (posting lists are
        # decoded and kept per worker process). Then unrecorded passes until a pass is
        # no longer faster than the one before: each worker process has its own caches
        # and a query reaches one of them at random, so the timed runs start from the
        # steady state of a server that has been up for a while, not from half-cold
        # workers.
        per_pass = -(-len(queries) // 8)
        lat, errs, wall = _serve.load(port, queries, 8, per_pass)
        out[FIRST_PASS] = _latencies(lat, errs, wall, len(queries))
        out[WARM_PASSES] = [wall]
        while len(out[WARM_PASSES]) <= MAX_WARM_PASSES:
            wall = _serve.load(port, queries, 8, per_pass)[2]
            out[WARM_PASSES].append(wall)
            if wall > WARM_GAIN * out[WARM_PASSES][-2]:
                break
        for clients in (1, 8):
            p50s, p95s, p99s, rates, errors, loads, cpus = [], [], [], [], [], [], []
            for _ in range(reps):
                cpu = _serve.cpu_seconds(port)
                lat, errs, wall = _serve.load(port, queries, clients, per_client)
                cpus.append((_serve.cpu_seconds(port) - cpu) / max(1, len(lat)) * 1000)
                ms = [x * 1000 for x in lat]
                p50s.append(percentile(ms, 50))
                p95s.append(percentile(ms, 95))
                p99s.append(percentile(ms, 99))
                rates.append(len(lat) / wall)
                loads.append(os.getloadavg()[0])
                errors.extend(errs)
            out[str(clients)] = {"p50": median(p50s), "p95": median(p95s), "p99": median(p99s),
                                 "req_per_s": median(rates), "requests": clients * per_client,
                                 "errors": len(errors), "load": median(loads),
                                 "server_cpu_ms": median(cpus)}
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--query-reps", type=int, default=None,
                        help="repetitions of the query and API parts (default: --reps)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/qazsearch-bench"))
    parser.add_argument("--quick", action="store_true", help="300 pages, 1 rep, fewer queries")
    parser.add_argument("--markdown", type=Path, default=None)
    parser.add_argument("--skip", default="",
                        help="comma-separated parts to skip, e.g. a,b,c,e (skipped parts keep "
                        "the figures of an earlier run in WORKDIR; d and f need part a's index)")
    parser.add_argument("--workers", type=int, default=None,
                        help="server processes for (f) (default: qazsearch serve's default)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if args.quick:
        args.pages, args.reps = 300, 1
    scale = 0.1 if args.quick else 1.0
    skip = set(args.skip.split(","))
    query_reps = args.query_reps or args.reps
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    base = ensure_crawl(work, args.pages, args.seed, 0)
    edited = ensure_crawl(work, args.pages, args.seed, 1)
    res: dict[str, Any] = {"pages": args.pages, "reps": args.reps, "seed": args.seed,
                           "machine": _report.machine(), "python": platform.python_version()}
    top = max(args.jobs)
    out_json = work / f"results-{args.pages}.json"
    if out_json.exists():  # parts skipped in this run keep their earlier figures
        res = {**json.loads(out_json.read_text()), **res}

    def save() -> None:
        out_json.write_text(json.dumps(res, indent=2, default=str))

    if "a" not in skip:
        res["build"] = {}
        for jobs in args.jobs:
            runs = _reps(f"(a) build jobs={jobs}", args.reps,
                         ["build", str(base), str(work / f"ix-j{jobs}-r{{rep}}"), str(jobs)])
            res["build"][str(jobs)] = summary(runs, args.pages)
            save()
    src_root = work / f"ix-j{top}-r0"
    if "b" not in skip:
        res["whoosh_floor"] = summary(_reps("(b) raw whoosh", args.reps, [
            "whoosh", str(src_root), str(work / "raw-whoosh")]), args.pages)
        res["plain_floor"] = summary(_reps("(b) plain whoosh", args.reps, [
            "plain", str(src_root), str(work / "plain-whoosh")]), args.pages)
        save()
    if "c" not in skip:
        res["tantivy"] = {}
        for threads in (1, 2):
            res["tantivy"][str(threads)] = summary(_reps(
                f"(c) tantivy threads={threads}", args.reps,
                ["tantivy", str(src_root), str(work / f"tantivy-t{threads}"), str(threads)]),
                args.pages)
        save()
    if "e" not in skip:
        res["update"] = summary(_reps("(e) 1% update", args.reps, [
            "update", str(edited), str(work / f"ix-j{top}-r{{rep}}"), str(top)]), args.pages)
        res["update"]["jobs"] = top
        save()
    queries = None
    if "d" not in skip:
        res["query"], queries = query_latency(src_root, work / "tantivy-t1", query_reps, scale)
        save()
        # The same queries with no decoded postings kept: every query reads its
        # posting lists from the index files (the OS page cache stays warm).
        from indexer.search.fast import postings
        budgets = [(cache, cache.budget)
                   for cache in (postings.CACHE, postings.POSITIONS, postings.BLOCKS)]
        for cache, _budget in budgets:
            cache.budget = 0
            cache.clear()
        res["query_cold"], _ = query_latency(src_root, work / "tantivy-t1", query_reps, scale)
        for cache, budget in budgets:
            cache.budget = budget
        save()
    if "f" not in skip:
        if queries is None:
            from bench._jobs import stored_documents
            classes = {k: max(2, int(v * scale)) for k, v in CLASSES.items()}
            queries = make_queries(stored_documents(src_root), classes=classes)
        res["api"] = api_latency(src_root, queries, query_reps, 20 if args.quick else 60,
                                 args.workers)
    res["sizes_mb"] = {"whoosh": _report.du(src_root) / 2**20,
                       "tantivy": _report.du(work / "tantivy-t1") / 2**20,
                       "crawl": _report.du(base) / 2**20}
    save()
    text = _report.markdown(res)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
