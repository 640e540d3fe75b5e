"""Qazsearch: full-text search over Kazakhstan's university news (kk, ru, en).

The library is a chain of plain stages: sources -> extract -> language ->
analysis -> index -> search. The command line lives in :mod:`indexer.cli`.
"""

from __future__ import annotations

from pathlib import Path

from indexer import settings

__version__ = "0.1.0"

INDEX_ENV_VAR = settings.BY_KEY["INDEX_DIR"].variable


def default_index_dir() -> Path:
    """Return the index directory to use when none is given.

    ``$QAZSEARCH_INDEX`` when set, else ``./index`` in the working directory (the
    setting ``INDEX_DIR``).
    """
    return Path(str(settings.value("INDEX_DIR")))


__all__ = ["__version__", "default_index_dir", "INDEX_ENV_VAR"]
