"""What a build or update did, per university: saved with each generation."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

STATUSES = ("new", "changed", "unchanged", "removed", "failed", "skipped")


@dataclass
class BuildReport:
    """Counts and problems of one build or update.

    Attributes:
        generation: Name of the generation written.
        mode: "build" or "update".
        previous: The generation that was live before, if any.
        counts: university -> status -> number of pages. Statuses: new,
            changed, unchanged, removed, failed, skipped (non-article pages
            and duplicates).
        failures: Pages that could not be read or extracted, with reasons.
        no_date: URLs of indexed articles without a publication date.
        no_title: URLs of indexed articles without a title.
        documents: Articles in the generation after the run.
        seconds: Wall time of the run.
        published: Whether the generation went live.
    """

    generation: str
    mode: str
    previous: str | None = None
    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    failures: list[dict[str, str]] = field(default_factory=list)
    no_date: list[str] = field(default_factory=list)
    no_title: list[str] = field(default_factory=list)
    documents: int = 0
    seconds: float = 0.0
    published: bool = False

    def count(self, university: str, status: str) -> None:
        """Add one page with ``status`` to ``university``'s row."""
        self.counts[university][status] += 1

    def totals(self) -> Counter[str]:
        """Sum of every university's counts."""
        total: Counter[str] = Counter()
        for row in self.counts.values():
            total.update(row)
        return total

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        counts = self.counts
        self.counts = {}
        try:
            data = asdict(self)
        finally:
            self.counts = counts
        data["counts"] = {u: dict(c) for u, c in sorted(counts.items())}
        data["totals"] = dict(self.totals())
        return data

    def save(self, path: Path) -> None:
        """Write the report as JSON."""
        path.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")

    def table(self) -> str:
        """A plain-text table of the counts per university."""
        header = f"{'university':<22}" + "".join(f"{s:>10}" for s in STATUSES)
        lines = [header, "-" * len(header)]
        rows = sorted(self.counts.items()) + [("TOTAL", self.totals())]
        for university, row in rows:
            lines.append(f"{university:<22}" + "".join(f"{row.get(s, 0):>10}" for s in STATUSES))
        return "\n".join(lines)


def load_report(path: Path) -> dict[str, Any] | None:
    """Read a saved report, or None when there is none."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
