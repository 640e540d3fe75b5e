"""Jinja filters: dates in the UI language, university and language names."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal
from flask import Flask, request, url_for
from flask_babel import get_locale, gettext

from indexer.errors import Message
from indexer.extract.universities import display_name, names_of, resolve
from indexer.index.schema import FACETS
from indexer.search.filtervalues import language_code
from webapp.selection import search_url

LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


def news_date(value: date | str | None, locale: str | None = None) -> str:
    """The CLDR long date of the UI language: ``2023 ж. 12 қазан`` / ``12 октября 2023 г.`` /
    ``October 12, 2023``."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return str(value)
    loc = locale or str(get_locale() or "en")
    return format_date(value, "long", locale=loc)


def milliseconds(value: float) -> str:
    """A duration given in seconds, as milliseconds written the UI language's way: one
    decimal under 10 ms (0,4 / 6.2), whole numbers above (115)."""
    ms = value * 1000
    return format_decimal(ms, "0.0" if ms < 10 else "0", locale=str(get_locale() or "en"))


def university_name(uid: str, locale: str | None = None) -> str:
    """The university's name in the UI language."""
    return display_name(uid, locale or str(get_locale() or "en"))


def language_name(code: str) -> str:
    """A language's own name (Қазақша, Русский, English)."""
    return LANGUAGE_NAMES.get(code, code)


def locale_url(code: str) -> str:
    """This page in another interface language (same query and filters)."""
    endpoint = request.endpoint if request.endpoint and request.endpoint.startswith("web.") \
        else "web.home"
    if endpoint == "web.root":
        endpoint = "web.home"
    values = {k: v for k, v in (request.view_args or {}).items() if k != "lang_code"}
    if endpoint == "web.search_page":
        values.update({k: v for k, v in request.args.lists() if k != "lang_code"})
    return url_for(endpoint, lang_code=code, **values)


def translate(message: str) -> str:
    """A library message in the UI language (its English template is the msgid)."""
    if isinstance(message, Message):
        return gettext(message.template, **message.params)
    return message


def facet_label(facet: str, value: str) -> str:
    """How a facet value is shown: names for universities and languages."""
    if facet == "university":
        return university_name(resolve(value) or value)
    if facet == "lang":
        return language_name(language_code(value) or value)
    if facet == "acyear":
        return value.replace("-", "–")
    return value


def register(app: Flask) -> None:
    """Install the filters on ``app``."""
    app.add_template_global(locale_url, "locale_url")
    app.add_template_global(facet_label, "facet_label")
    app.add_template_global(names_of, "university_names")
    app.jinja_env.globals["facets"] = FACETS
    app.add_template_global(search_url, "search_url")
    app.context_processor(lambda: {"args": request.args})
    app.add_template_filter(news_date, "news_date")
    app.add_template_filter(university_name, "university_name")
    app.add_template_filter(language_name, "language_name")
    app.add_template_filter(translate, "translate")
    app.add_template_filter(milliseconds, "milliseconds")
