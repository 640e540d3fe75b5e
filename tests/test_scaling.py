"""The scaling benchmark's answer comparison and report (no builds: those run in bench/)."""

from __future__ import annotations

from bench.scaling import compare, markdown


def _answer(total: int, top: list[tuple[str, float]]) -> dict:
    return {"total": total, "facets": {"lang": {"kk": total}}, "top": top}


def test_identical_answers_count_everywhere() -> None:
    base = [_answer(3, [("a", 2.0), ("b", 1.0)]), _answer(0, [])]
    assert compare(base, base) == {"queries": 2, "totals": 2, "facets": 2, "top10": 2, "all": 2}


def test_score_difference_breaks_top10_only() -> None:
    base = [_answer(3, [("a", 2.0), ("b", 1.0)])]
    other = [_answer(3, [("a", 2.0), ("b", 1.001)])]
    assert compare(base, other) == {"queries": 1, "totals": 1, "facets": 1, "top10": 0, "all": 0}


def test_order_and_total_differences_are_counted() -> None:
    base = [_answer(3, [("a", 2.0), ("b", 1.0)])]
    other = [_answer(4, [("b", 1.0), ("a", 2.0)])]
    same = compare(base, other)
    assert (same["totals"], same["facets"], same["top10"], same["all"]) == (0, 0, 0, 0)


def test_markdown_has_one_row_per_configuration() -> None:
    latency = {"p50": 1.0, "p95": 2.0, "p99": 3.0, "mean": 1.2}
    same = {"queries": 1, "totals": 1, "facets": 1, "top10": 1, "all": 1}
    rows = [{"runner": "local", "shards": 1, "seconds": 10.0, "cpu": 9.0, "documents": 95,
             "latency_ms": latency, "same_as_first": same, "load": 2.0,
             "peak_rss": 3 * 2**29, "peak_pss": 2**30},
            {"runner": "spark", "shards": 2, "seconds": 30.0, "cpu": 40.0, "documents": 95,
             "extract_seconds": 25.0, "index_seconds": 5.0, "latency_ms": latency,
             "same_as_first": same, "load": 3.0, "peak_rss": 2**29, "peak_pss": 2**29,
             "extract_peak_rss": 2**31}]
    res = {"pages": 100, "crawl": "c", "cores": 2, "jobs": 1, "master": "local[2]",
           "query_count": 1, "query_reps": 3, "rows": rows}
    table = markdown(res)
    assert "| local | 1 | 10.0 | pipelined | 9.0 | 10 | 95 | 1.50 / 1.00 |" in table
    assert "| spark | 2 | 30.0 | 25.0 / 5.0 | 40.0 | 3 | 95 | 2.00 / 0.50 |" in table
    assert table.count("\n| ") == 3  # header and two rows
