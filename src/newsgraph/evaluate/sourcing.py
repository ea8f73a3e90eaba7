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

**The split** (:func:`split_parts`) protects a held-out measurement: the gold files are
sorted by story number N, and the one at index ``i`` is held-out when ``i % 5 == 4``,
else dev. Misses and false positives are only ever kept for dev articles; a report over
held-out articles holds aggregates alone.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from rapidfuzz import fuzz

from newsgraph.evaluate.gold import normalise_text, tokens
from newsgraph.evaluate.report import ErrorExample, Ratio
from newsgraph.extract.readers import ReadFailure, read_file
from newsgraph.extract.records import Article, Entity, Extraction
from newsgraph.ontology import SOURCE_TYPES

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

Part = Literal["dev", "held-out", "all"]
PARTS = ("dev", "held-out", "all")

PIECE_THRESHOLD = 70.0
"""A piece pair must have a ratio above this."""
WHOLE_THRESHOLD = 30.0
"""The whole texts must have at least this ratio (unless the prediction is contained)."""
NAME_THRESHOLD = 80.0
"""A predicted name is right above this ratio to the gold name (or on the same surname)."""

CANONICAL_TYPES = SOURCE_TYPES
"""The benchmark's six source types, as ``ng:sourceType`` holds them."""
UNTYPED = "untyped"

_TYPE_NAMES = {
    "named person": "named-person",
    "named organization": "named-organization",
    "named organisation": "named-organization",
    "document": "document",
    "unnamed group of people": "unnamed-group",
    "unnamed group": "unnamed-group",
    "unnamed person": "unnamed-person",
    "anonymous source": "anonymous",
    "anonymous": "anonymous",
} | {t.replace("-", " "): t for t in CANONICAL_TYPES}

_NO_NAME = frozenset({"", "null", "none", "n/a", "na", "-", "nan"})


def normalise_type(value: str | None) -> str | None:
    """A gold "Type of Source" as one of :data:`CANONICAL_TYPES`, or None.

    >>> normalise_type(" Unnamed Group  of People"), normalise_type("Not Defined")
    ('unnamed-group', None)
    """
    key = " ".join((value or "").replace("_", " ").replace("-", " ").lower().split())
    return _TYPE_NAMES.get(key)


def source_type(entity: Entity | None) -> str | None:
    """The canonical source type of a speaker or figure source
    (:attr:`Entity.source_type <newsgraph.extract.records.Entity.source_type>`: a
    spokesperson's is whom they speak for), or None for a kind the taxonomy lacks.

    >>> source_type(Entity("Kremlin", "org")), source_type(Entity("the mayor", "role"))
    ('named-organization', 'unnamed-person')
    """
    if entity is None:
        return None
    try:
        return entity.source_type
    except KeyError:
        return None


@dataclass(frozen=True)
class Prediction:
    """One attributed item: the sentence holding it, its source's name and type."""

    text: str
    name: str | None
    type: str | None
    origin: str = "statement"
    """``statement`` or ``figure``."""


def predictions(extraction: Extraction) -> list[Prediction]:
    """The attributed items of an extraction: statements, and figures whose source is
    attributed in their own sentence (not carried from context).

    Items with the same normalised sentence, name and type count once.
    """
    items = [
        Prediction(s.sentence or s.text, s.speaker.source_name, source_type(s.speaker), "statement")
        for s in extraction.statements
    ] + [
        Prediction(f.sentence or f.text, f.source.source_name, source_type(f.source), "figure")
        for f in extraction.figures
        if f.source is not None and f.attribution != "context"
    ]
    seen: set[tuple[str, str | None, str | None]] = set()
    unique = []
    for item in items:
        key = (normalise_text(item.text), item.name, item.type)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


_ABBREVIATION_WORDS = (
    "mr mrs ms dr prof sr jr st sen rep gov gen lt col capt sgt rev inc corp co ltd vs etc "
    "no jan feb mar apr jun jul aug sep sept oct nov dec dept univ"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*\s+")


def split_sentences(text: str) -> list[str]:
    """Sentences of (normalised) text, not cut after initials or common abbreviations.

    >>> split_sentences('he said "no." then mr. smith left. the u.s. agreed')
    ['he said "no."', 'then mr. smith left.', 'the u.s. agreed']
    """
    sentences, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        words = text[start : match.start()].split()
        last = words[-1].lower().rstrip(".") if words else ""
        if match.group().startswith(".") and (
            last in _ABBREVIATIONS or re.fullmatch(r"(\w\.)*\w", last)
        ):
            continue
        sentences.append(text[start : match.end()].strip())
        start = match.end()
    sentences.append(text[start:].strip())
    return [s for s in sentences if s]


def pieces(text: str) -> list[str]:
    """Normalised text split into sentences, then at commas.

    >>> pieces("\\u201cWe won, again,\\u201d she said.  Then\\nshe left.")
    ['"we won', 'again', '" she said.', 'then she left.']
    """
    return [
        piece.strip()
        for sentence in split_sentences(normalise_text(text))
        for piece in re.split(r",\s*", sentence)
        if piece.strip()
    ]


@dataclass(frozen=True)
class _Text:
    """A text prepared for matching: normalised, and its pieces."""

    norm: str
    pieces: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> _Text:
        return cls(normalise_text(text), tuple(pieces(text)))


def _match(pred: _Text, gold: _Text) -> float | None:
    if not pred.pieces or not gold.pieces:
        return None
    best = max(fuzz.ratio(p, g) for p in pred.pieces for g in gold.pieces)
    if best <= PIECE_THRESHOLD:
        return None
    if fuzz.ratio(pred.norm, gold.norm) >= WHOLE_THRESHOLD or pred.norm in gold.norm:
        return best
    return None


def match_score(predicted: str, gold: str) -> float | None:
    """The best piece ratio when a prediction's sentence matches a gold statement, else None.

    >>> match_score("Taxes will rise, the minister said.", "taxes will rise") is not None
    True
    """
    return _match(_Text.of(predicted), _Text.of(gold))


def name_right(predicted: str | None, gold: str | None) -> bool:
    """True when the names' ratio is above 80 or they share their last token.

    >>> name_right("Liccardo", "Sam Liccardo"), name_right("Jane Smyth", "Joan Smithers")
    (True, False)
    """
    pred, ref = normalise_text(predicted or ""), normalise_text(gold or "")
    if not pred or not ref:
        return False
    if fuzz.ratio(pred, ref) > NAME_THRESHOLD:
        return True
    pred_tokens, ref_tokens = tokens(pred), tokens(ref)
    return bool(pred_tokens and ref_tokens) and pred_tokens[-1] == ref_tokens[-1]


@dataclass(frozen=True)
class GoldRow:
    """One row of a gold CSV."""

    number: str
    statement: str
    type: str | None
    """The canonical type, or None when the row's type is another, blank or malformed."""
    raw_type: str
    name: str | None
    """The source's name; None when the row gives none (empty, ``null``)."""
    title: str = ""


@dataclass
class GoldFile:
    """The rows of a gold CSV, with counts of what could not be read as it should."""

    rows: list[GoldRow] = field(default_factory=list)
    malformed: int = 0
    """Rows with more or fewer fields than the header."""
    empty: int = 0
    """Rows with no statement, skipped."""


_COLUMNS = {
    "number": ("no", 0),
    "statement": ("sourced statements", 1),
    "type": ("type of source", 2),
    "name": ("name of source", 3),
    "title": ("title of source", 4),
}


def read_gold(path: Path) -> GoldFile:
    """Read a gold CSV by its header names (by position where a name is missing)."""
    text = Path(path).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    gold = GoldFile()
    if not rows:
        return gold
    header = [" ".join(h.lower().split()) for h in rows[0]]
    index = {
        key: header.index(name) if name in header else position
        for key, (name, position) in _COLUMNS.items()
    }
    for row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            gold.malformed += 1
        cell = {key: row[i].strip() if i < len(row) else "" for key, i in index.items()}
        if not cell["statement"]:
            gold.empty += 1
            continue
        name = cell["name"]
        gold.rows.append(
            GoldRow(
                number=cell["number"],
                statement=cell["statement"],
                type=normalise_type(cell["type"]),
                raw_type=cell["type"],
                name=None if name.lower() in _NO_NAME else name,
                title=cell["title"],
            )
        )
    return gold


def story_number(name: str) -> int | None:
    """The story number of ``sourcing-N``, ``N.csv`` or ``N``.

    >>> story_number("sourcing-108"), story_number("108.csv"), story_number("x")
    (108, 108, None)
    """
    match = re.fullmatch(r"(?:sourcing-)?(\d+)(?:\.csv)?", name.strip())
    return int(match.group(1)) if match else None


def split_parts(numbers: Iterable[int]) -> dict[int, str]:
    """Each story number's part: sorted, every fifth (index 4, 9, ...) is held-out.

    >>> split_parts([7, 3, 5, 1, 9, 11])
    {1: 'dev', 3: 'dev', 5: 'dev', 7: 'dev', 9: 'held-out', 11: 'dev'}
    """
    return {n: ("held-out" if i % 5 == 4 else "dev") for i, n in enumerate(sorted(set(numbers)))}


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
    pred_texts = [_Text.of(p.text) for p in preds]
    statements = {row.statement: _Text.of(row.statement) for row in gold.rows}
    # (piece ratio, whole ratio, prediction index) of every match, by gold statement
    matches: dict[str, list[tuple[float, float, int]]] = {}
    matched_preds: set[int] = set()
    for statement, gold_text in statements.items():
        found = []
        for i, pred_text in enumerate(pred_texts):
            ratio = _match(pred_text, gold_text)
            if ratio is not None:
                found.append((ratio, fuzz.ratio(pred_text.norm, gold_text.norm), i))
                matched_preds.add(i)
        matches[statement] = found
    score.matched_predictions = len(matched_preds)
    for row in gold.rows:
        kind = row.type or UNTYPED
        ratio = score.by_type.setdefault(kind, Ratio())
        if row.type is None:
            score.untyped += 1
        if row.name is None:
            score.unnamed += 1
        found = matches[row.statement]
        ratio.add(bool(found))
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
                    "errors": [vars(e) for e in s.examples],
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
                if score.examples:
                    lines += ["", f"== {score.article}"]
                    lines += [f"  [{e.kind}] {e.text!r} {e.detail}" for e in score.examples]
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
        report.articles.append(
            score_sourcing(
                predictions(extract(article)), gold, article=article.id, part=parts[number]
            )
        )
    return report
