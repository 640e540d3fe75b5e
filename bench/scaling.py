"""Scaling benchmark: runner local vs Spark ``local[2]``, shards K = 1, 2, 4.

Usage::

    .venv/bin/python bench/scaling.py --pages 10000             # the full matrix
    .venv/bin/python bench/scaling.py --crawl DIR --runners local --shards 1,2
    .venv/bin/python bench/scaling.py --quick                   # 2,000-page smoke run
    .venv/bin/python bench/scaling.py --extract-only CRAWL PARQUET local[2] X.json
    .venv/bin/python bench/scaling.py --crawl CRAWL --reuse-extract X.json  # index it per K

For every (runner, K) the product's full build runs in a fresh process
(wall clock inside it; CPU of its whole process tree, JVM and Python workers
included, sampled with psutil). The Spark runner extracts once per crawl
(``spark_extract`` to Parquet, timed on its own) and each K then indexes that
Parquet (``build_index(items=read_extracted(...))``), so a Spark build's time
is *extract + index*. Then the fixed query set of ``bench/queries.py`` (drawn
from the first build's documents, sorted by URL) runs ``--query-reps`` times
through ``LiveIndex`` + ``indexer.search.searching.search``; the per-query median gives
p50/p95/p99. Totals, facet counts and the top 10 (URLs and scores) of every
query are compared with the first configuration's: a sharded build must give
exactly the same answers. Results go to ``WORKDIR/scaling-N.json`` and a
Markdown table to stdout (or ``--markdown FILE``).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import psutil

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._measure import median, percentile, tree_memory  # noqa: E402
from bench.queries import CLASSES, BenchQuery, make_queries  # noqa: E402

LOGGER = logging.getLogger("bench.scaling")
REPO = Path(__file__).resolve().parents[1]
SAMPLE_SECONDS = 0.25
#: Relative tolerance when comparing scores across shard counts.
SCORE_TOL = 1e-9


def ensure_crawl(workdir: Path, pages: int, seed: int) -> Path:
    """Generate the folder crawl once per (pages, seed); reuse it afterwards."""
    out = workdir / f"crawl-{pages}-s{seed}"
    marker = out / ".complete"
    if not marker.exists():
        LOGGER.info("generating %s", out)
        subprocess.run([sys.executable, str(REPO / "bench" / "gen_corpus.py"), "--pages",
                        str(pages), "--seed", str(seed), "--out", str(out)], check=True)
        marker.write_text("ok\n")
    return out


# --- jobs (run in a child process) -------------------------------------------------------


def _job(argv: list[str]) -> dict[str, Any]:
    """``extract CRAWL PARQUET MASTER`` or ``build CRAWL ROOT K JOBS [PARQUET]``."""
    kind, crawl = argv[0], Path(argv[1])
    load = os.getloadavg()[0]
    started = time.perf_counter()
    if kind == "extract":
        from indexer.extract.spark_runner import spark_extract

        spark_extract([crawl], Path(argv[2]), master=argv[3])
        out: dict[str, Any] = {}
    else:
        from indexer.index.build import build_index

        items = None
        if len(argv) > 5:
            from indexer.extract.spark_runner import read_extracted

            items = read_extracted(Path(argv[5]))
        report = build_index([crawl], Path(argv[2]), shards=int(argv[3]), jobs=int(argv[4]),
                             items=items)
        out = {"documents": report.documents}
    out.update(seconds=time.perf_counter() - started,
               load=(load + os.getloadavg()[0]) / 2)
    return out


def run_measured(args: list[str], timeout: float = 4 * 3600) -> dict[str, Any]:
    """Run ``scaling.py --job ARGS`` in a child; its JSON plus ``cpu`` and ``peak_rss``
    and ``peak_pss`` (bytes) of its process tree.

    CPU is the sum over every process of the tree (sampled; the last sample of
    each process counts), so Spark's JVM and Python workers are included. The
    memory peaks are of the tree's sum at one sample (PSS shares the pages
    forked workers share with their parent out among them).

    Raises:
        RuntimeError: The job failed.
    """
    cmd = [sys.executable, str(Path(__file__).resolve()), "--job", *args]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    cpu: dict[int, float] = {}
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        root = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            for p in tree:
                try:
                    t = p.cpu_times()
                    cpu[p.pid] = max(cpu.get(p.pid, 0.0), t.user + t.system)
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
            try:
                rss, pss = tree_memory(root)
            except psutil.NoSuchProcess:  # the job has just ended
                return
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        out, err = proc.communicate(timeout=timeout)
    finally:
        done.set()
        sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"job {args} failed ({proc.returncode}):\n{err[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    result.update(cpu=sum(cpu.values()), peak_rss=peak[0], peak_pss=peak[1])
    return result


# --- queries -----------------------------------------------------------------------------


def _stored_docs(root: Path) -> list[dict[str, Any]]:
    from indexer.index.generations import current_dir
    from indexer.index.shards import iter_stored, open_shards

    docs = [dict(f) for f in iter_stored(open_shards(current_dir(root)))]
    return sorted(docs, key=lambda d: d.get("url", ""))


def _answer(page: Any) -> dict[str, Any]:
    return {"total": page.total,
            "facets": {k: dict(v) for k, v in page.facets.items()},
            "top": [(h.url, h.score) for h in page.hits]}


def run_queries(root: Path, queries: list[BenchQuery], reps: int
                ) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """Latency percentiles (ms, per-query medians of ``reps`` runs) and each query's answer."""
    from indexer.search.live import LiveIndex
    from indexer.search.searching import search

    live = LiveIndex(root)
    times: list[list[float]] = [[] for _ in queries]
    answers: list[dict[str, Any]] = []
    try:
        for rep in range(reps):
            for i, q in enumerate(queries):
                request = q.request()
                start = time.perf_counter()
                with live.searcher() as searcher:
                    page = search(searcher, request)
                times[i].append((time.perf_counter() - start) * 1000)
                if rep == 0:
                    answers.append(_answer(page))
    finally:
        live.close()
    per_query = [median(t) for t in times]
    stats = {f"p{p}": percentile(per_query, p) for p in (50, 95, 99)}
    stats["mean"] = sum(per_query) / len(per_query)
    return stats, answers


def _same_scores(a: list[tuple[str, float]], b: list[tuple[str, float]]) -> bool:
    return [u for u, _ in a] == [u for u, _ in b] and all(
        math.isclose(x, y, rel_tol=SCORE_TOL, abs_tol=1e-12)
        for (_, x), (_, y) in zip(a, b, strict=True))


def compare(base: list[dict[str, Any]], other: list[dict[str, Any]]) -> dict[str, int]:
    """How many queries have the same total, the same facet counts and the same top 10."""
    same = {"queries": len(base), "totals": 0, "facets": 0, "top10": 0, "all": 0}
    for a, b in zip(base, other, strict=True):
        checks = {"totals": a["total"] == b["total"], "facets": a["facets"] == b["facets"],
                  "top10": _same_scores(a["top"], b["top"])}
        for key, ok in checks.items():
            same[key] += ok
        same["all"] += all(checks.values())
    return same


# --- the matrix --------------------------------------------------------------------------


def bench(crawl: Path, workdir: Path, *, runners: list[str], shards: list[int], reps: int,
          query_reps: int, jobs: int, master: str, query_scale: float = 1.0,
          extracted: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run every (runner, K); return the JSON-able results.

    ``extracted`` is an earlier Spark extraction of the same crawl (the JSON
    ``--reuse-extract`` reads): its Parquet is indexed and its measurement
    reported instead of extracting again.
    """
    pages = sum(1 for p in crawl.rglob("*") if p.is_file() and p.name != ".complete")
    res: dict[str, Any] = {"crawl": str(crawl), "pages": pages, "cores": os.cpu_count(),
                           "jobs": jobs, "master": master, "query_reps": query_reps,
                           "rows": []}
    queries: list[BenchQuery] | None = None
    baseline: list[dict[str, Any]] | None = None
    for runner in runners:
        extract: dict[str, Any] | None = None
        parquet = workdir / "extracted"
        if runner == "spark" and extracted is not None:
            extract, parquet = extracted, Path(extracted["parquet"])
        elif runner == "spark":
            shutil.rmtree(parquet, ignore_errors=True)
            extract = run_measured(["extract", str(crawl), str(parquet), master])
            LOGGER.info("spark extract: %.1f s (CPU %.1f s, load %.1f)", extract["seconds"],
                        extract["cpu"], extract["load"])
        for k in shards:
            root = workdir / f"ix-{runner}-k{k}"
            runs = []
            for rep in range(reps):
                shutil.rmtree(root, ignore_errors=True)
                args = ["build", str(crawl), str(root), str(k), str(jobs)]
                runs.append(run_measured(args + ([str(parquet)] if extract else [])))
                LOGGER.info("%s K=%d rep %d: %.1f s (CPU %.1f s, load %.1f), %d docs", runner,
                            k, rep, runs[-1]["seconds"], runs[-1]["cpu"], runs[-1]["load"],
                            runs[-1]["documents"])
            if queries is None:
                classes = {c: max(1, round(n * query_scale)) for c, n in CLASSES.items()}
                queries = make_queries(_stored_docs(root), classes=classes)
                res["query_count"] = len(queries)
            latency, answers = run_queries(root, queries, query_reps)
            baseline = baseline if baseline is not None else answers
            row = {"runner": runner, "shards": k, "documents": runs[-1]["documents"],
                   "index_seconds": median([r["seconds"] for r in runs]),
                   "index_cpu": median([r["cpu"] for r in runs]),
                   "load": median([r["load"] for r in runs]), "reps": reps,
                   "peak_rss": max(r["peak_rss"] for r in runs),
                   "peak_pss": max(r["peak_pss"] for r in runs),
                   "latency_ms": latency, "same_as_first": compare(baseline, answers)}
            if extract:
                row.update(extract_seconds=extract["seconds"], extract_cpu=extract["cpu"],
                           extract_peak_rss=extract["peak_rss"])
            row["seconds"] = row["index_seconds"] + row.get("extract_seconds", 0.0)
            row["cpu"] = row["index_cpu"] + row.get("extract_cpu", 0.0)
            LOGGER.info("%s K=%d: p50 %.1f ms p95 %.1f ms, same answers %s", runner, k,
                        latency["p50"], latency["p95"], row["same_as_first"])
            res["rows"].append(row)
            shutil.rmtree(root, ignore_errors=True)
        if extracted is None:
            shutil.rmtree(parquet, ignore_errors=True)
    return res


def markdown(res: dict[str, Any]) -> str:
    """The results as a Markdown table."""
    first = res["rows"][0]
    lines = [
        f"{res['pages']:,} pages ({res['crawl']}), {res['cores']} cores, local runner "
        f"`jobs={res['jobs']}`, Spark `{res['master']}`; {res.get('query_count', 0)} queries "
        f"× {res['query_reps']} (per-query median). Answers compared with "
        f"{first['runner']} K={first['shards']}.",
        "",
        "| runner | K | build wall s | of which extract / index s | CPU s | pages/s | docs "
        "| peak RSS / PSS GiB | query p50 ms | p95 ms | p99 ms "
        "| same totals / facets / top-10 | load |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in res["rows"]:
        split = (f"{r['extract_seconds']:.1f} / {r['index_seconds']:.1f}"
                 if "extract_seconds" in r else "pipelined")
        same = r["same_as_first"]
        lat = r["latency_ms"]
        lines.append(
            f"| {r['runner']} | {r['shards']} | {r['seconds']:.1f} | {split} | {r['cpu']:.1f} "
            f"| {res['pages'] / r['seconds']:.0f} | {r['documents']:,} "
            f"| {_gib(max(r['peak_rss'], r.get('extract_peak_rss', 0)))} / "
            f"{_gib(r['peak_pss'])} | {lat['p50']:.1f} "
            f"| {lat['p95']:.1f} | {lat['p99']:.1f} | {same['totals']}/{same['facets']}/"
            f"{same['top10']} of {same['queries']} | {r['load']:.1f} |")
    return "\n".join(lines) + "\n"


def _gib(size: int) -> str:
    return f"{size / 2**30:.2f}"


def _ints(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x]


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--job"]:
        print(json.dumps(_job(argv[1:])))
        return 0
    if argv[:1] == ["--extract-only"]:  # CRAWL PARQUET MASTER OUT_JSON
        result = run_measured(["extract", *argv[1:4]])
        result["parquet"] = str(Path(argv[2]).resolve())
        Path(argv[4]).write_text(json.dumps(result))
        print(json.dumps(result))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--crawl", type=Path, help="reuse this folder crawl")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/qazsearch-scaling"))
    parser.add_argument("--runners", default="local,spark")
    parser.add_argument("--shards", type=_ints, default=[1, 2, 4])
    parser.add_argument("--reps", type=int, default=1, help="builds per configuration")
    parser.add_argument("--query-reps", type=int, default=3)
    parser.add_argument("--query-scale", type=float, default=1.0,
                        help="share of bench/queries.py's 320 queries")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="local extraction workers (default: the cores, as the product)")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--quick", action="store_true", help="2,000-page smoke run")
    parser.add_argument("--markdown", type=Path)
    parser.add_argument("--reuse-extract", type=Path, metavar="JSON",
                        help="index the Parquet of an earlier Spark extraction of this crawl "
                        "(written by: scaling.py --extract-only CRAWL PARQUET MASTER JSON)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    if args.quick:
        args.pages = 2000
    args.workdir.mkdir(parents=True, exist_ok=True)
    crawl = args.crawl or ensure_crawl(args.workdir, args.pages, args.seed)
    res = bench(crawl, args.workdir, runners=args.runners.split(","), shards=args.shards,
                reps=args.reps, query_reps=args.query_reps, jobs=args.jobs, master=args.master,
                query_scale=args.query_scale,
                extracted=(json.loads(args.reuse_extract.read_text())
                           if args.reuse_extract else None))
    pages = res["pages"]
    name = f"scaling-{pages}-{args.runners.replace(',', '-')}.json"
    (args.workdir / name).write_text(json.dumps(res, indent=1))
    text = markdown(res)
    if args.markdown:
        args.markdown.write_text(text)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
