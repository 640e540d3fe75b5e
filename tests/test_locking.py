"""One writer at a time; a dead holder's lock clears itself."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path

import pytest

from indexer.errors import IndexBusyError
from indexer.index.locking import writer_lock


def test_second_writer_fails_fast_with_holder(tmp_path: Path) -> None:
    with writer_lock(tmp_path):
        with pytest.raises(IndexBusyError, match=rf"index busy \(held by pid {os.getpid()} since"):
            with writer_lock(tmp_path):
                pass


def _hold_forever(root: str, ready) -> None:  # noqa: ANN001 - multiprocessing event
    with writer_lock(Path(root)):
        ready.set()
        signal.pause()


def test_lock_of_killed_process_is_released(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    ready = ctx.Event()
    holder = ctx.Process(target=_hold_forever, args=(str(tmp_path), ready))
    holder.start()
    assert ready.wait(10)
    with pytest.raises(IndexBusyError, match=f"pid {holder.pid}"):
        with writer_lock(tmp_path):
            pass
    os.kill(holder.pid, signal.SIGKILL)
    holder.join()
    with writer_lock(tmp_path):
        pass
