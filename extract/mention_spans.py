"""Which tokens make a mention: the span of a speaker, a name, an office or an affiliation.

A speaker's head token is widened to the mention it belongs to: a name with its compound
and title modifiers ("Lt Gen Berrier"), joint names ("Reuters/Ipsos"), an identifiable
office or organisation phrase ("the region's governor", "the country's military"); a
one-word name to its fuller form elsewhere in the article ("Salcedo", "Bamby Salcedo").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.extract.lexicon import (
    GENERIC_ORG_NOUNS,
    ORG_NOUNS,
    PERSON_ROLE_NOUNS,
    UNNAMED_SPEAKER_NOUNS,
)
from newsgraph.extract.name_forms import DETERMINERS, name_pieces, norm_word
from newsgraph.extract.records import EntityKind


def speaker_span(token: Token) -> Span:
    """The mention span for a speaker whose head is ``token``.

    Prefers a name inside the phrase (the appositive "Igor Konashenkov" of "the spokesman
    of the Ministry of Defense, Igor Konashenkov"), else the noun phrase with its
    of-phrase, without relative clauses or trailing appositives.
    """
    doc = token.doc
    if token.pos_ != "PROPN":
        for child in token.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                return compound_span(child)
        holder = _holder_after_of_phrase(token)
        if holder is not None:
            return compound_span(holder)
    if token.pos_ == "PROPN":
        return compound_span(token)
    found = role_phrase(token)
    if found is not None:
        return found[0]
    left = [c for c in token.lefts if c.dep_ in ("poss", "compound", "amod", "nmod", "det")]
    start = min([c.left_edge.i for c in left] + [token.i])
    return doc[start : token.i + 1]


def _holder_after_of_phrase(token: Token) -> Token | None:
    """The person named in apposition after a role's of-phrase, which the parser hangs on
    the of-phrase's noun: "the leader of Restore Britain, Rupert Lowe, said" is Lowe (a
    body is not in apposition with a person's name)."""
    if norm_word(token.text) not in PERSON_ROLE_NOUNS:
        return None
    for prep in token.children:
        if prep.dep_ != "prep" or prep.text.lower() != "of":
            continue
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            for child in obj.children:
                if child.dep_ == "appos" and child.pos_ == "PROPN" and child.ent_type_ == "PERSON":
                    return child
    return None


def role_phrase(token: Token) -> tuple[Span, EntityKind] | None:
    """An identifiable office holder or organisation phrase headed by ``token``.

    "the region's governor", "governor of Yakutia", "the country's military",
    "the BBC's Russian-language service" qualify: a possessive, an of-phrase or a proper
    modifier makes them identifiable. Plural and indefinite phrases never do.
    """
    head = norm_word(token.text)
    lemma = token.lemma_.lower()
    if token.tag_ in ("NNS", "NNPS") or lemma in UNNAMED_SPEAKER_NOUNS:
        return None
    kind: EntityKind
    if head in PERSON_ROLE_NOUNS:
        kind = "role"
    elif head in ORG_NOUNS or lemma in ORG_NOUNS:
        kind = "org"
    else:
        return None  # (asked first: this runs for every noun of an article)
    if any(
        c.dep_ == "det" and c.text.lower() in ("a", "an", "some", "any") for c in token.children
    ):
        return None
    left = [c for c in token.lefts if c.dep_ in ("poss", "compound", "amod", "nmod", "det")]
    of_phrase = [
        c for c in token.rights if c.dep_ == "prep" and c.text.lower() == "of" and list(c.children)
    ]
    identifying = [c for c in left if c.dep_ == "poss" or c.pos_ == "PROPN" or c.ent_type_]
    if not identifying and not of_phrase:
        return None
    if _placed_variation(token, identifying, of_phrase):
        return None
    start = min([c.left_edge.i for c in left] + [token.i])
    end = max([c.right_edge.i for c in of_phrase] + [token.i])
    doc = token.doc
    while start < token.i and doc[start].text.lower() in DETERMINERS:
        start += 1
    return doc[start : end + 1], kind


def _placed_variation(token: Token, identifying: list[Token], of_phrase: list[Token]) -> bool:
    """True for "the Menlo Park company", "the Seoul-based firm": a generic organisation
    noun that only a place identifies refers back to an organisation the article named (a
    writer's variation for it), and names none of its own."""
    if token.lemma_.lower() not in GENERIC_ORG_NOUNS or of_phrase or token.text[:1].isupper():
        return False
    definite = any(c.dep_ == "det" and c.text.lower() == "the" for c in token.children)
    places = [c for c in identifying if c.dep_ != "poss" and c.ent_type_ in ("GPE", "LOC")]
    # a word naming the body's work makes it one body of that place ("the Harbour County
    # health department", "the city's police department"): not a variation
    working = [
        c
        for c in token.lefts
        if c.dep_ in ("compound", "amod", "nmod")
        and not any(t.ent_type_ in ("GPE", "LOC") for t in c.subtree)  # "Seoul-based"
    ]
    return definite and bool(places) and len(places) == len(identifying) and not working


def affiliation_span(token: Token) -> Span:
    """The name of an affiliation: a proper name with its compounds, or an organisation
    phrase ("the ministry", "the country's military")."""
    if token.pos_ == "PROPN" or token.ent_type_:
        return compound_span(token)
    found = role_phrase(token)
    if found is not None:
        return found[0]
    left = [c for c in token.lefts if c.dep_ in ("compound", "amod", "det")]
    start = min([c.i for c in left] + [token.i])
    return token.doc[start : token.i + 1]


def compound_span(token: Token) -> Span:
    """A proper name with its compound and title modifiers ("Lt Gen Berrier")."""
    return _joint_name(_compound_name(token))


def _joint_name(span: Span) -> Span:
    """A name widened over names joined to it by a slash with no spaces: the joint name of
    co-sponsors ("Reuters/Ipsos", "NPR/PBS NewsHour/Marist")."""
    doc = span.doc
    start, end = span.start, span.end
    while (
        start >= 2
        and doc[start - 1].text == "/"
        and not doc[start - 2].whitespace_
        and not doc[start - 1].whitespace_
        and doc[start - 2].text[:1].isupper()
    ):
        start -= 2
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].whitespace_:
            start -= 1
    while (
        end + 1 < len(doc)
        and doc[end].text == "/"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].text[:1].isupper()
    ):
        end += 2
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
    return doc[start:end]


def _compound_name(token: Token) -> Span:
    doc = token.doc
    if token.ent_type_:
        start, end = token.i, token.i
        while start > 0 and doc[start - 1].ent_iob_ != "O" and doc[start].ent_iob_ == "I":
            start -= 1
        while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
            end += 1
        span = doc[start : end + 1]
        pieces = [p for p in name_pieces(span) if token in p]
        if pieces:
            return doc[pieces[0][0].i : pieces[0][-1].i + 1]
        return span
    left = [c for c in token.lefts if c.dep_ in ("compound", "amod") and c.pos_ == "PROPN"]
    start = min([c.left_edge.i for c in left] + [token.i])
    return doc[start : token.i + 1]


def full_name(surname: Span) -> Span | None:
    """A fuller form of a one-word name in the same article: two or three proper nouns
    ending in that word ("Bamby Salcedo" for "Salcedo"), the first such."""
    word = surname[0].text
    for token in surname.doc:
        if token.text != word or token.i == surname.start or token.pos_ != "PROPN":
            continue
        start = token.i
        while start > 0 and surname.doc[start - 1].pos_ == "PROPN" and token.i - start < 2:
            start -= 1
        if start < token.i and all(t.text.istitle() for t in surname.doc[start : token.i]):
            return surname.doc[start : token.i + 1]
    return None
