"""The ``qazsearch`` command line: thin adapters over the library."""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from indexer import INDEX_ENV_VAR, default_index_dir
from indexer.crawl.commands import crawl_command, refresh_command
from indexer.errors import QazsearchError
from indexer.index import generations
from indexer.models import FILTER_FIELDS, MAX_PER_PAGE, SORTS

if TYPE_CHECKING:
    from flask import Flask

SOURCE = click.Path(exists=True, path_type=Path)


class _Group(click.Group):
    """Turns library errors into ``Error: ...`` on stderr, exit 1, no traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QazsearchError as exc:
            raise click.ClickException(str(exc)) from exc


def _index_option(func: Any) -> Any:
    return click.option(
        "--index", "index_dir", type=click.Path(file_okay=False, path_type=Path),
        envvar=INDEX_ENV_VAR, default=None,
        help=f"Index root (default: ${INDEX_ENV_VAR}, else ./index).",
    )(func)


def _cores() -> int:
    """Cores this process may run on: the default of ``--jobs``."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _root(index_dir: Path | None) -> Path:
    return index_dir if index_dir is not None else default_index_dir()


@click.group(cls=_Group)
@click.option("-v", "--verbose", is_flag=True, help="Log every step.")
@click.version_option(package_name="qazsearch")
def cli(verbose: bool) -> None:
    """Qazsearch: search Kazakhstan's university news in Kazakh, Russian and English."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    if not verbose:  # one line per site about template blocks: only with -v
        for handler in logging.getLogger().handlers:
            handler.addFilter(_quiet_templates)
        # Libraries' own progress lines ("Loading dictionaries from ...") likewise.
        for name in _CHATTY_LIBRARIES:
            logging.getLogger(name).setLevel(logging.WARNING)


_CHATTY_LIBRARIES = ("pymorphy3", "httpx", "py4j", "usp")


def _quiet_templates(record: logging.LogRecord) -> bool:
    return not (record.levelno <= logging.INFO and record.getMessage().startswith("templates:"))


#: Skipped and failed pages named one by one after a build and by ``stats``.
SHOWN_PAGES = 20


def _report_file(root: Path, generation: str) -> Path:
    return generations.generations_dir(root) / generation / generations.REPORT


def _print_report(report: Any, root: Path) -> None:
    from indexer.index.report import describe_pages

    click.echo(report.table())
    where = str(_report_file(root, report.generation)) if report.published else ""
    for line in describe_pages(report.skipped, limit=SHOWN_PAGES, where=where):
        click.echo(line)
    if not report.published:
        click.echo(f"nothing changed; generation {report.generation} stays live")
        return
    click.echo(f"generation {report.generation}: {report.documents} documents "
               f"in {report.seconds:.1f} s ({report.mode})")
    for failure in report.failures[:20]:
        click.echo(f"  failed  {failure['origin']}: {failure['reason']}", err=True)
    if len(report.failures) > 20:
        click.echo(f"  ... and {len(report.failures) - 20} more failures (see report.json)",
                   err=True)


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=SOURCE)
@_index_option
@click.option("--jobs", type=click.IntRange(1, 64), default=_cores,
              show_default="the number of cores", help="Extraction worker processes.")
@click.option("--keep", type=click.IntRange(min=1), default=generations.KEEP_DEFAULT,
              show_default=True, help="Generations to keep for rollback.")
@click.option("--force", is_flag=True, help="Publish even if validation fails.")
@click.option("--shards", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Whoosh shards, written in parallel and searched as one index.")
@click.option("--runner", type=click.Choice(["local", "spark"]), default="local",
              show_default=True, help="Run extraction here or as Spark jobs.")
@click.option("--spark-master", envvar="QAZSEARCH_SPARK_MASTER", default=None,
              help="Spark master URL (default local[*]).")
def build(sources: tuple[Path, ...], index_dir: Path | None, jobs: int, keep: int,
          force: bool, shards: int, runner: str, spark_master: str | None) -> None:
    """Build a new index generation from SOURCES (folders, .warc(.gz), .jsonl)."""
    from indexer.index.build import build_index

    root = _root(index_dir)
    with _extracted(list(sources), runner, spark_master) as items:
        _print_report(build_index(list(sources), root, jobs=jobs, keep=keep, force=force,
                                  shards=shards, items=items), root)


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=SOURCE)
@_index_option
@click.option("--prune", is_flag=True,
              help="Remove articles of the crawled sites that are missing from the crawl.")
@click.option("--jobs", type=click.IntRange(1, 64), default=_cores,
              show_default="the number of cores", help="Extraction worker processes.")
@click.option("--keep", type=click.IntRange(min=1), default=generations.KEEP_DEFAULT,
              show_default=True, help="Generations to keep for rollback.")
@click.option("--force", is_flag=True, help="Publish even if validation fails.")
@click.option("--runner", type=click.Choice(["local", "spark"]), default="local",
              show_default=True, help="Run extraction here or as Spark jobs.")
@click.option("--spark-master", envvar="QAZSEARCH_SPARK_MASTER", default=None,
              help="Spark master URL (default local[*]).")
def update(sources: tuple[Path, ...], index_dir: Path | None, prune: bool, jobs: int,
           keep: int, force: bool, runner: str, spark_master: str | None) -> None:
    """Bring the live index up to date with a new crawl in SOURCES."""
    from indexer.index.build import update_index

    root = _root(index_dir)
    with _extracted(list(sources), runner, spark_master) as items:
        _print_report(update_index(list(sources), root, prune=prune, jobs=jobs, keep=keep,
                                   force=force, items=items), root)


@contextmanager
def _extracted(sources: list[Path], runner: str, master: str | None) -> Iterator[Any]:
    """None for the local runner; else the Spark runner's articles, read back from Parquet."""
    if runner == "local":
        yield None
        return
    from indexer.extract.sources import check_sources
    from indexer.extract.spark_runner import read_extracted, spark_extract

    check_sources(sources)
    with tempfile.TemporaryDirectory(prefix="qazsearch-spark-") as tmp:
        yield read_extracted(spark_extract(sources, Path(tmp) / "extracted", master=master))


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=SOURCE)
@click.option("--no-templates", is_flag=True, help="Skip crawl-level template learning.")
def extract(sources: tuple[Path, ...], no_templates: bool) -> None:
    """Print one JSON object per page of SOURCES (failures go to stderr)."""
    from indexer.extract.pipeline import extract_sources
    from indexer.models import PageFailure

    for item in extract_sources(list(sources), use_templates=not no_templates):
        if isinstance(item, PageFailure):
            click.echo(f"skipped {item.origin}: {item.reason}", err=True)
            continue
        row = {
            "url": item.url, "title": item.title, "text": item.text,
            "date": item.date.isoformat() if item.date else None, "lang": item.lang,
            "university": item.university, "alternates": dict(item.alternates),
            "site": item.site, "is_article": item.is_article, "skip_reason": item.skip_reason,
            "fingerprint": item.fingerprint,
        }
        click.echo(json.dumps(row, ensure_ascii=False))


def _facet_options(func: Any) -> Any:
    """One repeatable ``--<facet>`` option per facet (the schema's FACETS, in order);
    the library checks the values, with the web app's messages."""
    for facet, field in reversed(FILTER_FIELDS.items()):
        func = click.option(f"--{facet}", field, multiple=True,
                            help=_FACET_HELP.get(facet, "Filter (repeatable)."))(func)
    return func


_FACET_HELP = {"acyear": "Academic year, e.g. 2023-2024 (repeatable).",
               "lang": "kk, ru or en (repeatable)."}


@cli.command()
@click.argument("query", default="")
@_facet_options
@click.option("--date-from", type=click.DateTime(["%Y-%m-%d"]), default=None)
@click.option("--date-to", type=click.DateTime(["%Y-%m-%d"]), default=None)
@click.option("--page", type=int, default=1, show_default=True)
@click.option("--per-page", type=int, default=10, show_default=True,
              help=f"At most {MAX_PER_PAGE}.")
@click.option("--sort", default="recency", show_default=True, help=" | ".join(SORTS))
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON object.")
@_index_option
def search(query: str, date_from: Any, date_to: Any, page: int, per_page: int, sort: str,
           as_json: bool, index_dir: Path | None, **filters: Any) -> None:
    """Search the index for QUERY (query language as in the web UI)."""
    from indexer.models import SearchRequest
    from indexer.search.live import LiveIndex
    from indexer.search.searching import page_to_dict
    from indexer.search.searching import search as run_search

    live = LiveIndex(_root(index_dir))
    request = SearchRequest(query=query, date_from=date_from.date() if date_from else None,
                            date_to=date_to.date() if date_to else None, page=page,
                            per_page=per_page, sort=sort, **filters)
    with live.searcher() as searcher:
        result = run_search(searcher, request, generation=live.searched_generation())
    if as_json:
        click.echo(json.dumps(page_to_dict(result), ensure_ascii=False, indent=2))
        return
    for notice in result.notices:
        click.echo(f"note: {notice}", err=True)
    if result.suggestion:
        click.echo(f"did you mean: {result.suggestion}", err=True)
    click.echo(f"{result.total} results")
    for number, hit in enumerate(result.hits, start=(page - 1) * per_page + 1):
        when = hit.date.isoformat() if hit.date else "----------"
        click.echo(f"{number:>3}. [{hit.lang}] {when} {hit.university}: {hit.title}")
        click.echo(f"     {hit.url}")


@cli.command()
@_index_option
@click.option("--json", "as_json", is_flag=True)
def stats(index_dir: Path | None, as_json: bool) -> None:
    """Show documents per university, language and year, and the pages the last build or
    update left out (skipped and failed, with reasons)."""
    from indexer.index.report import describe_pages
    from indexer.search.live import LiveIndex
    from indexer.search.stats import index_stats

    live = LiveIndex(_root(index_dir))
    with live.searcher() as searcher:
        data = index_stats(searcher, live.root, live.searched_generation())
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"generation {data['generation']}: {data['documents']} documents")
    for facet, counts in data["by"].items():
        click.echo(f"{facet}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    report = data["last_update"]
    if not report:
        return
    where = str(_report_file(live.root, data["generation"]))
    totals = report.get("totals", {})
    click.echo(f"last {report.get('mode', 'build')}: " + ", ".join(
        f"{status} {totals.get(status, 0)}" for status in ("new", "changed", "unchanged",
                                                            "removed", "skipped", "failed")))
    for label, key in (("skipped", "skipped"), ("failed", "failures")):
        for line in describe_pages(report.get(key, []), limit=SHOWN_PAGES, where=where,
                                   label=label):
            click.echo(line)


@cli.command()
@_index_option
def rollback(index_dir: Path | None) -> None:
    """Switch the live pointer back to the previous generation."""
    from indexer.index.locking import writer_lock

    root = _root(index_dir)
    with writer_lock(root):
        previous = generations.previous_generation(root)
        if previous is None:
            raise click.ClickException(f"no older generation to roll back to in '{root}'")
        was = generations.current_name(root)
        generations.publish(root, generations.generations_dir(root) / previous)
    click.echo(f"live generation is now {previous} (forward again: qazsearch use {was})")


@cli.command()
@click.argument("generation")
@_index_option
def use(generation: str, index_dir: Path | None) -> None:
    """Make GENERATION the live one (e.g. forward again after a rollback)."""
    from indexer.index.locking import writer_lock

    root = _root(index_dir)
    with writer_lock(root):
        names = [n for n in generations.list_generations(root)
                 if generations.is_complete(root, n)]
        if generation not in names:
            raise click.ClickException(
                f"no complete generation {generation!r} in '{root}'; "
                f"use one of: {', '.join(names) or 'none'}")
        generations.publish(root, generations.generations_dir(root) / generation)
    click.echo(f"live generation is now {generation}")


@cli.command()
@_index_option
@click.option("--keep", type=click.IntRange(min=1), default=generations.KEEP_DEFAULT,
              show_default=True, help="Generations to keep.")
def gc(index_dir: Path | None, keep: int) -> None:
    """Remove old generations (never the live one)."""
    from indexer.index.locking import writer_lock

    root = _root(index_dir)
    with writer_lock(root):
        removed = generations.collect_garbage(root, keep=keep)
    names = ": " + ", ".join(removed) if removed else ""
    click.echo(f"removed {len(removed)} generation(s){names}")


@cli.command()
@_index_option
@click.option("--to", "target", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Index root to publish to (e.g. on a web host's disk).")
@click.option("--generation", default=None, help="Generation to publish (default: the live one).")
def publish(index_dir: Path | None, target: Path, generation: str | None) -> None:
    """Copy a generation to another index root and make it live there atomically."""
    from indexer.index.locking import writer_lock

    root = _root(index_dir)
    name = generation or generations.current_dir(root).name
    with writer_lock(target):
        copied = generations.copy_generation(root, name, target)
        generations.publish(target, copied)
        generations.collect_garbage(target)
    click.echo(f"{name} is live in {target}")


@cli.command()
@_index_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=5000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Server processes (default: one per CPU core).")
@click.option("--threads", type=click.IntRange(1, 64), default=4, show_default=True,
              help="Threads per server process.")
def serve(index_dir: Path | None, host: str, port: int, workers: int | None,
          threads: int) -> None:
    """Serve the search UI and API with a production WSGI server (gunicorn)."""
    from indexer.search.live import LiveIndex
    from webapp import create_app, server

    root = _root(index_dir)

    def factory() -> Flask:
        # Never debug or testing in production, whatever the environment says.
        app = create_app({"INDEX_DIR": str(root), "DEBUG": False, "TESTING": False,
                          "PROPAGATE_EXCEPTIONS": False})
        app.debug = False
        return app

    factory()  # fail here, before forking, if the configuration is broken
    LiveIndex(root).warm()  # the workers inherit the columns read here
    count = workers or server.default_workers()
    click.echo(f"Serving Qazsearch on http://{host}:{port}/ (index: {root}; "
               f"{count} process(es) x {threads} threads)")
    server.run(factory, host=host, port=port, workers=count, threads=threads)


@cli.command("settings")
def settings_command() -> None:
    """List every setting: its environment variable, default, current value and use."""
    from indexer import settings

    for setting in settings.SETTINGS:
        now = settings.value(setting.key)
        mark = "" if now == setting.default else "   (set)"
        click.echo(f"{setting.variable}={now}{mark}\n    {setting.help}; default "
                   f"{setting.default!r}")


cli.add_command(crawl_command)
cli.add_command(refresh_command)
