"""Typed errors raised by the Qazsearch library.

Every error says what failed, where, and what to do. The CLI turns them into
``click.ClickException`` at one boundary; the web app maps them to HTTP codes.
"""

from __future__ import annotations

from typing import Any


def N_(template: str) -> str:
    """Mark ``template`` as a message the web app translates (the English text is the msgid)."""
    return template


class Message(str):
    """A message for people: the English text, plus its template and parameters.

    It is a ``str`` (the CLI prints it, JSON carries it); a UI translates
    ``template`` and fills in ``params`` with ``%``-formatting.
    """

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Message:
        self = super().__new__(cls, template % params if params else template)
        self.template = template
        self.params = params
        return self


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
    """The user's query or its parameters cannot be used (HTTP 400).

    ``QueryError(N_("'%(name)s' must be a number"), name="page")``: the
    message is a :class:`Message`, so the web app can translate it.
    """

    def __init__(self, template: str, **params: Any) -> None:
        self.message = Message(template, **params)
        super().__init__(str(self.message))


class IndexWriteError(QazsearchError):
    """A new generation could not be written (disk full, permissions...); nothing was published."""
