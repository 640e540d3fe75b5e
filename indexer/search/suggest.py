""""Did you mean": spelling suggestions from the index's own vocabulary."""

from __future__ import annotations

from whoosh import qparser
from whoosh.searching import Searcher

#: Only words at least this long are corrected (short ones are too ambiguous).
MIN_WORD = 4


def suggest(searcher: Searcher, text: str) -> str:
    """A corrected query string, or "" when every word is known.

    Words are checked against the unstemmed ``exact`` field, so the
    suggestion is a real word form that occurs in the index.
    """
    words = [w for w in text.split() if not any(c in w for c in '":*~()')]
    if not words or "exact" not in searcher.schema:
        return ""
    parser = qparser.QueryParser("exact", searcher.schema, group=qparser.AndGroup)
    plain = " ".join(words)
    try:
        parsed = parser.parse(plain)
        corrected = searcher.correct_query(parsed, plain, maxdist=2, prefix=1)
    except Exception:  # noqa: BLE001 - a suggestion is optional; never fail the search
        return ""
    if corrected.query == parsed:
        return ""
    fixed = corrected.string
    if fixed.lower() == plain.lower() or any(len(w) < MIN_WORD for w in words
                                             if w.lower() not in fixed.lower()):
        return ""
    return fixed
