"""A generation's word -> terms maps, saved so that an update analyses warm.

Most of the cost of analysing an article is its words met for the first time:
stemming (pymorphy3 for Russian), the Kazakh stemmer and the cross-script keys.
A build's workers meet the whole vocabulary; an update analyses a few hundred
changed articles whose words are almost all in it. So each build worker saves
its maps (``words-*.pickle`` in the generation), and an update starts from them
and adds a file with the words it met first.

The table is a cache: files of another extractor version (the digest covers the
analysis code and data, ``indexer/text``) or that cannot be read are ignored, and
analysis falls back to the analyzers.
"""

from __future__ import annotations

import logging
import os
import pickle
import threading
import time
from pathlib import Path

from indexer.extract.records import extractor_version
from indexer.index.fast.words import new_words, seed_word_maps_lazily

LOGGER = logging.getLogger(__name__)

PREFIX = "words-"
SUFFIX = ".pickle"
#: Files a generation may hold before an update writes them as one.
MAX_PARTS = 8

WordMaps = dict[str, dict[str, tuple[bytes, ...]]]


def _parts(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{PREFIX}*{SUFFIX}"))


def _write(path: Path, maps: WordMaps, version: str) -> bool:
    """Write one part; one that cannot be written (disk full) is left out and said."""
    temporary = path.with_name(path.name + ".tmp")
    try:
        with temporary.open("wb") as out:
            pickle.dump((version, maps), out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError as exc:  # a cache: the next update analyses those words again
        temporary.unlink(missing_ok=True)
        LOGGER.warning("word table %s not saved: %s", path.name, exc.strerror or exc)
        return False
    return True


def _save_fresh(path: Path) -> None:
    """The words this process met first (all, if nothing was seeded), as one part."""
    fresh = new_words()
    if any(fresh.values()):
        _write(path, fresh, extractor_version())


def save_process_words(folder: Path, name: str, number: int) -> None:
    """Save the words this worker met first as part ``name``-``number`` of ``folder``'s
    table (a build worker's are all its words)."""
    _save_fresh(folder / f"{PREFIX}{name}-{number}{SUFFIX}")


def load_words(folder: Path, version: str | None = None) -> WordMaps:
    """The table of ``folder``: every readable part of this extractor version, merged."""
    version = version or extractor_version()
    merged: WordMaps = {}
    for path in _parts(folder):
        try:
            with path.open("rb") as data:
                saved_version, maps = pickle.load(data)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError) as exc:
            LOGGER.warning("word table %s not read: %s", path, exc)
            continue
        if saved_version != version:
            continue
        for key, words in maps.items():
            mine = merged.get(key)
            if mine is None:
                merged[key] = words
            else:
                mine.update(words)
    return merged


def seed_lazily_from(folder: Path) -> None:
    """Seed this process's word maps from ``folder``'s table at the first word they miss.

    The table is read in a thread from now on: an update reaches its first changed
    article after scanning the crawl, while this process mostly waits on the
    workers that read it.
    """
    loaded: list[WordMaps] = []
    reader = threading.Thread(target=lambda: loaded.append(_load_quietly(folder)),
                              name="word-table", daemon=True)
    reader.start()

    def load() -> WordMaps:
        reader.join()
        return loaded[0] if loaded else {}

    seed_word_maps_lazily(load)


def _load_quietly(folder: Path) -> WordMaps:
    """``load_words``, logged; an empty table when it cannot be read (a cache)."""
    started = time.perf_counter()
    try:
        maps = load_words(folder)
    except Exception:  # noqa: BLE001 - analysis goes on without it
        LOGGER.warning("word table of %s not loaded", folder, exc_info=True)
        return {}
    LOGGER.info("words: %d known to the table, read in %.2f s",
                sum(map(len, maps.values())), time.perf_counter() - started)
    return maps


def save_new_words(folder: Path, name: str) -> None:
    """Add the words this process analysed since the seeding to ``folder``'s table.

    ``folder`` is a new generation holding links to its parent's parts; past
    ``MAX_PARTS`` they are written as one file (the links are removed, the parent's
    files stay).
    """
    parts = _parts(folder)
    if len(parts) + 1 <= MAX_PARTS:
        _save_fresh(folder / f"{PREFIX}{name}{SUFFIX}")
        return
    version = extractor_version()
    maps = load_words(folder, version)
    for key, words in new_words().items():
        maps.setdefault(key, {}).update(words)
    if _write(folder / f"{PREFIX}{name}{SUFFIX}", maps, version):
        for path in parts:  # only once the joined file is there
            path.unlink()
