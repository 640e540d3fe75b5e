"""The ``qazsearch crawl`` and ``qazsearch refresh`` commands (registered by :mod:`indexer.cli`)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from indexer import INDEX_ENV_VAR, default_index_dir


def _crawl_options(func: Any) -> Any:
    options = [
        click.argument("urls", nargs=-1),
        click.option("--state", "state_dir", required=True,
                     type=click.Path(file_okay=False, path_type=Path),
                     help="Folder where the crawl keeps what it knows between runs."),
        click.option("--university", "universities", multiple=True,
                     help="Crawl this registered university's news (repeatable)."),
        click.option("--all", "all_universities", is_flag=True,
                     help="Crawl every registered university's news."),
        click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True,
                     help="Seconds between requests to one host (robots.txt may ask more)."),
        click.option("--max-pages", type=click.IntRange(min=1), default=None,
                     help="Stop after this many URLs."),
        click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None,
                     help="Skip news older than this date (sitemaps, feeds, listings)."),
        click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0,
                     show_default=True, help="Connect and read timeout in seconds."),
        click.option("--max-bytes", type=click.IntRange(min=1024), default=5 * 1024 * 1024,
                     show_default=True, help="Largest page kept."),
        click.option("--allow-host", "allow_hosts", multiple=True,
                     help="Another host the crawl may enter (repeatable)."),
        click.option("--contact", envvar="QAZSEARCH_CRAWL_CONTACT", default=None,
                     help="URL in the User-Agent where site owners reach you "
                          "(give one for any crawl of real sites)."),
        click.option("--proxy", default=None, help="Send every request through this proxy."),
        click.option("--json", "as_json", is_flag=True, help="Print the report as JSON."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _run_crawl(out: Path, params: dict[str, Any]) -> Any:
    from indexer.crawl.crawler import CrawlOptions, crawl
    from indexer.crawl.fetch import FetchOptions
    from indexer.crawl.seeds import registry_seeds

    urls = list(params["urls"])
    if params["universities"] or params["all_universities"]:
        chosen = None if params["all_universities"] else list(params["universities"])
        urls += registry_seeds(chosen)
    if not urls:
        raise click.UsageError("give URLs, --university ID or --all")
    fetch = FetchOptions(delay=params["delay"], timeout=params["timeout"],
                         max_bytes=params["max_bytes"], hosts=set(params["allow_hosts"]),
                         contact=params["contact"] or "", proxy=params["proxy"])
    since = params["since"].date() if params["since"] else None
    options = CrawlOptions(fetch=fetch, max_pages=params["max_pages"], since=since)
    if not params["contact"]:
        click.echo("warning: no --contact (or QAZSEARCH_CRAWL_CONTACT): site owners cannot "
                   "reach you from the User-Agent", err=True)
    report = crawl(urls, out, params["state_dir"], options)
    if params["as_json"]:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(report.table())
        for error in report.errors[:10]:
            click.echo(f"  {error['kind']:<16} {error['message']}", err=True)
    return report


@click.command("crawl")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The WARC to write (.warc.gz); an interrupted crawl into it is resumed.")
@_crawl_options
def crawl_command(out: Path, **params: Any) -> None:
    """Fetch university news from URLS (or the registry) politely into a WARC."""
    _run_crawl(out, params)


@click.command("refresh")
@click.option("--out", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="The WARC to write (default: the interrupted run's, else "
                   "STATE/warc/<UTC time>.warc.gz).")
@click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path),
              envvar=INDEX_ENV_VAR, default=None,
              help=f"Index root (default: ${INDEX_ENV_VAR}, else ./index).")
@_crawl_options
def refresh_command(out: Path | None, index_dir: Path | None, **params: Any) -> None:
    """Crawl, then ``update --prune`` the index with the crawl: the daily command."""
    from indexer.cli import _print_report
    from indexer.crawl.state import CrawlState
    from indexer.index.build import update_index

    if out is None:
        state = CrawlState(params["state_dir"])
        out = state.unfinished_out()
        state.close()
    if out is None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        out = params["state_dir"] / "warc" / f"{stamp}.warc.gz"
        number = 1
        while out.exists():
            number += 1
            out = out.with_name(f"{stamp}-{number}.warc.gz")
    _run_crawl(out, params)
    root = index_dir if index_dir is not None else default_index_dir()
    _print_report(update_index([out], root, prune=True), root)
