"""Run a job in a child process, sampling the peak RSS of its whole process tree."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parents[1]
SAMPLE_SECONDS = 0.05
#: PSS (``/proc/PID/smaps``) is read every this many samples: a read of a build's
#: process tree costs 8.5 ms of CPU, against 1.3 ms for RSS (``statm``); every
#: 50 ms it took 15 % of a core from the job measured, on two cores.
PSS_EVERY = 10


def tree_memory(proc: psutil.Process, *, pss: bool = True) -> tuple[int, int]:
    """RSS and PSS summed over the process and its children (PSS 0 unless ``pss``).
    PSS divides each shared page among the processes sharing it, so forked workers
    are not counted twice for the pages they share with their parent."""
    rss = shared = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            info = p.memory_full_info() if pss else p.memory_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        rss += info.rss
        shared += getattr(info, "pss", info.rss) if pss else 0
    return rss, shared


def run_job(args: Sequence[str], timeout: float = 7200) -> dict[str, Any]:
    """Run ``python -m bench._jobs ARGS``; its JSON result plus ``peak_rss`` and
    ``peak_pss`` in bytes.

    The RSS of the job and its worker processes is summed every 50 ms (shared
    pages count once per process, so with forked workers this overstates); PSS
    is summed too, every 0.5 s, which counts each shared page once.

    Raises:
        RuntimeError: The job failed.
    """
    cmd = [sys.executable, "-m", "bench._jobs", *args]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    peak = peak_pss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss
        watched = psutil.Process(proc.pid)
        count = 0
        while not done.is_set():
            try:
                rss, pss = tree_memory(watched, pss=count % PSS_EVERY == 0)
            except psutil.NoSuchProcess:
                return
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            count += 1
            time.sleep(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        out, err = proc.communicate(timeout=timeout)
    finally:
        done.set()
        sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"job {' '.join(args)} failed ({proc.returncode}): {err[-2000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_rss"] = peak
    result["peak_pss"] = peak_pss
    return result


def median(values: Sequence[float]) -> float:
    """Median (0.0 for no values)."""
    return float(statistics.median(values)) if values else 0.0


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile of ``values`` (0.0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-pct * len(ordered) // 100))))
    return ordered[rank - 1]
