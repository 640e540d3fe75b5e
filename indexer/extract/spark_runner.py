"""Run the ingest half of the pipeline (sources -> extract -> language) on Apache Spark.

The layout follows Common Crawl's cc-pyspark: the driver only *lists* input units (one WARC or
JSON-lines file each; a page folder is split into chunks of page files), ``sc.parallelize`` spreads
them over the executors, and ``mapPartitions`` reads every unit there with the very readers and
extractor of the local runner (:mod:`indexer.extract.sources`,
:func:`indexer.extract.pipeline.extract_one`).

Two jobs, like the local runner's two passes:

1. templates: every executor hashes the blocks of its pages
   (:func:`indexer.extract.templates.page_block_hashes`); ``reduceByKey`` counts on how many
   pages of each site every block occurs; the driver builds the same :class:`TemplateModel` as
   :func:`indexer.extract.templates.learn_templates` and broadcasts it;
2. extraction: every page becomes an :class:`Article` or a :class:`PageFailure`, written as one
   Parquet dataset (one row per page, ``ok`` tells which) that :func:`read_extracted` streams back.

Input and output paths must be visible to every executor (a local disk in ``local[*]`` mode, a
shared file system on a cluster). pyspark is imported lazily: the rest of Qazsearch never needs it.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from indexer import settings
from indexer.errors import ExtractionError, QazsearchError, SourceError
from indexer.extract.pipeline import Extracted, extract_one
from indexer.extract.sources import (
    JSONL_SUFFIXES,
    PAGE_SUFFIXES,
    WARC_SUFFIXES,
    SourceItem,
    check_sources,
    iter_jsonl,
    iter_warc,
    read_page_file,
)
from indexer.extract.templates import TemplateModel, page_block_hashes, site_of
from indexer.models import Article, PageFailure, RawPage, Unchanged

LOGGER = logging.getLogger(__name__)

#: Environment variable naming the Spark master when no ``master`` argument is given.
MASTER_ENV_VAR = settings.BY_KEY["SPARK_MASTER"].variable
DEFAULT_MASTER = "local[*]"
#: Page files of a folder read by one Spark task.
FOLDER_CHUNK = 128
#: Columns of the Parquet output, in order.
COLUMNS = ("ok", "url", "title", "text", "date", "lang", "university", "site", "alternates",
           "is_article", "fingerprint", "source_hash", "origin", "reason")

#: One input unit: ("warc" | "jsonl", path) or ("pages", folder root, page file paths).
Unit = tuple[Any, ...]


class SparkRunnerError(QazsearchError):
    """Spark cannot run, or its output directory cannot be used."""


def resolve_master(master: str | None = None) -> str:
    """The Spark master: the argument, else ``$QAZSEARCH_SPARK_MASTER``, else ``local[*]``."""
    return master or str(settings.value("SPARK_MASTER")) or DEFAULT_MASTER


@contextmanager
def spark_session(master: str | None = None) -> Iterator[Any]:
    """Yield a SparkSession: the active one if there is one (left running), else a new one.

    A new session runs on :func:`resolve_master` with a 1 GB driver, no web UI and quiet
    logging, its Python workers on this interpreter; it is stopped on exit.

    Raises:
        SparkRunnerError: pyspark is not installed or Java cannot start.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SparkRunnerError("the Spark runner needs pyspark: pip install 'qazsearch[spark]'") \
            from exc
    active = SparkSession.getActiveSession()
    if active is not None:
        yield active
        return
    master = resolve_master(master)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = (SparkSession.builder.master(master).appName("qazsearch-ingest")
               .config("spark.driver.memory", "1g")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={_log4j()}"))
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # noqa: BLE001 - py4j/Java errors have no common base
        raise SparkRunnerError(f"cannot start Spark on '{master}': {exc}") from exc
    spark.sparkContext.setLogLevel("ERROR")
    if not master.startswith("local"):
        spark.sparkContext.addPyFile(str(_package_zip()))
    try:
        yield spark
    finally:
        spark.stop()


def list_units(sources: Sequence[Path], *, tasks: int = 8, chunk: int = FOLDER_CHUNK,
               absolute: bool = False) -> list[Unit]:
    """The input units of ``sources``, in the local runner's page order.

    Args:
        sources: Crawl folders, WARC files, JSON-lines files or single page files.
        tasks: Split each folder into at least this many units when it has enough pages.
        chunk: At most this many page files per unit.
        absolute: Resolve paths (executors on a cluster do not share the driver's directory);
            otherwise they stay as given, so failure origins equal the local runner's.

    Raises:
        SourceError: A source does not exist or is of an unknown kind.
    """
    units: list[Unit] = []
    for source in check_sources(sources):
        path = source.resolve() if absolute else source
        name = path.name.lower()
        if path.is_dir():
            files = sorted(str(p) for p in path.rglob("*")
                           if p.is_file() and p.name.lower().endswith(PAGE_SUFFIXES))
            size = max(1, min(chunk, -(-len(files) // max(1, tasks))))
            units += [("pages", str(path), files[i:i + size]) for i in range(0, len(files), size)]
        elif name.endswith(WARC_SUFFIXES):
            units.append(("warc", str(path)))
        elif name.endswith(JSONL_SUFFIXES):
            units.append(("jsonl", str(path)))
        else:  # a single page file: its folder is the root, as in indexer.extract.sources
            units.append(("pages", str(path.parent), [str(path)]))
    return units


def read_unit(unit: Unit) -> Iterator[SourceItem]:
    """Yield the pages of one unit with the local runner's readers (runs in the executors)."""
    kind, location = unit[0], Path(unit[1])
    if kind == "warc":
        # Revisits are not asked for, so no Unchanged comes back; the filter says so to mypy.
        yield from (item for item in iter_warc(location) if not isinstance(item, Unchanged))
    elif kind == "jsonl":
        yield from iter_jsonl(location)
    else:
        for name in unit[2]:
            yield read_page_file(Path(name), location)


def spark_templates(spark: Any, units: list[Unit], *, min_pages: int | None = None,
                    min_share: float | None = None) -> TemplateModel:
    """Learn the crawl's template blocks as a Spark job; same model as ``learn_templates``."""
    defaults = TemplateModel()
    min_pages = defaults.min_pages if min_pages is None else min_pages
    min_share = defaults.min_share if min_share is None else min_share
    rdd = spark.sparkContext.parallelize(units, max(1, len(units)))
    limit = min_pages
    counted = (rdd.mapPartitions(_site_hashes)
               .reduceByKey(lambda a, b: a + b)
               .filter(lambda kv: kv[0][1] is None or kv[1] >= limit)
               .collect())
    blocks: dict[str, dict[int, int]] = {}
    pages: dict[str, int] = {}
    for (site, block), count in counted:
        if block is None:
            pages[site] = count
        else:
            blocks.setdefault(site, {})[block] = count
    for site in pages:
        blocks.setdefault(site, {})
    model = TemplateModel(blocks, pages, min_pages, min_share)
    for site in sorted(pages):
        LOGGER.info("templates: %s: %d pages, %d template blocks", site, pages[site],
                    model.template_count(site))
    return model


def _site_hashes(units: Iterator[Unit]) -> Iterator[tuple[tuple[str, int | None], int]]:
    """((site, block hash), 1) for every block of every page; (site, None) counts the pages."""
    for unit in units:
        for page in read_unit(unit):
            if not isinstance(page, RawPage):
                continue
            try:
                hashes = page_block_hashes(page)
            except ExtractionError:
                continue
            site = site_of(page.url)
            yield (site, None), 1
            for block in hashes:
                yield (site, block), 1


def spark_extract(sources: Sequence[Path], out_dir: Path, *, master: str | None = None,
                  use_templates: bool = True, chunk: int = FOLDER_CHUNK) -> Path:
    """Extract every page of ``sources`` on Spark into a Parquet dataset.

    Args:
        sources: Crawl folders, WARC files or JSON-lines files (paths every executor can read).
        out_dir: Where the Parquet dataset is written (replaced if it holds an earlier one).
        master: Spark master URL; default ``$QAZSEARCH_SPARK_MASTER``, else ``local[*]``.
            Ignored when a SparkSession is already active.
        use_templates: Learn crawl-level templates first (one more Spark job).
        chunk: Page files of a folder per Spark task.

    Returns:
        ``out_dir``, to pass to :func:`read_extracted`.

    Raises:
        SourceError: A source does not exist or is of an unknown kind.
        SparkRunnerError: Spark cannot start, or ``out_dir`` holds something else.
    """
    sources = check_sources(sources)
    out_dir = Path(out_dir).resolve()
    _check_out_dir(out_dir)
    with spark_session(master) as spark:
        sc = spark.sparkContext
        units = list_units(sources, tasks=4 * sc.defaultParallelism, chunk=chunk,
                           absolute=not sc.master.startswith("local"))
        LOGGER.info("spark: %d input units from %d sources on %s", len(units), len(sources),
                    sc.master)
        templates = spark_templates(spark, units) if use_templates else None
        shared = sc.broadcast(templates)
        articles, failures = sc.accumulator(0), sc.accumulator(0)

        def extract_partition(part: Iterator[Unit]) -> Iterator[tuple[Any, ...]]:
            for unit in part:
                for page in read_unit(unit):
                    item = extract_one(page, shared.value)
                    (articles if isinstance(item, Article) else failures).add(1)
                    yield to_row(item, page.origin)

        rows = sc.parallelize(units, max(1, len(units))).mapPartitions(extract_partition)
        frame = spark.createDataFrame(rows, _spark_schema(), verifySchema=False)
        frame.write.mode("overwrite").parquet(str(out_dir))
        shared.destroy()
        LOGGER.info("spark: %d articles, %d failures -> %s", articles.value, failures.value,
                    out_dir)
    return out_dir


def to_row(item: Extracted, origin: str = "") -> tuple[Any, ...]:
    """One Parquet row (in :data:`COLUMNS` order) for an article or a failure."""
    if isinstance(item, PageFailure):
        return (False, item.url, None, None, None, None, None, None, None, None, None, None,
                item.origin, item.reason)
    alternates = json.dumps(dict(item.alternates), ensure_ascii=False)
    return (True, item.url, item.title, item.text, item.date, item.lang, item.university,
            item.site, alternates, item.is_article, item.fingerprint, item.source_hash,
            item.origin or origin, item.skip_reason or None)


def from_row(row: dict[str, Any]) -> Extracted:
    """The article or failure a Parquet row stands for."""
    if not row["ok"]:
        return PageFailure(row["origin"] or "", row["reason"] or "", row["url"] or "")
    return Article(url=row["url"], title=row["title"], text=row["text"], date=row["date"],
                   lang=row["lang"], university=row["university"], site=row["site"],
                   alternates=json.loads(row["alternates"] or "{}"),
                   is_article=bool(row["is_article"]), fingerprint=row["fingerprint"] or "",
                   source_hash=row["source_hash"] or "", skip_reason=row["reason"] or "",
                   origin=row["origin"] or "")


def read_extracted(parquet_dir: Path, *, batch_size: int = 256) -> Iterator[Extracted]:
    """Stream the articles and failures of a :func:`spark_extract` output, part by part.

    Parts are read in name order, which is the sources' page order.

    Raises:
        SourceError: ``parquet_dir`` is not a Parquet dataset of this runner.
    """
    import pyarrow.parquet as pq

    parquet_dir = Path(parquet_dir)
    if not parquet_dir.is_dir():
        raise SourceError(f"'{parquet_dir}' is not a directory of Parquet files")
    for part in sorted(parquet_dir.glob("*.parquet"), key=_part_number):
        reader = pq.ParquetFile(part)
        missing = set(COLUMNS) - set(reader.schema_arrow.names)
        if missing:
            raise SourceError(f"'{part}' lacks the columns {sorted(missing)}")
        for batch in reader.iter_batches(batch_size=batch_size, columns=list(COLUMNS)):
            for row in batch.to_pylist():
                yield from_row(row)


def _part_number(path: Path) -> tuple[int, str]:
    """Sort key of ``part-00012-<uuid>.parquet``: Spark's partition number, then the name."""
    number = path.name.split("-")[1] if path.name.startswith("part-") else ""
    return (int(number) if number.isdigit() else -1, path.name)


def _spark_schema() -> Any:
    from pyspark.sql.types import BooleanType, DateType, StringType, StructField, StructType

    types = {"ok": BooleanType(), "is_article": BooleanType(), "date": DateType()}
    return StructType([StructField(name, types.get(name, StringType()), name != "ok")
                       for name in COLUMNS])


def _check_out_dir(out_dir: Path) -> None:
    """Refuse to overwrite a directory that is not empty and not an earlier Spark output."""
    if out_dir.exists() and not out_dir.is_dir():
        raise SparkRunnerError(f"output '{out_dir}' is a file, not a directory")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / "_SUCCESS").exists():
        raise SparkRunnerError(f"output '{out_dir}' is not empty and holds no earlier "
                               "Spark output; choose an empty or new directory")


def _log4j() -> Path:
    """A log4j2 configuration that keeps the JVM to errors only."""
    path = Path(tempfile.gettempdir()) / "qazsearch-spark-log4j2.properties"
    if not path.exists():
        path.write_text("rootLogger.level = error\nrootLogger.appenderRef.stderr.ref = console\n"
                        "appender.console.type = Console\nappender.console.name = console\n"
                        "appender.console.target = SYSTEM_ERR\n"
                        "appender.console.layout.type = PatternLayout\n"
                        "appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n\n",
                        encoding="utf-8")
    return path


def _package_zip() -> Path:
    """Zip the ``indexer`` package so executors on a cluster can import it."""
    package = Path(__file__).resolve().parents[1]
    target = Path(tempfile.mkdtemp(prefix="qazsearch-")) / "indexer.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in package.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                archive.write(path, Path("indexer") / path.relative_to(package))
    return target
