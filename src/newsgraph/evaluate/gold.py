"""Score extractions against gold annotations (the seeds-gold format of ``eval/README.md``).

:func:`score_article` compares one :class:`~newsgraph.extract.records.Extraction` with one
gold dict and returns counts; :func:`evaluate` runs an extractor over a folder of gold files
and sums them into a :class:`Report`. The matching rules follow the README's "Suggested
matching for scoring":

- **Statements** match when, after normalising quotation marks, apostrophes and whitespace
  (NBSP included) and lower-casing, their word tokens have a Jaccard index of at least 0.5,
  or the token sequence of one quote contains the other's. Pairs are matched one to one,
  greedily by best Jaccard.
- **Speakers** are scored over matched statements: after stripping leading honorifics and
  titles, some form of the predicted speaker (its ``name`` or an alias) equals, contains or
  shares its last token with the gold speaker or one of its ``speaker_aliases``. Gold items
  whose ``speaker`` is null (PolNeAR pronoun sources) are left out of speaker scoring.
- **Dates** are scored over matched statements whose gold date is not null. A predicted
  date (``Statement.date``; none when ``date_basis`` is ``"publication"``) on a statement
  whose matched gold date is null is an *unsupported date*; this count includes matches of
  optional gold items, because no statement may carry a date the text does not support.
- **Figures** match when any of the predicted ``value``/``low``/``high`` equals any of the
  gold ones within 0.5% relative tolerance and the predicted span overlaps an occurrence of
  the gold ``text`` in the article. **Sources** are scored like speakers, over matched gold
  figures whose ``source`` is not null, using ``source_aliases``.
- Gold items with ``"optional": true`` are neither counted as misses nor, when predicted,
  as false positives (nor as true positives).
- A gold dict may say ``"statements_annotated": false`` (as the BBC figure set does),
  ``"dates_annotated": false`` or ``"figures_annotated": false`` (as the PolNeAR gold
  does); that part of the scoring is then skipped for that article.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from newsgraph.evaluate.report import ArticleScore, Counts, Ratio, Report
from newsgraph.extract.readers import read_article_file, read_file
from newsgraph.extract.records import Article, Entity, Extraction, Figure, Statement

__all__ = [
    "ArticleScore",
    "Counts",
    "Ratio",
    "Report",
    "evaluate",
    "name_matches",
    "quote_similarity",
    "read_article",
    "score_article",
]

JACCARD_THRESHOLD = 0.5
RELATIVE_TOLERANCE = 0.005

QUOTE_CHARS = str.maketrans(
    {c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e"}
    | {c: "'" for c in "\u2018\u2019\u201a\u201b\u2039\u203a\u2032`\u00b4"}
)
"""Curly, low, angle and prime quotation marks and apostrophes mapped to plain ones."""

_TITLE_WORDS = (
    "mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend president vice "
    "prime minister secretary chancellor senator sen rep representative gov governor mayor "
    "judge justice gen general lt lieutenant col colonel maj major capt captain cmdr commander "
    "adm admiral sgt sergeant brig brigadier marshal field chief spokesman spokeswoman "
    "spokesperson"
)
TITLES = frozenset(_TITLE_WORDS.split())
"""Honorifics and titles stripped from the front of a name when a capitalised word follows
("Lt Gen Scott Berrier" -> "Scott Berrier"; "governor of Yakutia" is left alone)."""

ARTICLES = frozenset({"the", "a", "an"})
_TOKEN = re.compile(r"\w+(?:'\w+)*")


def normalise_text(text: str) -> str:
    """Map quotation marks to plain ones, collapse whitespace (NBSP too) and lower-case.

    >>> normalise_text("\\u201cAlmost\\u00a0all\\u201d  it\\u2019s")
    '"almost all" it\\'s'
    """
    return " ".join(text.translate(QUOTE_CHARS).split()).lower()


def tokens(text: str) -> list[str]:
    """The word tokens of normalised text (punctuation and quotation marks dropped)."""
    return _TOKEN.findall(normalise_text(text))


def _contains(outer: Sequence[str], inner: Sequence[str]) -> bool:
    """True when the token sequence ``inner`` occurs inside ``outer``."""
    n = len(inner)
    return n > 0 and any(list(outer[i : i + n]) == list(inner) for i in range(len(outer) - n + 1))


def quote_similarity(predicted: str, gold: str) -> float | None:
    """The Jaccard index of two quotes' tokens when they match, else None.

    >>> quote_similarity("almost all of them", "Almost all of them had been recalled")
    0.5714285714285714
    """
    pred, ref = tokens(predicted), tokens(gold)
    if not pred or not ref:
        return None
    jaccard = len(set(pred) & set(ref)) / len(set(pred) | set(ref))
    if jaccard >= JACCARD_THRESHOLD or _contains(pred, ref) or _contains(ref, pred):
        return jaccard
    return None


def name_tokens(name: str) -> list[str]:
    """A name's tokens with a leading article and honorifics/titles stripped.

    >>> name_tokens("Lt Gen Scott D. Berrier")
    ['scott', 'd', 'berrier']
    """
    words = name.translate(QUOTE_CHARS).replace(".", " ").split()
    while len(words) > 1 and words[0].lower() in ARTICLES:
        words = words[1:]
    while len(words) > 1 and words[0].lower() in TITLES and words[1][:1].isupper():
        words = words[1:]
    return tokens(" ".join(words))


def name_matches(predicted: Iterable[str], gold: Iterable[str]) -> bool:
    """True when some predicted form equals, contains or shares its last token with a gold form.

    >>> name_matches(["Putin"], ["Vladimir Putin"])
    True
    """
    golds = [g for g in (name_tokens(n) for n in gold) if g]
    for pred in (name_tokens(n) for n in predicted):
        if pred and any(pred == g or _contains(pred, g) or pred[-1] == g[-1] for g in golds):
            return True
    return False


def entity_forms(entity: Entity | None) -> list[str]:
    """The name and aliases of a predicted speaker or source, and the name a reader gives it
    (a spokesperson's or an issued document's organisation: "data provided by X" is X's)."""
    if entity is None:
        return []
    return list(dict.fromkeys([entity.name, *entity.aliases, entity.source_name]))


def _name(entity: Entity | None) -> str:
    return entity.name if entity is not None else "(none)"


def predicted_date(statement: Statement) -> dt.date | None:
    """The statement's own date; None when only the publication date supports it."""
    return None if statement.date_basis == "publication" else statement.date


def _greedy_pairs(scored: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """One-to-one (prediction, gold) pairs, best score first."""
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    pairs = []
    for _score, i, j in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if i not in used_pred and j not in used_gold:
            used_pred.add(i)
            used_gold.add(j)
            pairs.append((i, j))
    return pairs


def _gold_kind(gold: dict) -> str:
    """The gold statement's ``kind``, or direct/indirect from ``direct`` when it has none."""
    return gold.get("kind") or ("direct" if gold.get("direct") else "indirect")


def _judge_statement(score: ArticleScore, pred: Statement, gold: dict, *, dates: bool) -> None:
    """Count the speaker, date and unsupported date of a prediction matched to ``gold``."""
    gold_date = gold.get("date") if dates else None
    date = predicted_date(pred)
    if dates and gold_date is None and date is not None:
        score.unsupported_dates += 1
        score.error("unsupported date", pred.text, str(date))
    if gold.get("optional"):
        return
    score.statements.tp += 1
    score.matched_kinds[_gold_kind(gold)] += 1
    if gold.get("speaker") is not None:
        forms = [gold["speaker"], *gold.get("speaker_aliases", ())]
        ok = name_matches(entity_forms(pred.speaker), forms)
        score.speakers.add(ok)
        if not ok:
            score.error("wrong speaker", gold["quote"], f"{_name(pred.speaker)} != {forms[0]}")
    if gold_date is not None:
        score.dates.add(str(date) == gold_date)
        if str(date) != gold_date:
            score.error("wrong date", gold["quote"], f"{date} != {gold_date}")


def _score_statements(
    score: ArticleScore, preds: Sequence[Statement], golds: list[dict], *, dates: bool = True
) -> None:
    scored = []
    for i, pred in enumerate(preds):
        for j, gold in enumerate(golds):
            sim = quote_similarity(pred.text, gold["quote"])
            if sim is not None:
                scored.append((sim, i, j))
    pairs = dict(_greedy_pairs(scored))
    for i, pred in enumerate(preds):
        if i in pairs:
            _judge_statement(score, pred, golds[pairs[i]], dates=dates)
        else:
            score.statements.fp += 1
            score.error("false positive statement", pred.text, _name(pred.speaker))
    matched_gold = set(pairs.values())
    for j, gold in enumerate(golds):
        if j not in matched_gold and not gold.get("optional"):
            score.statements.fn += 1
            score.error(f"missed {_gold_kind(gold)}", gold["quote"], gold.get("speaker") or "")


def _numbers(item: Figure | dict) -> list[float]:
    get = item.get if isinstance(item, dict) else lambda k: getattr(item, k)
    return [float(v) for v in (get("value"), get("low"), get("high")) if v is not None]


def numbers_match(predicted: Sequence[float], gold: Sequence[float]) -> bool:
    """True when any predicted number equals any gold number within 0.5% relative tolerance."""
    return any(
        abs(p - g) <= RELATIVE_TOLERANCE * max(abs(p), abs(g)) for p in predicted for g in gold
    )


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Every (start, end) of ``needle`` in ``text``, allowing any run of whitespace for a space."""
    pattern = r"\s+".join(re.escape(part) for part in needle.split())
    return [m.span() for m in re.finditer(pattern, text)] if pattern else []


def _score_figures(
    score: ArticleScore, text: str, preds: Sequence[Figure], golds: list[dict]
) -> None:
    scored = []
    for j, gold in enumerate(golds):
        spans = occurrences(text, gold["text"])
        if not spans:
            score.errors["gold figure text not found"] += 1
        for i, pred in enumerate(preds):
            if not numbers_match(_numbers(pred), _numbers(gold)):
                continue
            overlaps = [min(pred.end, e) - max(pred.start, s) for s, e in spans]
            best = max(overlaps, default=0)
            if best > 0:
                scored.append((best / max(pred.end - pred.start, 1), i, j))
    pairs = dict(_greedy_pairs(scored))
    matched_gold = set(pairs.values())
    for i, pred in enumerate(preds):
        if i not in pairs:
            score.figures.fp += 1
            score.error("false positive figure", pred.text, f"{_numbers(pred)}")
            continue
        gold = golds[pairs[i]]
        if gold.get("optional"):
            continue
        score.figures.tp += 1
        if gold.get("source") is not None:
            forms = [gold["source"], *gold.get("source_aliases", ())]
            ok = name_matches(entity_forms(pred.source), forms)
            score.sources.add(ok)
            if not ok:
                score.error("wrong source", gold["text"], f"{_name(pred.source)} != {forms[0]}")
        elif pred.source is not None:
            score.error("source where gold has none", gold["text"], pred.source.name)
    for j, gold in enumerate(golds):
        if j not in matched_gold and not gold.get("optional"):
            score.figures.fn += 1
            score.error("missed figure", gold["text"], f"{_numbers(gold)}")


def score_article(extraction: Extraction, gold: dict) -> ArticleScore:
    """Match one article's predicted statements and figures against its gold annotation.

    Args:
        extraction: What the extractor found; figure offsets refer to
            ``extraction.article.text``.
        gold: One gold dict in the seeds-gold format.

    Returns:
        The article's counts, error kinds and error examples.
    """
    score = ArticleScore(article=gold.get("article") or extraction.article.id)
    statements = list(gold.get("statements", ()))
    dates = gold.get("dates_annotated", True)
    if gold.get("statements_annotated", True):
        _score_statements(score, extraction.statements, statements, dates=dates)
    if gold.get("figures_annotated", True):
        golds = list(gold.get("figures", ()))
        _score_figures(score, extraction.article.text, extraction.figures, golds)
    return score


def read_article(path: Path, published: str | None) -> Article:
    """Read an article file, with the gold's publication date as the fallback."""
    return _dated(read_article_file(path), published)


def _dated(article: Article, published: str | None) -> Article:
    if article.published is None and published:
        article = dataclasses.replace(article, published=dt.date.fromisoformat(published))
    return article


def gold_part(paths: list[Path], part: str) -> list[Path]:
    """The gold files of one part: held-out is every fifth file in name order (index
    ``i % 5 == 4``), as the gold folders' READMEs name them; dev the others; all, all.

    >>> [p.name for p in gold_part([Path(f"{n}.json") for n in "abcdefghij"], "held-out")]
    ['e.json', 'j.json']
    """
    ordered = sorted(paths, key=lambda p: p.name)
    if part == "all":
        return ordered
    held = part == "held-out"
    return [p for i, p in enumerate(ordered) if (i % 5 == 4) == held]


def evaluate(
    gold_dir: Path,
    articles: Path,
    extract: Callable[[Article], Extraction],
    *,
    part: str = "all",
) -> Report:
    """Extract every article that has a gold file and score it.

    Args:
        gold_dir: Folder of gold ``<name>.json`` files.
        articles: The folder holding the files the gold ``"article"`` keys name, or a JSON
            Lines file whose records' ids they name (``sourcing-105``); gold files whose
            article is absent are listed in ``Report.skipped``.
        extract: Turns an :class:`Article` into an :class:`Extraction`.
        part: ``all``, ``dev`` or ``held-out`` (:func:`gold_part`).

    Returns:
        The per-article scores and their totals.
    """
    report = Report(title=f"{Path(gold_dir).name} vs {Path(articles).name}")
    records: dict[str, Article] = {}
    if Path(articles).is_file():
        records = {a.id: a for a in read_file(Path(articles)) if isinstance(a, Article)}
    for gold_path in gold_part(list(Path(gold_dir).glob("*.json")), part):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        name = gold.get("article", "")
        if records:
            article = records.get(name)
            if article is None:
                report.skipped.append(gold_path.name)
                continue
            article = _dated(article, gold.get("published"))
        else:
            article_path = Path(articles) / name
            if not name or not article_path.is_file():
                report.skipped.append(gold_path.name)
                continue
            article = read_article(article_path, gold.get("published"))
        report.articles.append(score_article(extract(article), gold))
    return report
