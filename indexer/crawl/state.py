"""What a crawl remembers between runs: an SQLite file in the ``--state`` folder.

Four tables:

* ``pages``: per URL, the validators of the last good fetch (ETag,
  Last-Modified), a hash of the body, the canonical URL, and the links found
  on it (so a page answered with 304 still leads to the pages it links to);
* ``runs``: one row per crawl run, with the WARC it writes and how many bytes
  of it are committed;
* ``frontier``: the URLs queued in a run and whether each is done;
* ``gone``: URLs answered 404 or 410, not asked again for :data:`RECHECK_GONE_DAYS`.

Every page is committed on its own (WAL journal), after its WARC records are
flushed, so a crawl killed at any moment resumes where it stopped: the WARC is
cut back to the committed length and the frontier's open URLs are fetched.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from indexer.errors import QazsearchError

LOGGER = logging.getLogger(__name__)
STATE_FILE = "crawl.sqlite"
#: A URL that answered 404/410 is asked again after this many days.
RECHECK_GONE_DAYS = 7

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, hash TEXT, canonical TEXT,
    links TEXT NOT NULL DEFAULT '[]', fetched_at TEXT);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, out TEXT NOT NULL, started TEXT NOT NULL, finished TEXT,
    committed INTEGER NOT NULL DEFAULT 0, report TEXT NOT NULL DEFAULT '{}');
CREATE TABLE IF NOT EXISTS frontier (
    run INTEGER NOT NULL, url TEXT NOT NULL, kind TEXT NOT NULL, seq INTEGER NOT NULL,
    done INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (run, url));
CREATE INDEX IF NOT EXISTS frontier_open ON frontier (run, done, seq);
CREATE TABLE IF NOT EXISTS gone (url TEXT PRIMARY KEY, status INTEGER, seen_at TEXT);
"""


@dataclass(frozen=True)
class Known:
    """What the state knows of one URL from its last good fetch."""

    etag: str | None
    last_modified: str | None
    hash: str | None
    canonical: str | None
    links: tuple[tuple[str, str], ...]
    fetched_at: str | None


@dataclass(frozen=True)
class Run:
    """One crawl run: its id, WARC path and the committed WARC length."""

    id: int
    out: Path
    committed: int
    resumed: bool


class CrawlState:
    """The crawl state of one ``--state`` folder (one process at a time).

    Args:
        folder: The state folder; created if missing.
    """

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(folder / STATE_FILE, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # survives kill -9; fsync at checkpoints
        self.db.executescript(_SCHEMA)
        self._seq = 0

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    def unfinished_out(self) -> Path | None:
        """The WARC of the latest interrupted run, if any."""
        row = self.db.execute("SELECT out FROM runs WHERE finished IS NULL "
                              "ORDER BY id DESC LIMIT 1").fetchone()
        return Path(row[0]) if row else None

    def open_run(self, out: Path) -> Run:
        """Resume the unfinished run writing ``out``, or start a new one.

        Raises:
            QazsearchError: ``out`` exists but is not an interrupted run of this
                state (a finished crawl is never appended to or overwritten).
        """
        out = out.resolve()
        row = self.db.execute(
            "SELECT id, committed FROM runs WHERE out = ? AND finished IS NULL "
            "ORDER BY id DESC LIMIT 1", (str(out),)).fetchone()
        if row is not None and (not out.exists() or out.stat().st_size < row[1]):
            LOGGER.warning("the interrupted crawl's WARC %s is gone or cut short; starting over",
                           out)
            self.db.execute("UPDATE runs SET finished = ?, report = ? WHERE id = ?",
                            (_now(), json.dumps({"abandoned": "WARC missing"}), row[0]))
            row = None
        if row is not None:
            seq = self.db.execute("SELECT MAX(seq) FROM frontier WHERE run = ?",
                                  (row[0],)).fetchone()[0]
            self._seq = seq or 0
            return Run(row[0], out, row[1], resumed=True)
        if out.exists():
            raise QazsearchError(f"'{out}' already exists and is not an interrupted crawl of "
                                 "this state; give each crawl its own --out")
        cur = self.db.execute("INSERT INTO runs (out, started) VALUES (?, ?)", (str(out), _now()))
        return Run(int(cur.lastrowid or 0), out, 0, resumed=False)

    def finish_run(self, run: Run, report: dict[str, object]) -> None:
        """Mark ``run`` complete and keep its report."""
        self.db.execute("UPDATE runs SET finished = ?, report = ? WHERE id = ?",
                        (_now(), json.dumps(report), run.id))

    def enqueue(self, run: Run, links: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Queue ``(url, kind)`` links in ``run``; returns those that were not queued yet."""
        with self.db:
            self.db.execute("BEGIN")
            return self._enqueue(run, links)

    def _enqueue(self, run: Run, links: list[tuple[str, str]]) -> list[tuple[str, str]]:
        added = []
        for url, kind in links:
            self._seq += 1
            cur = self.db.execute(
                "INSERT OR IGNORE INTO frontier (run, url, kind, seq) VALUES (?, ?, ?, ?)",
                (run.id, url, kind, self._seq))
            if cur.rowcount == 1:
                added.append((url, kind))
        return added

    def open_urls(self, run: Run) -> list[tuple[str, str]]:
        """The queued, not yet done ``(url, kind)`` of ``run``, in queue order."""
        return self.db.execute(
            "SELECT url, kind FROM frontier WHERE run = ? AND done = 0 ORDER BY seq",
            (run.id,)).fetchall()

    def is_done(self, run: Run, url: str) -> bool:
        """Whether ``url`` was already handled in ``run`` (e.g. reached by a redirect)."""
        row = self.db.execute("SELECT done FROM frontier WHERE run = ? AND url = ?",
                              (run.id, url)).fetchone()
        return bool(row and row[0])

    def known(self, url: str) -> Known | None:
        """The last good fetch of ``url``, if any."""
        row = self.db.execute(
            "SELECT etag, last_modified, hash, canonical, links, fetched_at FROM pages "
            "WHERE url = ?", (url,)).fetchone()
        if row is None:
            return None
        links = tuple((u, k) for u, k in json.loads(row[4]))
        return Known(row[0], row[1], row[2], row[3], links, row[5])

    def recently_gone(self, url: str) -> bool:
        """Whether ``url`` answered 404/410 less than :data:`RECHECK_GONE_DAYS` ago."""
        row = self.db.execute("SELECT seen_at FROM gone WHERE url = ?", (url,)).fetchone()
        if row is None:
            return False
        age = datetime.now(UTC) - datetime.fromisoformat(row[0])
        return age < timedelta(days=RECHECK_GONE_DAYS)

    def commit_page(self, run: Run, url: str, committed: int, page: Known | None,
                    links: list[tuple[str, str]], also_done: str | None = None,
                    gone: int | None = None) -> list[tuple[str, str]]:
        """Mark ``url`` done, store what was learnt, queue its links: all in one transaction.

        ``also_done`` is where ``url`` redirected to: it counts as fetched too,
        and ``page`` is what was learnt of it.
        ``gone`` is the status of a URL that answered 404 or 410.

        Returns:
            The links that were not queued in this run before.
        """
        with self.db:
            self.db.execute("BEGIN")
            added = self._enqueue(run, links)
            if also_done:
                self._enqueue(run, [(also_done, "page")])
            for done in (url, also_done):
                self.db.execute("UPDATE frontier SET done = 1 WHERE run = ? AND url = ?",
                                (run.id, done))
            self.db.execute("UPDATE runs SET committed = ? WHERE id = ?", (committed, run.id))
            if gone is not None:
                self.db.execute("INSERT OR REPLACE INTO gone VALUES (?, ?, ?)",
                                (url, gone, _now()))
            elif page is not None:
                self.db.execute("DELETE FROM gone WHERE url = ?", (url,))
            if page is not None:
                self.db.execute(
                    "INSERT OR REPLACE INTO pages (url, etag, last_modified, hash, canonical, "
                    "links, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (also_done or url, page.etag, page.last_modified, page.hash, page.canonical,
                     json.dumps([list(link) for link in page.links]), page.fetched_at))
        return added


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
