"""The small frozen records that extraction produces.

Extraction turns an :class:`Article` into an :class:`Extraction`: the statements, figures
and entity mentions found in it. Nothing here knows about RDF, spaCy or the store; the
mapping to RDF lives in :mod:`newsgraph.store.rdf`, the only place that mints IRIs.

Character offsets (``start``/``end``) are always offsets into ``Article.text``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

EntityKind = Literal[
    "person", "org", "role", "group", "document", "unnamed-person", "unnamed-group", "anonymous"
]
"""What a speaker or source is: a named person, a named organisation, an unnamed but
identifiable office holder ("the region's governor"), several named people jointly, a
document ("the meeting agenda", "a Gallup poll"), one person the article does not name ("a
spokeswoman", "one resident"), several ("analysts", "some farmers and lawyers"), or a
source the article keeps anonymous ("a person familiar with the matter")."""

UNNAMED_KINDS: frozenset[str] = frozenset(
    {"document", "unnamed-person", "unnamed-group", "anonymous"}
)
"""Kinds of source described, not named: nodes of their article, never merged across
articles nor with a named person; their ``name`` is the description as written."""

SOURCE_TYPES: dict[str, str] = {
    "person": "named-person",
    "group": "named-person",
    "org": "named-organization",
    "role": "unnamed-person",
    "document": "document",
    "unnamed-person": "unnamed-person",
    "unnamed-group": "unnamed-group",
    "anonymous": "anonymous",
}
"""Each kind's source type in the journalistic-sourcing benchmark's taxonomy."""

StatementKind = Literal["direct", "fragment", "indirect", "mixed"]
"""direct: the whole quote inside marks; fragment: a quoted phrase pinned to a speaker;
indirect: reported speech; mixed: reported speech containing a quoted fragment."""

DateBasis = Literal["explicit", "context", "publication"]
"""Where a statement's date comes from: a time expression governing it in the same
sentence, one carried over from a neighbouring sentence, or only the publication date
(a fallback that queries can tell apart: such a statement has no ``date``)."""

Attribution = Literal["explicit", "context", "quote", "none"]
"""How a figure's source was found: named in the sentence, carried from context, the
speaker of the quotation or reported speech the figure sits in, or no source."""


@dataclass(frozen=True)
class Article:
    """One news article as read from a file or a JSON Lines record."""

    id: str
    """The article's identifier: for a file, its path relative to the folder named on the
    command line (``business/001.txt``), or its name when the file itself was named; for
    JSON Lines, the record's ``id``, else its ``url``. A front matter ``id`` overrides."""
    text: str
    """The body text that extraction reads (metadata header removed)."""
    title: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    url: str | None = None
    origin: str = ""
    """Where it was read from, for messages: ``path`` or ``path:line``."""


@dataclass(frozen=True)
class Entity:
    """A person or organisation as one article names it, resolved within the article.

    ``name`` is the fullest form of the name found in the article, without titles or
    honorifics; ``aliases`` are the other forms used for it (including pronoun-free role
    phrases such as "the Russian president").
    """

    name: str
    kind: EntityKind
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    """Titles and honorifics seen before the name ("Major General", "President")."""
    roles: tuple[str, ...] = ()
    """Roles seen with the name ("spokesman of the Defense Ministry")."""
    affiliation: Entity | None = None
    """For an unnamed source, the organisation it belongs to or speaks for ("a spokeswoman
    for Hanover Re"); for a document, who issued it ("a Gallup poll")."""
    represents: bool = False
    """An unnamed source whose office is to speak for its affiliation (a spokesperson,
    officials, a representative): its words are its affiliation's."""

    @property
    def source_type(self) -> str:
        """The benchmark's source type (:data:`SOURCE_TYPES`); an unnamed spokesperson's
        is that of whom they speak for (news sourcing counts "a Travis County Sheriff's
        Office spokesperson" as the office)."""
        if self.represents and self.affiliation is not None:
            return self.affiliation.source_type
        return SOURCE_TYPES[self.kind]

    @property
    def source_name(self) -> str:
        """The name a reader would give the source: a spokesperson's affiliation's."""
        if self.represents and self.affiliation is not None:
            return self.affiliation.source_name
        return self.name


@dataclass(frozen=True)
class Statement:
    """Someone said something: a direct quotation or reported speech."""

    speaker: Entity
    text: str
    """The words attributed, an exact substring of the article (quotation marks excluded)."""
    start: int
    end: int
    kind: StatementKind
    sentence: str
    """The sentence(s) holding the statement, as evidence."""
    sentence_start: int
    sentence_end: int
    cue: str | None = None
    """The cue word ("said", "according to", "added"), or None for an uncued continuation."""
    speaker_mention: str | None = None
    """The speaker exactly as written at the cue ("he", "the spokesman", "Putin")."""
    co_speakers: tuple[Entity, ...] = ()
    """The others coordinated with ``speaker`` as the cue's subject ("OpenAI, Anthropic and
    Meta reported ...": Anthropic and Meta), each of whom said it too; ``speaker`` is the
    first named."""
    date: dt.date | None = None
    """The day the words were spoken; None when the text does not support a day."""
    date_basis: DateBasis = "publication"
    date_text: str | None = None
    """The time expression the date comes from ("on Wednesday", "the day before")."""
    negated: bool = False
    """The statement denies or negates its content ("do not and will not participate",
    "denied that ..."); set by :mod:`newsgraph.extract.stance`."""
    keywords: tuple[str, ...] = ()
    """Lemmas of the content words of ``text``, lower case, in text order: what the
    statement is about, for matching the same claim and contradictions across articles."""
    denies: tuple[str, ...] = ()
    """When ``negated``: the lemmas of what is denied — the negated words and the nouns
    they govern ("conscripts do not participate" -> participate, conscript)."""
    denied_words: tuple[str, ...] = ()
    """When ``negated``: the lemmas of the negated words alone ("participate")."""

    @property
    def direct(self) -> bool:
        """True when the whole quote is inside quotation marks."""
        return self.kind in ("direct", "fragment")


@dataclass(frozen=True)
class Figure:
    """A number reported as a claim about the world."""

    text: str
    """A short exact substring holding the number and what it counts."""
    start: int
    end: int
    value: float | None = None
    """The stated number in base units (£5.5bn -> 5.5e9; 46 percent -> 46); None for a range."""
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    """"percent", "percentage point", an ISO 4217 code ("GBP", "USD") or another unit;
    None for a count."""
    what: str | None = None
    """What is counted, short and readable ("Russian troops killed")."""
    qualifier: str | None = None
    """The bound word as written ("at least", "more than", "nearly", "around")."""
    hedge: str | None = None
    """A hedge on the figure ("may have", "low confidence", "estimated")."""
    source: Entity | None = None
    attribution: Attribution = "none"
    sentence: str = ""
    sentence_start: int = 0
    sentence_end: int = 0


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    statements: tuple[Statement, ...] = ()
    figures: tuple[Figure, ...] = ()
    entities: tuple[Entity, ...] = field(default=())
