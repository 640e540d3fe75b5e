"""The qazsearch command line, through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.cli import cli


def test_search_json_is_the_api_object(runner, built_root: Path) -> None:
    result = runner.invoke(cli, ["search", "университет", "--json", "--index", str(built_root)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["ok"] is True and data["total"] > 0
    assert set(data["facets"]) == {"university", "year", "acyear", "lang"}


def test_search_filters_repeat(runner, built_root: Path) -> None:
    result = runner.invoke(cli, ["search", "university", "--lang", "en", "--year", "2023",
                                 "--year", "2024", "--json", "--index", str(built_root)])
    data = json.loads(result.output)
    assert data["results"]
    assert {r["lang"] for r in data["results"]} == {"en"}
    assert {r["date"][:4] for r in data["results"]} <= {"2023", "2024"}


def test_search_text_output(runner, built_root: Path) -> None:
    result = runner.invoke(cli, ["search", "university", "--index", str(built_root)])
    assert result.exit_code == 0
    assert result.output.splitlines()[0].endswith("results")


def test_search_without_index_is_a_clear_error(runner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["search", "x", "--index", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "Error: no index in" in result.output
    assert "Traceback" not in result.output


def test_search_bad_query_is_a_clear_error(runner, built_root: Path) -> None:
    result = runner.invoke(cli, ["search", "", "--index", str(built_root)])
    assert result.exit_code == 1
    assert "Error: the query is empty" in result.output


def test_index_env_var_is_the_default(runner, built_root: Path) -> None:
    result = runner.invoke(cli, ["stats", "--json"], env={"QAZSEARCH_INDEX": str(built_root)})
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["documents"] > 100


def test_build_missing_source(runner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["build", str(tmp_path / "nope"), "--index", str(tmp_path)])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_extract_prints_one_object_per_page(runner, corpus_dir: Path) -> None:
    site = sorted(p for p in corpus_dir.iterdir() if p.is_dir())[0]
    result = runner.invoke(cli, ["extract", str(site)])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows
    for row in rows:
        assert set(row) >= {"url", "title", "text", "date", "lang", "university", "alternates"}
        assert row["is_article"] == (row["skip_reason"] == "")
    assert any(row["skip_reason"].startswith("listing: ") for row in rows)


def test_build_update_rollback_gc(runner, corpus_dir: Path, tmp_path: Path) -> None:
    site = sorted(p for p in corpus_dir.iterdir() if p.is_dir())[0]
    root = tmp_path / "ix"
    built = runner.invoke(cli, ["build", str(site), "--index", str(root)])
    assert built.exit_code == 0, built.output
    assert "TOTAL" in built.output
    again = runner.invoke(cli, ["update", str(site), "--index", str(root)])
    assert again.exit_code == 0, again.output
    totals = again.output.split("TOTAL")[1].split()
    assert totals[:3] == ["0", "0", totals[2]] and int(totals[2]) > 0  # new, changed, unchanged
    assert "nothing changed" in again.output
    nothing_older = runner.invoke(cli, ["rollback", "--index", str(root)])
    assert nothing_older.exit_code == 1 and "no older generation" in nothing_older.output
    rebuilt = runner.invoke(cli, ["build", str(site), "--index", str(root)])
    assert rebuilt.exit_code == 0
    back = runner.invoke(cli, ["rollback", "--index", str(root)])
    assert back.exit_code == 0 and "live generation is now" in back.output
    collected = runner.invoke(cli, ["gc", "--keep", "1", "--index", str(root)])
    assert collected.exit_code == 0


def test_search_bad_filter_value_is_a_clear_error(runner, built_root: Path) -> None:
    result = runner.invoke(cli, ["search", "университет", "--university", "harvard",
                                 "--index", str(built_root)])
    assert result.exit_code == 1
    assert "Error: unknown university 'harvard'" in result.output
    assert "kaznu" in result.output
    assert "0 results" not in result.output


def test_use_goes_forward_after_a_rollback(runner, corpus_dir: Path, tmp_path: Path) -> None:
    from indexer.index import generations

    site = sorted(p for p in corpus_dir.iterdir() if p.is_dir())[0]
    root = tmp_path / "ix"
    for _ in range(2):
        assert runner.invoke(cli, ["build", str(site), "--index", str(root)]).exit_code == 0
    newest = generations.current_name(root)
    back = runner.invoke(cli, ["rollback", "--index", str(root)])
    assert back.exit_code == 0 and f"forward again: qazsearch use {newest}" in back.output
    assert generations.current_name(root) != newest
    forward = runner.invoke(cli, ["use", newest, "--index", str(root)])
    assert forward.exit_code == 0 and forward.output == f"live generation is now {newest}\n"
    assert generations.current_name(root) == newest
    wrong = runner.invoke(cli, ["use", "nope", "--index", str(root)])
    assert wrong.exit_code == 1 and "no complete generation 'nope'" in wrong.output
    assert newest in wrong.output


def test_template_lines_are_logged_only_with_verbose() -> None:
    import logging

    from indexer.cli import _quiet_templates

    def record(level: int, message: str) -> logging.LogRecord:
        return logging.LogRecord("indexer.extract.templates", level, __file__, 1, message,
                                 None, None)

    assert not _quiet_templates(record(logging.INFO, "templates: a.kz: 3 pages, 2 template blocks"))
    assert _quiet_templates(record(logging.INFO, "published g2 with 3 documents"))
    assert _quiet_templates(record(logging.WARNING, "templates: something went wrong"))


@pytest.mark.parametrize(("args", "message"), [
    (["--sort", "bogus"], "Error: unknown sort 'bogus'; use one of recency, relevance, newest"),
    (["--per-page", "0"], "Error: 'per_page' must be between 1 and 100"),
    (["--page", "2000"], "Error: 'page' must be between 1 and 1000"),
    (["--lang", "fr"], "Error: unknown language 'fr'; use kk, ru or en"),
])
def test_search_parameters_are_checked_by_the_library(runner, built_root: Path, args: list[str],
                                                      message: str) -> None:
    """The CLI reports the same messages as the API (indexer.search.searching.validate)."""
    result = runner.invoke(cli, ["search", "университет", *args, "--index", str(built_root)])
    assert result.exit_code == 1
    assert result.output.strip() == message
