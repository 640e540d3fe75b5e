"""One writer per index root: an advisory ``flock`` on ``LOCK``.

The kernel releases the lock when the holder dies, so a lock left by a
killed process clears itself; the file's text (pid and start time) only
serves the "index busy" message. A forked child (an extraction worker, a
shard writer) closes its copy of the lock's descriptor at once: otherwise the
lock would outlive a killed parent for as long as its workers linger.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from indexer.errors import IndexBusyError

LOCK_NAME = "LOCK"
#: Descriptors of the locks this process holds (closed in forked children).
_HELD: set[int] = set()


def _close_in_child() -> None:
    for fd in _HELD:
        os.close(fd)
    _HELD.clear()


os.register_at_fork(after_in_child=_close_in_child)


@contextmanager
def writer_lock(root: Path) -> Iterator[None]:
    """Hold the writer lock of ``root`` for the duration of the block.

    Raises:
        IndexBusyError: Another live process holds it.
    """
    root.mkdir(parents=True, exist_ok=True)
    path = root / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = path.read_text(encoding="utf-8", errors="replace").strip() or "unknown"
            raise IndexBusyError(f"index busy (held by {holder})") from None
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} since {stamp}\n".encode(), 0)
        _HELD.add(fd)
        try:
            yield
        finally:
            _HELD.discard(fd)
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
