"""Read PolNeAR attributions as gold statements and score an extractor against them.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates attributions in BRAT standoff:
``T`` lines are typed spans (``Source``, ``Cue``, ``Content``, ``Attribution``, ...) with
character offsets into the article text, possibly discontinuous (``315 448;463 553``), and
``E`` lines tie an ``Attribution`` (or ``Attribution-no-source``) to its ``Cue``,
``Content`` and ``Source``. A split folder holds ``text/<name>.txt`` and
``attributions/<name>_<annotator>.ann``; ``metadata.tsv`` beside the splits gives each
article's publisher and publication date.

Each attribution becomes a statement in the seeds-gold format (``eval/README.md``), so
:func:`newsgraph.evaluate.gold.score_article` scores it unchanged:

- ``quote`` runs from the start of the Content to its end (a Content split by the cue keeps
  the cue, as in the seeds gold), with surrounding quotation marks, a leading "that" and a
  trailing comma dropped. A Content split by the cue into fully quoted stretches
  (``"A," he said. "B."``) gives one statement per stretch instead, as in the seeds gold.
  ``direct`` is true when the whole Content sits inside quotation marks; ``kind`` is
  ``direct``, ``mixed`` (a quoted stretch inside) or ``indirect``.
- ``speaker`` is the name the Source gives (:func:`source_name`: appositions and party
  tags cut; the whole span goes in ``speaker_aliases`` and ``source_text``). When the
  Source is a pronoun ("he", "they", "who") or a description ("the president"), the
  speaker is null, which leaves the statement out of speaker scoring (PolNeAR does not
  resolve coreference). Compound Sources ("Mr. Grassley and Mr. Leahy") are optional, as
  compound speakers are in the seeds gold.
- Only attributions whose Cue holds a speech verb (:data:`SPEECH_CUES`) are required.
  Attributions with other cues (beliefs, polls, "called"), with no Source, or whose Source
  is unnamed (no capital letter and not a pronoun: "sources", "officials") are kept as
  ``optional``, mirroring the seeds gold, so predicting them is neither rewarded nor punished.
- The **all-speech mode** (``all_speech=True``, ``newsgraph evaluate --polnear DIR
  --all-speech``) counts every speech attribution: one whose Cue holds a speech verb or a
  speech act (:data:`SPEECH_ACTS`: asked, urged, called for, accused, ...) is required
  whatever its Source. When that Source is unnamed, a pronoun, a description, compound or
  missing, the speaker is null, which keeps the item out of speaker scoring but not out of
  statement scoring. Non-speech cues stay optional. The default mode is unchanged.
- PolNeAR annotates neither dates nor figures: the gold says ``"dates_annotated": false``
  and ``"figures_annotated": false``, and those metrics are skipped.
- When an article has several annotators' files, the first by annotator code is used.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsgraph.evaluate.gold import score_article
from newsgraph.evaluate.report import Report
from newsgraph.extract.records import Article, Extraction

_SPEECH_CUE_WORDS = """
    say says said saying tell tells told telling add adds added adding write writes wrote
    written writing state states stated stating explain explains explained explaining
    note notes noted noting warn warns warned warning insist insists insisted insisting
    claim claims claimed claiming argue argues argued arguing predict predicts predicted
    suggest suggests suggested suggesting announce announces announced declare declares
    declared assert asserts asserted maintain maintains maintained contend contends
    contended stress stresses stressed emphasize emphasized emphasise emphasised reiterate
    reiterated repeat repeated remark remarked reply replied respond responded responding
    continue continued acknowledge acknowledged admit admits admitted concede conceded
    confirm confirmed deny denies denied recall recalled report reports reported comment
    commented testify testified complain complained promise promised vow vowed pledge
    pledged tweet tweets tweeted tweeting quip quipped joke joked boast boasted"""
SPEECH_CUES = frozenset(_SPEECH_CUE_WORDS.split())
"""Cue words that mark speech (inflected forms, matched case-insensitively against each
word of the Cue span), after the seeds gold's "said/told/added/warned/insisted/wrote/
explained/predicted/suggested/according to". Cues holding "according" count as well.
Left out: belief and attitude cues (think, believe, want), speech acts (:data:`SPEECH_ACTS`:
"asked", "called", "described"), and evidence cues (show, found) - their attributions
become optional gold items (speech acts are required in the all-speech mode)."""

_SPEECH_ACT_WORDS = """
    ask asks asked asking urge urges urged urging call calls called calling
    accuse accuses accused accusing describe describes described describing
    criticise criticises criticised criticising criticize criticizes criticized criticizing
    praise praises praised praising blame blames blamed blaming
    demand demands demanded demanding propose proposes proposed proposing
    recommend recommends recommended recommending question questions questioned questioning
    order orders ordered ordering allege alleges alleged alleging
    threaten threatens threatened threatening thank thanks thanked thanking
    apologise apologises apologised apologising apologize apologizes apologized apologizing
    invite invites invited inviting encourage encourages encouraged encouraging
    condemn condemns condemned condemning"""
SPEECH_ACTS = frozenset(_SPEECH_ACT_WORDS.split())
"""Cue words of speech acts (asking, urging, calling for, accusing, ...), all inflections:
required, with :data:`SPEECH_CUES`, in the all-speech mode (``all_speech=True``)."""

_PRONOUN_WORDS = (
    "i me we us you he him she her it they them who which that this these those one his "
    "its their our my your"
)
PRONOUNS = frozenset(_PRONOUN_WORDS.split())
"""Source texts that are pronouns; such statements are not scored for the speaker."""

_DETERMINER_WORDS = "the a an this that these those his her their its our my one another"
DETERMINERS = frozenset(_DETERMINER_WORDS.split())
FUNCTION_WORDS = frozenset({"of", "for", "and", "the", "at", "in", "on", "to", "de", "von", "van"})
"""A Source opening with a determiner and holding a lower-case content word is a description."""

OPENING_MARKS = "\"'\u201c\u2018\u00ab"
CLOSING_MARKS = "\"'\u201d\u2019\u00bb"
DOUBLE_MARKS = '"\u201c\u201d\u00ab\u00bb'
_WORD = re.compile(r"[\w']+")


@dataclass(frozen=True)
class Span:
    """A ``T`` line: a typed span, its text segments and the text the .ann file records."""

    kind: str
    segments: tuple[tuple[int, int], ...]
    recorded: str

    @property
    def start(self) -> int:
        return min(s for s, _ in self.segments)

    @property
    def end(self) -> int:
        return max(e for _, e in self.segments)

    def text(self, article: str) -> str:
        """The span's segments as sliced from the article, joined with a space (as BRAT does)."""
        return " ".join(article[s:e] for s, e in self.segments)


def parse_ann(ann: str) -> tuple[dict[str, Span], list[dict[str, str]]]:
    """Parse BRAT standoff into spans by id and events (role -> span id).

    Lines that are not ``T`` or ``E`` lines (attributes, notes, the continuation of a span
    text holding a newline) are ignored; the article text is the authority for span text.

    >>> spans, events = parse_ann("T1\\tCue 4 8\\tsaid\\nE1\\tAttribution:T1 Cue:T1")
    >>> spans["T1"].segments, events
    (((4, 8),), [{'Attribution': 'T1', 'Cue': 'T1'}])
    """
    spans: dict[str, Span] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, offsets = parts[1].partition(" ")
            segments = tuple(
                (int(a), int(b)) for a, b in (seg.split() for seg in offsets.split(";"))
            )
            spans[parts[0]] = Span(kind, segments, parts[2] if len(parts) > 2 else "")
        elif line.startswith("E") and len(parts) >= 2:
            roles = (arg.split(":", 1) for arg in parts[1].split())
            events.append({role: target for role, target in roles})
    return spans, events


def is_speech_cue(cue: str, *, acts: bool = False) -> bool:
    """True when a Cue span holds a speech verb or "according to" (or, with ``acts``, a
    speech act of :data:`SPEECH_ACTS`).

    >>> is_speech_cue("said in a statement"), is_speech_cue("believes")
    (True, False)
    >>> is_speech_cue("urged"), is_speech_cue("urged", acts=True)
    (False, True)
    """
    words = [w.lower() for w in _WORD.findall(cue)]
    cues = SPEECH_CUES | SPEECH_ACTS if acts else SPEECH_CUES
    return "according" in words or any(w in cues for w in words)


def content_quote(text: str) -> tuple[str, str]:
    """The gold quote and kind of a Content text: marks and a trailing comma stripped.

    >>> content_quote("\u201cWe will win,\u201d")
    ('We will win', 'direct')
    >>> content_quote("he would win \u201cbigly\u201d")
    ('he would win \u201cbigly\u201d', 'mixed')
    >>> content_quote("that taxes will rise,")
    ('taxes will rise', 'indirect')
    """
    quote = text.strip()
    inner = quote.rstrip(".,;:").strip()
    if (
        len(inner) > 1
        and inner[0] in OPENING_MARKS
        and inner[-1] in CLOSING_MARKS
        and not any(c in DOUBLE_MARKS for c in inner[1:-1])
    ):
        return inner[1:-1].strip().rstrip(",").strip(), "direct"
    kind = "mixed" if any(c in DOUBLE_MARKS for c in quote) else "indirect"
    quote = re.sub(r"^that\s+", "", quote, flags=re.IGNORECASE)
    return quote.rstrip(",").strip(), kind


def _quoted_outside(text: str, start: int, end: int) -> bool:
    """True when quotation marks sit just outside ``text[start:end]`` (punctuation between)."""
    before = text[:start].rstrip()[-1:]
    after = text[end:].lstrip(" ,.;:?!")[:1]
    return bool(before) and before in OPENING_MARKS and bool(after) and after in CLOSING_MARKS


def _quote_and_kind(text: str, start: int, end: int) -> tuple[str, str]:
    quote, kind = content_quote(text[start:end])
    if kind == "indirect" and _quoted_outside(text, start, end):
        kind = "direct"
    return quote, kind


def attribution_statements(
    event: dict[str, str], spans: dict[str, Span], text: str, *, all_speech: bool = False
) -> list[dict]:
    """One PolNeAR attribution as gold statement dicts (see the module notes).

    A Content split by its cue into stretches that are each fully quoted
    (``"A," he said. "B."``) gives one statement per stretch, as the seeds gold does;
    any other Content gives one statement from its start to its end.

    With ``all_speech``, an attribution whose cue is a speech verb or a speech act is
    required whatever its source; unnamed and compound sources get a null speaker.
    """
    contents = [spans[event[r]] for r in ("Content", "Content2") if event.get(r) in spans]
    segments = sorted(seg for c in contents for seg in c.segments)
    pieces = [_quote_and_kind(text, a, b) for a, b in segments]
    if len(pieces) < 2 or any(kind != "direct" for _, kind in pieces):
        pieces = [_quote_and_kind(text, segments[0][0], max(b for _, b in segments))]
    cue = spans[event["Cue"]].text(text) if event.get("Cue") in spans else ""
    source = spans[event["Source"]].text(text).strip() if event.get("Source") in spans else ""
    speaker = source_name(source)
    reasons = []
    if not is_speech_cue(cue, acts=all_speech):
        reasons.append(f"non-speech cue {cue!r}")
    if not source:
        reasons.append("no source")
    elif source.lower() not in PRONOUNS and not any(c.isupper() for c in source):
        reasons.append("unnamed source")
    elif speaker and re.search(r"\band\b|&", speaker):
        reasons.append("compound source")
    optional = bool(reasons)
    if all_speech and optional and is_speech_cue(cue, acts=True):
        optional = False  # a speech attribution: required; its speaker only when named
        speaker = None
    statements = []
    for quote, kind in pieces:
        statement = {
            "speaker": speaker,
            "speaker_aliases": [source] if speaker and source != speaker else [],
            "quote": quote,
            "direct": kind == "direct",
            "date": None,
            "kind": kind,
            "cue": cue,
            "source_text": source,
        }
        if optional:
            statement["optional"] = True
        if reasons:
            statement["note"] = "; ".join(reasons)
        statements.append(statement)
    return statements


def source_name(source: str) -> str | None:
    """The name a PolNeAR Source span gives, or None when it is no name.

    Appositions, party tags and roles are cut (everything from the first comma or dash,
    parenthesised parts). None for pronouns and for descriptions ("the president",
    "A spokeswoman for Hillary Clinton"), which need coreference the gold does not give.

    >>> source_name("Sen. Lindsey Graham (R-S.C.)"), source_name("Kenneth Baer, an adviser")
    ('Sen. Lindsey Graham', 'Kenneth Baer')
    >>> source_name("The New York Post"), source_name("The president"), source_name("he")
    ('The New York Post', None, None)
    """
    name = re.split(r",|\s--\s|\s\u2014\s?|\u2014", re.sub(r"\s*\([^)]*\)", "", source))[0]
    words = name.split()
    if not words or name.lower() in PRONOUNS:
        return None
    if words[0].lower() in DETERMINERS and any(
        w[:1].islower() and w not in FUNCTION_WORDS for w in words[1:]
    ):
        return None
    return " ".join(words)


def read_metadata(metadata: Path) -> dict[str, dict[str, str]]:
    """The rows of ``metadata.tsv`` by file name (without ``.txt``)."""
    with open(metadata, encoding="utf-8", newline="") as handle:
        return {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}


def _article(path: Path, row: dict[str, str]) -> Article:
    text = path.read_text(encoding="utf-8")
    date = row.get("publication_date") or ""
    return Article(
        id=path.name,
        text=text,
        title=text.split("\n", 1)[0].strip() or None,
        publisher=row.get("publisher") or None,
        published=dt.date.fromisoformat(date) if re.fullmatch(r"\d{4}-\d\d-\d\d", date) else None,
        origin=str(path),
    )


def polnear_gold(
    split_dir: Path, metadata: Path, *, all_speech: bool = False
) -> Iterator[tuple[Article, dict]]:
    """Yield each article of a PolNeAR split with its gold dict in the seeds-gold format.

    Args:
        split_dir: A split folder holding ``text/`` and ``attributions/``.
        metadata: The corpus ``metadata.tsv``.
        all_speech: Require every speech attribution (see the module notes).

    Yields:
        ``(article, gold)``; ``gold["span_mismatches"]`` counts ``T`` spans whose recorded
        text differs from the article slice (the statement uses the slice).
    """
    rows = read_metadata(metadata)
    split_dir = Path(split_dir)
    for path in sorted((split_dir / "text").glob("*.txt")):
        anns = sorted((split_dir / "attributions").glob(f"{path.stem}_*.ann"))
        if not anns:
            continue
        article = _article(path, rows.get(path.stem, {}))
        spans, events = parse_ann(anns[0].read_text(encoding="utf-8"))
        mismatches = sum(s.recorded != s.text(article.text) for s in spans.values())
        statements = [
            statement
            for event in events
            if any(event.get(r) in spans for r in ("Content", "Content2"))
            for statement in attribution_statements(
                event, spans, article.text, all_speech=all_speech
            )
        ]
        yield (
            article,
            {
                "article": path.name,
                "published": article.published.isoformat() if article.published else None,
                "statements": statements,
                "figures": [],
                "dates_annotated": False,
                "figures_annotated": False,
                "annotation": anns[0].name,
                "span_mismatches": mismatches,
            },
        )


def evaluate_polnear(
    split_dir: Path,
    extract: Callable[[Article], Extraction],
    limit: int | None = None,
    metadata: Path | None = None,
    *,
    all_speech: bool = False,
) -> Report:
    """Score an extractor's statements against a PolNeAR split.

    Args:
        split_dir: ``.../polnear/dev`` or ``.../polnear/train``.
        extract: Turns an :class:`Article` into an :class:`Extraction`.
        limit: Score only the first ``limit`` articles (in file-name order).
        metadata: The ``metadata.tsv``; by default the one beside the split folder.
        all_speech: Require every speech attribution, whatever its source (see the module
            notes); by default only those with a speech-verb cue and a named or pronoun
            source are.

    Returns:
        The report; ``notes`` counts span mismatches, optional and pronoun-source items.
    """
    split_dir = Path(split_dir)
    report = Report(title=f"PolNeAR {split_dir.name}" + (" (all speech)" if all_speech else ""))
    notes = dict.fromkeys(("span_mismatches", "optional_statements", "pronoun_speakers"), 0)
    for n, (article, gold) in enumerate(
        polnear_gold(
            split_dir, metadata or split_dir.parent / "metadata.tsv", all_speech=all_speech
        )
    ):
        if limit is not None and n >= limit:
            break
        notes["span_mismatches"] += gold["span_mismatches"]
        notes["optional_statements"] += sum(bool(s.get("optional")) for s in gold["statements"])
        notes["pronoun_speakers"] += sum(
            s["speaker"] is None and bool(s["source_text"]) for s in gold["statements"]
        )
        if all_speech:
            notes["required_without_speaker"] = notes.get("required_without_speaker", 0) + sum(
                s["speaker"] is None and not s.get("optional") for s in gold["statements"]
            )
        report.articles.append(score_article(extract(article), gold))
    report.notes = notes
    return report
