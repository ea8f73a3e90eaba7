"""Score extraction against the Markkula Center journalistic-sourcing benchmark (GT-II).

A benchmark folder holds ``articles.jsonl`` (records with ``id`` ``sourcing-N``, read with
:func:`newsgraph.extract.readers.parse_record`, as ingest reads them) and ``gold/N.csv``
(columns ``No, Sourced Statements, Type of Source, Name of Source, Title of Source,
Source Descriptors, Source Justification``; one row per statement-source pair).

The scoring follows the benchmark's own ("fuzz_split"):

- **Predictions** of an article (:func:`predictions`) are its attributed items: every
  statement (its ``sentence``, the speaker's name, :func:`source_type` of the speaker) and
  every figure whose source is attributed in its own sentence (its ``sentence``, the
  source's name and type; a source carried over a run of figures from an earlier sentence
  is the figure's provenance, not an attribution in this sentence). Items
  equal in all three (two quotes of one speaker in one sentence) count once.
- **Matching** (:func:`match_score`): both texts are normalised (quotation marks and
  apostrophes made plain, whitespace collapsed, lower case), split into sentences and
  then at commas. A prediction matches a gold statement when some pair of pieces has a
  rapidfuzz ``fuzz.ratio`` above 70, and the whole texts' ratio is at least 30 or the
  prediction's text is contained in the gold's. Matching is not one to one.
- **Found rate** is found gold rows / gold rows; a statement with several sources is on
  several rows, each counted, each found when its statement is. **Precision** is the
  predictions that match some gold statement / all predictions.
- **Name accuracy** over found rows whose gold names a source (:func:`name_right`): the
  rapidfuzz ratio of predicted to gold name above 80, or the same surname (last token,
  case-insensitive). Gold rows with an empty or ``null`` name are *left out* of name
  accuracy (counted as "gold rows without a name"): an unnamed source is judged by type
  accuracy, and the extractor's name for it (a role such as "the spokesman") is no name.
- **Type accuracy** over found rows with a canonical gold type (:func:`normalise_type`):
  named-person, named-organization, document, unnamed-group, unnamed-person, anonymous.
  Rows with another, blank or malformed type stay in the found rate but are left out of
  type accuracy, and counted as "untyped gold rows".
- A found row's name and type are judged on its best match: the highest piece ratio, ties
  going to a prediction whose name, then type, is right for that row (several statements
  cut from one sentence tie), then to the whole texts' ratio.
- Gold rows with an empty statement are skipped and counted; rows with more or fewer
  fields than the header are read as far as they go and counted as malformed.

The report also gives, by :mod:`newsgraph.evaluate.figure_benchmark`, how often the predicted
figures inside gold statements carry the statement's source.

**The split** (:func:`split_parts`) protects a held-out measurement: the gold files are
sorted by story number N, and the one at index ``i`` is held-out when ``i % 5 == 4``,
else dev. Misses and false positives are only ever kept for dev articles; a report over
held-out articles holds aggregates alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from newsgraph.evaluate.figure_benchmark import (
    FigureSourceScore,
    figure_source_dict,
    figure_source_lines,
    score_figure_sources,
)
from newsgraph.evaluate.report import ErrorExample, Ratio
from newsgraph.evaluate.sourcing_rules import (
    CANONICAL_TYPES,
    PARTS,
    UNTYPED,
    GoldFile,
    GoldRow,
    MatchText,
    Part,
    Prediction,
    match_pieces,
    match_score,
    name_right,
    normalise_type,
    pieces,
    predictions,
    read_gold,
    source_type,
    split_parts,
    story_number,
)
from newsgraph.extract.readers import ReadFailure, read_file
from newsgraph.extract.records import Article, Extraction

__all__ = [
    "CANONICAL_TYPES",
    "GoldRow",
    "Prediction",
    "SourcingReport",
    "evaluate_sourcing",
    "match_score",
    "name_right",
    "normalise_type",
    "pieces",
    "predictions",
    "read_gold",
    "source_type",
    "split_parts",
]


@dataclass
class SourcingScore:
    """The counts of one article."""

    article: str
    part: str
    gold_rows: int = 0
    found: int = 0
    predictions: int = 0
    matched_predictions: int = 0
    names: Ratio = field(default_factory=Ratio)
    types: Ratio = field(default_factory=Ratio)
    by_type: dict[str, Ratio] = field(default_factory=dict)
    untyped: int = 0
    unnamed: int = 0
    malformed: int = 0
    empty: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    examples: list[ErrorExample] = field(default_factory=list)
    """Misses, false positives, wrong names and types; kept for dev articles only."""
    keep_examples: bool = True
    figure_sources: FigureSourceScore | None = None
    """Sources of figures inside gold statements (:mod:`newsgraph.evaluate.figure_benchmark`)."""

    def error(self, kind: str, text: str, detail: str = "") -> None:
        self.errors[kind] += 1
        if self.keep_examples:
            self.examples.append(ErrorExample(kind, " ".join(text.split()), detail))


def _describe(item: Prediction | GoldRow) -> str:
    return f"{item.name or '(no name)'} ({item.type or getattr(item, 'raw_type', '') or '?'})"


def score_sourcing(
    preds: Sequence[Prediction],
    gold: GoldFile,
    *,
    article: str = "",
    part: str = "dev",
) -> SourcingScore:
    """Match one article's predictions against its gold rows (see the module notes)."""
    score = SourcingScore(
        article=article,
        part=part,
        gold_rows=len(gold.rows),
        predictions=len(preds),
        malformed=gold.malformed,
        empty=gold.empty,
        keep_examples=part == "dev",
    )
    pred_texts = [MatchText.of(p.text) for p in preds]
    statements = {row.statement: MatchText.of(row.statement) for row in gold.rows}
    # (piece ratio, whole ratio, prediction index) of every match, by gold statement
    matches: dict[str, list[tuple[float, float, int]]] = {}
    matched_preds: set[int] = set()
    for statement, gold_text in statements.items():
        found = []
        for i, pred_text in enumerate(pred_texts):
            ratio = match_pieces(pred_text, gold_text)
            if ratio is not None:
                found.append((ratio, fuzz.ratio(pred_text.norm, gold_text.norm), i))
                matched_preds.add(i)
        matches[statement] = found
    score.matched_predictions = len(matched_preds)
    for row in gold.rows:
        kind = row.type or UNTYPED
        of_type = score.by_type.setdefault(kind, Ratio())
        if row.type is None:
            score.untyped += 1
        if row.name is None:
            score.unnamed += 1
        found = matches[row.statement]
        of_type.add(bool(found))
        if not found:
            score.error(f"missed {kind}", row.statement, _describe(row))
            continue
        score.found += 1
        _, _, best = max(
            found,
            key=lambda m: (
                m[0],
                row.name is not None and name_right(preds[m[2]].name, row.name),
                row.type is not None and preds[m[2]].type == row.type,
                m[1],
                -m[2],
            ),
        )
        pred = preds[best]
        if row.name is not None:
            ok = name_right(pred.name, row.name)
            score.names.add(ok)
            if not ok:
                score.error("wrong name", row.statement, f"{_describe(pred)} != {_describe(row)}")
        if row.type is not None:
            ok = pred.type == row.type
            score.types.add(ok)
            if not ok:
                score.error("wrong type", row.statement, f"{_describe(pred)} != {_describe(row)}")
    for i, pred in enumerate(preds):
        if i not in matched_preds:
            score.error(f"false positive {pred.origin}", pred.text, _describe(pred))
    return score


def _all_examples(score: SourcingScore) -> list[ErrorExample]:
    """The scorer's examples, then the figure measure's."""
    return score.examples + (score.figure_sources.examples if score.figure_sources else [])


def _rate(value: float, denominator: int) -> str:
    return f"{value:.3f}" if denominator else "-"


def _sum_ratio(ratios: Iterable[Ratio]) -> Ratio:
    total = Ratio()
    for r in ratios:
        total += r
    return total


@dataclass
class SourcingReport:
    """Scores of the articles of one part, with totals."""

    title: str = ""
    part: str = "dev"
    articles: list[SourcingScore] = field(default_factory=list)
    missing_articles: list[str] = field(default_factory=list)
    """Gold files whose article is not in ``articles.jsonl`` (named for dev ones only)."""
    missing_count: int = 0
    no_gold: list[str] = field(default_factory=list)
    """Articles that have no gold file (in no part)."""
    read_failures: list[str] = field(default_factory=list)

    @property
    def gold_rows(self) -> int:
        return sum(s.gold_rows for s in self.articles)

    @property
    def predictions(self) -> int:
        return sum(s.predictions for s in self.articles)

    @property
    def found(self) -> Ratio:
        return Ratio(sum(s.found for s in self.articles), self.gold_rows)

    @property
    def precision(self) -> Ratio:
        return Ratio(sum(s.matched_predictions for s in self.articles), self.predictions)

    @property
    def names(self) -> Ratio:
        return _sum_ratio(s.names for s in self.articles)

    @property
    def types(self) -> Ratio:
        return _sum_ratio(s.types for s in self.articles)

    def found_by_type(self) -> dict[str, Ratio]:
        """Found rate per gold type (the canonical six, then untyped rows)."""
        return {
            kind: _sum_ratio(s.by_type.get(kind, Ratio()) for s in self.articles)
            for kind in (*CANONICAL_TYPES, UNTYPED)
        }

    def counts(self) -> dict[str, int]:
        """Counts about the gold and the input."""
        return {
            "untyped_gold_rows": sum(s.untyped for s in self.articles),
            "gold_rows_without_name": sum(s.unnamed for s in self.articles),
            "malformed_gold_rows": sum(s.malformed for s in self.articles),
            "empty_gold_rows_skipped": sum(s.empty for s in self.articles),
            "gold_without_article": self.missing_count,
            "articles_without_gold": len(self.no_gold),
            "read_failures": len(self.read_failures),
        }

    def errors(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for s in self.articles:
            total.update(s.errors)
        return total

    def _dev_details(self) -> list[SourcingScore]:
        return [s for s in self.articles if s.part == "dev"]

    def to_dict(self, *, verbose: bool = False) -> dict[str, Any]:
        """The totals (and, when ``verbose``, the dev articles' errors) as plain data."""

        def rate(r: Ratio) -> dict[str, Any]:
            return {"count": r.correct, "total": r.total, "rate": round(r.value, 4)}

        data: dict[str, Any] = {
            "title": self.title,
            "part": self.part,
            "articles": len(self.articles),
            "gold_rows": self.gold_rows,
            "predictions": self.predictions,
            "found_rate": rate(self.found),
            "precision": rate(self.precision),
            "name_accuracy": self.names.to_dict(),
            "type_accuracy": self.types.to_dict(),
            "found_rate_by_type": {k: rate(r) for k, r in self.found_by_type().items()},
            "counts": self.counts(),
            "errors": dict(self.errors()),
            "figure_sources": figure_source_dict(s.figure_sources for s in self.articles),
            "missing_articles": list(self.missing_articles),
            "articles_without_gold": list(self.no_gold),
            "read_failures": list(self.read_failures),
        }
        if verbose:
            data["per_article"] = [
                {
                    "article": s.article,
                    "gold_rows": s.gold_rows,
                    "found": s.found,
                    "predictions": s.predictions,
                    "matched_predictions": s.matched_predictions,
                    "errors": [vars(e) for e in _all_examples(s)],
                }
                for s in self._dev_details()
            ]
        return data

    def format_table(self, *, verbose: bool = False) -> str:
        """A plain-text table of the metrics (plus the dev articles' errors when ``verbose``)."""

        lines = [f"Evaluation: {self.title} ({len(self.articles)} articles)", ""]
        lines.append(f"{'articles':<16} {len(self.articles):>6}")
        lines.append(f"{'gold rows':<16} {self.gold_rows:>6}")
        lines.append(f"{'predictions':<16} {self.predictions:>6}")
        lines.append("")
        for label, r, note in (
            ("found rate", self.found, "of gold rows"),
            ("precision", self.precision, "of predictions"),
            ("name accuracy", self.names, "of found rows naming a source"),
            ("type accuracy", self.types, "of found rows with a canonical type"),
        ):
            lines.append(
                f"{label:<16} {r.correct:>6} / {r.total:<6} {_rate(r.value, r.total):>6}  ({note})"
            )
        lines += ["", *figure_source_lines(s.figure_sources for s in self.articles)]
        lines += ["", "found rate by gold type"]
        for kind, r in self.found_by_type().items():
            lines.append(f"  {kind:<20} {r.correct:>5} / {r.total:<5} {_rate(r.value, r.total)}")
        lines += [""]
        lines += [f"{key.replace('_', ' '):<32} {n:>5}" for key, n in self.counts().items()]
        lines += ["", f"{'error kind':<32} {'count':>5}"]
        lines += [f"{kind:<32} {n:>5}" for kind, n in sorted(self.errors().items())]
        if self.missing_articles:
            lines += ["", "gold without article: " + ", ".join(self.missing_articles)]
        if self.no_gold:
            lines += ["", "articles without gold: " + ", ".join(self.no_gold)]
        lines += [f"read failure: {failure}" for failure in self.read_failures]
        if verbose:
            for score in self._dev_details():
                examples = _all_examples(score)
                if examples:
                    lines += ["", f"== {score.article}"]
                    lines += [f"  [{e.kind}] {e.text!r} {e.detail}" for e in examples]
            if any(s.part != "dev" for s in self.articles):
                lines += ["", "(held-out articles are not listed)"]
        return "\n".join(lines)


def evaluate_sourcing(
    folder: Path,
    extract: Callable[[Article], Extraction],
    *,
    part: Part = "dev",
    limit: int | None = None,
) -> SourcingReport:
    """Extract and score the articles of one part of a sourcing benchmark folder.

    Args:
        folder: Holding ``articles.jsonl`` and ``gold/N.csv``.
        extract: Turns an :class:`Article` into an :class:`Extraction`.
        part: ``dev``, ``held-out`` or ``all`` (see :func:`split_parts`).
        limit: Score only the first ``limit`` articles of the part, by story number.

    Returns:
        The report; it keeps error examples for dev articles only.
    """

    if part not in PARTS:
        raise ValueError(f"part must be one of {', '.join(PARTS)}, not {part!r}")
    folder = Path(folder)
    gold_paths = {
        n: p for p in (folder / "gold").glob("*.csv") if (n := story_number(p.name)) is not None
    }
    parts = split_parts(gold_paths)
    report = SourcingReport(title=f"{folder.name}, part {part}", part=part)
    articles: dict[int, Article] = {}
    for item in read_file(folder / "articles.jsonl"):  # as ingest reads them
        if isinstance(item, ReadFailure):
            report.read_failures.append(str(item))
            continue
        number = story_number(item.id)
        if number is None or number not in gold_paths:
            report.no_gold.append(item.id)
        else:
            articles[number] = item
    chosen = [n for n in sorted(gold_paths) if part == "all" or parts[n] == part]
    for number in chosen:
        if limit is not None and len(report.articles) >= limit:
            break
        if number not in articles:
            report.missing_count += 1
            if parts[number] == "dev":
                report.missing_articles.append(gold_paths[number].name)
            continue
        article = articles[number]
        gold = read_gold(gold_paths[number])
        extraction = extract(article)
        preds = predictions(extraction)
        score = score_sourcing(preds, gold, article=article.id, part=parts[number])
        score.figure_sources = score_figure_sources(
            extraction, gold, preds, keep_examples=parts[number] == "dev"
        )
        report.articles.append(score)
    return report
