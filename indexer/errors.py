"""Typed errors raised by the Qazsearch library.

Every error says what failed, where, and what to do. The CLI turns them into
``click.ClickException`` at one boundary; the web app maps them to HTTP codes.
"""

from __future__ import annotations


class QazsearchError(Exception):
    """Base class of every error the library raises on purpose."""


class SourceError(QazsearchError):
    """A crawl source (folder, WARC, JSON lines) cannot be read at all."""


class ExtractionError(QazsearchError):
    """One page cannot be turned into an article (empty, binary, undecodable...).

    The pipeline reports the page with this message as the reason and goes on.
    """


class IndexNotFoundError(QazsearchError):
    """No index exists where one was expected."""


class IndexBusyError(QazsearchError):
    """Another process holds the index writer lock."""


class QueryError(QazsearchError):
    """The user's query or its parameters cannot be used (HTTP 400)."""


class IndexWriteError(QazsearchError):
    """A new generation could not be written (disk full, permissions...); nothing was published."""
