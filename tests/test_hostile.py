"""Hostile crawl input: each bad page is skipped with a reason, memory stays bounded,
the build goes on and publishes the good pages.

The build runs once, in a subprocess, so its peak RSS can be measured on its own.
Inputs (see :mod:`tests.hostile`): a 50 MB page, 10^5-deep nesting, a ``.html.gz``
expanding to 1.1 GB, invalid UTF-8, NUL bytes, binary data, truncated WARC and
WARC.gz files, JSON-lines rows that are not JSON, not objects, or 50 MB long.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile import make_hostile_crawl

REPO = Path(__file__).resolve().parents[1]
#: Allowed growth of the build's peak RSS over the interpreter's, in MiB. The pages are
#: capped at 20 MiB (indexer.extract.sources.MAX_PAGE_BYTES); everything bigger must be refused
#: without being read whole.
MAX_RSS_GROWTH_MIB = 256

BUILD_SCRIPT = """
import json, resource, sys
from pathlib import Path
from indexer.index.build import build_index
sources = [Path(p) for p in json.loads(sys.argv[1])]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
report = build_index(sources, Path(sys.argv[2]))
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"rss_before_kib": before, "rss_after_kib": after,
                  "report": report.to_dict()}))
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> dict:
    base = tmp_path_factory.mktemp("hostile")
    sources = make_hostile_crawl(base, corpus_dir)
    root = base / "index"
    done = subprocess.run(
        [sys.executable, "-c", BUILD_SCRIPT, json.dumps([str(s) for s in sources]), str(root)],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["root"] = root
    return result


def _failure(hostile: dict, name: str) -> dict:
    found = [f for f in hostile["report"]["failures"] if name in f["origin"]]
    assert len(found) == 1, (name, hostile["report"]["failures"])
    assert found[0]["reason"].strip()
    return found[0]


def _indexed(hostile: dict) -> dict[str, dict]:
    from whoosh import index

    from indexer.index import generations

    ix = index.open_dir(str(generations.current_dir(hostile["root"])))
    with ix.searcher() as searcher:
        return {f["url"]: f for f in searcher.all_stored_fields()}


def test_build_goes_on_and_publishes(hostile: dict) -> None:
    report = hostile["report"]
    assert report["published"] is True
    assert report["documents"] >= 30  # korkyt.kz + the good hostile.kz, WARC and JSON pages
    urls = _indexed(hostile)
    assert "https://hostile.kz/news/fine.html" in urls
    assert {"https://json.kz/news/1.html", "https://json.kz/news/2.html"} <= set(urls)


def test_memory_stays_bounded(hostile: dict) -> None:
    growth_mib = (hostile["rss_after_kib"] - hostile["rss_before_kib"]) / 1024
    assert growth_mib < MAX_RSS_GROWTH_MIB, f"peak RSS grew by {growth_mib:.0f} MiB"


def test_big_page_is_refused_unread(hostile: dict) -> None:
    assert "larger than" in _failure(hostile, "big.html")["reason"]


def test_gzip_bomb_is_refused(hostile: dict) -> None:
    assert "gzip expands past" in _failure(hostile, "bomb.html.gz")["reason"]


def test_binary_and_nul_pages_are_skipped(hostile: dict) -> None:
    assert "binary" in _failure(hostile, "binary.html")["reason"]
    assert "NUL" in _failure(hostile, "nul.html")["reason"]


def test_no_stored_field_holds_nul_or_mojibake(hostile: dict) -> None:
    for url, fields in _indexed(hostile).items():
        for name in ("title", "text"):
            value = fields.get(name) or ""
            assert "\x00" not in value, url
            assert "Ð" not in value and "Ñ\x8f" not in value, (url, value[:80])


def test_invalid_utf8_is_indexed_cleanly_or_skipped(hostile: dict) -> None:
    url = "https://hostile.kz/news/badutf8.html"
    indexed = _indexed(hostile)
    if url in indexed:
        assert indexed[url]["title"].startswith("Жаңалықтар")
    else:
        assert "undecodable" in _failure(hostile, "badutf8.html")["reason"]


def test_deep_nesting_is_indexed_or_reported(hostile: dict) -> None:
    url = "https://hostile.kz/news/deep.html"
    if url not in _indexed(hostile):
        assert "depth" in _failure(hostile, "deep.html")["reason"]


def test_truncated_warc_keeps_earlier_records(hostile: dict) -> None:
    for name in ("truncated.warc@", "truncated.warc.gz@"):
        assert "truncated" in _failure(hostile, name)["reason"]
    assert "https://warc.kz/news/1.html" in _indexed(hostile)


def test_bad_json_lines_are_reported_by_line(hostile: dict) -> None:
    reasons = {f["origin"].rsplit(":", 1)[-1]: f["reason"]
               for f in hostile["report"]["failures"] if "rows.jsonl" in f["origin"]}
    assert "not JSON" in reasons["2"] and "not JSON" in reasons["3"]
    assert "not a JSON object" in reasons["4"]
    assert "url" in reasons["5"]
    assert "larger than" in reasons["6"]


def test_report_counts_every_failure(hostile: dict) -> None:
    report = hostile["report"]
    assert report["totals"]["failed"] == len(report["failures"])


def test_stray_combining_mark_does_not_stop_the_build(tmp_path: Path) -> None:
    from indexer.index.build import build_index
    from tests.hostile import PROSE, article_html

    news = tmp_path / "crawl" / "marks.kz" / "news"
    news.mkdir(parents=True)
    text = PROSE * 3 + " Ударе\u0301ние: \u0301 стоит отдельно, и \u06df тоже."
    (news / "1.html").write_text(article_html("Stress marks", text), encoding="utf-8")
    (news / "2.html").write_text(article_html("Ordinary", PROSE * 4), encoding="utf-8")
    report = build_index([tmp_path / "crawl"], tmp_path / "index")
    assert report.published and report.documents + len(report.failures) == 2
