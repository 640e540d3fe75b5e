"""``qazsearch serve`` for real: gunicorn worker processes on a loopback port."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


@pytest.fixture()
def served(built_root: Path):
    port = _free_port()
    env = {**os.environ, "FLASK_DEBUG": "1"}  # must be ignored
    proc = subprocess.Popen(
        [sys.executable, "-m", "indexer", "serve", "--index", str(built_root), "--host",
         "127.0.0.1", "--port", str(port), "--workers", "2", "--threads", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if _get(base + "/api/health")[0] == 200:
                break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("serve did not come up: " + proc.stdout.read().decode(errors="replace"))
        time.sleep(0.2)
    yield base, proc
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    proc.stdout.close()


def _workers(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True,
                         text=True, check=False).stdout
    return [int(x) for x in out.split()]


def test_serve_answers_from_several_processes(served) -> None:
    base, proc = served
    # The first worker answers /api/health while gunicorn may still be forking the second.
    deadline = time.monotonic() + 30
    while len(_workers(proc.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(_workers(proc.pid)) == 2
    status, headers, body = _get(base + "/api/search?q=" + quote("университет"))
    page = json.loads(body)
    assert status == 200 and page["ok"] and page["total"] > 0
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    status, _, body = _get(base + "/kk/search?q=" + quote("университеттің"))
    assert status == 200 and b"<mark" in body


def test_serve_closes_each_connection(served) -> None:
    # Not kept alive: a kept-alive client would stay with one worker process (see
    # webapp/server.py). A client that keeps its connection object just reconnects.
    base, _ = served
    conn = http.client.HTTPConnection(*base.removeprefix("http://").split(":"), timeout=30)
    for query in ("университет", "university", "universitet"):
        conn.request("GET", "/api/search?q=" + quote(query))
        response = conn.getresponse()
        assert response.status == 200 and json.loads(response.read())["total"] > 0
        assert response.getheader("Connection") == "close"
    conn.close()


def test_serve_never_shows_a_debugger(served) -> None:
    base, _ = served
    try:
        _get(base + "/api/search?q=" + "x" * 100_000)
    except urllib.error.HTTPError as exc:
        body = exc.read()
        assert exc.code < 500 or b"Traceback" not in body
        assert b"Werkzeug Debugger" not in body and b"Traceback" not in body


def test_serve_stops_cleanly_on_sigterm(served) -> None:
    base, proc = served
    workers = _workers(proc.pid)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 0
    for pid in workers:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
