"""``/api/search`` latency through ``qazsearch serve`` on 127.0.0.1 with concurrent clients."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

from bench.queries import BenchQuery

HOST = "127.0.0.1"
#: The server process behind each port :func:`server` has running.
_SERVERS: dict[int, subprocess.Popen] = {}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@contextmanager
def server(root: Path, threads: int = 4, timeout: float = 120,
           workers: int | None = None) -> Iterator[int]:
    """Run ``qazsearch serve`` on a free loopback port; yields the port once it answers.

    Raises:
        RuntimeError: The server did not answer ``/api/health`` within ``timeout``.
    """
    port = _free_port()
    cmd = [sys.executable, "-m", "indexer", "serve", "--index", str(root), "--host", HOST,
           "--port", str(port), "--threads", str(threads)]
    if workers:
        cmd += ["--workers", str(workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
                conn.request("GET", "/api/health")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("qazsearch serve did not come up")
            time.sleep(0.2)
        _SERVERS[port] = proc
        yield port
    finally:
        _SERVERS.pop(port, None)
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def cpu_seconds(port: int) -> float:
    """User + system CPU seconds used so far by the server on ``port`` and its workers."""
    import psutil  # bench-only dependency

    root = psutil.Process(_SERVERS[port].pid)
    total = 0.0
    for proc in [root, *root.children(recursive=True)]:
        try:
            times = proc.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def _client(port: int, queries: Sequence[BenchQuery], out: list[float],
            errors: list[str]) -> None:
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    for bq in queries:
        path = "/api/search?" + urlencode(bq.params())
        started = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as exc:
            errors.append(repr(exc))
            conn = http.client.HTTPConnection(HOST, port, timeout=60)
            continue
        elapsed = time.perf_counter() - started
        if status != 200:
            errors.append(f"HTTP {status} for {path}")
        else:
            out.append(elapsed)


def load(port: int, queries: Sequence[BenchQuery], clients: int,
         per_client: int) -> tuple[list[float], list[str], float]:
    """``clients`` threads each send ``per_client`` queries (a bounded loop over the set).

    Returns:
        Latencies in seconds, error messages and the wall time of the run.
    """
    latencies: list[float] = []
    errors: list[str] = []
    threads = []
    for number in range(clients):
        mine = [queries[(number * per_client + k) % len(queries)] for k in range(per_client)]
        threads.append(threading.Thread(target=_client, args=(port, mine, latencies, errors)))
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.perf_counter() - started
