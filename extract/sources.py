"""Sources an article describes without naming them: documents, unnamed people and groups,
anonymous sources.

A speaker or figure source whose phrase names no one the article names ("analysts", "a
spokeswoman for Hanover Re", "the meeting agenda", "a person familiar with the matter")
is typed here by what English marks in the phrase itself:

- **anonymous**: the phrase says the source is kept unnamed ("on condition of anonymity",
  "familiar with", "not authorized to speak"), or its head is a source by nature
  ("sources", "an insider");
- **document**: its head names a document (report, poll, survey, filing, agenda, website);
- **unnamed group**: its head is plural, coordinated ("farmers and lawyers"), counted above
  one, or a quantifier standing alone ("some", "others");
- **unnamed person**: its head is singular and names a person ("a spokeswoman", "one
  resident", "a pharmacist").

A proper name, a pronoun, or a common noun that names neither a person nor a document
("the markets", "prices") is not a source. The affiliation is the organisation the phrase
attaches the source to ("for Hanover Re", "a Pentagon official", "the company's lawyer"),
or the document's owner ("a Gallup poll", "a survey by the Pew Research Center"). All
functions are pure functions of spaCy tokens.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.extract.cues import document_owner
from newsgraph.extract.lexicon import (
    ANONYMITY_MARKERS,
    ANONYMOUS_HEADS,
    DOCUMENT_NOUNS,
    ORG_NOUNS,
    PERSON_NOUN_SUFFIXES,
    PERSON_NOUNS,
    PERSON_ROLE_NOUNS,
    REPRESENTATIVE_NOUNS,
)
from newsgraph.extract.records import EntityKind

_LEFT_DEPS = {"det", "amod", "compound", "nummod", "poss", "quantmod", "nmod", "case", "predet"}
_AFFILIATING = {"for", "of", "at", "with", "from", "in", "on", "inside", "within"}
_QUANTIFIER_GROUPS = {
    "some", "many", "others", "other", "several", "few", "most", "both", "all", "those",
}  # fmt: skip
_QUANTIFIER_PERSONS = {"one", "someone", "somebody", "another"}
_LEADING = {"the", "a", "an"}
_PLURAL_DOCUMENTS = {"result", "number", "finding", "figure", "statistic", "record", "datum"}
_MAX_TOKENS = 14


@dataclass(frozen=True)
class Described:
    """A source as the article describes it."""

    kind: EntityKind
    description: str
    """The phrase as written, leading article dropped ("spokeswoman for Hanover Re")."""
    start: int
    end: int
    """Character offsets of the phrase."""
    affiliation: Token | None = None
    """The head of the organisation (or a document's owner) the phrase names, if any."""
    represents: bool = False
    """The source speaks for its affiliation (:data:`REPRESENTATIVE_NOUNS`)."""


def person_noun(lemma: str) -> bool:
    """True when a noun's lemma names people ("resident", "pharmacist", "officials")."""
    return (
        lemma in PERSON_NOUNS
        or lemma in PERSON_ROLE_NOUNS
        or (len(lemma) > 5 and lemma.endswith(PERSON_NOUN_SUFFIXES))
    )


def describe_source(head: Token) -> Described | None:
    """Type the unnamed source whose head is ``head``, or None when it is not one."""
    if head.ent_type_ == "NORP" and head.tag_ in ("NNPS", "NNS"):
        # "Democrats say", "Palestinians and rights groups say": a people, not one person
        first, last = _phrase(head)
        span = head.doc[first : last + 1]
        description = span.text.strip(" ,;:—–-\"'“”")
        if description:
            return Described("unnamed-group", description, span.start_char, span.end_char)
        return None
    if head.pos_ in ("PROPN", "PRON", "PUNCT", "VERB", "AUX") and head.lower_ not in (
        _QUANTIFIER_GROUPS | _QUANTIFIER_PERSONS
    ):
        return None
    quantifier = head.lower_ in _QUANTIFIER_GROUPS | _QUANTIFIER_PERSONS
    if head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "DATE", "TIME") and not quantifier:
        return None
    lemma, lower = head.lemma_.lower(), head.lower_
    kind = _kind(head, lemma, lower)
    if kind is None:
        return None
    first, last = _phrase(head, clauses=kind == "anonymous")
    doc = head.doc
    while first < head.i and doc[first].lower_ in _LEADING:
        first += 1
    span = doc[first : last + 1]
    description = span.text.strip(" ,;:—–-\"'“”")
    if not description:
        return None
    owner = document_owner(head) if kind == "document" else _affiliation(head)
    # A spokesperson speaks as whom they speak for, and a document issued by someone as
    # its issuer ("Forbes estimates", "a Gallup poll"): news sourcing counts the issuer.
    represents = owner is not None and (
        kind == "document"
        or lemma in REPRESENTATIVE_NOUNS
        and kind != "anonymous"
        and not (lemma == "official" and _a_people(owner))
    )  # "a Canadian official familiar with the talks": anonymous, and of no one body
    return Described(kind, description, span.start_char, span.end_char, owner, represents)


def _kind(head: Token, lemma: str, lower: str) -> EntityKind | None:
    if _anonymous(head) and (
        person_noun(lemma) or lemma in ANONYMOUS_HEADS or lower in _QUANTIFIER_GROUPS
    ):
        return "anonymous"
    if lower in _QUANTIFIER_PERSONS and head.pos_ in ("NUM", "PRON", "DET", "NOUN"):
        return "unnamed-person" if lower != "some" else "unnamed-group"
    if lower in _QUANTIFIER_GROUPS and head.pos_ in ("DET", "PRON", "ADJ", "NOUN"):
        return "unnamed-group"
    if head.pos_ not in ("NOUN",):
        return None
    if lemma in DOCUMENT_NOUNS and not person_noun(lemma):
        return "document"
    plural = head.tag_ in ("NNS", "NNPS") or _coordinated(head) or _counted(head)
    if plural:
        if person_noun(lemma) or lemma in ORG_NOUNS:
            return "unnamed-group"
        if lemma in _PLURAL_DOCUMENTS:
            return "document"
        return None
    if person_noun(lemma):
        return "unnamed-person"
    return None


def _a_people(owner: Token) -> bool:
    """True for an affiliation that is a country or a people ("a US official", "Canadian
    officials"): an official of a country may work for any of its bodies, so speaks for
    none the article names (a spokesperson's office is to speak for one: "an Irregular
    spokesperson" speaks for Irregular, however the model tags it)."""
    return owner.ent_type_ in ("GPE", "NORP") and owner.dep_ in ("compound", "amod", "nmod")


def _anonymous(head: Token) -> bool:
    """True when the phrase keeps its source unnamed ("sources", "a person familiar with
    the matter", "an official who spoke on condition of anonymity")."""
    around = " ".join(t.lower_ for t in head.subtree)
    return head.lemma_.lower() in ANONYMOUS_HEADS or any(m in around for m in ANONYMITY_MARKERS)


def _coordinated(head: Token) -> bool:
    """True for "farmers and lawyers" (a noun joined to another)."""
    return any(c.dep_ == "conj" and c.pos_ == "NOUN" for c in head.children)


def _counted(head: Token) -> bool:
    """True for "two officials", "dozens of residents" (a number above one)."""
    for child in head.children:
        if child.dep_ == "nummod" and child.lower_ not in ("one", "1", "a"):
            return True
    return False


def _phrase(head: Token, *, clauses: bool = False) -> tuple[int, int]:
    """The token range of the source phrase: its modifiers, coordinated nouns and
    prepositional phrases, and at most :data:`_MAX_TOKENS`; relative clauses only with
    ``clauses`` (they are what makes a source anonymous)."""
    first = last = head.i
    for child in head.lefts:
        if child.dep_ in _LEFT_DEPS or (child.dep_ == "cc" and child.i < head.i):
            first = min(first, child.left_edge.i)
    for child in head.rights:
        if child.dep_ in ("prep", "amod") or (child.dep_ == "conj" and child.pos_ == "NOUN"):
            last = max(last, child.right_edge.i)
        elif child.dep_ == "cc":
            last = max(last, child.i)
        elif clauses and child.dep_ in ("relcl", "acl"):
            last = max(last, child.right_edge.i)
        elif child.dep_ in ("relcl", "acl", "appos", "punct"):
            break
    first = max(first, head.i - _MAX_TOKENS)
    last = min(last, head.i + _MAX_TOKENS)
    doc = head.doc
    comma = next((t.i for t in doc[head.i + 1 : last + 1] if t.text in (",", "(", "—")), None)
    if comma is not None and not clauses:  # "recordings of calls ..., which were shared"
        last = comma - 1
    while last > head.i and doc[last].pos_ in ("PUNCT", "CCONJ", "ADP"):
        last -= 1
    return first, last


def _affiliation(head: Token) -> Token | None:
    """The organisation an unnamed source is attached to: "a spokeswoman for Hanover Re",
    "officials at the ministry", "a Pentagon official", "the company's lawyer"."""
    for child in head.children:
        if child.dep_ in ("compound", "poss", "nmod") and (
            child.ent_type_ in ("ORG", "GPE", "NORP") or child.pos_ == "PROPN"
        ):
            return child
        if (
            child.dep_ == "amod"
            and child.text[:1].isupper()
            and child.ent_type_ in ("ORG", "NORP")
            and head.lemma_.lower() in REPRESENTATIVE_NOUNS
        ):
            return child  # "an Irregular spokesperson": the company the model took for a people
        if child.dep_ == "poss" and child.lemma_.lower() in ORG_NOUNS:
            return child
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in _AFFILIATING:
            continue
        target = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if target is None:
            continue
        if target.ent_type_ in ("ORG", "GPE") or target.pos_ == "PROPN":
            return target
        if target.lemma_.lower() in ORG_NOUNS:
            return target
    return None
