"""One settings table feeds the Flask config, the CLI and the caches, read when needed."""

from __future__ import annotations

import pytest

from indexer import default_index_dir, settings
from indexer.cache import LRUCache
from indexer.cli import cli
from indexer.errors import QazsearchError
from webapp import create_app


def test_every_setting_has_a_variable_and_help() -> None:
    assert len({s.variable for s in settings.SETTINGS}) == len(settings.SETTINGS)
    assert all(s.variable.startswith("QAZSEARCH_") and s.help for s in settings.SETTINGS)


@pytest.mark.parametrize(("key", "raw", "expected"),
                         [("RESULT_CACHE", "0", 0), ("TERM_CACHE", " 12 ", 12),
                          ("INDEX_DIR", "/srv/ix", "/srv/ix"), ("PER_PAGE", "", 10)])
def test_value_reads_the_environment_when_asked(monkeypatch: pytest.MonkeyPatch, key: str,
                                                raw: str, expected: object) -> None:
    monkeypatch.setenv(settings.BY_KEY[key].variable, raw)
    assert settings.value(key) == expected


def test_a_bad_number_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QAZSEARCH_POSTINGS_CACHE_MB", "lots")
    with pytest.raises(QazsearchError, match="QAZSEARCH_POSTINGS_CACHE_MB='lots'"):
        settings.value("POSTINGS_CACHE_MB")


def test_flask_config_and_cli_default_follow_the_table(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path) -> None:
    monkeypatch.setenv("QAZSEARCH_INDEX", str(tmp_path))
    monkeypatch.setenv("QAZSEARCH_RESULT_CACHE", "7")
    app = create_app({"TESTING": True})
    assert app.config["INDEX_DIR"] == str(tmp_path) == str(default_index_dir())
    assert app.config["RESULT_CACHE"] == 7


def test_a_cache_reads_its_budget_on_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    cache = LRUCache(lambda: settings.int_value("TERM_CACHE"), cost=lambda _v: 1)
    monkeypatch.setenv("QAZSEARCH_TERM_CACHE", "2")  # set after the cache was made
    for key in "abc":
        cache.put(key, key)
    assert cache.keys() == ["b", "c"] and cache.budget == 2


def test_settings_command_lists_the_table(runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QAZSEARCH_TERM_CACHE", "9")
    result = runner.invoke(cli, ["settings"])
    assert result.exit_code == 0
    assert "QAZSEARCH_TERM_CACHE=9   (set)" in result.output
    assert "QAZSEARCH_PER_PAGE=10\n" in result.output


@pytest.mark.parametrize(("budget", "kept"), [(0, ""), (1, "c"), (3, "abc"), (8, "abc")])
def test_lru_cache_keeps_the_most_recent_within_budget(budget: int, kept: str) -> None:
    cache = LRUCache(budget, cost=lambda _v: 1)
    for key in "abc":
        cache.put(key, key)
    assert "".join(cache.keys()) == kept


def test_lru_cache_refuses_one_entry_over_a_quarter_of_the_budget() -> None:
    cache = LRUCache(100, cost=len)
    cache.put("small", "x" * 25)
    cache.put("huge", "x" * 26)
    assert cache.keys() == ["small"] and cache.size == 25


def test_get_or_put_makes_a_missing_value_once() -> None:
    made = []
    cache = LRUCache(4, cost=lambda _v: 1)
    for _ in range(3):
        cache.get_or_put("k", lambda: made.append(1) or "v")
    assert made == [1] and cache.get("k") == "v"


def test_lru_cache_budget_can_be_lowered_at_once() -> None:
    cache = LRUCache(3, cost=lambda _v: 1)
    for key in "abc":
        cache.put(key, key)
    cache.budget = 1
    assert cache.keys() == ["c"]
    cache.budget = 0
    cache.put("d", "d")
    assert cache.keys() == []
