"""The fixed benchmark query set, drawn from the indexed documents by seed.

Classes (320 queries by default): ``1w``, ``2w``, ``3w`` (words of one
document, so the AND has matches), ``phrase`` (2-3 consecutive words in
quotes) and ``filtered`` (1-2 words plus university / language / year
filters). Words are 4+ letters, taken from the body text of a random
document; the same seed on the same corpus gives the same queries.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from indexer.models import SearchRequest

CLASSES = {"1w": 80, "2w": 70, "3w": 50, "phrase": 60, "filtered": 60}
_WORD = re.compile(r"[^\W\d_]{4,}")


@dataclass(frozen=True)
class BenchQuery:
    """One query of the set: its class, text and facet filters."""

    cls: str
    text: str
    universities: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    years: tuple[str, ...] = ()

    def request(self) -> SearchRequest:
        """The product's request for this query (default sort and page size)."""
        return SearchRequest(query=self.text, universities=self.universities, langs=self.langs,
                             years=self.years)

    def params(self) -> list[tuple[str, str]]:
        """Query-string parameters of ``/api/search``."""
        pairs = [("q", self.text)]
        pairs += [("university", v) for v in self.universities]
        pairs += [("lang", v) for v in self.langs]
        pairs += [("year", v) for v in self.years]
        return pairs


def _words(doc: dict[str, Any]) -> list[str]:
    return [w.lower() for w in _WORD.findall(doc.get("text") or "")]


def make_queries(docs: Sequence[dict[str, Any]], seed: int = 7,
                 classes: dict[str, int] | None = None) -> list[BenchQuery]:
    """The query set for ``docs`` (stored fields: text, lang, university, year).

    Raises:
        ValueError: ``docs`` is empty.
    """
    if not docs:
        raise ValueError("no documents to draw queries from")
    rng = random.Random(seed)
    out: list[BenchQuery] = []
    for cls, count in (classes or CLASSES).items():
        made = 0
        tries = 0
        while made < count and tries < count * 50:
            tries += 1
            doc = docs[rng.randrange(len(docs))]
            words = _words(doc)
            if len(words) < 10:
                continue
            query = _one(cls, doc, words, rng)
            if query is not None:
                out.append(query)
                made += 1
    return out


def _one(cls: str, doc: dict[str, Any], words: list[str],
         rng: random.Random) -> BenchQuery | None:
    if cls == "phrase":
        size = rng.choice((2, 3))
        tokens = (doc.get("text") or "").split()
        if len(tokens) <= size:
            return None
        start = rng.randrange(len(tokens) - size)
        chunk = [re.sub(r"[^\w-]", "", t) for t in tokens[start:start + size]]
        if not all(chunk) or any(c.isdigit() for c in chunk):
            return None
        return BenchQuery(cls, '"' + " ".join(chunk).lower() + '"')
    if cls == "filtered":
        text = " ".join(rng.sample(words, rng.choice((1, 2))))
        universities = (doc["university"],) if rng.random() < 0.7 else ()
        langs = (doc["lang"],) if rng.random() < 0.5 else ()
        years = (doc["year"],) if doc.get("year") and rng.random() < 0.4 else ()
        if not (universities or langs or years):
            langs = (doc["lang"],)
        return BenchQuery(cls, text, universities, langs, years)
    size = int(cls[0])
    return BenchQuery(cls, " ".join(rng.sample(words, size)))
