"""Disk full during a build: the build fails cleanly, the previous generation keeps
serving, and nothing is written outside the generation mechanism.

The index root lives on a small tmpfs (mounted for the test; skipped when mounting
is not permitted). A first generation is built from one site; the free space is
then filled up to a few fault levels and two sites are built into it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.index import generations
from indexer.index.build import build_index
from indexer.models import SearchRequest
from indexer.search.live import LiveIndex
from indexer.search.searching import search

pytestmark = pytest.mark.slow  # builds on a full tmpfs, in subprocesses
REPO = Path(__file__).resolve().parents[1]
TMPFS_SIZE = "12m"
#: Free space left on the tmpfs before the build: each makes it fail at another point.
FREE_LEVELS = [0, 1024 * 1024]


@pytest.fixture()
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A fresh 12 MiB tmpfs, unmounted afterwards."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={TMPFS_SIZE},mode=0700",
                           "tmpfs", str(mount_point)], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip() or done.returncode}")
    try:
        yield mount_point
    finally:
        if subprocess.run(["umount", str(mount_point)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _fill(disk: Path, leave: int) -> Path:
    """Allocate all free space of ``disk`` but ``leave`` bytes."""
    filler = disk / "filler.bin"
    stat = os.statvfs(disk)
    free = stat.f_bavail * stat.f_frsize
    fd = os.open(filler, os.O_CREAT | os.O_WRONLY, 0o600)
    try:
        if free - leave > 0:
            os.posix_fallocate(fd, 0, free - leave)
    finally:
        os.close(fd)
    return filler


def _tree(root: Path) -> dict[str, str]:
    """Relative path -> sha1 of every file under ``root``."""
    return {str(p.relative_to(root)): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _build_cli(sources: Path, root: Path, tmpdir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TMPDIR": str(tmpdir), "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "indexer", "build", str(sources),
                           "--index", str(root)], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=300, check=False)


def _crawl(corpus_dir: Path, target: Path, sites: tuple[str, ...]) -> Path:
    for site in sites:
        shutil.copytree(corpus_dir / site, target / site)
    return target


def _first_generation(disk: Path, corpus_dir: Path) -> tuple[Path, str, int]:
    """One site live on ``disk``; returns (root, generation, documents)."""
    crawl = _crawl(corpus_dir, disk.parent / "one-site", ("korkyt.kz",))
    root = disk / "index"
    report = build_index([crawl], root)
    return root, report.generation, report.documents


def _second_crawl(corpus_dir: Path, tmp_path: Path) -> Path:
    """Two sites: a build that needs about 2.5 MiB, more than any fault level leaves."""
    return _crawl(corpus_dir, tmp_path / "two-sites", ("korkyt.kz", "vku.edu.kz"))


def _search_total(root: Path) -> tuple[str, int]:
    live = LiveIndex(root)
    with live.searcher() as searcher:
        page = search(searcher, SearchRequest(query="", langs=("kk", "ru", "en")),
                      generation=live.generation())
    live.close()
    return page.generation, page.total


@pytest.mark.parametrize("leave", FREE_LEVELS)
def test_disk_full_keeps_previous_generation(small_disk: Path, corpus_dir: Path,
                                             tmp_path: Path, leave: int) -> None:
    root, first, documents = _first_generation(small_disk, corpus_dir)
    before = _tree(root)
    filler = _fill(small_disk, leave)
    tmpdir = tmp_path / "tmpdir"
    tmpdir.mkdir()

    crawl = _second_crawl(corpus_dir, tmp_path)

    done = _build_cli(crawl, root, tmpdir)

    assert done.returncode != 0, done.stdout[-2000:]
    assert "no space left" in done.stderr.lower(), done.stderr[-2000:]  # the fault, not a bug
    assert generations.current_name(root) == first
    assert generations.list_generations(root) == [first]
    after = _tree(root)
    assert {k: v for k, v in after.items() if k != "LOCK"} == \
        {k: v for k, v in before.items() if k != "LOCK"}, "files left outside the generation"
    assert list(tmpdir.iterdir()) == [], "the build wrote to TMPDIR"
    assert _search_total(root) == (first, documents)

    if leave:
        return
    filler.unlink()  # space is back: the next build publishes
    again = _build_cli(crawl, root, tmpdir)
    assert again.returncode == 0, again.stderr[-2000:]
    assert generations.current_name(root) != first


def test_disk_full_error_is_clear(small_disk: Path, corpus_dir: Path, tmp_path: Path) -> None:
    root, first, _ = _first_generation(small_disk, corpus_dir)
    _fill(small_disk, 256 * 1024)
    done = _build_cli(_second_crawl(corpus_dir, tmp_path), root, tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    message = done.stderr.lower()
    assert "no space left" in message and first in message, done.stderr[-2000:]
