"""Names behind source mentions: who "the report", "the company", "they" or "its figures"
stand for, when the entity index cannot say.

Used by :mod:`newsgraph.extract.figure_sources` and, for the documents that speak in
statements, by :mod:`newsgraph.extract.entity_index`. :func:`source_spans` turns a source phrase
into mention spans ("a report by the ONS" gives the ONS); :func:`resolve_first` resolves
them, falling back on the organisation a generic noun stands for ("the firm") and on the
plural subject of the sentence before ("they"); :func:`document_authors` and
:func:`author_of` (through :func:`document_author`) tie an unnamed document ("a report
says") to the author named with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from newsgraph.extract import lexicon as lx
from newsgraph.extract.records import Entity

if TYPE_CHECKING:
    from newsgraph.extract.entities import EntityIndex


def resolve_first(spans: Sequence[Span], entities: EntityIndex) -> Entity | None:
    """The entity of the first span that names one: known to the index, a named
    organisation or person, or a generic company noun ("the firm", "the airline") standing
    for the organisation named last before it."""
    for span in spans:
        entity = _fuller(entities.resolve(span), named_entity(span))
        if entity is not None:
            return entity
    for span in spans:
        entity = _generic_org(span, entities) or _plural_antecedent(span)
        if entity is not None:
            return entity
    return None


def _plural_antecedent(span: Span) -> Entity | None:
    """'They' as a source: the plural subject of the sentence before, when that subject
    spoke or reported ('The tobacco companies deny ... . They also say ...')."""
    if len(span) != 1 or span.root.lower_ != "they" or span.sent.start == 0:
        return None
    previous = span.doc[span.sent.start - 1].sent
    verb = previous.root
    if verb.lemma_.lower() not in lx.FIGURE_SOURCE_VERBS | lx.SPEECH_VERBS | lx.DENIAL_VERBS:
        return None
    for subject in (c for c in verb.children if c.dep_ == "nsubj" and c.tag_ == "NNS"):
        words = [t for t in subject.subtree if t.i <= subject.i and t.dep_ != "det"]
        return Entity(name=" ".join(t.text for t in words), kind="org")
    return None


def _fuller(known: Entity | None, named: Entity | None) -> Entity | None:
    """The index's entity, unless its name is only a fragment of the name written here
    ('Food' for 'the Food and Agriculture Organisation')."""
    if known is None or named is None:
        return known or named
    fragment = known.name != named.name and known.name in named.name.split(" and ")[0]
    if fragment and known.kind == named.kind:
        return replace(named, aliases=(*known.aliases, known.name))
    return known


def _generic_org(span: Span, entities: EntityIndex) -> Entity | None:
    """An organisation standing behind a generic mention: for "the company" or "the firm",
    the one named most often before it; for "its" or "their", the one named last."""
    root = span.root
    pronoun = len(span) == 1 and root.lower_ in ("its", "their")
    definite = any(t.lower_ in ("the", "this") for t in root.children if t.dep_ == "det")
    generic = root.pos_ == "NOUN" and root.lemma_.lower() in lx.GENERIC_ORG_NOUNS
    if not (pronoun or (generic and definite)):
        return None
    before = span.sent.start if pronoun else span.start
    named = [e for e in span.doc.ents if e.end <= before and e.label_ == "ORG"]
    if pronoun:  # "its figures": the organisation named last
        return _org_entity(named[-1], entities) if named else None
    # "the company": the company named most often as a subject or owner so far, then most
    # often. A one-word PERSON name counts too: parsers often take a company for a person.
    names = [e for e in span.doc.ents if e.end <= before and _may_be_company(e)]
    subjects = [e.text for e in names if e.root.dep_ in ("nsubj", "nsubjpass", "poss")]
    texts = [e.text for e in names]
    if not texts:
        return None
    best = max(reversed(texts), key=lambda t: (subjects.count(t), texts.count(t)))
    if subjects.count(best) == 0 and texts.count(best) < 2:
        return None
    return _org_entity(next(e for e in names if e.text == best), entities)


def _may_be_company(ent: Span) -> bool:
    return ent.label_ == "ORG" or (ent.label_ == "PERSON" and len(ent) == 1)


def _org_entity(ent: Span, entities: EntityIndex) -> Entity:
    """The organisation a named mention stands for."""
    entity = entities.resolve(ent) or named_entity(ent)
    if entity is not None and entity.kind == "org":
        return entity
    return Entity(name=re.sub(r"^the\s+", "", ent.text, flags=re.IGNORECASE), kind="org")


@dataclass(frozen=True)
class Author:
    """A document named with its author: 'the joint report from the FAO'."""

    token: int
    noun: str
    entity: Entity


def document_authors(doc: Doc, entities: EntityIndex) -> list[Author]:
    """Every report, survey or study the article names with its author, in text order."""
    authors = []
    for token in doc:
        noun = token.lemma_.lower()
        if noun in lx.DATA_SOURCE_NOUNS and token.pos_ == "NOUN":
            spans = source_spans(token)
            entity = resolve_first(spans, entities) if spans else None
            if entity is not None:
                authors.append(Author(token.i, noun, entity))
    return authors


def author_of(document: Token, authors: Sequence[Author]) -> Entity | None:
    """The author of an unnamed document mention ('a report says', 'the survey found'):
    of the same kind of document named last before it, or, for a first mention, named
    within the next two sentences."""
    noun = document.lemma_.lower()
    same = [a for a in authors if a.noun == noun]
    before = [a for a in same if a.token < document.i]
    if before:
        return before[-1].entity
    sentence = document.sent
    limit = sentence.end
    for _ in range(2):
        if limit < len(document.doc):
            limit = document.doc[limit].sent.end
    after = [a for a in same if document.i < a.token < limit]
    return after[0].entity if after else None


def document_author(document: Token, authors: Sequence[Author]) -> Entity | None:
    """Who a document mention stands for: the author named with it ("data provided by the
    health department"), else that of the document it refers to (:func:`author_of`). Used
    for a document's statements and for its figures alike, so the two never disagree."""
    own = next((a.entity for a in authors if a.token == document.i), None)
    if own is not None:
        return own
    if _generic_document(document) or any(
        c.dep_ in ("compound", "poss", "nmod", "npadvmod") for c in document.children
    ):
        return None  # "polls have shown", "state data shows": not one document named before
    return author_of(document, authors)


def _generic_document(document: Token) -> bool:
    """True for a plural document noun with no determiner ("polls have shown", "studies
    suggest"): documents of that kind in general, not one the article named."""
    return document.tag_ == "NNS" and not any(c.dep_ == "det" for c in document.children)


def source_spans(head: Token) -> list[Span]:
    """Mention spans for a source phrase, most specific first.

    'a report by The Washington Post' gives the Post; 'figures from the ONS' gives the ONS;
    'the spokesman of the ministry' gives 'the spokesman' and the whole phrase.
    """
    doc = head.doc
    spans: list[Span] = []
    if head.lemma_.lower() in lx.DATA_SOURCE_NOUNS:
        participles = [
            c
            for c in head.children
            if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in lx.DOCUMENT_MAKING_VERBS
        ]  # its maker ("data provided by X"), not its holder ("an email seen by Reuters")
        preps = [c for c in head.children if c.dep_ in ("prep", "agent")]
        preps += [c for p in participles for c in p.children if c.dep_ == "agent"]
        for prep in preps:  # 'a report by X', 'data from X', 'data provided by X'
            if prep.lower_ in ("by", "from", "of"):
                for obj in (o for o in prep.children if o.dep_ == "pobj"):
                    spans.extend(source_spans(obj))
        owners = [
            c
            for c in head.children
            if c.dep_ in ("poss", "compound")
            and c.pos_ == "PROPN"
            or c.dep_ == "poss"
            and c.lower_ in ("its", "their")
        ]
        for owner in owners:
            spans.append(doc[owner.left_edge.i : owner.i + 1])
            if owner.right_edge.i > owner.i:  # "the Institute for Fiscal Studies'"
                end = owner.right_edge.i + 1
                while end > owner.i + 1 and doc[end - 1].tag_ == "POS":
                    end -= 1
                spans.append(doc[owner.left_edge.i : end])
        return spans
    spans.append(doc[head.left_edge.i : head.i + 1])
    if head.right_edge.i > head.i:
        spans.append(doc[head.left_edge.i : head.right_edge.i + 1])
    return spans


def named_entity(span: Span) -> Entity | None:
    """An entity for a named source the index does not know ('the Associated Press')."""
    for ent in span.ents:
        if ent.label_ in ("ORG", "PERSON") and len(ent.text) > 1:
            name = re.sub(r"^the\s+", "", ent.text, flags=re.IGNORECASE)
            name = re.sub(r"'s$|’s$", "", name).split(" (")[0]  # "WHO (World": no parenthesis
            return Entity(name=name, kind="person" if ent.label_ == "PERSON" else "org")
    return None
