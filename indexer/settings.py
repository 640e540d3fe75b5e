"""The settings table: every tunable of the product, its default, environment variable
and meaning, in one place.

The Flask config (``create_app``), the command line (``--index``'s default,
``qazsearch settings``) and the per-process caches all read their values here, when
they need them: nothing reads the environment at import time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from indexer.errors import QazsearchError

PREFIX = "QAZSEARCH_"


@dataclass(frozen=True)
class Setting:
    """One setting.

    Attributes:
        key: Its name in the Flask config and in this table.
        default: The value when the environment does not set it (its type is the
            setting's type).
        help: What it does, for ``qazsearch settings`` and the README.
        env: The environment variable (default ``QAZSEARCH_<key>``).
    """

    key: str
    default: int | str
    help: str
    env: str = ""

    @property
    def variable(self) -> str:
        """The environment variable that sets it."""
        return self.env or PREFIX + self.key


SETTINGS: tuple[Setting, ...] = (
    Setting("INDEX_DIR", "index", "index root (generations and the live pointer)",
            env="QAZSEARCH_INDEX"),
    Setting("PER_PAGE", 10, "results per page when the request does not say"),
    Setting("MAX_PER_PAGE", 100, "the most results a page or an API call may ask for"),
    Setting("EXPORT_MAX", 10_000, "the most rows a CSV or JSON export returns"),
    Setting("RESULT_CACHE", 512, "search answers kept per web process (0 = none)"),
    Setting("TERM_CACHE", 50_000, "term-dictionary entries kept per process, about 400 "
            "bytes each (0 = none)"),
    Setting("POSTINGS_CACHE_MB", 96, "decoded posting lists kept per process, in MiB; "
            "positions get a quarter of it more (0 = none)"),
    Setting("DOCUMENT_CACHE_MB", 32, "stored fields of shown articles kept per process, "
            "in MiB (0 = none)"),
    Setting("SPARK_MASTER", "", "Spark master URL for --runner spark (empty: local[*])"),
    Setting("CRAWL_CONTACT", "", "contact URL or e-mail in the crawler's User-Agent"),
)
BY_KEY = {s.key: s for s in SETTINGS}


def value(key: str) -> int | str:
    """The setting's value now: its environment variable, else its default.

    Raises:
        KeyError: No such setting.
        QazsearchError: The variable is set to something of the wrong type.
    """
    setting = BY_KEY[key]
    raw = os.environ.get(setting.variable, "").strip()
    if not raw:
        return setting.default
    if isinstance(setting.default, int):
        try:
            return int(raw)
        except ValueError:
            raise QazsearchError(f"{setting.variable}={raw!r} is not a whole number "
                                 f"({setting.help})") from None
    return raw


def int_value(key: str) -> int:
    """:func:`value` of a whole-number setting."""
    found = value(key)
    assert isinstance(found, int), key
    return found


def current() -> dict[str, int | str]:
    """Every setting's value now, by key (what the Flask config starts from)."""
    return {s.key: value(s.key) for s in SETTINGS}
