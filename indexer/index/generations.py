"""Index generations under one root, switched by an atomic pointer file.

Layout of an index root::

    index/
      CURRENT              name of the live generation (replaced atomically)
      LOCK                 held by the one writer (see :mod:`indexer.index.locking`)
      generations/
        g20261123-174502-1/   a Whoosh index + report.json

Readers read ``CURRENT`` and open that directory. Writers build a new
generation beside it and publish it with one ``os.replace`` of the pointer,
so a reader never sees a missing or half-written index.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from indexer.errors import IndexNotFoundError, QazsearchError

POINTER = "CURRENT"
GENERATIONS = "generations"
REPORT = "report.json"
KEEP_DEFAULT = 3


def generations_dir(root: Path) -> Path:
    """The folder that holds every generation of ``root``."""
    return root / GENERATIONS


def current_name(root: Path) -> str | None:
    """Name of the live generation, or None when nothing was published yet."""
    try:
        name = (root / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return name or None


def current_dir(root: Path) -> Path:
    """Directory of the live generation.

    Raises:
        IndexNotFoundError: No generation has been published under ``root``.
    """
    name = current_name(root)
    if name is None or not (generations_dir(root) / name).is_dir():
        raise IndexNotFoundError(
            f"no index in '{root}'; run 'qazsearch build corpus/ --index {root}' first"
        )
    return generations_dir(root) / name


def list_generations(root: Path) -> list[str]:
    """Names of all generations under ``root``, oldest first."""
    folder = generations_dir(root)
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def new_generation(root: Path) -> Path:
    """Create and return an empty directory for the next generation."""
    folder = generations_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("g%Y%m%d-%H%M%S")
    for seq in range(1, 10_000):
        candidate = folder / f"{stamp}-{seq}"
        try:
            candidate.mkdir()
        except FileExistsError:
            continue
        return candidate
    raise QazsearchError(f"cannot create a new generation in '{folder}'")


def clone_generation(source: Path, target: Path, *, skip: tuple[str, ...] = ()) -> None:
    """Fill ``target`` with hard links to the files of ``source``.

    Whoosh never rewrites a file it has written (new segments and a new TOC
    are new files), so an update can work on hard links and leave the live
    generation untouched. Falls back to copying across file systems.

    Args:
        source: The live generation.
        target: The new, empty generation folder.
        skip: Names of files that describe ``source`` only (the new generation
            writes its own, or has none).
    """
    for path in source.iterdir():
        if path.is_dir():
            (target / path.name).mkdir()
            clone_generation(path, target / path.name, skip=skip)
            continue
        if path.name in (REPORT, *skip) or path.name.endswith("LOCK"):
            continue
        try:
            os.link(path, target / path.name)
        except OSError:
            shutil.copy2(path, target / path.name)


def publish(root: Path, generation: Path) -> None:
    """Make ``generation`` the live one with a single atomic rename."""
    tmp = root / f".{POINTER}.{os.getpid()}.tmp"
    with tmp.open("w", encoding="utf-8") as stream:
        stream.write(generation.name + "\n")
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(tmp, root / POINTER)
    _fsync_dir(root)


def discard(generation: Path) -> None:
    """Remove an unpublished (failed) generation."""
    shutil.rmtree(generation, ignore_errors=True)


def is_complete(root: Path, name: str) -> bool:
    """True for a generation whose writer finished (its report is saved last)."""
    return (generations_dir(root) / name / REPORT).is_file()


def discard_incomplete(root: Path) -> list[str]:
    """Remove generations left half-written by a crashed writer.

    Call only while holding the writer lock: then no writer is running.
    """
    live = current_name(root)
    broken = [n for n in list_generations(root) if n != live and not is_complete(root, n)]
    for name in broken:
        shutil.rmtree(generations_dir(root) / name, ignore_errors=True)
    return broken


def collect_garbage(root: Path, keep: int = KEEP_DEFAULT) -> list[str]:
    """Remove crash leftovers and all but the newest ``keep`` complete generations.

    The live generation is never removed. Call while holding the writer lock.

    Returns:
        The names removed.
    """
    removed = discard_incomplete(root)
    live = current_name(root)
    names = [n for n in list_generations(root) if is_complete(root, n)]
    removable = [n for n in names[: max(0, len(names) - keep)] if n != live]
    for name in removable:
        shutil.rmtree(generations_dir(root) / name, ignore_errors=True)
    return removed + removable


def previous_generation(root: Path) -> str | None:
    """Name of the newest complete generation older than the live one, if any."""
    live = current_name(root)
    older = [n for n in list_generations(root)
             if (live is None or n < live) and is_complete(root, n)]
    return older[-1] if older else None


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_generation(root: Path, name: str, target_root: Path) -> Path:
    """Copy generation ``name`` of ``root`` into ``target_root`` (not yet live there).

    Generations are immutable, so a copy serves the same answers. The copy is
    made under a hidden name and renamed into place, so the target never
    holds a half-copied generation under the real name.

    Raises:
        IndexNotFoundError: ``name`` is not a complete generation of ``root``.
    """
    source = generations_dir(root) / name
    if not is_complete(root, name):
        raise IndexNotFoundError(f"'{name}' is not a complete generation in '{root}'")
    target = generations_dir(target_root) / name
    if target.is_dir() and is_complete(target_root, name):
        return target
    generations_dir(target_root).mkdir(parents=True, exist_ok=True)
    staging = generations_dir(target_root) / f".{name}.{os.getpid()}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(source, staging)
    shutil.rmtree(target, ignore_errors=True)
    os.replace(staging, target)
    _fsync_dir(generations_dir(target_root))
    return target
