"""Score main-text extraction on a gold set (WCXB layout) against reference extractors.

Layout of a gold set: ``html/NNNN.html.gz`` plus ``ground-truth.json`` mapping NNNN to
``url``, ``articleBody`` (the gold text), ``with``/``without`` (snippets that must / must not
appear) and ``page_type``. Metric (see ../shared/data/README.md): 4-token shingles of the gold
and the extracted text; per page precision = shared / extracted, recall = shared / gold; the
benchmark F1 is the harmonic mean of mean P and mean R; the mean per-page F1 is reported too,
as are the share of ``without`` snippets that leak and of ``with`` snippets that are missing
(a snippet is found when its token sequence starts on a token boundary, and, for snippets
under 40 characters, also ends on one: "Home" does not leak into "homeownership").

Usage::

    .venv/bin/python bench/extraction.py [--gold DIR] [--markdown] [--only qazsearch]
        [--templates-from DIR [--min-pages N]] [--multi-page-hosts] [--corpus DIR]

``pages/s`` is wall-clock time per page in one process; ``pages/s CPU`` counts the process's
CPU time only, so it does not drop when other jobs share the machine.
"""

from __future__ import annotations

import argparse
import ast
import gzip
import json
import logging
import re
import sys
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer.errors import ExtractionError  # noqa: E402
from indexer.extract.templates import TemplateModel  # noqa: E402
from indexer.models import RawPage  # noqa: E402

DEFAULT_GOLD = ROOT.parent / "shared" / "data" / "wcxb-sample"
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class GoldPage:
    """One page of a gold set."""

    key: str
    url: str
    html: bytes
    body: str
    page_type: str
    with_snippets: tuple[str, ...]
    without_snippets: tuple[str, ...]


@dataclass
class Score:
    """Accumulated scores of one extractor on one group of pages."""

    precision: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)
    f1: list[float] = field(default_factory=list)
    leaked: int = 0
    without_total: int = 0
    missing: int = 0
    with_total: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0

    def add(self, other: Score) -> None:
        """Merge another score into this one."""
        self.precision += other.precision
        self.recall += other.recall
        self.f1 += other.f1
        self.leaked += other.leaked
        self.without_total += other.without_total
        self.missing += other.missing
        self.with_total += other.with_total
        self.seconds += other.seconds
        self.cpu_seconds += other.cpu_seconds


def _snippets(value: object) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    if isinstance(value, str) and value.strip():
        try:
            parsed = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return (value,)
        return tuple(str(v) for v in parsed) if isinstance(parsed, list | tuple) else (value,)
    return ()


def load_gold(gold_dir: Path) -> Iterator[GoldPage]:
    """Yield the pages of a gold set in key order."""
    truth = json.loads((gold_dir / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth):
        entry = truth[key]
        path = gold_dir / "html" / f"{key}.html.gz"
        if not path.exists():
            continue
        yield GoldPage(
            key=key,
            url=entry.get("url", ""),
            html=gzip.decompress(path.read_bytes()),
            body=entry.get("articleBody", "") or "",
            page_type=entry.get("page_type", "article") or "article",
            with_snippets=_snippets(entry.get("with")),
            without_snippets=_snippets(entry.get("without")),
        )


def _shingles(text: str, size: int = 4) -> set[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < size:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def _norm(text: str) -> str:
    """Tokens joined by single spaces, with a leading space (a match starts on a token)."""
    return " " + " ".join(_TOKEN.findall(text.lower()))


def _found(snippet: str, norm_text: str) -> bool:
    """True when ``snippet`` occurs in the normalised text, starting on a token boundary.

    Short snippets (UI labels such as "Home") must end on a token boundary too; long ones are
    excerpts cut at a fixed length, often inside a word, so they only need to start on one.
    """
    norm = _norm(snippet)
    if len(norm) < 40:
        norm += " "
    return norm in norm_text + " "


def score_page(gold: GoldPage, extracted: str, seconds: float, cpu: float = 0.0) -> Score:
    """Score one extraction against its gold page."""
    got, want = _shingles(extracted), _shingles(gold.body)
    shared = len(got & want)
    p = shared / len(got) if got else (1.0 if not want else 0.0)
    r = shared / len(want) if want else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    norm = _norm(extracted)
    with_ = [s for s in gold.with_snippets if _norm(s).strip()]
    without = [s for s in gold.without_snippets if _norm(s).strip()]
    return Score(
        precision=[p],
        recall=[r],
        f1=[f],
        leaked=sum(_found(s, norm) for s in without),
        without_total=len(without),
        missing=sum(not _found(s, norm) for s in with_),
        with_total=len(with_),
        seconds=seconds,
        cpu_seconds=cpu,
    )


def _qazsearch(page: GoldPage) -> str:
    from indexer.extract.article import extract

    try:
        return extract(RawPage(url=page.url, body=page.html)).text
    except ExtractionError:
        return ""


def _trafilatura(page: GoldPage) -> str:
    import trafilatura

    return trafilatura.extract(page.html, url=page.url, favor_precision=False) or ""


def _readability(page: GoldPage) -> str:
    from lxml import html as lxml_html
    from readability import Document

    try:
        summary = Document(page.html.decode("utf-8", "replace")).summary(html_partial=True)
        return lxml_html.fromstring(summary).text_content()
    except Exception:  # noqa: BLE001 - a reference row must not stop the run
        return ""


EXTRACTORS: dict[str, Callable[[GoldPage], str]] = {
    "qazsearch": _qazsearch,
    "trafilatura": _trafilatura,
    "readability-lxml": _readability,
}


def with_templates(model: TemplateModel) -> Callable[[GoldPage], str]:
    """The ``qazsearch`` extractor with a crawl-level template model."""
    from indexer.extract.article import extract

    def run_one(page: GoldPage) -> str:
        try:
            return extract(RawPage(url=page.url, body=page.html), model).text
        except ExtractionError:
            return ""

    return run_one


def all_text(model: TemplateModel | None) -> Callable[[GoldPage], str]:
    """Ablation: every block of the body (no page-level cleaning), minus template blocks."""
    from indexer.extract.boilerplate import collect_blocks, parse_html, strip_scripts
    from indexer.extract.encoding import decode_page
    from indexer.extract.templates import site_of

    def run_one(page: GoldPage) -> str:
        try:
            root = parse_html(decode_page(RawPage(url=page.url, body=page.html)))
        except ExtractionError:
            return ""
        strip_scripts(root)
        body = root.find(".//body")
        site = site_of(page.url)
        blocks = collect_blocks(body if body is not None else root)
        return "\n\n".join(
            b.text for b in blocks if model is None or not model.is_template(site, b.text)
        )

    return run_one


def learn_from(source: Path, min_pages: int) -> TemplateModel:
    """Learn a template model from a gold set (``ground-truth.json``) or a crawl folder
    (``TRUTH.jsonl``, like the demo corpus): every page of every site in it."""
    from indexer.extract.templates import learn_templates

    if (source / "TRUTH.jsonl").exists():
        lines = (source / "TRUTH.jsonl").read_text("utf-8").splitlines()
        pages = [
            RawPage(url=t["url"], body=_read(source / t["path"]))
            for t in map(json.loads, lines)
        ]
    else:
        pages = [RawPage(url=g.url, body=g.html) for g in load_gold(source)]
    return learn_templates(pages, min_pages=min_pages)


def multi_page_hosts(pages: list[GoldPage]) -> list[GoldPage]:
    """Only the pages whose host has at least two pages in the set."""
    from indexer.extract.templates import site_of

    counts = Counter(site_of(p.url) for p in pages)
    return [p for p in pages if counts[site_of(p.url)] >= 2]


def run(
    pages: list[GoldPage],
    names: list[str],
    extra: dict[str, Callable[[GoldPage], str]] | None = None,
) -> dict[str, dict[str, Score]]:
    """Run each extractor on every page; return scores by extractor and page type."""
    extractors = {name: EXTRACTORS[name] for name in names} | (extra or {})
    results: dict[str, dict[str, Score]] = {}
    for name, function in extractors.items():
        by_type: dict[str, Score] = defaultdict(Score)
        for page in pages:
            start, cpu = time.perf_counter(), time.process_time()
            text = function(page)
            wall, cpu = time.perf_counter() - start, time.process_time() - cpu
            by_type[page.page_type].add(score_page(page, text, wall, cpu))
        results[name] = dict(by_type)
    return results


def _row(name: str, group: str, s: Score) -> list[str]:
    mp = sum(s.precision) / len(s.precision) if s.precision else 0.0
    mr = sum(s.recall) / len(s.recall) if s.recall else 0.0
    f1 = 2 * mp * mr / (mp + mr) if mp + mr else 0.0
    pf1 = sum(s.f1) / len(s.f1) if s.f1 else 0.0
    leak = s.leaked / s.without_total if s.without_total else 0.0
    miss = s.missing / s.with_total if s.with_total else 0.0
    speed = len(s.f1) / s.seconds if s.seconds else 0.0
    cpu_speed = len(s.f1) / s.cpu_seconds if s.cpu_seconds else 0.0
    return [
        name, group, str(len(s.f1)), f"{mp:.3f}", f"{mr:.3f}", f"{f1:.3f}", f"{pf1:.3f}",
        f"{leak:.1%} ({s.leaked}/{s.without_total})", f"{miss:.1%}", f"{speed:.0f}",
        f"{cpu_speed:.0f}",
    ]


HEADER = ["extractor", "pages", "n", "P", "R", "F1", "page F1", "without leak", "with miss",
          "pages/s", "pages/s CPU"]


def table(results: dict[str, dict[str, Score]]) -> list[list[str]]:
    """Rows of the result table: overall, then one row per page type."""
    rows = []
    for name, by_type in results.items():
        total = Score()
        for s in by_type.values():
            total.add(s)
        rows.append(_row(name, "all", total))
        for group in sorted(by_type):
            rows.append(_row(name, group, by_type[group]))
    return rows


def render(rows: list[list[str]], markdown: bool) -> str:
    """Format the rows as plain text or as a Markdown table."""
    if markdown:
        lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(len(x) for x in col) for col in zip(HEADER, *rows, strict=False)]
    return "\n".join(
        "  ".join(x.ljust(w) for x, w in zip(r, widths, strict=False)) for r in [HEADER, *rows]
    )


def _read(path: Path) -> bytes:
    """A saved page's bytes, gunzipped like the crawl-folder source does for ``.gz`` files."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        try:
            return gzip.decompress(data)
        except (OSError, EOFError, zlib.error):
            return data  # a broken archive: the extractor must reject it
    return data


def score_corpus(corpus: Path, use_templates: bool = True) -> dict[str, str]:
    """Field accuracy of :func:`indexer.extract.article.extract` against ``corpus/TRUTH.jsonl``."""
    from indexer.extract.article import extract
    from indexer.extract.templates import learn_templates

    truth = [json.loads(line) for line in (corpus / "TRUTH.jsonl").read_text("utf-8").splitlines()]
    pages = {t["path"]: RawPage(url=t["url"], body=_read(corpus / t["path"])) for t in truth}
    start = time.perf_counter()
    model = learn_templates(pages.values()) if use_templates else None
    hits: dict[str, int] = defaultdict(int)
    wrong: list[str] = []
    articles = broken_raised = false_articles = 0
    for t in truth:
        try:
            got = extract(pages[t["path"]], model)
        except ExtractionError:
            broken_raised += t["broken"]
            articles += t["is_article"] and not t["broken"]
            wrong += [] if t["broken"] else [f"{t['path']}: raised"]
            continue
        if t["broken"]:
            wrong.append(f"{t['path']}: broken page did not raise")
        false_articles += got.is_article and not t["is_article"]
        if not t["is_article"]:
            continue
        articles += 1
        expected = {"title": t["title"], "date": t["date"], "lang": t["lang"],
                    "university": t["university"], "url": t["canonical"] or t["url"],
                    "is_article": True}
        actual = {"title": got.title, "date": got.date and got.date.isoformat(), "lang": got.lang,
                  "university": got.university, "url": got.url, "is_article": got.is_article}
        for key, value in expected.items():
            hits[key] += actual[key] == value
            if actual[key] != value:
                wrong.append(f"{t['path']}: {key} {actual[key]!r} != {value!r}")
    seconds = time.perf_counter() - start
    report = {key: f"{hits[key] / articles:.1%}" for key in ("title", "date", "lang", "university",
                                                             "url", "is_article")}
    report["non-articles marked article"] = str(false_articles)
    report["broken pages raising"] = f"{broken_raised}/{sum(t['broken'] for t in truth)}"
    report["pages/s (incl. template pass)"] = f"{len(truth) / seconds:.0f}"
    for line in wrong:
        logging.getLogger("bench").warning(line)
    return report


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold set directory")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--only", action="append", choices=sorted(EXTRACTORS),
                        help="run only these extractors (repeatable)")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N pages")
    parser.add_argument("--corpus", type=Path, help="score fields against DIR/TRUTH.jsonl instead")
    parser.add_argument("--templates-from", type=Path, metavar="DIR",
                        help="add a 'qazsearch+templates' row: templates learnt from the pages "
                        "of DIR (a gold set or a crawl folder with TRUTH.jsonl)")
    parser.add_argument("--min-pages", type=int, default=4,
                        help="template blocks must occur on this many pages of a site")
    parser.add_argument("--multi-page-hosts", action="store_true",
                        help="score only pages whose host has 2+ pages in the gold set")
    args = parser.parse_args(argv)
    if args.corpus:
        logging.basicConfig(level=logging.WARNING, format="%(message)s")
        for key, value in score_corpus(args.corpus).items():
            sys.stdout.write(f"{key}: {value}\n")
        return 0
    if not (args.gold / "ground-truth.json").exists():
        sys.stderr.write(f"skipped: no gold set at {args.gold}\n")
        return 0
    pages = list(load_gold(args.gold))
    if args.limit:
        pages = pages[: args.limit]
    extra = {}
    if args.templates_from:
        model = learn_from(args.templates_from, args.min_pages)
        extra["qazsearch+templates"] = with_templates(model)
        extra["all-text"] = all_text(None)
        extra["all-text+templates"] = all_text(model)
    if args.multi_page_hosts:
        pages = multi_page_hosts(pages)
    names = args.only or list(EXTRACTORS)
    sys.stdout.write(render(table(run(pages, names, extra)), args.markdown) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
