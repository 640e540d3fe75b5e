"""Production serving: gunicorn worker processes, each with a pool of threads.

A search is CPU-bound Python, and threads in one process share one GIL, so a
single process answers on one core at a time. ``qazsearch serve`` therefore
starts one worker process per core (gunicorn's threaded workers). Each worker
builds its own app: its own searchers, result cache and decoded posting lists.
What ``qazsearch serve`` read before forking (``LiveIndex.warm``: the columns
every search needs) the workers inherit; the index's files are closed by then.

Connections are not kept alive. A kept-alive connection stays with the worker
that accepted it, and a threaded worker accepts whatever it can, so with
keep-alive clients one core saturates while the other idles (``docs/whoosh.md``). A new
connection per request goes to whichever worker accepts first, which is the one
not busy with a search.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

#: Seconds a worker may spend on one request before gunicorn restarts it.
WORKER_TIMEOUT = 120


def default_workers() -> int:
    """One worker process per usable core."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    """Gunicorn configured from a dict instead of its command line."""

    def __init__(self, factory: Callable[[], Flask], options: dict[str, Any]) -> None:
        self._factory = factory
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self._factory()


def run(factory: Callable[[], Flask], host: str, port: int, workers: int, threads: int) -> None:
    """Serve the app made by ``factory`` until interrupted (blocks)."""
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "timeout": WORKER_TIMEOUT,
        "keepalive": 0,  # one request per connection: see the module docstring
        "preload_app": False,  # each worker opens its own searchers after the fork
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "qazsearch",
    }
    _Gunicorn(factory, options).run()
