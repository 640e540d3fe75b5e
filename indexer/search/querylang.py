"""Field syntax in the query string: ``university:``, ``lang:``, ``year:``, ``date:``, ``title:``.

``university:enu lang:kk year:2023 date:2023-09..2024-06 title:грант`` — the
filter fields are taken out of the text and merged with the request's
filters; ``title:`` is rewritten into the three title fields; any other
``word:`` is searched as text with a notice. Nothing here raises: a bad
value becomes a notice and the rest of the query still runs.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from indexer.errors import N_, Message
from indexer.index.schema import LANGUAGES, title_field
from indexer.search.filtervalues import language_code, years_of

FILTER_FIELDS = ("university", "lang", "year", "date")
_FIELD = re.compile(r'(?<![\w:])(?P<name>[^\W\d_][\w]*):(?P<value>"[^"]*"|\([^)]*\)|[^\s()"]+)?')
_PART = r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?"
_RANGE = re.compile(rf"^(?:{_PART})?(?:\.\.(?:{_PART})?)?$")
_ALIASES = {"университет": "university", "университеті": "university", "тіл": "lang",
            "язык": "lang", "жыл": "year", "год": "year", "күні": "date", "дата": "date",
            "тақырып": "title", "заголовок": "title"}


@dataclass
class ParsedFilters:
    """What the field syntax of one query string asked for."""

    text: str
    universities: list[str] = field(default_factory=list)
    langs: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    date_from: date | None = None
    date_to: date | None = None
    notices: list[Message] = field(default_factory=list)


def split_filters(query: str) -> ParsedFilters:
    """Take the filter fields out of ``query`` and rewrite ``title:``."""
    result = ParsedFilters(text="")
    pieces: list[str] = []
    last = 0
    for match in _FIELD.finditer(query):
        pieces.append(query[last:match.start()])
        last = match.end()
        name = _ALIASES.get(match["name"].lower(), match["name"].lower())
        value = (match["value"] or "").strip()
        pieces.append(_apply(result, name, value, match.group(0)))
    pieces.append(query[last:])
    result.text = " ".join("".join(pieces).split())
    return result


def _apply(result: ParsedFilters, name: str, value: str, original: str) -> str:
    if not value:
        result.notices.append(Message(N_("'%(name)s:' needs a value, e.g. %(name)s:%(example)s"),
                                      name=name, example=_example(name)))
        return " "
    if name == "title":
        return _title(value)
    if name not in FILTER_FIELDS:
        result.notices.append(Message(N_("unknown field '%(name)s:' — searched as words; fields "
                                         "are title:, university:, lang:, year:, date:"),
                                      name=name))
        return f" {name} {value} "
    values = [v for v in re.split(r"[,\s]+", value.strip('"()')) if v]
    if name == "university":
        result.universities.extend(values)
    elif name == "lang":
        _langs(result, values)
    elif name == "year":
        _years(result, values)
    else:
        _dates(result, value.strip('"()'))
    return " "


def _title(value: str) -> str:
    words = value.strip('"()').split()
    if not words:
        return " "
    per_field = []
    for lang in LANGUAGES:
        per_field.append("(" + " AND ".join(f"{title_field(lang)}:{_quote(w)}" for w in words)
                         + ")")
    return " (" + " OR ".join(per_field) + ") "


def _quote(word: str) -> str:
    return "'" + word.replace("'", "") + "'" if re.search(r"[^\w*?~-]", word) else word


def _langs(result: ParsedFilters, values: list[str]) -> None:
    for value in values:
        code = language_code(value)
        if code:
            result.langs.append(code)
        else:
            result.notices.append(Message(N_("unknown language %(value)r in lang: — use kk, "
                                             "ru or en"), value=value))


def _years(result: ParsedFilters, values: list[str]) -> None:
    for value in values:
        found = years_of(value)
        if found:
            result.years.extend(found)
        else:
            result.notices.append(Message(N_("year:%(value)s is not a year — use e.g. "
                                             "year:2023 or year:2021..2023"), value=value))


def _dates(result: ParsedFilters, value: str) -> None:
    match = _RANGE.match(value)
    bounds = None
    if match and any(match.groups()):
        try:
            low = _bound(match.groups()[:3], start=True)
            high = _bound(match.groups()[3:], start=False) if ".." in value else \
                _bound(match.groups()[:3], start=False)
            bounds = (low, high)
        except ValueError:
            bounds = None
    if bounds is None or (bounds[0] and bounds[1] and bounds[0] > bounds[1]):
        result.notices.append(Message(N_("date:%(value)s is not a date range — use e.g. "
                                         "date:2023-09..2024-06 or date:2024"), value=value))
        return
    result.date_from, result.date_to = bounds


def _bound(parts: tuple[str | None, ...], *, start: bool) -> date | None:
    year, month, day = parts
    if year is None:
        return None
    y, m = int(year), int(month) if month else (1 if start else 12)
    d = int(day) if day else (1 if start else calendar.monthrange(y, m)[1])
    return date(y, m, d)


def _example(name: str) -> str:
    return {"university": "enu", "lang": "kk", "year": "2023", "date": "2023-09..2024-06",
            "title": "грант"}.get(name, "value")
