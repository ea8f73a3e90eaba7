"""The journalistic-sourcing benchmark's rules, as its own scorer applies them ("fuzz_split"):
its gold files (:func:`read_gold`, :class:`GoldRow`), the predictions scored against them
(:func:`predictions`), how a predicted text matches a gold statement (:func:`match_score`),
when a name is right (:func:`name_right`), the canonical source types
(:func:`normalise_type`, :func:`source_type`) and the dev / held-out split
(:func:`split_parts`). :mod:`newsgraph.evaluate.sourcing` scores articles by them, and
:mod:`newsgraph.evaluate.figure_benchmark` the sources of figures inside gold statements.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from rapidfuzz import fuzz

from newsgraph.evaluate.gold import normalise_text, tokens
from newsgraph.extract.records import Entity, Extraction
from newsgraph.ontology import SOURCE_TYPES

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
    """The attributed items of an extraction: statements (one per speaker of a statement
    coordinated speakers share), and figures whose source is attributed in their own
    sentence (not carried from context).

    Items with the same normalised sentence, name and type count once.
    """
    items = [
        Prediction(s.sentence or s.text, speaker.source_name, source_type(speaker), "statement")
        for s in extraction.statements
        for speaker in (s.speaker, *s.co_speakers)  # "A and B warned": each is a source
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
class MatchText:
    """A text prepared for matching: normalised, and its pieces."""

    norm: str
    pieces: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> MatchText:
        return cls(normalise_text(text), tuple(pieces(text)))


def match_pieces(pred: MatchText, gold: MatchText) -> float | None:
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
    return match_pieces(MatchText.of(predicted), MatchText.of(gold))


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
