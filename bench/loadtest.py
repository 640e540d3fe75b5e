"""Load test: concurrent clients against ``qazsearch serve`` while updates switch generations.

``make loadtest`` (``python bench/loadtest.py``): builds a temporary index root from part
of the demo corpus, starts ``qazsearch serve`` (gunicorn) on a free 127.0.0.1 port and
runs ``--clients`` threads (``http.client`` connections, reopened after each response:
the server does not keep connections alive) for ``--duration`` seconds while
``qazsearch update`` publishes two new generations (each adds a site).

Every ``/api/search`` response names its generation; afterwards each generation is
opened directly and the same request is run on it: the response's total and result ids
must be exactly those of the generation it names (no response mixes two generations).
Exits 1 on any error, mixed response or fewer than two switches seen.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._serve import HOST, server  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
LATER_SITES = ("shakarim.kz", "www.zhetysu.edu.kz")  # added by the two updates
QUERIES: list[dict[str, str]] = [
    {"q": "университет"}, {"q": "university"}, {"q": "ғылым"}, {"q": "студент"},
    {"q": "конференция", "sort": "newest"}, {"q": "Qazaqstan"}, {"lang": "kk"},
    {"lang": "ru"}, {"lang": "en", "sort": "relevance"}, {"q": "жаңалықтар", "page": "2"},
    {"q": "\"Рухани жаңғыру\""}, {"q": "science OR ғылым", "per_page": "20"},
    {"university": "shakarim"}, {"q": "университет", "lang": "kk", "per_page": "50"},
]
HTML_SHARE = 0.1


@dataclass
class Sample:
    """One response: what was asked, what came back, how long it took."""

    query: int
    status: int
    seconds: float
    generation: str = ""
    total: int = -1
    ids: tuple[str, ...] = ()


@dataclass
class Results:
    samples: list[Sample] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _client(port: int, deadline: float, stop: threading.Event, seed: int, out: Results) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    local: list[Sample] = []
    errors: list[str] = []
    while time.monotonic() < deadline or not stop.is_set():
        number = rng.randrange(len(QUERIES))
        html = rng.random() < HTML_SHARE
        path = ("/en/search?" if html else "/api/search?") + urlencode(QUERIES[number])
        started = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as exc:
            errors.append(f"{path}: {exc!r}")
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=60)
            continue
        sample = Sample(number if not html else -1, response.status,
                        time.perf_counter() - started)
        if response.status != 200:
            errors.append(f"{path}: HTTP {response.status}")
        elif not html:
            data = json.loads(body)
            sample.generation, sample.total = data["generation"], data["total"]
            sample.ids = tuple(r["id"] for r in data["results"])
        local.append(sample)
    conn.close()
    with out.lock:
        out.samples.extend(local)
        out.errors.extend(errors)


def _qazsearch(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "indexer", *args], cwd=REPO, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def _updates(root: Path, crawls: list[Path], at: list[float], start: float,
             log: list[dict], stop: threading.Event) -> None:
    try:
        for crawl, when in zip(crawls, at, strict=True):
            time.sleep(max(0.0, start + when - time.monotonic()))
            begun = time.monotonic() - start
            seconds = _qazsearch("update", str(crawl), "--index", str(root), "--keep", "10")
            log.append({"crawl": crawl.name, "started_at_s": round(begun, 1),
                        "seconds": round(seconds, 1),
                        "live": (root / "CURRENT").read_text().strip()})
    finally:
        stop.set()


def _expected(root: Path, generation: str, params: dict[str, str]) -> tuple[int, tuple]:
    """Total and page ids of ``params`` run on one generation alone, through the app.

    A view root whose ``CURRENT`` names ``generation`` (its ``generations`` folder is a
    symlink to the real one) is read the way the product reads any index root.
    """
    from indexer.index import generations
    from webapp import create_app

    view = root.parent / f"view-{generation}"
    if not view.exists():
        view.mkdir()
        (view / generations.GENERATIONS).symlink_to(generations.generations_dir(root))
        (view / generations.POINTER).write_text(generation + "\n", encoding="utf-8")
    client = create_app({"TESTING": True, "INDEX_DIR": str(view)}).test_client()
    data = client.get("/api/search?" + urlencode(params)).get_json()
    assert data["generation"] == generation, data
    return data["total"], tuple(r["id"] for r in data["results"])


def _check(root: Path, samples: list[Sample]) -> tuple[list[dict], dict[str, int]]:
    """Responses whose total or ids differ from their generation's; count per generation."""
    cache: dict[tuple[str, int], tuple[int, tuple]] = {}
    mixed: list[dict] = []
    per_generation: dict[str, int] = {}
    for sample in samples:
        if sample.query < 0 or sample.status != 200:
            continue
        per_generation[sample.generation] = per_generation.get(sample.generation, 0) + 1
        key = (sample.generation, sample.query)
        if key not in cache:
            cache[key] = _expected(root, sample.generation, QUERIES[sample.query])
        total, ids = cache[key]
        if sample.total != total or sorted(sample.ids) != sorted(ids):
            mixed.append({"generation": sample.generation, "params": QUERIES[sample.query],
                          "total": sample.total, "expected_total": total,
                          "ids": list(sample.ids), "expected_ids": list(ids)})
    return mixed, per_generation


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def run(clients: int, duration: float, threads: int, workdir: Path) -> dict:
    """Run the whole scenario in ``workdir``; returns the figures."""
    corpus = REPO / "corpus"
    sites = sorted(p.name for p in corpus.iterdir() if p.is_dir())
    crawls = []
    for step in range(3):
        crawl = workdir / f"crawl{step + 1}"
        for site in [s for s in sites if s not in LATER_SITES] + list(LATER_SITES[:step]):
            shutil.copytree(corpus / site, crawl / site)
        crawls.append(crawl)
    root = workdir / "index"
    build_seconds = _qazsearch("build", str(crawls[0]), "--index", str(root))
    results, updates, stop = Results(), [], threading.Event()
    with server(root, threads=threads) as port:
        start = time.monotonic()
        deadline = start + duration
        updater = threading.Thread(target=_updates, args=(root, crawls[1:], [
            duration * 0.2, duration * 0.55], start, updates, stop))
        workers = [threading.Thread(target=_client, args=(port, deadline, stop, n, results))
                   for n in range(clients)]
        updater.start()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        updater.join()
        held = time.monotonic() - start
    latencies = [s.seconds for s in results.samples]
    mixed, per_generation = _check(root, results.samples)
    return {
        "clients": clients, "server_threads": threads, "seconds_held": round(held, 1),
        "requests": len(results.samples) + len(results.errors),
        "requests_per_s": round(len(latencies) / held, 1),
        "errors": len(results.errors), "error_examples": results.errors[:5],
        "mixed_responses": len(mixed), "mixed_examples": mixed[:3],
        "responses_per_generation": per_generation,
        "switches_seen": max(0, len(per_generation) - 1), "initial_build_s": round(build_seconds,
                                                                                   1),
        "updates": updates,
        "p50_ms": round(_percentile(latencies, 0.50) * 1000, 1),
        "p95_ms": round(_percentile(latencies, 0.95) * 1000, 1),
        "p99_ms": round(_percentile(latencies, 0.99) * 1000, 1),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else 0.0,
    }


def _markdown(figures: dict) -> str:
    return "\n".join([
        "| clients | held (s) | requests | req/s | errors | mixed | switches | p50 ms | p95 ms "
        "| p99 ms |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {figures['clients']} | {figures['seconds_held']} | {figures['requests']} | "
        f"{figures['requests_per_s']} | {figures['errors']} | {figures['mixed_responses']} | "
        f"{figures['switches_seen']} | {figures['p50_ms']} | {figures['p95_ms']} | "
        f"{figures['p99_ms']} |",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--threads", type=int, default=4, help="threads per server process")
    parser.add_argument("--markdown", action="store_true", help="also print a table row")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="qazsearch-load-") as tmp:
        figures = run(args.clients, args.duration, args.threads, Path(tmp))
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    if args.markdown:
        print(_markdown(figures))
    failed = figures["errors"] or figures["mixed_responses"] or figures["switches_seen"] < 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
