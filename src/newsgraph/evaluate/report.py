"""The counts that scoring produces and the report that sums them.

:mod:`newsgraph.evaluate.gold` fills one :class:`ArticleScore` per article; a :class:`Report`
adds them up and prints them as a plain-text table (:meth:`Report.format_table`) or as a
JSON-able dict (:meth:`Report.to_dict`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import reduce
from typing import Any

STATEMENT_ERRORS = (
    "missed direct",
    "missed indirect",
    "missed mixed",
    "missed fragment",
    "false positive statement",
    "wrong speaker",
    "wrong date",
    "unsupported date",
)
FIGURE_ERRORS = (
    "missed figure",
    "false positive figure",
    "wrong source",
    "source where gold has none",
)
"""Error kinds always shown in the table, even at zero; other kinds follow when present."""


@dataclass
class Counts:
    """True positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Ratio:
    """How many of ``total`` checked items were right."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def add(self, ok: bool) -> None:
        self.correct += ok
        self.total += 1

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.correct + other.correct, self.total + other.total)

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": round(self.value, 4)}


@dataclass(frozen=True)
class ErrorExample:
    """One error, for the verbose listing: its kind, the text concerned and a detail."""

    kind: str
    text: str
    detail: str = ""


@dataclass
class ArticleScore:
    """The counts of one article."""

    article: str
    statements: Counts = field(default_factory=Counts)
    speakers: Ratio = field(default_factory=Ratio)
    dates: Ratio = field(default_factory=Ratio)
    unsupported_dates: int = 0
    figures: Counts = field(default_factory=Counts)
    sources: Ratio = field(default_factory=Ratio)
    errors: Counter[str] = field(default_factory=Counter)
    matched_kinds: Counter[str] = field(default_factory=Counter)
    """Matched gold statements by gold ``kind`` (with the misses, recall by kind)."""
    examples: list[ErrorExample] = field(default_factory=list)

    def error(self, kind: str, text: str, detail: str = "") -> None:
        self.errors[kind] += 1
        self.examples.append(ErrorExample(kind, text, detail))


def _rate(value: float, denominator: int) -> str:
    """A rate to three places, or "-" when nothing was counted."""
    return f"{value:.3f}" if denominator else "-"


@dataclass
class Report:
    """Scores of a set of articles, with totals."""

    title: str = ""
    articles: list[ArticleScore] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Gold files whose article could not be found."""
    notes: dict[str, int] = field(default_factory=dict)
    """Counts about the gold itself (e.g. PolNeAR spans whose text differs from the slice)."""

    def _sum(self, name: str) -> Any:
        return reduce(lambda a, b: a + b, (getattr(s, name) for s in self.articles))

    @property
    def statements(self) -> Counts:
        return self._sum("statements") if self.articles else Counts()

    @property
    def speakers(self) -> Ratio:
        return self._sum("speakers") if self.articles else Ratio()

    @property
    def dates(self) -> Ratio:
        return self._sum("dates") if self.articles else Ratio()

    @property
    def unsupported_dates(self) -> int:
        return sum(s.unsupported_dates for s in self.articles)

    @property
    def figures(self) -> Counts:
        return self._sum("figures") if self.articles else Counts()

    @property
    def sources(self) -> Ratio:
        return self._sum("sources") if self.articles else Ratio()

    @property
    def errors(self) -> Counter[str]:
        total: Counter[str] = Counter({kind: 0 for kind in STATEMENT_ERRORS + FIGURE_ERRORS})
        for score in self.articles:
            total.update(score.errors)
        return total

    def recall_by_kind(self) -> dict[str, Ratio]:
        """Statement recall per gold kind (direct, indirect, mixed, fragment)."""
        errors = self.errors
        found: Counter[str] = Counter()
        for score in self.articles:
            found.update(score.matched_kinds)
        kinds = ("direct", "indirect", "mixed", "fragment")
        return {k: Ratio(found[k], found[k] + errors[f"missed {k}"]) for k in kinds}

    def to_dict(self, *, verbose: bool = False) -> dict[str, Any]:
        """The totals (and, when ``verbose``, each article's counts and errors) as plain data."""
        data: dict[str, Any] = {
            "title": self.title,
            "articles": len(self.articles),
            "statements": self.statements.to_dict(),
            "speakers": self.speakers.to_dict(),
            "dates": self.dates.to_dict(),
            "unsupported_dates": self.unsupported_dates,
            "statement_recall_by_kind": {
                kind: r.to_dict() for kind, r in self.recall_by_kind().items()
            },
            "figures": self.figures.to_dict(),
            "sources": self.sources.to_dict(),
            "errors": dict(self.errors),
            "skipped": list(self.skipped),
            "notes": dict(self.notes),
        }
        if verbose:
            data["per_article"] = [
                {
                    "article": s.article,
                    "statements": s.statements.to_dict(),
                    "figures": s.figures.to_dict(),
                    "errors": [vars(e) for e in s.examples],
                }
                for s in self.articles
            ]
        return data

    def format_table(self, *, verbose: bool = False) -> str:
        """A plain-text table of the metrics and error kinds (plus each error when ``verbose``)."""
        lines = [f"Evaluation: {self.title} ({len(self.articles)} articles)", ""]
        lines.append(f"{'kind':<12} {'tp':>5} {'fp':>5} {'fn':>5} {'P':>6} {'R':>6} {'F1':>6}")
        for name, c in (("statements", self.statements), ("figures", self.figures)):
            lines.append(
                f"{name:<12} {c.tp:>5} {c.fp:>5} {c.fn:>5} {_rate(c.precision, c.tp + c.fp):>6} "
                f"{_rate(c.recall, c.tp + c.fn):>6} {_rate(c.f1, c.tp + c.fp + c.fn):>6}"
            )
        lines.append("")
        for name, r in (
            ("speakers", self.speakers),
            ("dates", self.dates),
            ("sources", self.sources),
        ):
            lines.append(
                f"{name:<12} {r.correct:>5} / {r.total:<5} accuracy {_rate(r.value, r.total)}"
            )
        lines.append(f"{'unsupported dates':<24} {self.unsupported_dates:>5}  (must be 0)")
        lines += ["", "statement recall by gold kind"]
        for kind, r in self.recall_by_kind().items():
            lines.append(f"  {kind:<10} {r.correct:>5} / {r.total:<5} {_rate(r.value, r.total)}")
        lines += ["", f"{'error kind':<32} {'count':>5}"]
        lines += [f"{kind:<32} {n:>5}" for kind, n in self.errors.items()]
        if self.skipped:
            lines += ["", "skipped (article not found): " + ", ".join(self.skipped)]
        lines += [f"note: {key}: {n}" for key, n in self.notes.items()]
        if verbose:
            for score in self.articles:
                if score.examples:
                    lines += ["", f"== {score.article}"]
                    lines += [f"  [{e.kind}] {e.text!r} {e.detail}" for e in score.examples]
        return "\n".join(lines)
