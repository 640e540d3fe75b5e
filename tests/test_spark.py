"""The Spark runner yields exactly the local runner's articles (Spark in local[2] mode)."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from indexer.extract.pipeline import Extracted, extract_sources
from indexer.extract.sources import iter_pages
from indexer.extract.spark_runner import (
    COLUMNS,
    MASTER_ENV_VAR,
    SparkRunnerError,
    from_row,
    list_units,
    read_extracted,
    read_unit,
    resolve_master,
    spark_extract,
    spark_session,
    spark_templates,
    to_row,
)
from indexer.extract.templates import learn_templates
from indexer.models import Article, PageFailure, RawPage
from tests.crawls import copy_sites, folder_to_warc

SITES = ("kaznu.kz", "ektu.kz")
CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _java_major(java: str) -> int:
    shown = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    found = re.search(r'version "(?:1\.)?(\d+)', shown.stderr + shown.stdout)
    return int(found.group(1)) if found else 0


def _spark_missing() -> str:
    java = shutil.which("java")
    if java is None:
        return "the Spark runner needs Java (17+) on PATH; none found"
    if _java_major(java) < 17:
        return f"the Spark runner needs Java 17+; {java} is older"
    for module in ("pyspark", "pyarrow"):
        if importlib.util.find_spec(module) is None:
            return f"the Spark runner needs {module}: pip install -e '.[spark]'"
    return ""


_MISSING = _spark_missing()
needs_spark = pytest.mark.skipif(bool(_MISSING), reason=_MISSING or "Spark is available")
pytestmark = pytest.mark.slow  # a local Spark session: 10-30 s


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """One local[2] SparkSession for the module (starting the JVM takes seconds)."""
    with spark_session("local[2]") as session:
        yield session


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two sites of the demo corpus."""
    return copy_sites(CORPUS, tmp_path_factory.mktemp("crawl") / "crawl", SITES)


@pytest.fixture(scope="module")
def folder_output(spark: Any, crawl: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Spark runner's Parquet output for the two-site folder."""
    return spark_extract([crawl], tmp_path_factory.mktemp("spark") / "parquet")


def _assert_same(spark_items: list[Extracted], local_items: list[Extracted]) -> None:
    assert len(spark_items) == len(local_items)
    for got, expected in zip(spark_items, local_items, strict=True):
        assert type(got) is type(expected), (got, expected)
        assert asdict(got) == asdict(expected), expected.url
    assert any(isinstance(item, Article) for item in local_items)


@needs_spark
def test_templates_equal_local_model(spark: Any, crawl: Path) -> None:
    pages = (page for page in iter_pages([crawl]) if isinstance(page, RawPage))
    assert spark_templates(spark, list_units([crawl], tasks=4)) == learn_templates(pages)


@needs_spark
def test_folder_articles_equal_local_runner(folder_output: Path, crawl: Path) -> None:
    _assert_same(list(read_extracted(folder_output)), list(extract_sources([crawl])))


@needs_spark
def test_warc_articles_equal_local_runner(spark: Any, crawl: Path, tmp_path: Path) -> None:
    warc = folder_to_warc(crawl, tmp_path / "crawl.warc.gz")
    out = spark_extract([warc], tmp_path / "parquet")
    _assert_same(list(read_extracted(out)), list(extract_sources([warc])))


@needs_spark
def test_parquet_schema_and_failure_rows(folder_output: Path) -> None:
    import pyarrow.parquet as pq

    table = pq.read_table(folder_output)
    assert tuple(table.schema.names) == COLUMNS
    assert str(table.schema.field("date").type) == "date32[day]"
    assert False in table.column("ok").to_pylist()


def test_units_read_the_same_pages_as_the_sources(crawl: Path) -> None:
    units = list_units([crawl], tasks=5, chunk=7)
    assert len(units) >= 5 and all(len(unit[2]) <= 7 for unit in units)
    pages = [page for unit in units for page in read_unit(unit)]
    assert pages == list(iter_pages([crawl]))


def test_row_round_trip() -> None:
    article = Article("https://kaznu.kz/a", "T", "Body", date(2024, 5, 1), "kk", "kaznu",
                      "kaznu.kz", {"ru": "https://kaznu.kz/ru/a"}, True, "abc", origin="x.html")
    listing = replace(article, url="https://kaznu.kz/ru/news/", is_article=False,
                      skip_reason="listing: 7 teasers and no article body")
    failure = PageFailure("x.html", "empty page", "https://kaznu.kz/x")
    for item in (article, listing, failure):
        assert from_row(dict(zip(COLUMNS, to_row(item, "x.html"), strict=True))) == item


def test_master_from_argument_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MASTER_ENV_VAR, raising=False)
    assert resolve_master() == "local[*]"
    monkeypatch.setenv(MASTER_ENV_VAR, "spark://head:7077")
    assert resolve_master() == "spark://head:7077"
    assert resolve_master("local[2]") == "local[2]"


def test_refuses_to_overwrite_a_foreign_directory(crawl: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(SparkRunnerError, match="not empty"):
        spark_extract([crawl], tmp_path)
    assert (tmp_path / "notes.txt").exists()


def test_cli_build_with_spark_runner_equals_local(spark: Any, crawl: Path, tmp_path: Path) -> None:
    """`qazsearch build --runner spark` indexes exactly what the local runner indexes."""
    from click.testing import CliRunner

    from indexer.cli import cli
    from indexer.search.live import LiveIndex

    runner = CliRunner()
    for name, extra in (("local", []), ("spark", ["--runner", "spark"])):
        result = runner.invoke(cli, ["build", str(crawl), "--index", str(tmp_path / name), *extra])
        assert result.exit_code == 0, result.output

    def docs(root: Path) -> dict[str, tuple]:
        with LiveIndex(root).searcher() as searcher:
            return {f["url"]: (f["title"], f.get("date"), f["lang"], f["fingerprint"])
                    for f in searcher.all_stored_fields()}

    assert docs(tmp_path / "spark") == docs(tmp_path / "local")
