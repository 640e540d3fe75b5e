"""What a crawl did, per site: pages fetched, unchanged (304), disallowed, and errors by kind."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

#: Outcomes that are not errors; anything else counted is an error kind.
OUTCOMES = ("fetched", "not modified", "disallowed", "duplicate", "known gone")


@dataclass
class CrawlReport:
    """Counts and errors of one crawl run.

    Attributes:
        out: The WARC written.
        counts: site -> outcome or error kind -> number of URLs. Outcomes:
            fetched, not modified (304), disallowed (robots.txt), duplicate (a
            redirect to a page fetched already), known gone (answered 404/410 in
            the last days, not asked again). Error kinds:
            dns, connect, timeout, network, http 404 (any status), redirect loop,
            too many redirects, off-site redirect, non-html, too large.
        errors: The first errors in full (URL and message).
        requests: URLs handled (asked, or skipped as disallowed or known gone);
            robots.txt not counted.
        seconds: Wall time.
        finished: False when ``--max-pages`` stopped the crawl.
        resumed: Whether the run picked up an interrupted one.
    """

    out: str
    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    errors: list[dict[str, str]] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0
    finished: bool = True
    resumed: bool = False

    MAX_ERRORS = 200

    def count(self, site: str, outcome: str) -> None:
        """Add one URL of ``site`` with ``outcome`` (an outcome or an error kind)."""
        self.counts[site][outcome] += 1

    def error(self, site: str, kind: str, url: str, message: str) -> None:
        """Count an error and keep its message (the first few hundred)."""
        self.count(site, kind)
        if len(self.errors) < self.MAX_ERRORS:
            self.errors.append({"site": site, "kind": kind, "url": url, "message": message})

    def totals(self) -> Counter[str]:
        """Sum over the sites."""
        total: Counter[str] = Counter()
        for row in self.counts.values():
            total.update(row)
        return total

    def error_count(self) -> int:
        """URLs that ended in an error."""
        return sum(n for kind, n in self.totals().items() if kind not in OUTCOMES)

    def rate(self) -> float:
        """URLs handled per second."""
        return self.requests / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"out": self.out, "counts": {s: dict(c) for s, c in sorted(self.counts.items())},
                "totals": dict(self.totals()), "errors": self.errors, "requests": self.requests,
                "seconds": round(self.seconds, 3), "rate": round(self.rate(), 1),
                "finished": self.finished, "resumed": self.resumed}

    def table(self) -> str:
        """A plain-text table: one row per site, outcomes then errors."""
        totals = self.totals()
        kinds = sorted(k for k in totals if k not in OUTCOMES)
        columns = [*OUTCOMES, "errors"]
        header = f"{'site':<26}" + "".join(f"{c:>13}" for c in columns)
        lines = [header, "-" * len(header)]
        for site, row in [*sorted(self.counts.items()), ("TOTAL", totals)]:
            errors = sum(row.get(k, 0) for k in kinds)
            cells = [row.get(c, 0) for c in OUTCOMES] + [errors]
            lines.append(f"{site:<26}" + "".join(f"{n:>13}" for n in cells))
        if kinds:
            lines.append("errors: " + ", ".join(f"{k} {totals[k]}" for k in kinds))
        state = "" if self.finished else " (stopped at --max-pages)"
        lines.append(f"{self.requests} URLs in {self.seconds:.1f} s ({self.rate():.1f}/s)"
                     f"{state} -> {self.out}")
        return "\n".join(lines)
