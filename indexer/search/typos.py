"""Typo tolerance: a word that matches nothing is searched with its close spellings.

As in Meilisearch, a word of 5 to 8 letters may have one typo and a longer
word two (shorter words none); the first letter is trusted. The spellings come
from the unstemmed ``exact`` field, so they are word forms the index holds.
"""

from __future__ import annotations

import re

from whoosh.searching import Searcher
from whoosh.support.levenshtein import damerau_levenshtein

from indexer.errors import QueryError
from indexer.search.querying import make_parser, parse_query

#: Close spellings searched per word, the closest first.
MAX_SPELLINGS = 5
_PLAIN = re.compile(r"[^\W\d_][\w'’-]*")


def typo_budget(word: str) -> int:
    """How many typos a word of this length may have: 0, 1 (5+ letters) or 2 (9+)."""
    return 2 if len(word) >= 9 else 1 if len(word) >= 5 else 0


def close_spellings(searcher: Searcher, text: str) -> tuple[str, dict[str, list[str]]]:
    """``text`` with every plain word that matches nothing replaced by
    ``(word OR spelling ...)``, and the spellings found per word.

    Phrases, fields, operators and words in capitals (AND, ИЛИ, acronyms)
    are left alone.
    """
    if "exact" not in searcher.schema or '"' in text:
        return text, {}
    parser = make_parser(searcher.schema)
    reader = searcher.reader()
    out, found = [], {}
    for token in text.split():
        budget = typo_budget(token)
        if not budget or token.isupper() or not _PLAIN.fullmatch(token) \
                or _matches(searcher, parser, token):
            out.append(token)
            continue
        low = token.lower()
        near = {t for t in reader.terms_within("exact", low, budget, prefix=1) if t != low}
        spellings = sorted(near, key=lambda t: (damerau_levenshtein(t, low), t))[:MAX_SPELLINGS]
        if spellings:
            found[token] = spellings
            out.append("(" + " OR ".join([token, *spellings]) + ")")
        else:
            out.append(token)
    return " ".join(out), found


def _matches(searcher: Searcher, parser: object, word: str) -> bool:
    try:
        parsed = parse_query(parser, word)  # type: ignore[arg-type]
    except QueryError:
        return True  # nothing to correct
    return any(True for _ in parsed.docs(searcher))
