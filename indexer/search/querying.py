"""Parse the user's query string into a Whoosh query.

Words run against every language's title and body fields (each analysing
the word its own way) and the cross-script ``fold`` field; the words are
AND-ed. Quoted phrases go to the unstemmed ``exact`` field. Operators:
AND/OR/NOT and their Russian and Kazakh forms (И/ИЛИ/НЕ, ЖӘНЕ/НЕМЕСЕ/ЕМЕС),
``-word`` to exclude, ``word~`` fuzzy, ``pref*`` prefix.
"""

from __future__ import annotations

import re

from whoosh import qparser, query
from whoosh.fields import Schema
from whoosh.qparser import syntax

from indexer.errors import N_, QueryError
from indexer.index.schema import search_fields

MAX_QUERY_CHARS = 1000

_AND = r"(?<=\s)(?:AND|И|ЖӘНЕ)(?=\s)"
_OR = r"(?<=\s)(?:OR|ИЛИ|НЕМЕСЕ)(?=\s)"
_NOT = r"(^|(?<=(\s|[()])))(?:NOT|НЕ|ЕМЕС)(?=\s)"
_ANDNOT = r"(?<=\s)ANDNOT(?=\s)"
_ANDMAYBE = r"(?<=\s)ANDMAYBE(?=\s)"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class _ExactPhrasePlugin(qparser.Plugin):
    """Send unfielded "phrases" to the exact field before fields multiply."""

    def filters(self, parser: qparser.QueryParser) -> list[tuple[object, int]]:
        return [(self._route, 105)]

    def _route(self, parser: qparser.QueryParser, group: syntax.GroupNode) -> syntax.GroupNode:
        for node in group:
            if isinstance(node, syntax.GroupNode):
                self._route(parser, node)
            elif isinstance(node, qparser.PhrasePlugin.PhraseNode) and node.fieldname is None:
                node.set_fieldname("exact")
        return group


def make_parser(schema: Schema) -> qparser.QueryParser:
    """A parser for the query language over ``schema``."""
    boosts = search_fields()
    parser = qparser.MultifieldParser(list(boosts), schema, fieldboosts=boosts,
                                      group=qparser.AndGroup)
    # Only the title fields that querylang writes for "title:" may be named.
    parser.remove_plugin_class(qparser.FieldsPlugin)
    parser.add_plugin(qparser.FieldsPlugin(expr=r"(?P<text>title_(?:kk|ru|en)):(?=[^\s:])"))
    parser.remove_plugin_class(qparser.OperatorsPlugin)
    parser.add_plugin(qparser.OperatorsPlugin(And=_AND, Or=_OR, Not=_NOT, AndNot=_ANDNOT,
                                              AndMaybe=_ANDMAYBE))
    # Only a leading sign is an operator: "IT-школа" is one word, "-школа" excludes.
    parser.add_plugin(qparser.PlusMinusPlugin(plusexpr=r"(?:^|(?<=[\s(]))\+",
                                              minusexpr=r"(?:^|(?<=[\s(]))-"))
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(_ExactPhrasePlugin())
    return parser


def clean_query(text: str) -> str:
    """Drop control characters and direction marks; collapse whitespace.

    Raises:
        QueryError: The query is longer than MAX_QUERY_CHARS.
    """
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(N_("the query is too long (%(length)d characters; at most %(most)d)"),
                         length=len(text), most=MAX_QUERY_CHARS)
    return " ".join(_CONTROL.sub(" ", text).split())


def parse_query(parser: qparser.QueryParser, text: str) -> query.Query:
    """Parse ``text``; a query that means nothing raises :class:`QueryError`."""
    cleaned = clean_query(text)
    if not cleaned:
        raise QueryError(N_("the query is empty: type a word, a \"phrase\" or pick a filter"))
    try:
        parsed = parser.parse(cleaned)
    except Exception as exc:  # noqa: BLE001 - whoosh raises assorted errors on odd input
        raise QueryError(N_("could not understand the query %(query)r: %(reason)s"),
                         query=cleaned, reason=str(exc)) from exc
    parsed = parsed.normalize()
    if parsed is query.NullQuery or isinstance(parsed, query.NullQuery.__class__):
        raise QueryError(N_("the query %(query)r has no searchable words (only operators or "
                            "punctuation)"), query=cleaned)
    return parsed
