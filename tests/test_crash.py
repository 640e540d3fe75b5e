"""kill -9 at random moments of an update never loses the live generation."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from indexer.index import generations
from indexer.index.build import build_index, update_index
from tests.crawls import article_files, copy_sites, edit_article

pytestmark = pytest.mark.slow

TRIALS = 20


def _start_update(crawl: Path, root: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "indexer", "update", str(crawl), "--index", str(root), "--prune",
         "--keep", "1000"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _live_count(root: Path) -> int:
    return whoosh_index.open_dir(str(generations.current_dir(root))).doc_count()


def test_kill_9_during_update_keeps_previous_generation(tmp_path: Path, corpus_dir: Path,
                                                        truth) -> None:
    crawl = copy_sites(corpus_dir, tmp_path / "crawl", ["enu.kz", "kaznu.kz"])
    root = tmp_path / "index"
    build_index([crawl], root)
    for path in article_files(crawl, truth, "kaznu.kz")[:3]:
        edit_article(path)
    article_files(crawl, truth, "enu.kz")[0].unlink()
    before = _live_count(root)

    started = time.perf_counter()
    assert _start_update(crawl, root).wait(120) == 0
    duration = time.perf_counter() - started
    after = _live_count(root)
    assert after == before - 1
    generations.publish(root, generations.generations_dir(root)
                        / generations.previous_generation(root))  # back to the old state

    rng = random.Random(20261123)
    outcomes = {"old": 0, "new": 0}
    for _ in range(TRIALS):
        live_before = generations.current_name(root)
        process = _start_update(crawl, root)
        time.sleep(rng.uniform(0.0, duration))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        count = _live_count(root)  # the live pointer always opens
        assert count in (before, after)
        outcomes["old" if count == before else "new"] += 1
        if count == after:  # the update finished first: go back for the next trial
            generations.publish(root, generations.generations_dir(root) / live_before)
    report = update_index([crawl], root, prune=True)
    assert report.published and _live_count(root) == after
    assert generations.collect_garbage(root, keep=1) is not None
    assert all(generations.is_complete(root, n) for n in generations.list_generations(root))
    assert outcomes["old"] >= TRIALS // 2, outcomes
