"""Markdown tables and goal checks for ``bench/run.py`` results."""

from __future__ import annotations

import os
import platform
from pathlib import Path
from typing import Any

import psutil

GOALS = {"pipeline_vs_floor": 0.8, "build_vs_plain": 0.5, "words_p95": 100.0,
         "phrase_p95": 300.0, "api_p95_8": 150.0, "update_share": 0.03, "rss_gib": 1.5}


def machine() -> str:
    """One line: CPU, cores, memory, OS."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = psutil.virtual_memory().total / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, {platform.system()} " \
           f"{platform.release()}, Python {platform.python_version()}"


def du(path: Path) -> int:
    """Bytes under ``path`` (hard links counted once)."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            st = os.stat(os.path.join(dirpath, name))
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                total += st.st_size
    return total


def _ok(flag: bool) -> str:
    return "met" if flag else "**not met**"


def markdown(res: dict[str, Any]) -> str:
    """The report: build table, query table, API table, update line, goals."""
    n = res["pages"]
    lines = [f"### N = {n:,} pages (seed {res['seed']}, medians of {res['reps']} runs)", "",
             f"Machine: {res['machine']}.", "",
             "| (a–c) indexing | docs | wall s (runs) | pages/s | docs/s | CPU s (writer "
             "process) | docs per CPU s | load | peak RSS / PSS MB |",
             "|---|---|---|---|---|---|---|---|---|"]
    rows = [(f"product build, {j} worker(s)", s) for j, s in res.get("build", {}).items()]
    if "whoosh_floor" in res:
        rows += [("raw Whoosh write (floor)", res["whoosh_floor"])]
    if "plain_floor" in res:
        rows += [("plain Whoosh, 1 StandardAnalyzer field", res["plain_floor"])]
    rows += [(f"tantivy, {t} thread(s)", s) for t, s in res.get("tantivy", {}).items()]
    if "update" in res:
        rows += [(f"1 % update, {res['update']['jobs']} worker(s)", res["update"])]
    for label, s in rows:
        runs = ", ".join(f"{x:.1f}" for x in s["runs"])
        lines.append(f"| {label} | {s['documents']:,} | {s['seconds']:.1f} ({runs}) | "
                     f"{s['pages_per_s']:.0f} | {s['docs_per_s']:.0f} | {s['cpu']:.1f} "
                     f"({s['cpu_self']:.1f}) | {s['cpu_docs_per_s']:.0f} | {s['load']:.1f} | "
                     f"{s['peak_rss_mb']:.0f} / {s.get('peak_pss_mb', s['peak_rss_mb']):.0f} |")
    if all(part in res for part in ("whoosh_floor", "tantivy", "update")):
        lines += _indexing_goals(res)
    if "plain_floor" in res:
        best = max(res["build"].values(), key=lambda s: s["docs_per_s"])
        plain = best["docs_per_s"] / res["plain_floor"]["docs_per_s"]
        lines += [f"Build / plain-Whoosh floor (docs/s, best worker count): **{plain:.2f}×** "
                  f"(goal ≥ {GOALS['build_vs_plain']}, {_ok(plain >= GOALS['build_vs_plain'])}).",
                  ""]
    rss = max((s["peak_rss_mb"] for s in res.get("build", {}).values()), default=0) / 1024
    lines.append(f"Peak RSS of a build: {rss:.2f} GiB (goal ≤ {GOALS['rss_gib']} GiB, "
                 f"{_ok(rss <= GOALS['rss_gib'])}). Index size: Whoosh "
                 f"{res['sizes_mb']['whoosh']:.0f} MB, tantivy {res['sizes_mb']['tantivy']:.0f} "
                 f"MB; crawl {res['sizes_mb']['crawl']:.0f} MB.")
    if "query" in res:
        lines += _query_lines(res["query"])
    if "query_cold" in res:
        lines += ["", "Again with no decoded posting lists kept between queries "
                  "(`QAZSEARCH_POSTINGS_CACHE_MB=0`):"]
        lines += _query_lines(res["query_cold"])
    if "api" in res:
        api = res["api"]
        workers = api.get("workers", "default")
        lines += ["", f"| (f) /api/search via qazsearch serve (gunicorn, {workers} worker "
                  "processes) | requests | p50 ms | p95 ms | p99 ms | req/s | server CPU ms "
                  "a request | errors | load |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for clients, s in api.items():
            if not isinstance(s, dict):
                continue
            label = f"{clients} client(s)" if clients.isdigit() else clients
            cpu = s.get("server_cpu_ms")  # not measured for the first pass (or before)
            lines.append(f"| {label} | {s['requests']} | {s['p50']:.1f} | "
                         f"{s['p95']:.1f} | {s['p99']:.1f} | {s['req_per_s']:.1f} | "
                         f"{'' if cpu is None else f'{cpu:.1f}'} | {s['errors']} | "
                         f"{s['load']:.1f} |")
        p95 = api["8"]["p95"]
        passes = api.get("warm_passes_s", [])
        lines += ["", f"API p95 with 8 clients: {p95:.0f} ms (goal ≤ {GOALS['api_p95_8']:.0f} "
                  f"ms, {_ok(p95 <= GOALS['api_p95_8'])}); the timed runs follow "
                  f"{len(passes)} passes over the queries with 8 clients (the first is the "
                  "fresh-server row), until one was less than 10 % faster than the one "
                  "before; seconds per pass: " + ", ".join(f"{w:.1f}" for w in passes) + "."]
    return "\n".join(lines) + "\n"


def _query_lines(q: dict[str, Any]) -> list[str]:
    lines = ["", f"(d) {q['queries']} queries, top 10 + snippets + exact count + 3 facets; "
             f"opening a searcher took {q['searcher_open_ms']:.0f} ms (reused across queries).",
             f" Load average {q['load']:.1f}; CPU ms are process time per query (robust "
             "to other load).",
             "", "| class | n | ours p50 / p95 / p99 ms | tantivy p50 / p95 / p99 ms | "
             "ratio p50 | ratio p95 | ours CPU p50 / p95 ms | tantivy CPU p50 / p95 ms | "
             "mean hits ours / tantivy |",
             "|---|---|---|---|---|---|---|---|---|"]
    for cls, s in q["classes"].items():
        o, t = _by_int(s["ours"]), _by_int(s["tantivy"])
        oc = {str(k): v for k, v in s["ours_cpu"].items()}
        tc = {str(k): v for k, v in s["tantivy_cpu"].items()}
        r50 = o[50] / t[50] if t[50] else float("inf")
        r95 = o[95] / t[95] if t[95] else float("inf")
        lines.append(f"| {cls} | {s['n']} | {o[50]:.1f} / {o[95]:.1f} / {o[99]:.1f} | "
                     f"{t[50]:.2f} / {t[95]:.2f} / {t[99]:.2f} | {r50:.0f}× | {r95:.0f}× | "
                     f"{oc['50']:.1f} / {oc['95']:.1f} | {tc['50']:.2f} / {tc['95']:.2f} | "
                     f"{s['mean_hits_ours']:.0f} / {s['mean_hits_tantivy']:.0f} |")
    words = max(_by_int(q["classes"][c]["ours"])[95] for c in ("1w", "2w", "3w", "filtered"))
    phrase = _by_int(q["classes"]["phrase"]["ours"])[95]
    lines += ["", f"Word-query p95 (worst class): {words:.0f} ms (goal ≤ "
              f"{GOALS['words_p95']:.0f}, {_ok(words <= GOALS['words_p95'])}); phrase p95: "
              f"{phrase:.0f} ms (goal ≤ {GOALS['phrase_p95']:.0f}, "
              f"{_ok(phrase <= GOALS['phrase_p95'])}). Slowest: "
              + "; ".join(f"{c} `{t}` {ms} ms" for c, t, ms in q["slowest"]) + "."]
    return lines


def _indexing_goals(res: dict[str, Any]) -> list[str]:
    """Pipeline vs floor, floor vs tantivy, update vs rebuild."""
    floor = res["whoosh_floor"]["docs_per_s"]
    best = max(res["build"].values(), key=lambda s: s["docs_per_s"])
    top = res["build"][str(res["update"]["jobs"])]
    ratio = best["docs_per_s"] / floor
    share = res["update"]["seconds"] / top["seconds"]
    tan = res["tantivy"]["1"]["docs_per_s"]
    writer = floor * res["whoosh_floor"]["cpu"] / best["cpu_self"]
    return ["", f"Pipeline / floor (wall clock, best worker count): **{ratio:.2f}×**; "
            f"floor CPU / writer-process CPU of that build: {writer / floor:.2f} (what the "
            f"ratio would approach on idle cores with the writer as the bottleneck) "
            f"(goal ≥ {GOALS['pipeline_vs_floor']}, "
            f"{_ok(ratio >= GOALS['pipeline_vs_floor'])}); floor / tantivy (1 thread): "
            f"{floor / tan:.3f}× (tantivy {tan / floor:.0f}× faster). 1 % update / full "
            f"rebuild: {res['update']['seconds']:.1f} s / {top['seconds']:.1f} s = "
            f"**{share:.0%}** (goal ≤ {GOALS['update_share']:.0%}, "
            f"{_ok(share <= GOALS['update_share'])}); update totals "
            f"{res['update'].get('totals')}.", ""]


def _by_int(percentiles: dict[Any, float]) -> dict[int, float]:
    """Percentiles keyed by int (results read back from JSON have string keys)."""
    return {int(k): v for k, v in percentiles.items()}
