"""Who reports the figures inside the benchmark's sourced statements.

The journalistic-sourcing benchmark (:mod:`newsgraph.evaluate.sourcing`) annotates statements and
their sources, not figures; but a figure that sits inside a sourced statement is reported
by that statement's source. This measure asks of the extractor's figures what the
benchmark can answer: **of the predicted figures that lie inside a found gold sourced
statement, how many carry that statement's gold source?**

Definitions (one article at a time; the report adds them up by part):

- A gold row is **found** when some prediction of the article matches its statement by the
  scorer's rule (:func:`newsgraph.evaluate.sourcing_rules.match_score` over
  :func:`newsgraph.evaluate.sourcing_rules.predictions`), exactly as the found rate counts it.
- A predicted figure **lies inside** a gold statement when its normalised ``text`` (quote
  marks plain, whitespace collapsed, lower case) is a substring of the statement's, and its
  sentence is where the statement is: the sentence lies in the statement, the statement in
  the sentence, or the two match by the scorer's rule. (The second test keeps a "10%" in
  one paragraph from landing in a statement that quotes another "10%".)
- A gold row is **judged** when it names a source or has a canonical type; rows with
  neither say nothing about who the source is.
- A figure is **counted** when it lies inside at least one found, judged gold row. Each
  predicted figure counts once, however many rows hold it.
- Its **source is right** when, for some row holding it, the name is right (the
  scorer's :func:`newsgraph.evaluate.sourcing_rules.name_right`: rapidfuzz ratio above 80
  or the same last token) where the row names a source, and the type is the row's
  (:func:`newsgraph.evaluate.sourcing_rules.source_type`) where the row has a canonical
  type. A row with no name is judged on type alone (an unnamed group, an anonymous
  source), one with no canonical type on its name alone. A figure with no source is wrong.
- Name and type are also counted apart: **name right** over counted figures some of
  whose rows name a source, **type right** over those some of whose rows are typed.
- The same counts over *all* judged gold rows, found or not, are kept as a second line
  (``in any gold statement``): what a figure inside a statement the statement rules miss
  is given.

Examples of wrong and sourceless figures are kept for dev articles only, like the
scorer's; a held-out report holds aggregates alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgraph.evaluate.gold import normalise_text
from newsgraph.evaluate.report import ErrorExample, Ratio
from newsgraph.evaluate.sourcing_rules import (
    GoldFile,
    GoldRow,
    Prediction,
    match_score,
    name_right,
    source_type,
)
from newsgraph.extract.records import Extraction, Figure

__all__ = [
    "FigureSourceScore",
    "figure_source_dict",
    "figure_source_lines",
    "figure_source_totals",
    "lies_inside",
    "score_figure_sources",
]


@dataclass
class FigureSourceCounts:
    """The counts over one set of gold rows (found ones, or all)."""

    right: Ratio = field(default_factory=Ratio)
    names: Ratio = field(default_factory=Ratio)
    types: Ratio = field(default_factory=Ratio)
    no_source: int = 0

    def __add__(self, other: FigureSourceCounts) -> FigureSourceCounts:
        return FigureSourceCounts(
            self.right + other.right,
            self.names + other.names,
            self.types + other.types,
            self.no_source + other.no_source,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "figures": self.right.total,
            "source_right": self.right.to_dict(),
            "name_right": self.names.to_dict(),
            "type_right": self.types.to_dict(),
            "no_source": self.no_source,
        }


@dataclass
class FigureSourceScore:
    """One article's counts: figures in found gold statements, and in any."""

    found: FigureSourceCounts = field(default_factory=FigureSourceCounts)
    any: FigureSourceCounts = field(default_factory=FigureSourceCounts)
    examples: list[ErrorExample] = field(default_factory=list)
    """Wrong or missing sources of figures in found statements (dev articles only)."""


def lies_inside(figure: Figure, statement: str) -> bool:
    """True when the figure's text is in the statement and its sentence is where the
    statement is (see the module notes).

    >>> f = Figure("12 percent", 0, 10, sentence="Sales fell 12 percent, Ada Quill said.")
    >>> other = "Harbour rents climbed by 12 percent last year"
    >>> lies_inside(f, "Sales fell 12 percent"), lies_inside(f, other)
    (True, False)
    """

    text, gold = normalise_text(figure.text), normalise_text(statement)
    if not text or text not in gold:
        return False
    sentence = normalise_text(figure.sentence or figure.text)
    return sentence in gold or gold in sentence or match_score(sentence, gold) is not None


def _judge(figure: Figure, rows: Sequence[GoldRow], counts: FigureSourceCounts) -> bool:
    """Add the figure's verdict against the rows that hold it; True when its source is right."""

    name = figure.source.source_name if figure.source is not None else None
    kind = source_type(figure.source)
    named = [r for r in rows if r.name is not None]
    typed = [r for r in rows if r.type is not None]
    right = figure.source is not None and any(
        (r.name is None or name_right(name, r.name)) and (r.type is None or kind == r.type)
        for r in rows
    )
    counts.right.add(right)
    if named:
        counts.names.add(any(name_right(name, r.name) for r in named))
    if typed:
        counts.types.add(figure.source is not None and any(kind == r.type for r in typed))
    counts.no_source += figure.source is None
    return right


def _describe_rows(rows: Sequence[GoldRow]) -> str:
    return " or ".join(f"{r.name or '(no name)'} ({r.type or r.raw_type or '?'})" for r in rows)


def score_figure_sources(
    extraction: Extraction,
    gold: GoldFile,
    preds: Sequence[Prediction],
    *,
    keep_examples: bool = True,
) -> FigureSourceScore:
    """Judge the sources of one article's figures that lie inside its gold statements."""

    score = FigureSourceScore()
    judged = [r for r in gold.rows if r.name is not None or r.type is not None]
    statements = {r.statement for r in judged}
    found = {s for s in statements if any(match_score(p.text, s) is not None for p in preds)}
    for figure in extraction.figures:
        rows = [r for r in judged if lies_inside(figure, r.statement)]
        if not rows:
            continue
        _judge(figure, rows, score.any)
        found_rows = [r for r in rows if r.statement in found]
        if found_rows and not _judge(figure, found_rows, score.found) and keep_examples:
            source = figure.source
            given = (
                f"{source.source_name} ({source.source_type}, {figure.attribution})"
                if source
                else "no source"
            )
            score.examples.append(
                ErrorExample(
                    "figure source" if source else "figure without source",
                    " ".join(figure.sentence.split()) or figure.text,
                    f"{figure.text!r}: {given} != {_describe_rows(found_rows)}",
                )
            )
    return score


def figure_source_totals(scores: Iterable[FigureSourceScore | None]) -> FigureSourceScore:
    """The counts of several articles added up (examples are not carried)."""
    total = FigureSourceScore()
    for score in scores:
        if score is not None:
            total.found += score.found
            total.any += score.any
    return total


def _line(label: str, r: Ratio, note: str) -> str:
    rate = f"{r.value:.3f}" if r.total else "-"
    return f"{label:<16} {r.correct:>6} / {r.total:<6} {rate:>6}  ({note})"


def figure_source_lines(scores: Iterable[FigureSourceScore | None]) -> list[str]:
    """The report's lines for this measure (aggregates only)."""
    total = figure_source_totals(scores)
    lines = []
    for where, counts in (
        ("found gold statements", total.found),
        ("any gold statement", total.any),
    ):
        lines += [
            f"figures inside {where}: is their source the statement's?",
            _line("  source right", counts.right, "name and type"),
            _line("  name right", counts.names, "where the statement names a source"),
            _line("  type right", counts.types, "where the statement is typed"),
            f"  {'no source':<14} {counts.no_source:>6}",
        ]
    return lines


def figure_source_dict(scores: Iterable[FigureSourceScore | None]) -> dict[str, Any]:
    """The measure's totals as plain data."""
    total = figure_source_totals(scores)
    return {"in_found_statements": total.found.to_dict(), "in_any_statement": total.any.to_dict()}
