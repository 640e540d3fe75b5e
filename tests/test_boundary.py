"""The boundary around Whoosh's internals holds: ruff rejects a reach across it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

CROSSINGS = [
    "from whoosh.codec import whoosh3\n",
    "from whoosh.matching import mcore\n",
    "import whoosh.filedb.structfile\n",
    "from indexer.search.fast.vectormatch import all_matches\n",
    "def f(reader):\n    return reader._terms\n",
]


def ruff(source: str, filename: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--select", "TID251,SLF001",
         "--stdin-filename", filename, "-"],
        input=source, capture_output=True, text=True, cwd=REPO, check=False)


@pytest.mark.parametrize("source", CROSSINGS)
def test_lint_rejects_whoosh_internals_outside_fast(source: str) -> None:
    result = ruff(source, "indexer/search/ranking_probe.py")
    assert result.returncode == 1, result.stdout
    assert "TID251" in result.stdout or "SLF001" in result.stdout


@pytest.mark.parametrize("source", CROSSINGS)
def test_lint_allows_them_inside_fast(source: str) -> None:
    result = ruff(source, "indexer/search/fast/probe.py")
    assert result.returncode == 0, result.stdout


def test_the_facade_is_allowed_everywhere() -> None:
    result = ruff("from indexer.search.fast import all_matches, open_searcher\n",
                  "indexer/search/ranking_probe.py")
    assert result.returncode == 0, result.stdout


def test_the_product_passes_the_boundary() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--select",
                             "TID251,SLF001", "indexer", "webapp"],
                            capture_output=True, text=True, cwd=REPO, check=False)
    assert result.returncode == 0, result.stdout
